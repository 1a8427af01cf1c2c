/**
 * AWS Backup vaults encrypt recovery points with a customer managed KMS key.
 * Catalog HEAR-BAK-01 (Config backup-recovery-point-encrypted at runtime, checkov CKV_AWS_166).
 * Backups are always encrypted: a vault without EncryptionKeyArn uses the AWS managed key
 * aws/backup (a logically air-gapped vault an AWS owned key), so it is hardening. The key is
 * create-only: fixes are suggestions.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkCustomerKey } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'backup-vault-encryption',
    title: 'AWS Backup vaults encrypt backups with a customer managed KMS key',
    description:
      'Backups of PHI stores hold PHI. AWS Backup always encrypts recovery points; for resources that support full AWS Backup management it uses the vault\'s key, which defaults to the AWS managed key aws/backup (an AWS owned key for logically air-gapped vaults). Set EncryptionKeyArn to a customer managed KMS key so that you control, audit and can revoke access to the backups.',
    resourceTypes: ['AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault'],
    fix: 'suggest',
    peers: { config: ['backup-recovery-point-encrypted'], checkov: ['CKV_AWS_166'] },
    messages: {
      awsManagedKey: {
        text: 'Backup vault {{id}} encrypts backups with {{key}}; set EncryptionKeyArn to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const airGapped = resource.type === 'AWS::Backup::LogicallyAirGappedBackupVault';
    checkCustomerKey(ctx, {
      path: ['EncryptionKeyArn'],
      messageId: 'awsManagedKey',
      what: 'the KMS key (EncryptionKeyArn)',
      replaces: true,
      replacesNote: 'replaces the vault if it is already deployed',
      defaultLabel: airGapped ? 'an AWS owned key' : 'the AWS managed key aws/backup',
    });
  },
});
