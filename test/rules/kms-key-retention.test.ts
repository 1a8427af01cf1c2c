import { ruleTester } from '../helpers/rule-tester';

const R = ['Resources', 'Key'];

const TABLE = `
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref Key
`;

ruleTester('kms-key-retention', {
  valid: [
    {
      name: 'used key retained on delete and replace',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
${TABLE}`,
    },
    {
      name: 'RetainExceptOnCreate counts as retained',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: RetainExceptOnCreate
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
${TABLE}`,
    },
    {
      name: 'a key nothing in the template uses is not judged',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`,
    },
    {
      name: 'a key only named in an IAM policy is a permission, not a use',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: kms:Decrypt
            Resource: !GetAtt Key.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'used key with neither policy',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
${TABLE}`,
      findings: [{ messageId: 'notRetained', path: [...R, 'DeletionPolicy'], severity: 'warning', fix: 'safe', message: 'encrypts Table' }],
      output: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
${TABLE}`,
    },
    {
      name: 'explicit Delete',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Delete
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
${TABLE}`,
      findings: [{ messageId: 'notRetained', path: [...R, 'DeletionPolicy'], severity: 'warning', fix: 'safe', message: 'DeletionPolicy: Delete' }],
    },
    {
      name: 'retained on delete but not on replacement',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    Properties:
      EnableKeyRotation: true
${TABLE}`,
      findings: [{ messageId: 'notRetained', path: [...R, 'UpdateReplacePolicy'], severity: 'warning', fix: 'safe', message: 'no UpdateReplacePolicy' }],
    },
    {
      name: 'short pending window',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      PendingWindowInDays: 7
${TABLE}`,
      findings: [{ messageId: 'shortWindow', path: [...R, 'Properties', 'PendingWindowInDays'], severity: 'warning', fix: 'safe', message: 'only 7 days' }],
    },
    {
      name: 'key used by a log group through Fn::Sub of its ARN',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/\${Key}'
`,
      findings: [{ messageId: 'notRetained', path: [...R, 'DeletionPolicy'], severity: 'warning', fix: 'safe', message: 'encrypts Logs' }],
    },
  ],
});
