/**
 * CDK's own plumbing: the Lambda functions (and their roles and permissions) that aws-cdk-lib adds
 * to run its custom resources (S3AutoDeleteObjects, VpcRestrictDefaultSG, AwsCustomResource,
 * BucketNotifications, log retention...). They handle CloudFormation lifecycle events, never PHI,
 * and the user cannot configure them, so the Lambda placement, environment-key and permission
 * rules leave them alone.
 *
 * Recognised by what CDK writes into the cloud assembly (construct metadata
 * `aws:cdk:is-custom-resource-handler-*` on the handler's construct, which aws-cdk-lib keeps in the
 * manifest or <stack>.metadata.json: LintConfig.cdkHandlerPaths) or into the template:
 * - Metadata `aws:cdk:is-custom-resource-handler-*` (e.g. `...-customResourceProvider`,
 *   `...-singleton`, `...-lambdaType`), which CDK sets on every handler it generates;
 * - an `aws:cdk:path` through a `Custom::*CustomResourceProvider` construct
 *   (`EhrStack/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler`);
 * - the per-stack singleton handlers aws-cdk-lib puts under a construct id it hard-codes (a name
 *   plus a fixed UUID): the S3 bucket notifications handler
 *   (`BucketNotificationsHandler050a0587b7544547bf325f094a3db834`, behind
 *   `Custom::S3BucketNotifications`), the log retention handler
 *   (`LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a`, behind `Custom::LogRetention`) and the
 *   AwsCustomResource handler (`AWS679f53fac002430cb0da5b7982bd2287`, behind `Custom::AWS` and
 *   e.g. `Custom::OpenSearchAccessPolicy`). Matched on a segment of `aws:cdk:path`, or on the
 *   logical id CDK derives from it (the id plus a hash) when path metadata is off.
 *
 * Real `cdk synth` output does not put `aws:cdk:is-custom-resource-handler-*` in a resource's
 * template Metadata: aws-cdk-lib records it as construct metadata, in the cloud assembly's
 * manifest (or its `*.metadata.json`), keyed by construct path. The Metadata check below covers
 * templates that carry it; the path and id checks are what matches real synth output.
 */
import type { Json, LintConfig } from '../types';
import type { Resource, Template } from '../template/model';
import { cdkPathOf } from './assembly';

const HANDLER_KEY = 'aws:cdk:is-custom-resource-handler-';
const PROVIDER_SEGMENT = /(^|\/)Custom::[A-Za-z0-9]*CustomResourceProvider(\/|$)/;
const SINGLETON_IDS = ['BucketNotificationsHandler050a0587b7544547bf325f094a3db834', 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a', 'AWS679f53fac002430cb0da5b7982bd2287'];
const SINGLETON_SEGMENT = new RegExp(`(^|/)(${SINGLETON_IDS.join('|')})(/|$)`);
const SINGLETON_LOGICAL_ID = new RegExp(`^(${SINGLETON_IDS.join('|')})[A-Za-z0-9]*$`);

/** Is this resource a CDK-generated custom-resource handler (or its role)? */
export function isCdkPlumbing(resource: Resource, config?: Pick<LintConfig, 'cdkHandlerPaths' | 'cdkLogicalIds'>): boolean {
  const md = resource.metadata;
  const path = md?.['aws:cdk:path'];
  // The assembly's construct metadata marks every handler construct CDK generates.
  const handlers = config?.cdkHandlerPaths;
  if (handlers?.length) {
    const p = cdkPathOf(resource, config?.cdkLogicalIds);
    if (p && handlers.some((h) => p === h || p.startsWith(h + '/'))) return true;
  }
  if (typeof path === 'string') {
    if (PROVIDER_SEGMENT.test(path) || SINGLETON_SEGMENT.test(path)) return true;
  } else if (SINGLETON_LOGICAL_ID.test(resource.logicalId)) {
    return true;
  }
  if (!md) return false;
  for (const [k, v] of Object.entries(md)) if (k.startsWith(HANDLER_KEY) && v !== false) return true;
  return false;
}

/** The function a Lambda permission or URL names (FunctionName: Ref / GetAtt Arn / literal logical id). */
function targetId(value: Json | undefined): string | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (typeof value.Ref === 'string') return value.Ref;
    const ga = value['Fn::GetAtt'];
    if (Array.isArray(ga) && typeof ga[0] === 'string') return ga[0];
    if (typeof ga === 'string') return ga.split('.')[0];
  }
  return undefined;
}

/** Is this resource CDK plumbing, or a permission on a CDK plumbing function? */
export function isCdkPlumbingOrFor(resource: Resource, template: Template, config?: Pick<LintConfig, 'cdkHandlerPaths' | 'cdkLogicalIds'>): boolean {
  if (isCdkPlumbing(resource, config)) return true;
  const id = targetId(resource.properties.FunctionName);
  const target = id ? template.resource(id) : undefined;
  return target !== undefined && isCdkPlumbing(target, config);
}
