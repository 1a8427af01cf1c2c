/**
 * Internet-facing entry points to PHI applications are protected by an AWS WAF web ACL.
 * Catalog HNET-WAF-01 (Config alb-waf-enabled, api-gw-associated-with-waf; checkov CKV_AWS_68 for
 * CloudFront, CKV2_AWS_33 for AppSync; cdk-nag ALBWAFEnabled / APIGWAssociatedWithWAF in its NIST
 * packs). Internet-facing Application Load Balancers, API Gateway REST API stages (and SAM APIs),
 * and AppSync GraphQL APIs need an AWS::WAFv2::WebACLAssociation (or the legacy
 * AWS::WAFRegional::WebACLAssociation) whose ResourceArn refers to them; CloudFront distributions
 * need DistributionConfig.WebACLId. Found by reference (Ref, Fn::GetAtt, Fn::Sub, Fn::Join), never
 * by name. Internal load balancers, network/gateway load balancers, private APIs are not judged.
 *
 * Severity: hardening. A WAF filters injection and other malicious requests before they reach an
 * application that handles PHI; HIPAA does not require one, and its absence exposes nothing by itself.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Resource, Template } from '../../template/model';
import { isObject } from '../../template/model';
import type { Outcome, Resolver } from '../../template/resolve';
import type { Fix, Json, JsonObject } from '../../types';
import { uniqueLogicalId } from '../util/kms';

const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const STAGE = 'AWS::ApiGateway::Stage';
const DEPLOYMENT = 'AWS::ApiGateway::Deployment';
const REST_API = 'AWS::ApiGateway::RestApi';
const SAM_API = 'AWS::Serverless::Api';
const APPSYNC = 'AWS::AppSync::GraphQLApi';
const DISTRIBUTION = 'AWS::CloudFront::Distribution';
const WEB_ACL = 'AWS::WAFv2::WebACL';
const ASSOCIATIONS = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'];

const KIND: Record<string, string> = {
  [ALB]: 'Internet-facing Application Load Balancer',
  [STAGE]: 'API Gateway stage',
  [DEPLOYMENT]: 'The API Gateway stage created by deployment',
  [SAM_API]: 'API Gateway REST API (SAM)',
  [APPSYNC]: 'AppSync GraphQL API',
};

export default defineRule({
  meta: {
    id: 'wafv2-web-acl-association',
    title: 'Internet-facing load balancers, APIs and CloudFront distributions are protected by an AWS WAF web ACL',
    description:
      'An application that handles PHI and takes requests from the internet should filter them with AWS WAF (SQL injection, cross-site scripting, known bad inputs). Each internet-facing Application Load Balancer, API Gateway REST API stage (and SAM API) and AppSync GraphQL API needs an AWS::WAFv2::WebACLAssociation (or AWS::WAFRegional::WebACLAssociation) whose ResourceArn refers to it; each CloudFront distribution needs DistributionConfig.WebACLId. Internal load balancers, network and gateway load balancers, and private APIs are not judged.',
    resourceTypes: [ALB, STAGE, DEPLOYMENT, SAM_API, APPSYNC, DISTRIBUTION],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['NIST.800.53.R5-ALBWAFEnabled', 'NIST.800.53.R5-APIGWAssociatedWithWAF', 'AwsSolutions-CFR2'],
      config: ['alb-waf-enabled', 'api-gw-associated-with-waf'],
      checkov: ['CKV_AWS_68', 'CKV2_AWS_33'],
    },
    messages: {
      noWebAcl: {
        text: '{{kind}} {{id}} has no AWS WAF web ACL (no AWS::WAFv2::WebACLAssociation whose ResourceArn refers to it): requests from the internet reach the application unfiltered by rules against injection, cross-site scripting and known bad inputs.',
        level: 'hardening',
      },
      distributionNoWebAcl: {
        text: 'CloudFront distribution {{id}} sets no WebACLId: requests from the internet reach its origins unfiltered by AWS WAF rules against injection, cross-site scripting and known bad inputs.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    switch (resource.type) {
      case DISTRIBUTION:
        return checkDistribution(ctx);
      case ALB:
        return checkAlb(ctx, resource);
      case STAGE:
      case DEPLOYMENT:
        return checkStage(ctx, resource);
      case SAM_API:
        return checkSamApi(ctx, resource);
      case APPSYNC:
        return checkAppSync(ctx, resource);
    }
  },
});

function unverifiable(ctx: RuleContext, o: Outcome, what: string): void {
  ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason: o.reason ?? 'it is decided at deploy time' } });
}

function checkDistribution(ctx: RuleContext): void {
  for (const acl of ctx.prop('DistributionConfig', 'WebACLId')) {
    if (!acl.known) {
      if (acl.resource || acl.refs.length > 0 || acl.text) continue; // a web ACL of this template or built from one
      unverifiable(ctx, acl, 'the web ACL (DistributionConfig.WebACLId)');
      continue;
    }
    if (acl.value === undefined || acl.value === null || acl.value === '') ctx.report({ messageId: 'distributionNoWebAcl', at: acl });
  }
}

function checkAlb(ctx: RuleContext, lb: Resource): void {
  for (const type of ctx.prop('Type')) {
    if (!type.known) {
      unverifiable(ctx, type, 'the load balancer type (Type)');
      continue;
    }
    if (type.value !== undefined && type.value !== 'application') continue;
    for (const scheme of ctx.propWhen(type, 'Scheme')) {
      if (!scheme.known) {
        if (!associated(ctx, lb.logicalId)) unverifiable(ctx, scheme, 'whether the load balancer is internet-facing (Scheme)');
        continue;
      }
      if (scheme.value === 'internal') continue;
      if (associated(ctx, lb.logicalId)) continue;
      report(ctx, lb, scheme.value === undefined ? { ...scheme, origin: lb.path, logical: lb.path } : scheme, { Ref: lb.logicalId });
    }
  }
}

/** A Stage, or a Deployment with StageName (which creates that stage). */
function checkStage(ctx: RuleContext, stage: Resource): void {
  const deployment = stage.type === DEPLOYMENT;
  if (!deployment && associated(ctx, stage.logicalId)) return;
  const names = ctx.prop('StageName');
  const stageName = names.length === 1 && names[0].known && typeof names[0].value === 'string' ? names[0].value : undefined;
  if (deployment && (stageName === undefined || stageName === '')) return; // no stage, or one decided at deploy time
  for (const api of ctx.prop('RestApiId')) {
    const rest = api.resource ? ctx.template.resource(api.resource.logicalId) : undefined;
    if (rest && rest.type === REST_API) {
      if (stageName !== undefined && associated(ctx, rest.logicalId, `/stages/${stageName}`)) continue;
      for (const types of ctx.resolver.at([...rest.path, 'Properties', 'EndpointConfiguration', 'Types'], api.conditions)) {
        if (!types.known) {
          unverifiable(ctx, types, `whether REST API ${rest.logicalId} is private (EndpointConfiguration.Types)`);
          continue;
        }
        if (Array.isArray(types.value) && types.value.includes('PRIVATE')) continue;
        const arn = deployment ? deploymentStageArn(rest, stageName!) : stageArn(stage, { Ref: rest.logicalId });
        report(ctx, stage, { ...api, conditions: types.conditions, origin: stage.path, logical: stage.path }, arn, deployment ? [stage.logicalId] : undefined);
      }
      continue;
    }
    if (!deployment && (!api.known || api.value !== undefined)) {
      // An API of another stack: whether it is private is not known here.
      const reason = api.known ? 'the REST API is not defined in this template' : (api.reason ?? 'it is decided at deploy time');
      ctx.report({ messageId: 'unverifiable', at: api, data: { what: 'whether the stage is internet-facing and has a web ACL', reason } });
    }
  }
}

