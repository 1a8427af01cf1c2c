import { ruleTester } from '../helpers/rule-tester';

const K = ['Resources', 'Fs', 'Properties', 'KmsKeyId'];

ruleTester('fsx-filesystem-encryption', {
  valid: [
    {
      name: 'Windows file system with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: WINDOWS
      StorageCapacity: 32
      SubnetIds: [subnet-1]
      KmsKeyId: !Ref Key
      WindowsConfiguration:
        ThroughputCapacity: 8
`,
    },
    {
      name: 'Lustre scratch (default deployment type) cannot take a key: not reported',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
`,
    },
    {
      name: 'Lustre SCRATCH_2: not reported',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
      LustreConfiguration:
        DeploymentType: SCRATCH_2
`,
    },
    {
      name: 'Lustre persistent with a key ARN literal',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      LustreConfiguration:
        DeploymentType: PERSISTENT_2
        PerUnitStorageThroughput: 125
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: fsx-filesystem-encryption
            reason: Render farm scratch space, no PHI (SEC-33)
    Properties:
      FileSystemType: OPENZFS
      StorageCapacity: 64
      SubnetIds: [subnet-1]
`,
    },
  ],
  invalid: [
    {
      name: 'ONTAP without KmsKeyId: aws/fsx (hardening)',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: ONTAP
      StorageCapacity: 1024
      SubnetIds: [subnet-1]
      OntapConfiguration:
        DeploymentType: SINGLE_AZ_1
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest', message: 'aws/fsx' }],
    },
    {
      name: 'Lustre PERSISTENT_1 without a key, one template key: suggestion (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
      LustreConfiguration:
        DeploymentType: PERSISTENT_1
        PerUnitStorageThroughput: 50
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed alias',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: OPENZFS
      StorageCapacity: 64
      SubnetIds: [subnet-1]
      KmsKeyId: alias/aws/fsx
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If on the key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: WINDOWS
      StorageCapacity: 32
      SubnetIds: [subnet-1]
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'awsManagedKey', path: [...K, 'Fn::If', 2], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'key from ImportValue: unverifiable',
      yaml: `
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: WINDOWS
      StorageCapacity: 32
      SubnetIds: [subnet-1]
      KmsKeyId: !ImportValue shared-fsx-key
`,
      findings: [{ messageId: 'unverifiable', path: K, severity: 'info' }],
    },
    {
      name: 'Lustre deployment type decided at deploy time, no key: unverifiable',
      yaml: `
Parameters:
  Deployment:
    Type: String
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
      LustreConfiguration:
        DeploymentType: !Ref Deployment
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Fs', 'Properties', 'LustreConfiguration', 'DeploymentType'], severity: 'info' }],
    },
    {
      name: 'Lustre deployment type from AllowedValues: only the persistent one is judged, no fix (a key breaks the scratch choice)',
      yaml: `
Parameters:
  Deployment:
    Type: String
    AllowedValues: [SCRATCH_2, PERSISTENT_2]
Resources:
  Fs:
    Type: AWS::FSx::FileSystem
    Properties:
      FileSystemType: LUSTRE
      StorageCapacity: 1200
      SubnetIds: [subnet-1]
      LustreConfiguration:
        DeploymentType: !Ref Deployment
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'none' }],
    },
  ],
});
