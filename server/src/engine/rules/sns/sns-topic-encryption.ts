/**
 * SNS topics are encrypted with a customer managed KMS key.
 * Catalog HEAR-SNS-01 (cdk-nag SNSEncryptedKMS, Config sns-encrypted-kms, guard SNS_ENCRYPTED_KMS,
 * checkov CKV_AWS_26, cfn_nag W47). SNS does not encrypt topics by default, so no key is a violation.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

export default defineRule({
  meta: {
    id: 'sns-topic-encryption',
    title: 'SNS topics are encrypted with a customer managed KMS key',
    description:
      'Messages published to an SNS topic can carry PHI and are stored until delivered. SNS does not encrypt topics unless KmsMasterKeyId names a KMS key; a customer managed key is preferred to the AWS managed key alias/aws/sns, whose policy cannot be restricted (and which other AWS services cannot use to publish).',
    resourceTypes: ['AWS::SNS::Topic'],
    fix: 'safe',
    peers: { cdkNag: ['HIPAA.Security-SNSEncryptedKMS', 'AwsSolutions-SNS2'], config: ['sns-encrypted-kms'], guard: ['SNS_ENCRYPTED_KMS'], checkov: ['CKV_AWS_26'], cfnNag: ['W47'] },
    messages: {
      notEncrypted: {
        text: 'SNS topic {{id}} sets no KmsMasterKeyId: SNS stores its messages unencrypted.',
        level: 'violation',
      },
      awsManagedKey: {
        text: 'SNS topic {{id}} is encrypted with the AWS managed key {{key}}; use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    for (const k of ctx.prop('KmsMasterKeyId')) {
      const key = classifyKey(ctx.template, k);
      if (key.kind === 'customer') continue;
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsMasterKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const fixes = keyFixes(ctx.template, resource, {
        title: 'Encrypt with customer managed KMS key {{key}}',
        ops: (keyId) => [{ op: 'set', path: ctx.propPath('KmsMasterKeyId'), value: keyArn(keyId) }],
      });
      if (key.kind === 'absent') ctx.report({ messageId: 'notEncrypted', at: k, ...fixes });
      else ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...fixes });
    }
  },
});
