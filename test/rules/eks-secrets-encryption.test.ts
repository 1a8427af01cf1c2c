import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Cluster', 'Properties'];
const BASE = `
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]`;

ruleTester('eks-secrets-encryption', {
  valid: [
    {
      name: 'secrets encrypted with a customer managed key of the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !GetAtt Key.Arn
`,
    },
    {
      name: 'key ARN from a parameter Default',
      yaml: `
Parameters:
  SecretsKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !Ref SecretsKey
`,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionConfig: hardening (AWS owned key by default), suggestion adds a key',
      yaml: `
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
`,
      findings: [{ messageId: 'noEncryptionConfig', path: [...P, 'EncryptionConfig'], severity: 'warning', fix: 'suggest', message: 'AWS owns' }],
    },
    {
      name: 'one template key: still a suggestion (cannot be removed once set)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig: []
`,
      findings: [{ messageId: 'noEncryptionConfig', path: [...P, 'EncryptionConfig'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed key alias and a configuration without secrets',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: alias/aws/eks
  Cluster2:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: []
          Provider:
            KeyArn: !GetAtt Key.Arn
`,
      findings: [
        { messageId: 'awsManagedKey', path: [...P, 'EncryptionConfig', 0, 'Provider', 'KeyArn'], severity: 'warning', fix: 'suggest' },
        { messageId: 'secretsNotCovered', path: ['Resources', 'Cluster2', 'Properties', 'EncryptionConfig'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'peer mistake: cfn_nag W82 takes only the true branch of Fn::If (the NoValue branch is reported)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig: !If
        - Prod
        - - Resources: [secrets]
            Provider:
              KeyArn: !GetAtt Key.Arn
        - !Ref 'AWS::NoValue'
`,
      findings: [{ messageId: 'noEncryptionConfig', path: [...P, 'EncryptionConfig', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'imported key and parameter without Default are unverifiable',
      yaml: `
Parameters:
  Free:
    Type: String
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !ImportValue shared-key
  Cluster2:
    Type: AWS::EKS::Cluster
    Properties:${BASE}
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !Ref Free
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'EncryptionConfig', 0, 'Provider', 'KeyArn'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Cluster2', 'Properties', 'EncryptionConfig', 0, 'Provider', 'KeyArn'], severity: 'info', message: 'no Default' },
      ],
    },
  ],
});
