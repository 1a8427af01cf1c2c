/**
 * EFS file systems are encrypted at rest, with a customer managed KMS key.
 * Catalog HEAR-EFS-01 (cdk-nag EFSEncrypted, Config efs-encrypted-check, guard EFS_ENCRYPTED_CHECK).
 * Unlike cdk-nag (which fails only on an explicit false), an absent Encrypted is a violation:
 * CloudFormation creates an unencrypted file system unless Encrypted is true.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkFlagAndKey } from '../util/encryption';

export default defineRule({
  meta: {
    id: 'efs-filesystem-encryption',
    title: 'EFS file systems are encrypted with a customer managed KMS key',
    description:
      'Files on an EFS file system that holds PHI must be encrypted at rest. CloudFormation creates an unencrypted file system unless Encrypted is true, and encryption can only be chosen when the file system is created. A customer managed KMS key (KmsKeyId) is preferred to the AWS managed key aws/elasticfilesystem.',
    resourceTypes: ['AWS::EFS::FileSystem'],
    fix: 'suggest',
    peers: { cdkNag: ['HIPAA.Security-EFSEncrypted', 'AwsSolutions-EFS1'], config: ['efs-encrypted-check'], guard: ['EFS_ENCRYPTED_CHECK'], checkov: ['CKV_AWS_42'], cfnNag: ['F32'] },
    messages: {
      notEncrypted: {
        text: 'EFS file system {{id}} does not set Encrypted: true: CloudFormation creates it unencrypted.',
        level: 'violation',
      },
      disabled: { text: 'EFS file system {{id}} turns encryption at rest off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'EFS file system {{id}} is encrypted with {{key}} (aws/elasticfilesystem); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkFlagAndKey(ctx, {
      flag: 'Encrypted',
      keyProp: 'KmsKeyId',
      replaces: true,
      flagWhat: 'encryption at rest (Encrypted)',
      messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey' },
    });
  },
});
