/**
 * Lambda functions with environment variables encrypt them with a customer managed KMS key.
 * Catalog HEAR-LMB-01 (checkov CKV_AWS_173). Lambda always encrypts environment variables at rest,
 * with the AWS managed key aws/lambda when KmsKeyArn is absent, so a missing key is hardening.
 * SAM Globals (Function.Environment, Function.KmsKeyArn) are layered in by the resolver.
 * CDK's own custom-resource handlers are skipped (engine/cdk/plumbing.ts).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isObject } from '../../template/model';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { isCdkPlumbing } from '../../cdk/plumbing';

export default defineRule({
  meta: {
    id: 'lambda-environment-encryption',
    title: 'Lambda functions with environment variables encrypt them with a customer managed KMS key',
    description:
      'Environment variables often carry connection strings, API keys or identifiers that lead to PHI. Lambda encrypts them at rest with the AWS managed key aws/lambda unless KmsKeyArn names a key; a customer managed key lets you restrict and audit who can read them. Functions without environment variables pass.',
    resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    fix: 'suggest',
    messages: {
      defaultKey: {
        text: 'Function {{id}} has environment variables but no KmsKeyArn: Lambda encrypts them with the AWS managed key aws/lambda, whose policy you cannot restrict. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Function {{id}} encrypts its environment variables with the AWS managed key {{key}}, whose policy you cannot restrict. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_173'] },
  },

  check(resource, ctx) {
    if (isCdkPlumbing(resource, ctx.config)) return; // CDK's custom-resource handlers never see PHI
    for (const vars of ctx.prop('Environment', 'Variables')) {
      if (vars.known && !hasVariables(vars)) continue;
      // Variables computed at deploy time (rare) may be there: judge the key all the same.
      for (const k of ctx.propWhen(vars, 'KmsKeyArn')) {
        const key = classifyKey(ctx.template, k);
        if (key.kind === 'customer') continue;
        if (key.kind === 'unknown') {
          ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key of the environment variables (KmsKeyArn)', reason: key.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        ctx.report({ messageId: key.kind === 'absent' ? 'defaultKey' : 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx) });
      }
    }
  },
});

function hasVariables(o: Outcome): boolean {
  // A reference to a resource is not a map of variables (cfn-lint's business, not ours).
  if (o.resource) return false;
  // A variable removed with AWS::NoValue is not set.
  const count = (v: unknown) => (isObject(v as never) ? Object.values(v as Record<string, unknown>).filter((x) => !(isObject(x as never) && (x as Record<string, unknown>).Ref === 'AWS::NoValue')).length : 0);
  return count(o.value) > 0 || (o.fallback !== undefined && count(o.fallback.value) > 0);
}

/** Always suggestions: the execution role must be allowed kms:Decrypt on the key, or invocations fail. */
function fixes(ctx: RuleContext) {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt environment variables with customer managed KMS key {{key}} (the execution role needs kms:Decrypt on it)',
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on) for the environment variables (the execution role needs kms:Decrypt on it)',
    replaces: true,
    ops: (keyId) => [{ op: 'set', path: ctx.propPath('KmsKeyArn'), value: keyArn(keyId) }],
  });
}
