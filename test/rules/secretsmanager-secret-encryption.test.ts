import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Secret', 'Properties'];

ruleTester('secretsmanager-secret-encryption', {
  valid: [
    {
      name: 'customer managed key from the template (Ref and GetAtt)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref Key
      GenerateSecretString: {}
  Secret2:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'customer alias and key ARN literals, and from a parameter default',
      yaml: `
Parameters:
  SecretKey:
    Type: String
    Default: alias/phi-secrets
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref SecretKey
  Secret2:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
  ],
  invalid: [
    {
      name: 'no KmsKeyId, one template key: a suggestion, never a safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: db password
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'no Properties and no key: suggestion adds one',
      yaml: `
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cdk-nag and guard each miss one spelling of the AWS managed key (both normalised)',
      yaml: `
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: aws/secretsmanager
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'aws/secretsmanager' }],
    },
    {
      name: 'alias/aws/secretsmanager',
      yaml: `
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: alias/aws/secretsmanager
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'alias ARN built with Fn::Sub',
      yaml: `
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:alias/aws/secretsmanager'
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: only the AWS managed branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !If [Prod, !Ref Key, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'parameter AllowedValues are each judged; the default key from a parameter Default',
      yaml: `
Parameters:
  SecretKey:
    Type: String
    AllowedValues: [alias/aws/secretsmanager, alias/phi]
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref SecretKey
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'imported key and a parameter without Default are unverifiable',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !ImportValue secrets-key
  Secret2:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info' },
        { messageId: 'unverifiable', path: ['Resources', 'Secret2', 'Properties', 'KmsKeyId'], severity: 'info', message: 'KeyArn' },
      ],
    },
  ],
});
