import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'SecConfig', 'Properties', 'EncryptionConfiguration'];

const LOGS_KEY = `
  Key:
    Type: AWS::KMS::Key
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
              Service: !Sub 'logs.\${AWS::Region}.amazonaws.com'
            Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*]
            Resource: '*'`;

ruleTester('glue-security-configuration-encryption', {
  valid: [
    {
      name: 'everything encrypted with a template key; a job and a crawler use the configuration',
      yaml: `
Resources:${LOGS_KEY}
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: !GetAtt Key.Arn
        CloudWatchEncryption:
          CloudWatchEncryptionMode: SSE-KMS
          KmsKeyArn: !GetAtt Key.Arn
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: !GetAtt Key.Arn
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Command: { Name: glueetl, ScriptLocation: s3://scripts/job.py }
      SecurityConfiguration: !Ref SecConfig
  Crawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Targets: { S3Targets: [{ Path: s3://data/ }] }
      CrawlerSecurityConfiguration: phi
`,
    },
    {
      name: 'S3Encryptions written as a single mapping; a job naming a configuration from a parameter without Default',
      yaml: `
Parameters:
  SecConfigName:
    Type: String
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          S3EncryptionMode: SSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        CloudWatchEncryption:
          CloudWatchEncryptionMode: SSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Command: { Name: glueetl, ScriptLocation: s3://scripts/job.py }
      SecurityConfiguration: !Ref SecConfigName
`,
    },
  ],
  invalid: [
    {
      name: 'everything DISABLED: three warnings with suggestions (replacement)',
      yaml: `
Resources:${LOGS_KEY}
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: DISABLED
        CloudWatchEncryption:
          CloudWatchEncryptionMode: DISABLED
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: DISABLED
`,
      findings: [
        { messageId: 's3NotEncrypted', path: [...P, 'S3Encryptions', 0, 'S3EncryptionMode'], severity: 'warning', fix: 'suggest' },
        { messageId: 'cloudWatchNotEncrypted', path: [...P, 'CloudWatchEncryption', 'CloudWatchEncryptionMode'], severity: 'warning', fix: 'suggest' },
        { messageId: 'bookmarksNotEncrypted', path: [...P, 'JobBookmarksEncryption', 'JobBookmarksEncryptionMode'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_99 passes when any one S3 encryption is enabled; the SSE-S3 and DISABLED entries are reported',
      yaml: `
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-S3
          - S3EncryptionMode: DISABLED
        CloudWatchEncryption:
          CloudWatchEncryptionMode: SSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [
        { messageId: 's3ManagedKey', path: [...P, 'S3Encryptions', 0, 'S3EncryptionMode'], severity: 'warning', fix: 'suggest' },
        { messageId: 's3NotEncrypted', path: [...P, 'S3Encryptions', 1, 'S3EncryptionMode'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'S3 only: missing CloudWatch and bookmark encryption are reported at their property',
      yaml: `
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [
        { messageId: 'cloudWatchNotEncrypted', path: [...P, 'CloudWatchEncryption'], severity: 'warning', fix: 'suggest' },
        { messageId: 'bookmarksNotEncrypted', path: [...P, 'JobBookmarksEncryption'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'no EncryptionConfiguration at all',
      yaml: `
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
`,
      findings: [{ messageId: 'notConfigured', path: P, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed key, Fn::If on a mode, imported key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: alias/aws/s3
        CloudWatchEncryption:
          CloudWatchEncryptionMode: !If [Prod, SSE-KMS, DISABLED]
          KmsKeyArn: !ImportValue logs-key
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
      findings: [
        { messageId: 'awsManagedKey', path: [...P, 'S3Encryptions', 0, 'KmsKeyArn'], severity: 'warning', fix: 'suggest' },
        { messageId: 'cloudWatchNotEncrypted', path: [...P, 'CloudWatchEncryption', 'CloudWatchEncryptionMode', 'Fn::If', 2], severity: 'warning', message: 'condition Prod is false' },
        { messageId: 'unverifiable', path: [...P, 'CloudWatchEncryption', 'KmsKeyArn'], severity: 'info' },
      ],
    },
    {
      name: 'odd shapes are unverifiable, not misreported',
      yaml: `
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions: SSE-KMS
        CloudWatchEncryption: [SSE-KMS]
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: alias/bookmarks
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'S3Encryptions'], severity: 'info' },
        { messageId: 'unverifiable', path: [...P, 'CloudWatchEncryption'], severity: 'info' },
      ],
    },
    {
      name: 'job and crawler without a security configuration; a suggestion points them at the template one',
      yaml: `
Resources:
  SecConfig:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: phi
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        CloudWatchEncryption:
          CloudWatchEncryptionMode: SSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Command: { Name: glueetl, ScriptLocation: s3://scripts/job.py }
  Crawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Targets: { S3Targets: [{ Path: s3://data/ }] }
`,
      findings: [
        { messageId: 'noSecurityConfiguration', path: ['Resources', 'Job', 'Properties', 'SecurityConfiguration'], severity: 'warning', fix: 'suggest' },
        { messageId: 'noSecurityConfiguration', path: ['Resources', 'Crawler', 'Properties', 'CrawlerSecurityConfiguration'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'job without a configuration and none in the template: no fix',
      yaml: `
Resources:
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::111122223333:role/glue
      Command: { Name: glueetl, ScriptLocation: s3://scripts/job.py }
      SecurityConfiguration: ''
`,
      findings: [{ messageId: 'noSecurityConfiguration', path: ['Resources', 'Job', 'Properties', 'SecurityConfiguration'], severity: 'warning', fix: 'none' }],
    },
  ],
});
