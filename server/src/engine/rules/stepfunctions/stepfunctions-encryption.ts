/**
 * Step Functions state machines and activities encrypt their definitions, execution history and
 * activity inputs with a customer managed KMS key. Not in the catalog's anchors (no peer checks it):
 * execution input and output are often the PHI a workflow moves. Step Functions encrypts with AWS
 * owned keys by default, so the absence of a customer managed key is hardening. EncryptionConfiguration
 * changes without interruption, but the state machine's role must be allowed to use the key: the
 * fix is a suggestion.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { FixOp } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

export default defineRule({
  meta: {
    id: 'stepfunctions-encryption',
    title: 'Step Functions state machines and activities are encrypted with a customer managed KMS key',
    description:
      'A state machine\'s execution history holds the input and output of every step, and an activity\'s inputs wait in Step Functions until a worker takes them: both often carry PHI. Step Functions encrypts them with AWS owned keys unless EncryptionConfiguration names a customer managed KMS key, which lets you control, audit and revoke access.',
    resourceTypes: ['AWS::StepFunctions::StateMachine', 'AWS::StepFunctions::Activity'],
    fix: 'suggest',
    messages: {
      awsOwnedKey: {
        text: '{{what}} {{id}} is encrypted with an AWS owned key ({{how}}), which you cannot control or audit. Use a customer managed KMS key (EncryptionConfiguration Type CUSTOMER_MANAGED_KMS_KEY).',
        level: 'hardening',
      },
      awsManagedKey: {
        text: '{{what}} {{id}} is encrypted with the AWS managed key {{key}}; use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const what = resource.type === 'AWS::StepFunctions::Activity' ? 'Step Functions activity' : 'State machine';
    for (const type of ctx.prop('EncryptionConfiguration', 'Type')) {
      if (!type.known) {
        ctx.report({ messageId: 'unverifiable', at: type, data: { what: 'the encryption type (EncryptionConfiguration.Type)', reason: type.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (type.value === 'CUSTOMER_MANAGED_KMS_KEY') {
        for (const k of ctx.propWhen(type, 'EncryptionConfiguration', 'KmsKeyId')) {
          const key = classifyKey(ctx.template, k);
          if (key.kind === 'customer') continue;
          if (key.kind === 'unknown' || key.kind === 'absent') {
            const reason = key.kind === 'absent' ? 'CUSTOMER_MANAGED_KMS_KEY names no KmsKeyId, which the deployment rejects' : (key.reason ?? 'it is decided at deploy time');
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (EncryptionConfiguration.KmsKeyId)', reason } });
            continue;
          }
          ctx.report({ messageId: 'awsManagedKey', at: k, data: { what, key: key.label }, ...fixes(ctx) });
        }
        continue;
      }
      const how = type.value === undefined || type.value === null ? 'no EncryptionConfiguration' : `EncryptionConfiguration Type ${String(type.value)}`;
      ctx.report({ messageId: 'awsOwnedKey', at: type, data: { what, how }, ...fixes(ctx) });
    }
  },
});

function fixes(ctx: RuleContext) {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt with customer managed KMS key {{key}} (the role Step Functions uses needs kms:Decrypt and kms:GenerateDataKey on it)',
    replaces: true,
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on) and encrypt with it (the role Step Functions uses needs kms:Decrypt and kms:GenerateDataKey on it)',
    ops: (keyId): FixOp[] => [
      { op: 'merge', path: ctx.propPath('EncryptionConfiguration'), value: { Type: 'CUSTOMER_MANAGED_KMS_KEY', KmsKeyId: keyArn(keyId) } },
    ],
  });
}
