import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Volume', 'Properties'];

ruleTester('ebs-volume-encryption', {
  valid: [
    {
      name: 'encrypted with a customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 100
      Encrypted: true
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'customer managed key by alias resource, flag as the string "true"',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/phi-ebs
      TargetKeyId: !Ref Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: 'true'
      KmsKeyId: !Ref Alias
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
  VolumeKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !Ref Encrypt
      KmsKeyId: !Ref VolumeKey
`,
    },
    {
      name: 'volume from a snapshot that also sets Encrypted and a customer key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      SnapshotId: snap-0123456789abcdef0
      Encrypted: true
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'both Fn::If branches encrypted with customer keys',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  KeyA:
    Type: AWS::KMS::Key
  KeyB:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !If [Prod, true, 'true']
      KmsKeyId: !If [Prod, !GetAtt KeyA.Arn, !GetAtt KeyB.Arn]
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: ebs-volume-encryption
            reason: Scratch volume for public build artifacts, never PHI (SEC-12)
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
`,
    },
  ],
  invalid: [
    {
      name: 'snapshot in one branch only: the restore branch is unverifiable, the other must set Encrypted',
      yaml: `
Conditions:
  UseSnap: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  V:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      SnapshotId: !If [UseSnap, snap-0123456789abcdef0, !Ref 'AWS::NoValue']
`,
      findings: [
        { messageId: 'fromSnapshot', path: ['Resources', 'V', 'Properties', 'Encrypted'], severity: 'info', message: 'condition UseSnap is true' },
        { messageId: 'notEncrypted', path: ['Resources', 'V', 'Properties', 'Encrypted'], severity: 'error', message: 'condition UseSnap is false' },
      ],
    },
    {
      name: 'encryption removed under a condition says so, and the fix changes that branch',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  V:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/abc
      Encrypted: !If [Dev, !Ref 'AWS::NoValue', true]
`,
      findings: [{ messageId: 'disabled', path: ['Resources', 'V', 'Properties', 'Encrypted', 'Fn::If', 1], severity: 'error', fix: 'suggest', message: 'Encrypted is removed under a condition' }],
    },
    {
      name: 'no Encrypted: unencrypted unless the account default is on',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest', message: 'EBS volume Volume' }],
    },
    {
      name: 'KmsKeyId without Encrypted is still not encrypted',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit Encrypted: false, no key in the template (suggestion adds one)',
      yaml: `
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Encrypted false through a parameter Default: reported at the property',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    Default: 'false'
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !Ref Encrypt
      KmsKeyId: !Ref Key
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest', message: 'parameter Encrypt' }],
    },
    {
      name: 'only the false branch of Fn::If is bad (peers check only the true branch)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'AWS managed key: no KmsKeyId, the aws/ebs alias, and an Fn::If false branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: true
  Volume2:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: true
      KmsKeyId: alias/aws/ebs
  Volume3:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: true
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, arn:aws:kms:us-east-1:111122223333:alias/aws/ebs]
`,
      findings: [
        { messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: "account's default EBS key" },
        { messageId: 'awsManagedKey', path: ['Resources', 'Volume2', 'Properties', 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/ebs' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Volume3', 'Properties', 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' },
      ],
    },
    {
      name: 'volume from a snapshot without Encrypted takes the snapshot encryption: unverifiable',
      yaml: `
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      SnapshotId: snap-0123456789abcdef0
`,
      findings: [{ messageId: 'fromSnapshot', path: [...P, 'Encrypted'], severity: 'info', fix: 'suggest', message: 'snapshot (snap-0123456789abcdef0)' }],
    },
    {
      name: 'snapshot id from a parameter without Default: still judged as a restore, unverifiable',
      yaml: `
Parameters:
  Snap:
    Type: String
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      SnapshotId: !Ref Snap
`,
      findings: [{ messageId: 'fromSnapshot', path: [...P, 'Encrypted'], severity: 'info', fix: 'suggest', message: 'parameter Snap' }],
    },
    {
      name: 'snapshot only in one Fn::If branch: that branch is unverifiable, the other not encrypted',
      yaml: `
Conditions:
  Restore: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      SnapshotId: !If [Restore, snap-0123456789abcdef0, !Ref 'AWS::NoValue']
      Encrypted: !If [Restore, !Ref 'AWS::NoValue', false]
`,
      findings: [
        { messageId: 'fromSnapshot', path: [...P, 'Encrypted', 'Fn::If', 1], severity: 'info', fix: 'suggest', message: 'condition Restore is true' },
        { messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Restore is false' },
      ],
    },
    {
      name: 'flag from an import or a parameter without Default is unverifiable, never a silent pass',
      yaml: `
Parameters:
  Encrypt:
    Type: String
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !ImportValue shared-ebs-encrypted
  Volume2:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: !Ref Encrypt
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'Encrypted'], severity: 'info', fix: 'none', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: ['Resources', 'Volume2', 'Properties', 'Encrypted'], severity: 'info', fix: 'none', message: 'parameter Encrypt, which has no Default' },
      ],
    },
    {
      name: 'key from an import or a parameter without Default is unverifiable',
      yaml: `
Parameters:
  VolumeKey:
    Type: String
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: true
      KmsKeyId: !ImportValue shared-key-arn
  Volume2:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Encrypted: true
      KmsKeyId: !Ref VolumeKey
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info', fix: 'none', message: 'KmsKeyId' },
        { messageId: 'unverifiable', path: ['Resources', 'Volume2', 'Properties', 'KmsKeyId'], severity: 'info', fix: 'none', message: 'parameter VolumeKey, which has no Default' },
      ],
    },
    {
      name: 'a placeholder suppression reason suppresses nothing',
      yaml: `
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: ebs-volume-encryption
            reason: 'TODO: explain why this finding is acceptable'
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'] }],
    },
  ],
});
