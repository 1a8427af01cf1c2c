import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Bucket', 'Properties'];
const ENC = [...P, 'BucketEncryption'];
const RULE0 = [...ENC, 'ServerSideEncryptionConfiguration', 0];
const BY_DEFAULT = [...RULE0, 'ServerSideEncryptionByDefault'];

ruleTester('s3-bucket-encryption', {
  valid: [
    {
      name: 'a server access log target must use SSE-S3: AES256 passes when another bucket logs to it',
      yaml: `
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
  Data:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: s3-bucket-encryption
            reason: Not under test here (the log bucket is)
    Properties:
      LoggingConfiguration:
        DestinationBucketName: !Ref Logs
`,
    },
    {
      name: 'a log bucket whose policy lets S3 log delivery write passes with the S3 default (no BucketEncryption)',
      yaml: `
Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: logging.s3.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub '\${Logs.Arn}/*'
`,
    },
    {
      name: 'an ALB access log bucket (access_logs.s3.bucket) passes with AES256',
      yaml: `
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: 'true'
        - Key: access_logs.s3.bucket
          Value: !Ref Logs
`,
    },
    {
      name: 'SSE-KMS with a customer managed key from the template (GetAtt) and bucket keys',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
            BucketKeyEnabled: true
`,
    },
    {
      name: 'aws:kms:dsse with a customer managed key passes (cdk-nag compares with aws:kms and fails it)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms:dsse
              KMSMasterKeyID: !GetAtt Key.Arn
`,
    },
    {
      name: 'KMS key given by Ref (key id) passes: intrinsics are resolved, not rejected as non-strings (guard)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref Key
`,
    },
    {
      name: 'KMS key by Ref to an alias of a template key, in long form',
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
      AliasName: alias/phi-bucket
      TargetKeyId:
        Ref: Key
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID:
                Ref: Alias
`,
    },
    {
      name: 'customer managed key ARN literal',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'algorithm and key from parameter defaults',
      yaml: `
Parameters:
  Algorithm:
    Type: String
    Default: aws:kms
    AllowedValues: [aws:kms, aws:kms:dsse]
  KeyArn:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !Ref Algorithm
              KMSMasterKeyID: !Ref KeyArn
`,
    },
    {
      name: 'both Fn::If branches are SSE-KMS algorithms with a customer managed key',
      yaml: `
Conditions:
  Dsse: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [Dsse, aws:kms:dsse, aws:kms]
              KMSMasterKeyID: !GetAtt Key.Arn
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: s3-bucket-encryption
            reason: Public website assets only, never PHI (SEC-7)
`,
    },
  ],
  invalid: [
    {
      name: 'no BucketEncryption, one template key: safe fix writes SSE-KMS with the key and bucket keys',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-records # keep
`,
      findings: [{ messageId: 'noEncryption', path: ENC, severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-records # keep
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID:
                Fn::GetAtt: [Key, Arn]
            BucketKeyEnabled: true
`,
    },
    {
      name: 'no Properties, no key in the template: a suggestion adds a key',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
      findings: [{ messageId: 'noEncryption', path: ENC, severity: 'warning', fix: 'suggest', message: 'SSE-S3' }],
    },
    {
      name: 'two template keys: one suggestion per key, no safe fix',
      yaml: `
Resources:
  KeyA:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  KeyB:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`,
      findings: [{ messageId: 'noEncryption', path: ENC, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AES256 is only hardening (guard accepts it as KMS); the fix switches to aws:kms and adds the key',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-phi'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
`,
      findings: [{ messageId: 'sseS3', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'warning', fix: 'safe', message: 'AES256' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-phi'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
`,
    },
    {
      name: 'aws:kms without KMSMasterKeyID uses the AWS managed key aws/s3',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
`,
      findings: [{ messageId: 'awsManagedKey', path: [...BY_DEFAULT, 'KMSMasterKeyID'], severity: 'warning', fix: 'safe', message: 'the AWS managed key (aws/s3)' }],
    },
    {
      name: 'aws:kms:dsse with the AWS managed alias is still the AWS managed key',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms:dsse
              KMSMasterKeyID: alias/aws/s3
`,
      findings: [{ messageId: 'awsManagedKey', path: [...BY_DEFAULT, 'KMSMasterKeyID'], severity: 'warning', fix: 'suggest', message: 'alias/aws/s3' }],
    },
    {
      name: 'an algorithm S3 does not know is a violation',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: KMS
              KMSMasterKeyID: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'unknownAlgorithm', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'error', fix: 'safe', message: 'SSEAlgorithm KMS' }],
    },
    {
      name: 'a rule without ServerSideEncryptionByDefault leaves S3 on SSE-S3',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - BucketKeyEnabled: true
`,
      findings: [{ messageId: 'noEncryption', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'an empty rule list leaves S3 on SSE-S3',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: []
`,
      findings: [{ messageId: 'noEncryption', path: [...ENC, 'ServerSideEncryptionConfiguration'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'BucketEncryption removed under a condition is an explicit opt-out',
      yaml: `
Conditions:
  Encrypt: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption: !If
        - Encrypt
        - ServerSideEncryptionConfiguration:
            - ServerSideEncryptionByDefault:
                SSEAlgorithm: aws:kms
                KMSMasterKeyID: !GetAtt Key.Arn
        - !Ref AWS::NoValue
`,
      findings: [{ messageId: 'encryptionRemoved', path: [...ENC, 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Encrypt is false' }],
    },
    {
      name: 'only the false branch of Fn::If is bad (peers check only the true branch); the fix rewrites that branch',
      yaml: `Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [Prod, aws:kms, AES256]
              KMSMasterKeyID: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'sseS3', path: [...BY_DEFAULT, 'SSEAlgorithm', 'Fn::If', 2], severity: 'warning', fix: 'safe', message: 'condition Prod is false' }],
      output: `Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [Prod, aws:kms, aws:kms]
              KMSMasterKeyID: !GetAtt Key.Arn
`,
    },
    {
      name: 'AES256 from a parameter Default: reported at the property, fixed in the Default',
      yaml: `Parameters:
  Algorithm:
    Type: String
    Default: AES256
    AllowedValues: [AES256, aws:kms]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !Ref Algorithm
`,
      findings: [{ messageId: 'sseS3', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'warning', fix: 'safe', message: 'parameter Algorithm' }],
      output: `Parameters:
  Algorithm:
    Type: String
    Default: aws:kms
    AllowedValues: [AES256, aws:kms]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !Ref Algorithm
              KMSMasterKeyID: !GetAtt Key.Arn
`,
    },
    {
      name: 'algorithm from a parameter without Default, key imported: unverifiable, never a silent pass',
      yaml: `
Parameters:
  Algorithm:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !Ref Algorithm
  Bucket2:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !ImportValue shared-phi-key-arn
`,
      findings: [
        { messageId: 'unverifiable', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'info', fix: 'none', message: 'parameter Algorithm, which has no Default' },
        {
          messageId: 'unverifiable',
          path: ['Resources', 'Bucket2', 'Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID'],
          severity: 'info',
          fix: 'none',
          message: 'imported from another stack',
        },
      ],
    },
    {
      name: 'parameter without Default but AllowedValues: each allowed value is judged',
      yaml: `
Parameters:
  Algorithm:
    Type: String
    AllowedValues: [AES256, aws:kms]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !Ref Algorithm
              KMSMasterKeyID: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'sseS3', path: [...BY_DEFAULT, 'SSEAlgorithm'], severity: 'warning', fix: 'safe', message: 'parameter Algorithm' }],
    },
  ],
});
