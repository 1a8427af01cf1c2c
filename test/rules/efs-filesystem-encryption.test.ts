import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Fs', 'Properties'];

ruleTester('efs-filesystem-encryption', {
  valid: [
    {
      name: 'encrypted with a customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: !Ref Key
      PerformanceMode: generalPurpose
`,
    },
    {
      name: 'customer managed key ARN literal, flag as the string "true"',
      yaml: `
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: 'true'
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
  FsKey:
    Type: String
    Default: alias/phi-efs
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !Ref Encrypt
      KmsKeyId: !Ref FsKey
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
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !If [Prod, true, 'true']
      KmsKeyId: !If [Prod, !GetAtt KeyA.Arn, !GetAtt KeyB.Arn]
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: efs-filesystem-encryption
            reason: Holds public static web assets only, never PHI (SEC-31)
`,
    },
  ],
  invalid: [
    {
      name: 'absent Encrypted is a violation (cdk-nag passes it, CloudFormation creates it unencrypted)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      PerformanceMode: generalPurpose
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest', message: 'EFS file system Fs' }],
    },
    {
      name: 'no Properties at all, no key in the template (suggestion adds one)',
      yaml: `
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'KmsKeyId without Encrypted is still not encrypted',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit Encrypted: false',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
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
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !Ref Encrypt
      KmsKeyId: !GetAtt Key.Arn
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
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'AWS::NoValue in a branch removes the flag: an explicit opt-out',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !If [Prod, true, !Ref 'AWS::NoValue']
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'Encrypted', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'AWS managed key: no KmsKeyId, the aws/elasticfilesystem alias, and an Fn::If false branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
  Fs2:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: alias/aws/elasticfilesystem
  Fs3:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: !If [Prod, !GetAtt Key.Arn, arn:aws:kms:us-east-1:111122223333:alias/aws/elasticfilesystem]
`,
      findings: [
        { messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'the AWS managed key (aws/elasticfilesystem)' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Fs2', 'Properties', 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/elasticfilesystem' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Fs3', 'Properties', 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' },
      ],
    },
    {
      name: 'flag from an import or a parameter without Default is unverifiable, never a silent pass',
      yaml: `
Parameters:
  Encrypt:
    Type: String
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !ImportValue shared-efs-encrypted
  Fs2:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !Ref Encrypt
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'Encrypted'], severity: 'info', fix: 'none', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: ['Resources', 'Fs2', 'Properties', 'Encrypted'], severity: 'info', fix: 'none', message: 'parameter Encrypt, which has no Default' },
      ],
    },
    {
      name: 'key from an import or a parameter without Default is unverifiable',
      yaml: `
Parameters:
  FsKey:
    Type: String
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: !ImportValue shared-key-arn
  Fs2:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: !Ref FsKey
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info', fix: 'none', message: 'KmsKeyId' },
        { messageId: 'unverifiable', path: ['Resources', 'Fs2', 'Properties', 'KmsKeyId'], severity: 'info', fix: 'none', message: 'parameter FsKey, which has no Default' },
      ],
    },
    {
      name: 'Encrypted that is not a boolean is unverifiable',
      yaml: `
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: 'yes'
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Encrypted'], severity: 'info', fix: 'none', message: 'not a boolean' }],
    },
    {
      name: 'a placeholder suppression reason suppresses nothing',
      yaml: `
Resources:
  Fs:
    Type: AWS::EFS::FileSystem
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: efs-filesystem-encryption
            reason: 'TODO: explain why this finding is acceptable'
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'Encrypted'] }],
    },
  ],
});
