/**
 * ECR repositories encrypt images with a customer managed KMS key.
 * Catalog HEAR-ECR-01 (checkov CKV_AWS_136). ECR always encrypts images at rest (AES-256 with
 * Amazon S3-managed keys by default; KMS without KmsKey uses aws/ecr), so every shortfall is
 * hardening. EncryptionConfiguration cannot change on an existing repository: fixes replace it.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

const REPLACES = 'replaces the repository: push its images again';

export default defineRule({
  meta: {
    id: 'ecr-repository-encryption',
    title: 'ECR repositories encrypt images with a customer managed KMS key',
    description:
      'Container images can embed PHI (test data, models trained on patient records, configuration). ECR encrypts images at rest with AES-256 and Amazon S3-managed keys unless EncryptionConfiguration asks for KMS; with KMS and no KmsKey it uses the AWS managed key aws/ecr. Both are hardening findings: use EncryptionType KMS (or KMS_DSSE) with a customer managed KmsKey. The setting can only be chosen when the repository is created.',
    resourceTypes: ['AWS::ECR::Repository'],
    fix: 'suggest',
    messages: {
      s3ManagedKeys: {
        text: 'ECR repository {{id}} {{how}}: images are encrypted with Amazon S3-managed keys (AES-256), which you cannot control or audit. Use EncryptionType KMS with a customer managed key.',
        level: 'hardening',
      },
      defaultKey: {
        text: 'ECR repository {{id}} uses KMS encryption without a KmsKey: images are encrypted with the AWS managed key aws/ecr. Name a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'ECR repository {{id}} encrypts images with the AWS managed key {{key}}; use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_136'] },
  },

  check(_resource, ctx) {
    for (const t of ctx.prop('EncryptionConfiguration', 'EncryptionType')) {
      if (!t.known) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the encryption type (EncryptionConfiguration.EncryptionType)', reason: t.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const type = typeof t.value === 'string' ? t.value.toUpperCase() : t.value;
      if (type === undefined || type === null || type === 'AES256') {
        const how = type === 'AES256' ? 'sets EncryptionType AES256' : 'sets no EncryptionConfiguration';
        ctx.report({ messageId: 's3ManagedKeys', at: t, data: { how }, ...fixes(ctx, ctx.propPath('EncryptionConfiguration'), 'KMS') });
        continue;
      }
      if (type !== 'KMS' && type !== 'KMS_DSSE') {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the encryption type (EncryptionConfiguration.EncryptionType)', reason: `${JSON.stringify(t.value)} is not AES256, KMS or KMS_DSSE` } });
        continue;
      }
      for (const k of ctx.propWhen(t, 'EncryptionConfiguration', 'KmsKey')) judgeKey(ctx, k);
    }
  },
});

function judgeKey(ctx: RuleContext, k: Outcome): void {
  const key = classifyKey(ctx.template, k);
  if (key.kind === 'customer') return;
  if (key.kind === 'unknown') {
    ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (EncryptionConfiguration.KmsKey)', reason: key.reason ?? 'it is decided at deploy time' } });
    return;
  }
  ctx.report({ messageId: key.kind === 'absent' ? 'defaultKey' : 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, ctx.propPath('EncryptionConfiguration', 'KmsKey')) });
}

/** Suggestions (EncryptionConfiguration changes replace the repository): the whole configuration, or just the key. */
function fixes(ctx: RuleContext, path: Path, type?: string) {
  return keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt images with customer managed KMS key {{key}} (${REPLACES})`,
    replaces: true,
    ops: (keyId) => [{ op: 'set', path, value: type ? { EncryptionType: type, KmsKey: keyArn(keyId) } : keyArn(keyId) }],
  });
}
