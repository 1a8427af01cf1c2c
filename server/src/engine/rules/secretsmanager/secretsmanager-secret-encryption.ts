/**
 * Secrets Manager secrets are encrypted with a customer managed KMS key.
 * Catalog HEAR-SM-01 (cdk-nag SecretsManagerUsingKMSKey, Config secretsmanager-using-cmk, guard
 * SECRETSMANAGER_USING_CMK, checkov CKV_AWS_149, cfn_nag W77). Secrets are always encrypted, with
 * the AWS managed key aws/secretsmanager by default, so a missing or AWS managed key is hardening.
 * cdk-nag compares against `aws/secretsmanager`, guard against `alias/aws/secretsmanager`: both
 * forms (and their ARNs) are normalised here. The fix is a suggestion: every consumer then needs
 * kms:Decrypt on the new key.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Fix } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import type { KeyInfo } from '../util/kms';
import type { Outcome } from '../../template/resolve';
import { why, writePath } from '../util/key-property';

/** `aws/secretsmanager`, `alias/aws/secretsmanager`, and the alias ARN. */
const SM_MANAGED = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?(alias\/)?aws\/secretsmanager$/;

export default defineRule({
  meta: {
    id: 'secretsmanager-secret-encryption',
    title: 'Secrets Manager secrets are encrypted with a customer managed KMS key',
    description:
      'Secrets (database passwords, API keys for systems holding PHI) are encrypted by Secrets Manager with the AWS managed key aws/secretsmanager unless KmsKeyId names another key. The AWS managed key lets anyone with secretsmanager:GetSecretValue decrypt; a customer managed key adds a separate, audited kms:Decrypt permission that you control and can revoke.',
    resourceTypes: ['AWS::SecretsManager::Secret'],
    fix: 'suggest',
    peers: {
      cdkNag: ['HIPAA.Security-SecretsManagerUsingKMSKey'],
      config: ['secretsmanager-using-cmk'],
      guard: ['SECRETSMANAGER_USING_CMK'],
      checkov: ['CKV_AWS_149'],
      cfnNag: ['W77'],
    },
    messages: {
      defaultKey: {
        text: 'Secret {{id}} sets no KmsKeyId: it is encrypted with the AWS managed key aws/secretsmanager, which anyone allowed to read the secret can use. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Secret {{id}} is encrypted with the AWS managed key {{key}}, whose policy you cannot restrict. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const k of ctx.prop('KmsKeyId')) {
      const key = classify(ctx, k);
      if (key.kind === 'customer') continue;
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsKeyId)', reason: key.reason ?? why(k) } });
        continue;
      }
      if (key.kind === 'absent') ctx.report({ messageId: 'defaultKey', at: k, ...fixes(ctx, k) });
      else ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, k) });
    }
  },
});

function classify(ctx: RuleContext, k: Outcome): KeyInfo {
  const text = k.known && typeof k.value === 'string' ? k.value : !k.known ? k.text : undefined;
  if (text !== undefined && SM_MANAGED.test(text)) return { kind: 'aws-managed', label: text };
  return classifyKey(ctx.template, k);
}

/** A customer managed key for the secret; always a suggestion, since readers then need kms:Decrypt on it. */
function fixes(ctx: RuleContext, k: Outcome): { suggestions: Fix[] } {
  const path = writePath(ctx, k);
  const r = keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt with customer managed KMS key {{key}} (readers of the secret then need kms:Decrypt on it)',
    ops: (keyId) => [{ op: 'set', path, value: keyArn(keyId) }],
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on) and use it (readers of the secret then need kms:Decrypt on it)',
  });
  return { suggestions: [...(r.fix ? [{ ...r.fix, kind: 'suggest' as const }] : []), ...r.suggestions] };
}
