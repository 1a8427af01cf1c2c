import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Graph', 'Properties'];

ruleTester('neptune-cluster-encryption', {
  valid: [
    {
      name: 'encrypted with a customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      KmsKeyId: !Ref Key
`,
    },
    {
      name: 'flag from a parameter Default, key ARN literal',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: !Ref Encrypt
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'restored from a cluster of this template: the source is judged on its own',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Source:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      SourceDBClusterIdentifier: !Ref Source
      RestoreType: copy-on-write
      UseLatestRestorableTime: true
`,
    },
  ],
  invalid: [
    {
      name: 'no StorageEncrypted: error, suggestion adds a key',
      yaml: `
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      IamAuthEnabled: true
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'StorageEncrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit false with a template key: suggestion only (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'StorageEncrypted'], severity: 'error', fix: 'suggest', message: 'StorageEncrypted: false' }],
    },
    {
      name: 'encrypted without a key: the AWS managed key',
      yaml: `
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'the AWS managed key' }],
    },
    {
      name: 'the AWS managed alias named explicitly',
      yaml: `
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      KmsKeyId: alias/aws/rds
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/rds' }],
    },
    {
      name: 'peer mistake: cfn_nag takes only the true branch of Fn::If; the false branch is an error',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'StorageEncrypted', 'Fn::If', 2], severity: 'error', message: 'condition Prod is false' }],
    },
    {
      name: 'parameter without Default but AllowedValues: each value is judged',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: !Ref Encrypt
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [{ messageId: 'disabled', path: [...P, 'StorageEncrypted'], severity: 'error' }],
    },
    {
      name: 'imported flag and a key parameter without Default are unverifiable',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: !ImportValue neptune-encrypt
  Graph2:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
      KmsKeyId: !Ref KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'StorageEncrypted'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Graph2', 'Properties', 'KmsKeyId'], severity: 'info', message: 'no Default' },
      ],
    },
    {
      name: 'restored from an external snapshot: verify the source',
      yaml: `
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      SnapshotIdentifier: arn:aws:rds:us-east-1:111122223333:cluster-snapshot:phi-graph
`,
      findings: [{ messageId: 'inherited', path: [...P, 'SnapshotIdentifier'], severity: 'info' }],
    },
    {
      name: 'a restore under one condition does not hide the plain-create branch',
      yaml: `
Conditions:
  Restore: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      SnapshotIdentifier: !If [Restore, arn:aws:rds:us-east-1:111122223333:cluster-snapshot:x, !Ref 'AWS::NoValue']
`,
      findings: [
        { messageId: 'notEncrypted', path: [...P, 'StorageEncrypted'], severity: 'error', fix: 'suggest', message: 'condition Restore is false' },
        { messageId: 'inherited', path: [...P, 'SnapshotIdentifier', 'Fn::If', 1], severity: 'info', message: 'condition Restore is true' },
      ],
    },
  ],
});
