import { ruleTester } from '../helpers/rule-tester';

const K = ['Resources', 'Vault', 'Properties', 'EncryptionKeyArn'];

ruleTester('backup-vault-encryption', {
  valid: [
    {
      name: 'customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !GetAtt Key.Arn
`,
    },
    {
      name: 'key ARN from a parameter Default',
      yaml: `
Parameters:
  VaultKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !Ref VaultKey
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: backup-vault-encryption
            reason: Holds only backups of encrypted-at-source resources with their own CMKs (SEC-80)
    Properties:
      BackupVaultName: phi
`,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionKeyArn: aws/backup (hardening); one key in the template is only a suggestion (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest', message: 'aws/backup' }],
    },
    {
      name: 'AWS managed key ARN named explicitly',
      yaml: `
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !Sub arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:alias/aws/backup
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: one branch without a key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'awsManagedKey', path: [...K, 'Fn::If', 2], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'ImportValue: unverifiable',
      yaml: `
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !ImportValue shared-backup-key
`,
      findings: [{ messageId: 'unverifiable', path: K, severity: 'info' }],
    },
    {
      name: 'parameter without Default: unverifiable',
      yaml: `
Parameters:
  VaultKey:
    Type: String
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: phi
      EncryptionKeyArn: !Ref VaultKey
`,
      findings: [{ messageId: 'unverifiable', path: K, severity: 'info' }],
    },
    {
      name: 'logically air-gapped vault without a key: AWS owned key',
      yaml: `
Resources:
  Vault:
    Type: AWS::Backup::LogicallyAirGappedBackupVault
    Properties:
      BackupVaultName: phi-airgapped
      MinRetentionDays: 7
      MaxRetentionDays: 35
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest', message: 'AWS owned key' }],
    },
  ],
});
