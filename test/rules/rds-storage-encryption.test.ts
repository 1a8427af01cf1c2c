import { ruleTester } from '../helpers/rule-tester';

const DB = ['Resources', 'Db', 'Properties'];
const CL = ['Resources', 'Cluster', 'Properties'];

ruleTester('rds-storage-encryption', {
  valid: [
    {
      name: 'instance encrypted with a customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'cluster encrypted with a customer managed key ARN; flag given as the string "true"',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: 'true'
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'flag and key from parameter Defaults',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
  DbKey:
    Type: String
    Default: alias/phi-db
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !Ref Encrypt
      KmsKeyId: !Ref DbKey
`,
    },
    {
      name: 'Aurora member instances of an encrypted cluster set nothing themselves',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
      KmsKeyId: !Ref Key
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
  Reader:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
`,
    },
    {
      name: 'member instance whose engine comes from a parameter is still judged through its cluster (cdk-nag only exempts literal aurora engines)',
      yaml: `
Parameters:
  EngineName:
    Type: String
    Default: aurora-postgresql
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: !Ref EngineName
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !Ref EngineName
      DBClusterIdentifier: !Ref Cluster
`,
    },
    {
      name: 'Aurora Serverless v1 is always encrypted: with a customer key and no StorageEncrypted it passes',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineMode: serverless
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'read replica of an instance in this template: the source is judged, not the replica',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Primary:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      KmsKeyId: !GetAtt Key.Arn
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
      DBInstanceClass: db.t3.micro
`,
    },
    {
      name: 'point-in-time restore of a cluster in this template: the source cluster is judged',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Source:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
      KmsKeyId: !Ref Key
  Clone:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      SourceDBClusterIdentifier: !Ref Source
      RestoreType: copy-on-write
      UseLatestRestorableTime: true
`,
    },
    {
      name: 'both Fn::If branches encrypt with a customer key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  KeyA:
    Type: AWS::KMS::Key
  KeyB:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !If [Prod, true, 'true']
      KmsKeyId: !If [Prod, !GetAtt KeyA.Arn, !Ref KeyB]
`,
    },
    {
      name: 'a resource with a Condition is judged only where that condition holds',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Condition: Prod
    Properties:
      Engine: mysql
      StorageEncrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: rds-storage-encryption
            reason: Synthetic test data only, never PHI (SEC-77)
    Properties:
      Engine: mysql
`,
    },
  ],
  invalid: [
    {
      name: 'UseLatestRestorableTime: false is no restore',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      UseLatestRestorableTime: false
`,
      findings: [{ messageId: 'notEncrypted', path: ['Resources', 'Db', 'Properties', 'StorageEncrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'optional restore: the branch that restores inherits, the branch that does not must encrypt',
      yaml: `
Parameters:
  SnapshotArn:
    Type: String
    Default: ''
Conditions:
  Restore: !Not [!Equals [!Ref SnapshotArn, '']]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSnapshotIdentifier: !If [Restore, !Ref SnapshotArn, !Ref 'AWS::NoValue']
`,
      findings: [
        { messageId: 'notEncrypted', path: ['Resources', 'Db', 'Properties', 'StorageEncrypted'], severity: 'error', message: 'condition Restore is false' },
        { messageId: 'inherited', path: ['Resources', 'Db', 'Properties', 'DBSnapshotIdentifier', 'Fn::If', 1], severity: 'info', message: 'condition Restore is true' },
      ],
    },
    {
      name: 'conditional cluster membership: the standalone branch of the instance is judged',
      yaml: `
Conditions:
  UseCluster: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Condition: UseCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/abc
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !If [UseCluster, aurora-mysql, mysql]
      DBClusterIdentifier: !If [UseCluster, !Ref Cluster, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'notEncrypted', path: ['Resources', 'Db', 'Properties', 'StorageEncrypted'], severity: 'error', message: 'condition UseCluster is false' }],
    },
    {
      name: 'Engine aurora in one branch only: the other branch is a standalone instance',
      yaml: `
Conditions:
  IsAurora: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !If [IsAurora, aurora-mysql, mysql]
`,
      findings: [{ messageId: 'notEncrypted', path: ['Resources', 'Db', 'Properties', 'StorageEncrypted'], severity: 'error', message: 'condition IsAurora is false' }],
    },
    {
      name: 'EngineMode serverless in one branch only: the provisioned branch must set StorageEncrypted',
      yaml: `
Conditions:
  Serverless: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineMode: !If [Serverless, serverless, provisioned]
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/abc
`,
      findings: [{ messageId: 'notEncrypted', path: ['Resources', 'Cluster', 'Properties', 'StorageEncrypted'], severity: 'error', message: 'condition Serverless is false' }],
    },
    {
      name: 'an empty snapshot id (a parameter left at its Default) is no restore',
      yaml: `
Parameters:
  Snap:
    Type: String
    Default: ''
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSnapshotIdentifier: !Ref Snap
`,
      findings: [{ messageId: 'notEncrypted', path: ['Resources', 'Db', 'Properties', 'StorageEncrypted'], severity: 'error' }],
    },
    {
      name: 'instance without StorageEncrypted',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
`,
      findings: [{ messageId: 'notEncrypted', path: [...DB, 'StorageEncrypted'], severity: 'error', fix: 'suggest', message: 'DB instance Db' }],
    },
    {
      name: 'instance with a KmsKeyId but without StorageEncrypted is not encrypted',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'notEncrypted', path: [...DB, 'StorageEncrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit StorageEncrypted: false, no key in the template (suggestion adds one)',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mariadb
      StorageEncrypted: false
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'StorageEncrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'unencrypted Aurora cluster: the cluster gets the finding, its member instances none',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
  Reader:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      StorageEncrypted: false
`,
      findings: [{ messageId: 'notEncrypted', path: [...CL, 'StorageEncrypted'], severity: 'error', fix: 'suggest', message: 'DB cluster Cluster' }],
    },
    {
      name: 'StorageEncrypted false through a parameter Default: reported at the property',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: !Ref Encrypt
      KmsKeyId: !Ref Key
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'StorageEncrypted'], severity: 'error', fix: 'suggest', message: 'parameter Encrypt' }],
    },
    {
      name: 'only the false branch of Fn::If is bad (peers check only the true branch)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'StorageEncrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'AWS managed key: literal alias, the default key, and an Fn::If false branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      KmsKeyId: alias/aws/rds
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      StorageEncrypted: true
  Db3:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: true
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, arn:aws:kms:us-east-1:111122223333:alias/aws/rds]
`,
      findings: [
        { messageId: 'awsManagedKey', path: [...DB, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/rds' },
        { messageId: 'awsManagedKey', path: [...CL, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'the AWS managed key (aws/rds)' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Db3', 'Properties', 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' },
      ],
    },
    {
      name: 'Aurora Serverless v1 without StorageEncrypted is encrypted: only the key hardening applies',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EngineMode: serverless
`,
      findings: [{ messageId: 'awsManagedKey', path: [...CL, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'provisioned Aurora cluster is not encrypted by default (EngineMode provisioned)',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      EngineMode: provisioned
`,
      findings: [{ messageId: 'notEncrypted', path: [...CL, 'StorageEncrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'flag from an import or a parameter without Default is unverifiable, never a silent pass',
      yaml: `
Parameters:
  Encrypt:
    Type: String
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: !ImportValue shared-db-encrypted
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: !Ref Encrypt
`,
      findings: [
        { messageId: 'unverifiable', path: [...DB, 'StorageEncrypted'], severity: 'info', fix: 'none', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: [...CL, 'StorageEncrypted'], severity: 'info', fix: 'none', message: 'parameter Encrypt, which has no Default' },
      ],
    },
    {
      name: 'key from an import or a parameter without Default is unverifiable',
      yaml: `
Parameters:
  DbKey:
    Type: String
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      KmsKeyId: !ImportValue shared-key-arn
  Db2:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: true
      KmsKeyId: !Ref DbKey
`,
      findings: [
        { messageId: 'unverifiable', path: [...DB, 'KmsKeyId'], severity: 'info', fix: 'none', message: 'KmsKeyId' },
        { messageId: 'unverifiable', path: ['Resources', 'Db2', 'Properties', 'KmsKeyId'], severity: 'info', fix: 'none', message: 'parameter DbKey, which has no Default' },
      ],
    },
    {
      name: 'StorageEncrypted that is not a boolean is unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: 'yes'
`,
      findings: [{ messageId: 'unverifiable', path: [...DB, 'StorageEncrypted'], severity: 'info', fix: 'none', message: 'not a boolean' }],
    },
    {
      name: 'read replica and snapshot restores from sources outside the template inherit: verify the source',
      yaml: `
Resources:
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:111122223333:db:prod-primary
  Restored:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSnapshotIdentifier: prod-snapshot-2024
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      SnapshotIdentifier: arn:aws:rds:us-east-1:111122223333:cluster-snapshot:nightly
`,
      findings: [
        { messageId: 'inherited', path: ['Resources', 'Replica', 'Properties', 'SourceDBInstanceIdentifier'], severity: 'info', fix: 'none', message: 'prod-primary' },
        { messageId: 'inherited', path: ['Resources', 'Restored', 'Properties', 'DBSnapshotIdentifier'], severity: 'info', fix: 'none', message: 'DBSnapshotIdentifier prod-snapshot-2024' },
        { messageId: 'inherited', path: [...CL, 'SnapshotIdentifier'], severity: 'info', fix: 'none', message: 'DB cluster Cluster' },
      ],
    },
    {
      name: 'replica of a source imported from another stack inherits, reported once',
      yaml: `
Resources:
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !ImportValue prod-primary-arn
      DBInstanceClass: db.t3.micro
`,
      findings: [
        { messageId: 'inherited', path: ['Resources', 'Replica', 'Properties', 'SourceDBInstanceIdentifier'], severity: 'info', fix: 'none', message: 'imported from another stack' },
      ],
    },
    {
      name: 'widdix rds-mysql: snapshot branch inherits, only HasSnapshot=false and HasKmsKey=false is disabled',
      yaml: `
Parameters:
  ParentKmsKeyStack:
    Type: String
    Default: ''
  Snap:
    Type: String
    Default: ''
Conditions:
  HasKmsKey: !Not [!Equals [!Ref ParentKmsKeyStack, '']]
  HasSnapshot: !Not [!Equals [!Ref Snap, '']]
  HasKmsKeyAndNotSnapshot: !And [!Condition HasKmsKey, !Not [!Condition HasSnapshot]]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      DBSnapshotIdentifier: !If [HasSnapshot, !Ref Snap, !Ref 'AWS::NoValue']
      KmsKeyId: !If [HasKmsKeyAndNotSnapshot, {'Fn::ImportValue': !Sub '\${ParentKmsKeyStack}-KeyId'}, !Ref 'AWS::NoValue']
      StorageEncrypted: !If [HasSnapshot, !Ref 'AWS::NoValue', !If [HasKmsKey, true, false]]
`,
      findings: [
        { messageId: 'inherited', path: [...DB, 'DBSnapshotIdentifier', 'Fn::If', 1], severity: 'info', fix: 'none', message: 'condition HasSnapshot is true' },
        { messageId: 'unverifiable', path: [...DB, 'KmsKeyId', 'Fn::If', 1], severity: 'info', fix: 'none', message: 'imported from another stack' },
        {
          messageId: 'disabled',
          path: [...DB, 'StorageEncrypted', 'Fn::If', 2, 'Fn::If', 2],
          severity: 'error',
          fix: 'suggest',
          message: 'condition HasSnapshot is false and condition HasKmsKey is false',
        },
      ],
    },
    {
      name: 'AWS::NoValue without a snapshot source is an explicit opt-out',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: !If [Prod, true, !Ref 'AWS::NoValue']
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'StorageEncrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'a placeholder suppression reason suppresses nothing',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: rds-storage-encryption
            reason: 'TODO: explain why this finding is acceptable'
    Properties:
      Engine: mysql
`,
      findings: [{ messageId: 'notEncrypted', path: [...DB, 'StorageEncrypted'] }],
    },
  ],
});
