/**
 * SQS queues encrypt messages at rest with a customer managed KMS key.
 * Catalog HEAR-SQS-01 (pass: KmsMasterKeyId set or SqsManagedSseEnabled true); SSE-SQS is on by
 * default for new queues since 2022, so only an explicit opt-out is a violation, and SSE-SQS or an
 * AWS managed key is hardening.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import type { Resource } from '../../template/model';
import type { FixOp } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

export default defineRule({
  meta: {
    id: 'sqs-queue-encryption',
    title: 'SQS queues are encrypted with a customer managed KMS key',
    description:
      'Messages in an SQS queue can carry PHI. The queue must not turn server-side encryption off, and should encrypt with a customer managed KMS key (KmsMasterKeyId) rather than SQS-owned keys (SSE-SQS) or the AWS managed key alias/aws/sqs, so that you control, audit and can revoke access to the data.',
    resourceTypes: ['AWS::SQS::Queue'],
    fix: 'safe',
    peers: { cdkNag: ['AwsSolutions-SQS2'], guard: ['SQS_QUEUE_KMS_MASTER_KEY_ID_RULE'], checkov: ['CKV_AWS_27'], cfnNag: ['W48'] },
    messages: {
      sseDisabled: {
        text: 'SQS queue {{id}} turns server-side encryption off (SqsManagedSseEnabled: false) and sets no KMS key: its messages are stored unencrypted.',
        level: 'violation',
      },
      noEncryptionSetting: {
        text: 'SQS queue {{id}} sets no encryption: SQS applies SSE-SQS with keys you neither control nor audit. Set KmsMasterKeyId to a customer managed KMS key.',
        level: 'hardening',
      },
      sqsOwnedKey: {
        text: 'SQS queue {{id}} is encrypted with SQS-owned keys (SSE-SQS), which you cannot control or audit. Set KmsMasterKeyId to a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'SQS queue {{id}} is encrypted with the AWS managed key {{key}}, whose policy you cannot restrict. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    for (const keyOutcome of ctx.prop('KmsMasterKeyId')) {
      const key = classifyKey(ctx.template, keyOutcome);
      if (key.kind === 'customer') continue;
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: keyOutcome, data: { what: 'the KMS key (KmsMasterKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (key.kind === 'aws-managed') {
        ctx.report({ messageId: 'awsManagedKey', at: keyOutcome, data: { key: key.label }, ...fixes(resource, ctx) });
        continue;
      }
      // No KMS key in this branch: what does SqsManagedSseEnabled say, under the same conditions?
      for (const sse of ctx.propWhen(keyOutcome, 'SqsManagedSseEnabled')) {
        if (!sse.known) {
          ctx.report({ messageId: 'unverifiable', at: sse, data: { what: 'server-side encryption (SqsManagedSseEnabled)', reason: sse.reason ?? 'it is decided at deploy time' } });
        } else if (isFalse(sse.value)) {
          ctx.report({ messageId: 'sseDisabled', at: sse, ...fixes(resource, ctx) });
        } else if (isTrue(sse.value)) {
          ctx.report({ messageId: 'sqsOwnedKey', at: sse, ...fixes(resource, ctx) });
        } else {
          ctx.report({ messageId: 'noEncryptionSetting', at: keyOutcome, ...fixes(resource, ctx) });
        }
      }
    }
  },
});

/** Point KmsMasterKeyId at a customer managed key; drop SqsManagedSseEnabled: true (SQS rejects both). */
function fixes(resource: Resource, ctx: RuleContext) {
  const sseOn = ctx.prop('SqsManagedSseEnabled').some((o: Outcome) => !o.known || isTrue(o.value));
  return keyFixes(ctx.template, resource, {
    title: 'Encrypt with customer managed KMS key {{key}}',
    ops: (keyId): FixOp[] => [
      { op: 'set', path: ctx.propPath('KmsMasterKeyId'), value: keyArn(keyId) },
      ...(sseOn ? [{ op: 'remove' as const, path: ctx.propPath('SqsManagedSseEnabled') }] : []),
    ],
  });
}
