import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Firehose', 'Properties'];
const S3 = `
      S3DestinationConfiguration:
        BucketARN: arn:aws:s3:::phi-landing
        RoleARN: arn:aws:iam::111122223333:role/firehose`;

ruleTester('firehose-delivery-stream-encryption', {
  valid: [
    {
      name: 'customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: DirectPut
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: !GetAtt Key.Arn${S3}
`,
    },
    {
      name: 'Kinesis stream as source: encryption comes from the stream (skipped)',
      yaml: `
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: KinesisStreamAsSource
      KinesisStreamSourceConfiguration:
        KinesisStreamARN: arn:aws:kinesis:us-east-1:111122223333:stream/s
        RoleARN: arn:aws:iam::111122223333:role/firehose${S3}
`,
    },
    {
      name: 'destination with KMSEncryptionConfig',
      yaml: `
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::phi-landing
        RoleARN: arn:aws:iam::111122223333:role/firehose
        EncryptionConfiguration:
          KMSEncryptionConfig:
            AWSKMSKeyARN: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
  ],
  invalid: [
    {
      name: 'absent DeliveryStreamType means DirectPut; one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      S3DestinationConfiguration:
        BucketARN: arn:aws:s3:::phi-landing
        RoleARN: arn:aws:iam::111122223333:role/firehose
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'DeliveryStreamEncryptionConfigurationInput'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      S3DestinationConfiguration:
        BucketARN: arn:aws:s3:::phi-landing
        RoleARN: arn:aws:iam::111122223333:role/firehose
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN:
          Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'DirectPut without encryption and without a key: suggestion adds one',
      yaml: `
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: DirectPut${S3}
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'DeliveryStreamEncryptionConfigurationInput'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS owned key is hardening',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: AWS_OWNED_CMK${S3}
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...P, 'DeliveryStreamEncryptionConfigurationInput', 'KeyType'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'KeyType from a parameter with AllowedValues: each judged',
      yaml: `
Parameters:
  KeyType:
    Type: String
    AllowedValues: [AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: !Ref KeyType
        KeyARN: !GetAtt Key.Arn${S3}
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...P, 'DeliveryStreamEncryptionConfigurationInput', 'KeyType'], severity: 'warning' }],
    },
    {
      name: 'AWS managed alias ARN as KeyARN',
      yaml: `
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: arn:aws:kms:us-east-1:111122223333:alias/aws/firehose${S3}
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'DeliveryStreamEncryptionConfigurationInput', 'KeyARN'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If removes encryption in one branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput: !If
        - Prod
        - KeyType: CUSTOMER_MANAGED_CMK
          KeyARN: !GetAtt Key.Arn
        - !Ref AWS::NoValue${S3}
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'DeliveryStreamEncryptionConfigurationInput', 'Fn::If', 2], severity: 'warning', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'Fn::If on the source type: only the DirectPut branch is checked',
      yaml: `
Conditions:
  FromStream: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: !If [FromStream, KinesisStreamAsSource, DirectPut]${S3}
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'DeliveryStreamEncryptionConfigurationInput'], severity: 'warning', message: 'condition FromStream is false' }],
    },
    {
      name: 'NoEncryption on an S3 destination and its backup is hardening (suggestion)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: KinesisStreamAsSource
      ExtendedS3DestinationConfiguration:
        BucketARN: arn:aws:s3:::phi-landing
        RoleARN: arn:aws:iam::111122223333:role/firehose
        EncryptionConfiguration:
          NoEncryptionConfig: NoEncryption
      RedshiftDestinationConfiguration:
        S3Configuration:
          BucketARN: arn:aws:s3:::phi-staging
          RoleARN: arn:aws:iam::111122223333:role/firehose
          EncryptionConfiguration:
            NoEncryptionConfig: NoEncryption
`,
      findings: [
        { messageId: 'destinationNotEncrypted', path: [...P, 'ExtendedS3DestinationConfiguration', 'EncryptionConfiguration', 'NoEncryptionConfig'], severity: 'warning', fix: 'suggest' },
        { messageId: 'destinationNotEncrypted', path: [...P, 'RedshiftDestinationConfiguration', 'S3Configuration', 'EncryptionConfiguration', 'NoEncryptionConfig'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'imported key, unknown source type: unverifiable',
      yaml: `
Parameters:
  SourceType:
    Type: String
Resources:
  Firehose:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamEncryptionConfigurationInput:
        KeyType: CUSTOMER_MANAGED_CMK
        KeyARN: !ImportValue firehose-key${S3}
  Firehose2:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: !Ref SourceType${S3}
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'DeliveryStreamEncryptionConfigurationInput', 'KeyARN'], severity: 'info' },
        { messageId: 'unverifiable', path: ['Resources', 'Firehose2', 'Properties', 'DeliveryStreamType'], severity: 'info' },
      ],
    },
  ],
});
