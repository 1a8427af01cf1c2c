import { ruleTester } from '../helpers/rule-tester';

const LT = ['Resources', 'Template', 'Properties', 'LaunchTemplateData', 'BlockDeviceMappings'];
const I = ['Resources', 'Server', 'Properties', 'BlockDeviceMappings'];
const LC = ['Resources', 'Config', 'Properties', 'BlockDeviceMappings'];

ruleTester('ec2-block-device-encryption', {
  valid: [
    {
      name: 'launch template with an encrypted volume and a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 50
              Encrypted: true
              KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'peer mistake: checkov CKV_AWS_8 fails NoDevice entries (instance store and NoDevice entries are skipped)',
      yaml: `
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/sdb
          VirtualName: ephemeral0
        - DeviceName: /dev/sdc
          NoDevice: {}
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/sdd
          NoDevice: true
`,
    },
    {
      name: 'launch configuration encrypted (it cannot name a key), flag as a string',
      yaml: `
Resources:
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: 'true'
`,
    },
    {
      name: 'peer mistake: checkov CKV_AWS_8 fails a launch configuration without mappings (nothing to check here)',
      yaml: `
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
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
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            Encrypted: !Ref Encrypt
            KmsKeyId: !Ref VolumeKey
`,
    },
  ],
  invalid: [
    {
      name: 'launch template without Encrypted, one template key: safe fix (new version)',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 50
`,
      findings: [{ messageId: 'notEncrypted', path: [...LT, 0, 'Ebs', 'Encrypted'], severity: 'error', fix: 'safe', message: 'encryption by default' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 50
              Encrypted: true
              KmsKeyId:
                Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'encrypted without a key, and with the AWS managed key: hardening, one template key: safe fix',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              Encrypted: true
          - DeviceName: /dev/sdf
            Ebs:
              Encrypted: true
              KmsKeyId: alias/aws/ebs
`,
      findings: [
        { messageId: 'defaultKey', path: [...LT, 0, 'Ebs', 'KmsKeyId'], severity: 'warning', fix: 'safe' },
        { messageId: 'awsManagedKey', path: [...LT, 1, 'Ebs', 'KmsKeyId'], severity: 'warning', fix: 'safe' },
      ],
    },
    {
      name: 'instance with Encrypted: false: error, suggestion (replaces the instance)',
      yaml: `
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            Encrypted: false
`,
      findings: [{ messageId: 'disabled', path: [...I, 0, 'Ebs', 'Encrypted'], severity: 'error', fix: 'suggest', message: 'Encrypted: false' }],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_8 checks only launch configurations (launch templates and instances are ignored)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 8
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 8
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 8
`,
      findings: [
        { messageId: 'notEncrypted', path: [...LT, 0, 'Ebs', 'Encrypted'], fix: 'safe' },
        { messageId: 'notEncrypted', path: [...I, 0, 'Ebs', 'Encrypted'], fix: 'suggest' },
        { messageId: 'notEncrypted', path: [...LC, 0, 'Ebs', 'Encrypted'], fix: 'suggest', message: 'launch configuration' },
      ],
    },
    {
      name: 'volume from a snapshot without Encrypted: unverifiable; Encrypted: false cannot decrypt it either',
      yaml: `
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/sdf
          Ebs:
            SnapshotId: snap-0123456789abcdef0
        - DeviceName: /dev/sdg
          Ebs:
            SnapshotId: snap-0123456789abcdef1
            Encrypted: false
`,
      findings: [
        { messageId: 'fromSnapshot', path: [...I, 0, 'Ebs', 'Encrypted'], severity: 'info', fix: 'suggest', message: 'snap-0123456789abcdef0' },
        { messageId: 'fromSnapshot', path: [...I, 1, 'Ebs', 'Encrypted'], severity: 'info', fix: 'suggest' },
      ],
    },
    {
      name: 'Fn::If on Encrypted: only the false branch is reported',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs:
              Encrypted: !If [Prod, true, false]
              KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...LT, 0, 'Ebs', 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'Fn::If around a whole mapping list',
      yaml: `
Conditions:
  Big: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings: !If
        - Big
        - - DeviceName: /dev/xvda
            Ebs:
              VolumeSize: 500
        - !Ref 'AWS::NoValue'
`,
      findings: [{ messageId: 'notEncrypted', path: [...I, 'Fn::If', 1, 0, 'Ebs', 'Encrypted'], fix: 'suggest' }],
    },
    {
      name: 'parameter without Default but AllowedValues: each value judged; none: unverifiable; import: unverifiable',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
  Free:
    Type: String
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            Encrypted: !Ref Encrypt
            KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        - DeviceName: /dev/sdf
          Ebs:
            Encrypted: !Ref Free
        - DeviceName: /dev/sdg
          Ebs:
            Encrypted: true
            KmsKeyId: !ImportValue shared-ebs-key
`,
      findings: [
        { messageId: 'disabled', path: [...I, 0, 'Ebs', 'Encrypted'], severity: 'error', message: 'parameter Encrypt' },
        { messageId: 'unverifiable', path: [...I, 1, 'Ebs', 'Encrypted'], severity: 'info', message: 'no Default' },
        { messageId: 'unverifiable', path: [...I, 2, 'Ebs', 'KmsKeyId'], severity: 'info', message: 'Fn::ImportValue' },
      ],
    },
    {
      name: 'spot fleet launch specifications are checked',
      yaml: `
Resources:
  Fleet:
    Type: AWS::EC2::SpotFleet
    Properties:
      SpotFleetRequestConfigData:
        IamFleetRole: arn:aws:iam::111122223333:role/fleet
        TargetCapacity: 1
        LaunchSpecifications:
          - ImageId: ami-0123456789abcdef0
            InstanceType: t3.micro
            BlockDeviceMappings:
              - DeviceName: /dev/xvda
                Ebs:
                  VolumeSize: 20
`,
      findings: [
        {
          messageId: 'notEncrypted',
          path: ['Resources', 'Fleet', 'Properties', 'SpotFleetRequestConfigData', 'LaunchSpecifications', 0, 'BlockDeviceMappings', 0, 'Ebs', 'Encrypted'],
          fix: 'suggest',
          message: 'spot fleet',
        },
      ],
    },
  ],
});
