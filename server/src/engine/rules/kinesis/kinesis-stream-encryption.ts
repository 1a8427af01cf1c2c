/**
 * Kinesis data streams are encrypted at rest with a customer managed KMS key.
 * Catalog HEAR-KIN-01 (Config kinesis-stream-encrypted, guard KINESIS_STREAM_ENCRYPTION_RULE,
 * checkov CKV_AWS_43, cfn_nag W49). A stream without StreamEncryption stores records unencrypted
 * (the Config rule is NON_COMPLIANT when it is absent), so absence is a violation. Encryption can be
 * turned on without interrupting the stream (StartStreamEncryption), so the fix is safe.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { why, writePath } from '../util/key-property';
import { isObject } from '../../template/model';

export default defineRule({
  meta: {
    id: 'kinesis-stream-encryption',
    title: 'Kinesis data streams are encrypted with a customer managed KMS key',
    description:
      'Records in a Kinesis data stream can carry PHI and are kept for up to 365 days. A stream is stored unencrypted unless StreamEncryption sets EncryptionType KMS with a KeyId; a customer managed key is preferred to the AWS managed key alias/aws/kinesis so that access can be controlled, audited and revoked.',
    resourceTypes: ['AWS::Kinesis::Stream'],
    fix: 'safe',
    peers: {
      config: ['kinesis-stream-encrypted'],
      guard: ['KINESIS_STREAM_ENCRYPTION_RULE'],
      checkov: ['CKV_AWS_43'],
      cfnNag: ['W49'],
    },
    messages: {
      notEncrypted: {
        text: 'Kinesis stream {{id}} sets no StreamEncryption: its records are stored unencrypted.',
        level: 'violation',
      },
      disabled: {
        text: 'Kinesis stream {{id}} does not encrypt its records ({{how}}).',
        level: 'violation',
      },
      awsManagedKey: {
        text: 'Kinesis stream {{id}} is encrypted with the AWS managed key {{key}}, whose policy you cannot restrict. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const se of ctx.prop('StreamEncryption')) {
      if (!se.known) {
        ctx.report({ messageId: 'unverifiable', at: se, data: { what: 'stream encryption (StreamEncryption)', reason: why(se) } });
        continue;
      }
      if (se.value === undefined || se.value === null) {
        const how = se.noValue ? 'StreamEncryption is removed under a condition' : 'no StreamEncryption';
        ctx.report({ messageId: se.noValue ? 'disabled' : 'notEncrypted', at: se, data: { how }, ...fixes(ctx, writePath(ctx, se), 'whole') });
        continue;
      }
      if (!isObject(se.value)) {
        ctx.report({ messageId: 'unverifiable', at: se, data: { what: 'stream encryption (StreamEncryption)', reason: 'it is not a mapping' } });
        continue;
      }
      const sePath = writePath(ctx, se);
      for (const t of ctx.below(se, 'EncryptionType')) {
        if (!t.known) {
          ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the encryption type (StreamEncryption.EncryptionType)', reason: why(t) } });
          continue;
        }
        if (t.value !== 'KMS') {
          if (t.value === 'NONE') {
            ctx.report({ messageId: 'disabled', at: t, data: { how: 'EncryptionType: NONE' }, ...fixes(ctx, sePath, 'whole') });
          } else {
            const reason = t.value === undefined ? 'EncryptionType is missing (CloudFormation requires it)' : `${JSON.stringify(t.value)} is not a valid EncryptionType`;
            ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the encryption type (StreamEncryption.EncryptionType)', reason } });
          }
          continue;
        }
        for (const k of ctx.propWhen(t, 'StreamEncryption', 'KeyId')) {
          // The API also takes the bare name aws/kinesis for the AWS managed key.
          const key = k.known && typeof k.value === 'string' && /^aws\/kinesis$/.test(k.value) ? { kind: 'aws-managed' as const, label: k.value } : classifyKey(ctx.template, k);
          if (key.kind === 'customer') continue;
          if (key.kind === 'aws-managed') {
            ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, writePath(ctx, k, se, 'KeyId'), 'key') });
          } else if (key.kind === 'absent') {
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (StreamEncryption.KeyId)', reason: 'KeyId is missing (CloudFormation requires it)' } });
          } else {
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (StreamEncryption.KeyId)', reason: key.reason ?? why(k) } });
          }
        }
      }
    }
  },
});

/** Set StreamEncryption (or only its KeyId) to a customer managed key: no interruption on update. */
function fixes(ctx: RuleContext, path: Path, what: 'whole' | 'key') {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt with customer managed KMS key {{key}}',
    ops: (keyId) => [{ op: 'set', path, value: what === 'whole' ? { EncryptionType: 'KMS', KeyId: keyArn(keyId) } : keyArn(keyId) }],
  });
}
