/**
 * API Gateway stages present a client certificate to their HTTP back ends.
 * Catalog HTRN-APIGW-01 (cdk-nag APIGWSSLEnabled, Config api-gw-ssl-enabled). Hardening: the
 * certificate lets an HTTP back end verify that a request comes from API Gateway. A stage whose
 * REST API (in this template) integrates only with AWS services, Lambda or mocks is skipped: those
 * integrations never use the client certificate.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Resource, Template } from '../../template/model';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Json, Path } from '../../types';
import { pathStartsWith } from '../../path';

/** Integration types that never call an HTTP back end with the client certificate. */
const NO_HTTP = new Set(['AWS', 'AWS_PROXY', 'MOCK']);

type Backends = 'http' | 'none' | 'unknown';
const cache = new WeakMap<Template, Map<string, Backends>>();

export default defineRule({
  meta: {
    id: 'apigateway-stage-client-certificate',
    title: 'API Gateway stages present a client certificate to their HTTP back ends',
    description:
      'A REST API stage can present an SSL client certificate (ClientCertificateId) when it calls HTTP back ends, so that the back end can verify that requests carrying PHI come from API Gateway and not from anyone who found its URL. Stages without one are hardening findings. Stages whose REST API, defined in the same template, integrates only with AWS services, Lambda or mocks are skipped.',
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
    fix: 'suggest',
    messages: {
      noClientCertificate: {
        text: 'API Gateway {{kind}} {{id}} sets no ClientCertificateId{{api}}: its HTTP back ends cannot verify that requests come from API Gateway.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-APIGWSSLEnabled'],
      config: ['api-gw-ssl-enabled'],
    },
  },

  check(resource, ctx) {
    const api = apiOf(ctx);
    if (api && backendsOf(ctx.template, api) === 'none') return;
    const apiText = api ? ` (REST API ${api.logicalId}${backendsOf(ctx.template, api) === 'http' ? ', which has HTTP integrations' : ''})` : '';
    if (resource.type === 'AWS::ApiGateway::Stage') {
      for (const c of ctx.prop('ClientCertificateId')) judge(ctx, c, ctx.propPath(), 'stage', apiText);
      return;
    }
    // A Deployment creates a stage only when it names one.
    const named = ctx.prop('StageName').some((s) => !s.known || (typeof s.value === 'string' && s.value !== ''));
    if (!named) return;
    for (const sd of ctx.prop('StageDescription')) {
      if (!sd.known) {
        ctx.report({ messageId: 'unverifiable', at: sd, data: { what: 'the stage settings (StageDescription)', reason: sd.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (sd.value !== undefined && !isObject(sd.value)) continue;
      const holder = pathStartsWith(sd.origin, ctx.resource.path) ? sd.origin : ctx.propPath('StageDescription');
      for (const c of ctx.below(sd, 'ClientCertificateId')) judge(ctx, c, holder, 'deployment stage', apiText);
    }
  },
});

function judge(ctx: RuleContext, c: Outcome, holder: Path, kind: string, api: string): void {
  if (!c.known || (c.value !== undefined && c.value !== null && c.value !== '')) return; // set (even if decided at deploy time)
  ctx.report({ messageId: 'noClientCertificate', at: c, data: { kind, api }, suggestions: [fix(ctx, c, holder)] });
}

/** Add an AWS::ApiGateway::ClientCertificate and point the stage at it. */
function fix(ctx: RuleContext, c: Outcome, holder: Path): Fix {
  let id = `${ctx.resource.logicalId}ClientCertificate`;
  for (let i = 2; ctx.template.resource(id) || ctx.template.parameters.has(id); i++) id = `${ctx.resource.logicalId}ClientCertificate${i}`;
  const ref: Json = { Ref: id };
  // A branch that removes the property (AWS::NoValue) gets the Ref in place; otherwise the property is written.
  const set: FixOp = c.noValue && pathStartsWith(c.origin, ctx.resource.path) ? { op: 'set', path: c.origin, value: ref } : { op: 'set', path: [...holder, 'ClientCertificateId'], value: ref };
  return {
    title: `Add client certificate ${id} and present it to the back ends (they must be configured to verify it)`,
    kind: 'suggest',
    ops: [
      { op: 'addResource', logicalId: id, resource: { Type: 'AWS::ApiGateway::ClientCertificate', Properties: { Description: `Presented by ${ctx.resource.logicalId} to its HTTP back ends` } } },
      set,
    ],
  };
}

/** The REST API of this template the stage belongs to (RestApiId: Ref to an AWS::ApiGateway::RestApi). */
function apiOf(ctx: RuleContext): Resource | undefined {
  const outs = ctx.prop('RestApiId');
  if (outs.length !== 1 || !outs[0].resource || outs[0].resource.type !== 'AWS::ApiGateway::RestApi') return undefined;
  return ctx.template.resource(outs[0].resource.logicalId);
}

/** Does a REST API of this template have HTTP integrations? Computed once per template. */
function backendsOf(template: Template, api: Resource): Backends {
  let map = cache.get(template);
  if (!map) {
    map = new Map();
    cache.set(template, map);
    const types = new Map<string, string[]>();
    for (const m of template.ofType('AWS::ApiGateway::Method')) {
      const rest = m.properties.RestApiId;
      const target = isObject(rest) && typeof rest.Ref === 'string' ? rest.Ref : undefined;
      if (!target) continue;
      const integration = m.properties.Integration;
      const t = isObject(integration) ? integration.Type : undefined;
      const list = types.get(target) ?? [];
      list.push(typeof t === 'string' ? t.toUpperCase() : '?');
      types.set(target, list);
    }
    for (const r of template.ofType('AWS::ApiGateway::RestApi')) {
      const list = [...(types.get(r.logicalId) ?? [])];
      if (r.properties.BodyS3Location !== undefined) list.push('?');
      if (r.properties.Body !== undefined) list.push(...openApiTypes(r.properties.Body));
      map.set(r.logicalId, list.length === 0 ? 'unknown' : list.some((t) => t !== '?' && !NO_HTTP.has(t)) ? 'http' : list.every((t) => NO_HTTP.has(t)) ? 'none' : 'unknown');
    }
  }
  return map.get(api.logicalId) ?? 'unknown';
}

/** Integration types of an inline OpenAPI body (x-amazon-apigateway-integration.type); '?' where unreadable. */
function openApiTypes(body: Json): string[] {
  if (!isObject(body)) return ['?'];
  const out: string[] = [];
  let budget = 20000;
  const walk = (v: Json) => {
    if (--budget < 0) return;
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'x-amazon-apigateway-integration') out.push(isObject(x) && typeof x.type === 'string' ? x.type.toUpperCase() : '?');
      else walk(x);
    }
  };
  walk(body);
  if (budget < 0) return ['?'];
  return out.length ? out : ['?'];
}
