/**
 * API Gateway custom domain names accept only TLS 1.2 or newer.
 * Catalog HTRN-APIGW-02 (guard API_GW_DOMAIN_DENY_NON_TLS_TRAFFIC, cfn_nag W62). A REST API custom
 * domain (AWS::ApiGateway::DomainName, SAM Api Domain) without SecurityPolicy gets TLS_1_0.
 * ApiGatewayV2 domain names (HTTP/WebSocket APIs, SAM HttpApi Domain) have no documented default;
 * an omitted policy there is reported as unverifiable.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Path } from '../../types';
import { pathStartsWith } from '../../path';
import { setValueOp } from '../util/encryption';

const TLS12 = 'TLS_1_2';
/** TLS_1_2 and the enhanced policies whose minimum is TLS 1.2 or 1.3 (SecurityPolicy_TLS13_1_2_2021_06, ...). */
const GOOD = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.*)$/i;
const OLD = /^(TLS_1_0|TLS_1_1|SecurityPolicy_TLS1[01]_.*)$/i;

export default defineRule({
  meta: {
    id: 'apigateway-domain-tls-policy',
    title: 'API Gateway custom domain names accept only TLS 1.2 or newer',
    description:
      'The security policy of an API Gateway custom domain name decides the oldest TLS version clients may use. TLS_1_0 accepts TLS 1.0 and 1.1, which are deprecated; TLS_1_2 and the enhanced SecurityPolicy_TLS13_* / SecurityPolicy_TLS12_* policies do not. A REST API custom domain (AWS::ApiGateway::DomainName, the Domain of a SAM Api) that omits SecurityPolicy gets TLS_1_0.',
    resourceTypes: ['AWS::ApiGateway::DomainName', 'AWS::ApiGatewayV2::DomainName', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    fix: 'safe',
    messages: {
      oldPolicy: {
        text: 'Custom domain {{id}} uses security policy {{policy}}, which accepts TLS 1.0 and TLS 1.1. Use TLS_1_2 (or a SecurityPolicy_TLS13_* policy).',
        level: 'violation',
      },
      defaultPolicy: {
        text: 'Custom domain {{id}} sets no SecurityPolicy, so API Gateway uses TLS_1_0, which accepts TLS 1.0 and TLS 1.1. Set SecurityPolicy: TLS_1_2.',
        level: 'violation',
      },
      v2Unset: {
        text: 'Custom domain {{id}} sets no SecurityPolicy{{where}}, and AWS does not document the default for ApiGatewayV2 domain names. Set SecurityPolicy: TLS_1_2 so that TLS 1.0 and 1.1 are refused.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      guard: ['API_GW_DOMAIN_DENY_NON_TLS_TRAFFIC'],
      cfnNag: ['W62'],
    },
  },

  check(resource, ctx) {
    switch (resource.type) {
      case 'AWS::ApiGateway::DomainName':
        for (const p of ctx.prop('SecurityPolicy')) judge(ctx, p, 'defaultPolicy', '', ctx.propPath());
        return;
      case 'AWS::ApiGatewayV2::DomainName':
        for (const list of ctx.prop('DomainNameConfigurations')) {
          if (!list.known) {
            ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the domain name configurations (DomainNameConfigurations)', reason: list.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (!Array.isArray(list.value)) continue;
          for (let i = 0; i < list.value.length; i++) {
            for (const entry of ctx.below(list, i)) {
              if (!entry.known) {
                ctx.report({ messageId: 'unverifiable', at: entry, data: { what: 'a domain name configuration', reason: entry.reason ?? 'it is decided at deploy time' } });
                continue;
              }
              if (!isObject(entry.value)) continue;
              for (const p of ctx.below(entry, 'SecurityPolicy')) judge(ctx, p, 'v2Unset', ` in DomainNameConfigurations ${i + 1}`, entry.origin);
            }
          }
        }
        return;
      default: {
        // SAM: Domain (from the resource or Globals) creates the domain name; no Domain, no custom domain.
        for (const domain of ctx.prop('Domain')) {
          if (!domain.known) {
            ctx.report({ messageId: 'unverifiable', at: domain, data: { what: 'the custom domain (Domain)', reason: domain.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (!isObject(domain.value)) continue;
          const unset = resource.type === 'AWS::Serverless::Api' ? 'defaultPolicy' : 'v2Unset';
          for (const p of ctx.below(domain, 'SecurityPolicy')) judge(ctx, p, unset, ' in Domain', domain.origin);
        }
      }
    }
  },
});

function judge(ctx: RuleContext, p: Outcome, unset: 'defaultPolicy' | 'v2Unset', where: string, holder: Path): void {
  if (!p.known) {
    ctx.report({ messageId: 'unverifiable', at: p, data: { what: 'the security policy (SecurityPolicy)', reason: p.reason ?? 'it is decided at deploy time' } });
    return;
  }
  if (p.value === undefined || p.value === null) {
    const fix = fixFor(ctx, p, holder);
    ctx.report({ messageId: unset, at: p, data: { where }, ...(fix ? { fix } : {}) });
    return;
  }
  const policy = typeof p.value === 'string' ? p.value : undefined;
  if (policy !== undefined && GOOD.test(policy)) return;
  if (policy !== undefined && OLD.test(policy)) {
    const fix = fixFor(ctx, p, holder);
    ctx.report({ messageId: 'oldPolicy', at: p, data: { policy }, ...(fix ? { fix } : {}) });
    return;
  }
  ctx.report({ messageId: 'unverifiable', at: p, data: { what: 'the security policy (SecurityPolicy)', reason: `${JSON.stringify(p.value)} is not a security policy this rule knows` } });
}

/** SecurityPolicy: TLS_1_2 where it is decided, or added to the mapping that holds it (in this resource). */
function fixFor(ctx: RuleContext, p: Outcome, holder: Path): Fix | undefined {
  let op: FixOp;
  if (p.value !== undefined || p.noValue) {
    if (p.origin[0] === 'Globals') return undefined;
    op = setValueOp(ctx, p, TLS12);
  } else if (pathStartsWith(holder, ctx.resource.path)) op = { op: 'set', path: [...holder, 'SecurityPolicy'], value: TLS12 };
  else return undefined; // SAM Globals: change Globals yourself
  return { title: 'Accept only TLS 1.2 and newer (SecurityPolicy: TLS_1_2)', kind: 'safe', ops: [op] };
}
