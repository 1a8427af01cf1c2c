import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Warehouse', 'Properties'];
const NS = ['Resources', 'Namespace', 'Properties'];

ruleTester('redshift-cluster-encryption', {
  valid: [
    {
      name: 'encrypted with a customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: phi
      MasterUsername: admin
      ManageMasterPassword: true
      Encrypted: true
      KmsKeyId: !Ref Key
`,
    },
    {
      name: 'peer mistake: cdk-nag RedshiftClusterConfiguration also wants LoggingProperties; this rule judges encryption only',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      Encrypted: 'true'
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'Serverless namespace with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Namespace:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: phi
      KmsKeyId: !GetAtt Key.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'Encrypted absent: hardening (encrypted by default since 2025, not before)',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
`,
      findings: [{ messageId: 'notSet', path: [...P, 'Encrypted'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Encrypted false is an error; the fix is a suggestion',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      Encrypted: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest', message: 'Encrypted: false' }],
    },
    {
      name: 'encrypted with the AWS managed key',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      Encrypted: true
      KmsKeyId: alias/aws/redshift
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/redshift' }],
    },
    {
      name: 'Fn::If: the false branch is an error (cfn_nag takes only the true branch)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      Encrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'flag from parameter AllowedValues without Default; imported key',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      Encrypted: !Ref Encrypt
      KmsKeyId: !ImportValue warehouse-key
`,
      findings: [
        { messageId: 'disabled', path: [...P, 'Encrypted'], severity: 'error' },
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info', message: 'Fn::ImportValue' },
      ],
    },
    {
      name: 'restored from an external snapshot',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      SnapshotIdentifier: phi-warehouse-final
`,
      findings: [{ messageId: 'inherited', path: [...P, 'SnapshotIdentifier'], severity: 'info' }],
    },
    {
      name: 'Serverless namespace without a key: AWS owned key',
      yaml: `
Resources:
  Namespace:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: phi
`,
      findings: [{ messageId: 'namespaceKey', path: [...NS, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'AWS owned key' }],
    },
    {
      name: 'Serverless namespace with AWS_OWNED_KMS_KEY, and one with a parameter without Default',
      yaml: `
Parameters:
  NsKey:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
  Namespace:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      KmsKeyId: AWS_OWNED_KMS_KEY
  Namespace2:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      KmsKeyId: !Ref NsKey
`,
      findings: [
        { messageId: 'namespaceKey', path: [...NS, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'AWS_OWNED_KMS_KEY' },
        { messageId: 'unverifiable', path: ['Resources', 'Namespace2', 'Properties', 'KmsKeyId'], severity: 'info', message: 'no Default' },
      ],
    },
    {
      name: 'a restore under one condition does not hide the plain-create branch',
      yaml: `
Conditions:
  Restore: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      SnapshotIdentifier: !If [Restore, phi-final, !Ref 'AWS::NoValue']
      Encrypted: !If [Restore, !Ref 'AWS::NoValue', false]
`,
      findings: [
        { messageId: 'inherited', path: [...P, 'SnapshotIdentifier', 'Fn::If', 1], severity: 'info', message: 'condition Restore is true' },
        { messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Restore is false' },
      ],
    },
    {
      name: 'Encrypted false on a restore cannot decrypt: the snapshot decides',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      SnapshotIdentifier: phi-final
      Encrypted: false
`,
      findings: [{ messageId: 'inherited', path: [...P, 'SnapshotIdentifier'], severity: 'info' }],
    },
  ],
});
