import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Repo', 'Properties'];

ruleTester('ecr-repository-encryption', {
  valid: [
    {
      name: 'KMS with a customer managed key of the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS
        KmsKey: !GetAtt Key.Arn
`,
    },
    {
      name: 'KMS_DSSE with a literal customer key ARN',
      yaml: `
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS_DSSE
        KmsKey: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionConfiguration: hardening (AES-256 by default), suggestion adds a key',
      yaml: `
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      ImageScanningConfiguration:
        ScanOnPush: true
`,
      findings: [{ messageId: 's3ManagedKeys', path: [...P, 'EncryptionConfiguration', 'EncryptionType'], severity: 'warning', fix: 'suggest', message: 'sets no EncryptionConfiguration' }],
    },
    {
      name: 'AES256, KMS without a key, and the AWS managed key (one template key: still suggestions, replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: AES256
  Repo2:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS
  Repo3:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS
        KmsKey: alias/aws/ecr
`,
      findings: [
        { messageId: 's3ManagedKeys', path: [...P, 'EncryptionConfiguration', 'EncryptionType'], severity: 'warning', fix: 'suggest', message: 'AES256' },
        { messageId: 'defaultKey', path: ['Resources', 'Repo2', 'Properties', 'EncryptionConfiguration', 'KmsKey'], severity: 'warning', fix: 'suggest' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Repo3', 'Properties', 'EncryptionConfiguration', 'KmsKey'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_136 fails an absent configuration but passes AES256, the same encryption (both are warnings here)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Repo:
    Type: AWS::ECR::Repository
  Repo2:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: AES256
`,
      findings: [
        { messageId: 's3ManagedKeys', path: [...P, 'EncryptionConfiguration', 'EncryptionType'], severity: 'warning', fix: 'suggest' },
        { messageId: 's3ManagedKeys', path: ['Resources', 'Repo2', 'Properties', 'EncryptionConfiguration', 'EncryptionType'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'Fn::If on the type: only the AES256 branch; parameter AllowedValues judged each',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Parameters:
  EncType:
    Type: String
    AllowedValues: [KMS, AES256]
Resources:
  Key:
    Type: AWS::KMS::Key
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: !If [Prod, KMS, AES256]
        KmsKey: !GetAtt Key.Arn
  Repo2:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: !Ref EncType
        KmsKey: !GetAtt Key.Arn
`,
      findings: [
        { messageId: 's3ManagedKeys', path: [...P, 'EncryptionConfiguration', 'EncryptionType', 'Fn::If', 2], message: 'condition Prod is false' },
        { messageId: 's3ManagedKeys', path: ['Resources', 'Repo2', 'Properties', 'EncryptionConfiguration', 'EncryptionType'], message: 'parameter EncType' },
      ],
    },
    {
      name: 'imported key and parameter without Default are unverifiable',
      yaml: `
Parameters:
  Free:
    Type: String
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: KMS
        KmsKey: !ImportValue shared-key
  Repo2:
    Type: AWS::ECR::Repository
    Properties:
      EncryptionConfiguration:
        EncryptionType: !Ref Free
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'EncryptionConfiguration', 'KmsKey'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Repo2', 'Properties', 'EncryptionConfiguration', 'EncryptionType'], severity: 'info', message: 'no Default' },
      ],
    },
  ],
});
