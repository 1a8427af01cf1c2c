/**
 * EBS volumes are encrypted, with a customer managed KMS key.
 * Catalog HEAR-EBS-01 (Config encrypted-volumes; guard ENCRYPTED_VOLUMES; checkov CKV_AWS_3; cfn_nag F1/W37).
 * Without `Encrypted: true` a volume is plaintext unless the account happens to have EBS encryption
 * by default switched on, which the template cannot show. A volume created from a snapshot inherits
 * the snapshot's encryption, which is unverifiable here.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkFlagAndKey, encryptionFixes, isSet, refine, resourceScope } from '../util/encryption';
import type { Outcome } from '../../template/resolve';

export default defineRule({
  meta: {
    id: 'ebs-volume-encryption',
    title: 'EBS volumes are encrypted with a customer managed KMS key',
    description:
      'An EBS volume attached to an instance that handles PHI holds PHI. It must set Encrypted: true (the account-level "encryption by default" switch is not visible in a template and can be turned off), and should name a customer managed KMS key (KmsKeyId) rather than the AWS managed key aws/ebs.',
    resourceTypes: ['AWS::EC2::Volume'],
    fix: 'suggest',
    peers: { cdkNag: ['AwsSolutions-EC26', 'NIST.800.53.R5-EC2EBSVolumeEncrypted'], config: ['encrypted-volumes'], guard: ['ENCRYPTED_VOLUMES'], checkov: ['CKV_AWS_3'], cfnNag: ['F1', 'W37'] },
    messages: {
      notEncrypted: {
        text: 'EBS volume {{id}} does not set Encrypted: true: it is stored unencrypted unless the account has EBS encryption by default switched on.',
        level: 'violation',
      },
      disabled: { text: 'EBS volume {{id}} turns encryption off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'EBS volume {{id}} is encrypted with {{key}} (aws/ebs); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      defaultKey: {
        text: 'EBS volume {{id}} is encrypted without a KmsKeyId: it uses the account\'s default EBS key (aws/ebs unless changed), which the template cannot show. Name a customer managed KMS key.',
        level: 'hardening',
      },
      fromSnapshot: {
        text: 'EBS volume {{id}} is created from a snapshot ({{snapshot}}) without Encrypted: true: it is encrypted only if that snapshot is. Set Encrypted: true to be sure.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const replacesNote = 'an existing volume cannot be encrypted in place: snapshot, copy encrypted, and restore';
    // Judge each branch of SnapshotId on its own: a volume restored from a snapshot without its own
    // Encrypted takes the snapshot's encryption; without a snapshot it must set Encrypted.
    for (const { kind: restored, scope } of refine(ctx, [resourceScope(ctx)], 'SnapshotId', isSet)) {
      let reported = false;
      const fromSnapshot = (flag: Outcome): boolean => {
        if (!restored || (flag.known && flag.value !== undefined)) return false;
        const snap = ctx.propWhen(flag, 'SnapshotId').find(isSet);
        if (!snap) return false;
        if (!reported) {
          reported = true;
          const snapshot = typeof snap.value === 'string' ? snap.value : `decided at deploy time: ${snap.reason ?? 'unknown'}`;
          ctx.report({ messageId: 'fromSnapshot', at: flag, data: { snapshot }, ...encryptionFixes(ctx, { flag: 'Encrypted', keyProp: 'KmsKeyId', replaces: true, replacesNote }, flag) });
        }
        return true;
      };
      checkFlagAndKey(ctx, {
        flag: 'Encrypted',
        keyProp: 'KmsKeyId',
        replaces: true,
        replacesNote,
        flagWhat: 'encryption (Encrypted)',
        messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey', defaultKey: 'defaultKey' },
        handled: fromSnapshot,
        scope,
      });
    }
  },
});