/** The stage ARN API Gateway and WAF use: arn:<partition>:apigateway:<region>::/restapis/<api id>/stages/<stage name>. */
function stageArn(stage: Resource, apiId: Json): JsonObject {
  return { 'Fn::Sub': ['arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ApiId}/stages/${' + stage.logicalId + '}', { ApiId: apiId }] };
}

/** The ARN of the stage a Deployment creates (the association must wait for the deployment: DependsOn). */
function deploymentStageArn(rest: Resource, stageName: string): JsonObject {
  return { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${' + rest.logicalId + '}/stages/' + stageName };
}

function checkSamApi(ctx: RuleContext, api: Resource): void {
  if (associated(ctx, api.logicalId)) return;
  for (const ec of ctx.prop('EndpointConfiguration')) {
    const types = isObject(ec.value) ? ctx.below(ec, 'Type') : [ec];
    for (const t of types) {
      if (!t.known) {
        unverifiable(ctx, t, 'whether the API is private (EndpointConfiguration)');
        continue;
      }
      if (t.value === 'PRIVATE') continue;
      const at = t.value === undefined ? { ...t, origin: api.path, logical: api.path } : t;
      report(ctx, api, at, { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${' + api.logicalId + '}/stages/${' + api.logicalId + '.Stage}' });
    }
  }
}

function checkAppSync(ctx: RuleContext, api: Resource): void {
  if (associated(ctx, api.logicalId)) return;
  for (const v of ctx.prop('Visibility')) {
    if (!v.known) {
      unverifiable(ctx, v, 'whether the API is private (Visibility)');
      continue;
    }
    if (v.value === 'PRIVATE') continue;
    report(ctx, api, v.value === undefined ? { ...v, origin: api.path, logical: api.path } : v, { 'Fn::GetAtt': [api.logicalId, 'Arn'] });
  }
}

function report(ctx: RuleContext, r: Resource, at: Outcome, resourceArn: Json, dependsOn?: string[]): void {
  ctx.report({ messageId: 'noWebAcl', at, data: { kind: KIND[r.type] }, suggestions: fixes(ctx.template, r, resourceArn, dependsOn) });
}

// ---- associations, indexed once per template ----------------------------------------------------

interface Association {
  resource: Resource;
  /** Resources the ResourceArn mentions. */
  refs: Set<string>;
  /** The ResourceArn text with unknown parts as ${...}, when built with Fn::Sub or Fn::Join. */
  texts: string[];
}

const index = new WeakMap<Template, Association[]>();

function associations(template: Template, resolver: Resolver): Association[] {
  let list = index.get(template);
  if (!list) {
    list = template.ofType(...ASSOCIATIONS).map((a) => {
      const refs = new Set<string>();
      const texts: string[] = [];
      for (const o of resolver.at([...a.path, 'Properties', 'ResourceArn'])) {
        if (o.resource) refs.add(o.resource.logicalId);
        for (const id of o.refs) refs.add(id);
        if (o.text) texts.push(o.text);
        else if (typeof o.value === 'string') texts.push(o.value);
      }
      return { resource: a, refs, texts };
    });
    index.set(template, list);
  }
  return list;
}

/** Does an association's ResourceArn refer to the resource (and, when given, contain `text`)? */
function associated(ctx: RuleContext, logicalId: string, text?: string): boolean {
  return associations(ctx.template, ctx.resolver).some((a) => a.refs.has(logicalId) && (text === undefined || a.texts.some((t) => t.includes(text))));
}

// ---- fixes ----------------------------------------------------------------------------------------

function visibility(metric: string): JsonObject {
  return { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metric };
}

function managedRule(name: string, priority: number): JsonObject {
  return {
    Name: name,
    Priority: priority,
    OverrideAction: { None: {} },
    Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
    VisibilityConfig: visibility(name),
  };
}

/**
 * Suggestions: associate a regional web ACL the template already has, or add one with the AWS
 * managed common and known-bad-inputs rule groups (which the user should review: they can block
 * legitimate requests).
 */
function fixes(template: Template, r: Resource, resourceArn: Json, dependsOn?: string[]): Fix[] {
  const cond: JsonObject = r.condition ? { Condition: r.condition } : {};
  const assocId = uniqueLogicalId(template, `${r.logicalId}WebAclAssociation`);
  const association = (acl: string): JsonObject => ({
    Type: 'AWS::WAFv2::WebACLAssociation',
    ...cond,
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
    Properties: { ResourceArn: resourceArn, WebACLArn: { 'Fn::GetAtt': [acl, 'Arn'] } },
  });
  const out: Fix[] = [];
  for (const acl of template.ofType(WEB_ACL)) {
    if (acl.properties.Scope !== 'REGIONAL' || (acl.condition && acl.condition !== r.condition)) continue;
    out.push({ title: `Associate web ACL ${acl.logicalId} with ${r.logicalId}`, kind: 'suggest', ops: [{ op: 'addResource', logicalId: assocId, resource: association(acl.logicalId) }] });
  }
  const aclId = uniqueLogicalId(template, `${r.logicalId}WebAcl`);
  const acl: JsonObject = {
    Type: WEB_ACL,
    ...cond,
    Properties: {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility(aclId),
      Rules: [managedRule('AWSManagedRulesCommonRuleSet', 0), managedRule('AWSManagedRulesKnownBadInputsRuleSet', 1)],
    },
  };
  out.push({
    title: `Add a web ACL ${aclId} with the AWS managed common and known-bad-inputs rule groups and associate it with ${r.logicalId} (review the rules: they can block legitimate requests)`,
    kind: 'suggest',
    ops: [
      { op: 'addResource', logicalId: aclId, resource: acl },
      { op: 'addResource', logicalId: assocId, resource: association(aclId) },
    ],
  });
  return out;
}
