import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Trail', 'Properties'];

const KEY_OK = `
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal:
              Service: cloudtrail.amazonaws.com
            Action: kms:GenerateDataKey*
            Resource: '*'
`;

const KEY_NO_CT = `
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: kms:*
            Resource: '*'
`;

ruleTester('cloudtrail-encryption', {
  valid: [
    {
      name: 'peer mistake: guard fails KMSKeyId given as !Ref (is_string); a template key that allows CloudTrail passes',
      yaml: `
Resources:${KEY_OK}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !Ref Key
`,
    },
    {
      name: 'GetAtt Arn, policy as a single statement mapping with kms:* for the service',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Statement:
          Effect: Allow
          Principal: { Service: [cloudtrail.amazonaws.com] }
          Action: ['kms:*']
          Resource: '*'
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'literal key ARN and customer alias (policy not in the template)',
      yaml: `
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
  Trail2:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: alias/trail-logs
`,
    },
  ],
  invalid: [
    {
      name: 'no KMSKeyId, one key that allows CloudTrail: safe fix',
      yaml: `Resources:${KEY_OK}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
`,
      findings: [{ messageId: 'sseS3', path: [...P, 'KMSKeyId'], severity: 'warning', fix: 'safe' }],
      output: `Resources:${KEY_OK}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'no KMSKeyId, the only key does not allow CloudTrail: suggestion adds a key that does',
      yaml: `
Resources:${KEY_NO_CT}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
`,
      findings: [{ messageId: 'sseS3', path: [...P, 'KMSKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'key policy without CloudTrail is a violation, suggestion grants it',
      yaml: `
Resources:${KEY_NO_CT}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'keyPolicyMissingCloudTrail', path: [...P, 'KMSKeyId'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'key without KeyPolicy (account only) is a violation; through an alias too',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/trail
      TargetKeyId: !Ref Key
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !Ref Alias
`,
      findings: [{ messageId: 'keyPolicyMissingCloudTrail', path: [...P, 'KMSKeyId'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'CloudTrail allowed only Decrypt: violation',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: [kms:Decrypt, kms:DescribeKey]
            Resource: '*'
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'keyPolicyMissingCloudTrail', path: [...P, 'KMSKeyId'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'a policy statement decided at deploy time: unverifiable, not a violation',
      yaml: `
Parameters:
  ExtraStatement:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { Service: !Ref ExtraStatement }
            Action: kms:GenerateDataKey*
            Resource: '*'
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'policyUnverifiable', path: [...P, 'KMSKeyId'], severity: 'info' }],
    },
    {
      name: 'Fn::If: only the branch without a key is reported, the fix writes that branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:${KEY_OK}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !If [Prod, !GetAtt Key.Arn, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'sseS3', path: [...P, 'KMSKeyId', 'Fn::If', 2], severity: 'warning', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'AWS managed alias from a parameter default',
      yaml: `
Parameters:
  TrailKey:
    Type: String
    Default: alias/aws/cloudtrail
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !Ref TrailKey
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KMSKeyId'], severity: 'warning', fix: 'suggest', message: 'parameter TrailKey' }],
    },
    {
      name: 'parameter without Default: each AllowedValue judged (empty string = no key)',
      yaml: `
Parameters:
  TrailKey:
    Type: String
    AllowedValues: ['', alias/trail]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !Ref TrailKey
`,
      findings: [{ messageId: 'sseS3', path: [...P, 'KMSKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'imported key and a key from a non-KMS resource are unverifiable',
      yaml: `
Resources:
  Other:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/t.yaml
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !ImportValue trail-key
  Trail2:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      KMSKeyId: !GetAtt Other.Outputs.KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KMSKeyId'], severity: 'info', message: 'imported' },
        { messageId: 'unverifiable', path: ['Resources', 'Trail2', 'Properties', 'KMSKeyId'], severity: 'info' },
      ],
    },
  ],
});
