/** S3, KMS, DynamoDB, EFS and AWS Backup snippets. */
import type { SnippetDef } from '../../types';
import {
  KEY_COMPANION, KEY_ID, LOG_BUCKET_COMPANIONS, LOG_BUCKET_ID, NETWORK_PARAMETERS, LOG_BUCKET_PARAMETERS, accessLogBucket, clientSecurityGroup, denyInsecureTransport, getAtt, keyArn, phiKey, ref, sub, subnetAt,
} from './common';

const KEY_LINE = 'Customer managed KMS key PhiKey (companion): rotation on, retained on stack deletion, key policy for the account and the services that need it';

export const S3_BUCKET: SnippetDef = {
  prefix: 'hipaa-s3-bucket',
  title: 'HIPAA S3 bucket (KMS, TLS-only, versioned, access logs)',
  compliance: [
    'Default encryption SSE-KMS with the customer managed key PhiKey, S3 Bucket Key on: encryption at rest (45 CFR 164.312(a)(2)(iv), integrity 164.312(c)(2))',
    'Bucket policy denies every request without TLS: transmission security (164.312(e)(1), 164.312(e)(2)(ii))',
    'Public access block with all four flags, ACLs disabled (BucketOwnerEnforced): access control (164.312(a)(1))',
    'Versioning on: protects ePHI from improper alteration or destruction (164.312(c)(1)) and supports recovery (164.308(a)(7))',
    'Server access logging to AccessLogBucket: audit controls (164.312(b))',
    'DeletionPolicy Retain: the bucket and its ePHI survive stack deletion',
    KEY_LINE,
  ],
  parameters: LOG_BUCKET_PARAMETERS,
  resources: {
    '{{1:PatientDataBucket}}': {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true },
          ],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: ref(LOG_BUCKET_ID), LogFilePrefix: '{{2:patient-data/}}' },
      },
    },
    '{{1:PatientDataBucket}}Policy': {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref('{{1:PatientDataBucket}}'),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            denyInsecureTransport('s3:*', [getAtt('{{1:PatientDataBucket}}', 'Arn'), { 'Fn::Join': ['', [getAtt('{{1:PatientDataBucket}}', 'Arn'), '/*']] }]),
          ],
        },
      },
    },
    [KEY_ID]: phiKey(),
    ...accessLogBucket(),
  },
  companions: [KEY_COMPANION, ...LOG_BUCKET_COMPANIONS],
};

export const S3_LOG_BUCKET: SnippetDef = {
  prefix: 'hipaa-s3-access-log-bucket',
  title: 'HIPAA S3 access log bucket (target of S3 server access logging)',
  compliance: [
    'Destination of S3 server access logs: audit controls (45 CFR 164.312(b))',
    'Default encryption SSE-S3 (AES256): S3 and load balancers deliver access logs only to SSE-S3 buckets, which cfn-hipaa accepts for log delivery targets (164.312(a)(2)(iv))',
    'Bucket policy denies every request without TLS (164.312(e)(1)) and lets only the S3 logging service of this account write',
    'Public access block with all four flags, ACLs disabled (BucketOwnerEnforced): access control (164.312(a)(1))',
    'Versioning on and DeletionPolicy Retain: audit records are not lost (164.312(c)(1))',
  ],
  parameters: LOG_BUCKET_PARAMETERS,
  resources: accessLogBucket(),
};

export const KMS_KEY: SnippetDef = {
  prefix: 'hipaa-kms-key',
  title: 'HIPAA KMS key (customer managed, rotation, retained, service-aware key policy)',
  compliance: [
    'Customer managed symmetric key that encrypts ePHI at rest: encryption and decryption (45 CFR 164.312(a)(2)(iv))',
    'Automatic yearly key rotation on (164.312(a)(2)(iv))',
    'DeletionPolicy and UpdateReplacePolicy Retain, 30-day deletion window: data encrypted with it stays recoverable (164.308(a)(7)(ii)(A))',
    'Key policy: the account administers the key and grants its use through IAM; CloudWatch Logs may use it for this account\'s log groups; EventBridge, CloudWatch, SNS and S3 may use it only on behalf of this account (aws:SourceAccount): access control (164.312(a)(1))',
    'Every use of the key is recorded by CloudTrail: audit controls (164.312(b))',
  ],
  resources: {
    [KEY_ID]: phiKey(),
    '{{1:PhiKeyAlias}}': {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: 'alias/{{2:phi}}', TargetKeyId: ref(KEY_ID) },
    },
  },
  companions: [KEY_COMPANION],
};

export const DYNAMODB_TABLE: SnippetDef = {
  prefix: 'hipaa-dynamodb-table',
  title: 'HIPAA DynamoDB table (KMS, point-in-time recovery, deletion protection)',
  compliance: [
    'Server-side encryption with the customer managed key PhiKey: encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Point-in-time recovery (35 days) and DeletionPolicy Retain: data backup and disaster recovery (164.308(a)(7)(ii)(A), (B))',
    'Deletion protection on: protects ePHI from improper destruction (164.312(c)(1))',
    'DynamoDB endpoints accept only HTTPS: transmission security (164.312(e)(1))',
    KEY_LINE,
  ],
  resources: {
    '{{1:PatientRecordsTable}}': {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: '{{2:pk}}', AttributeType: '{{3|S,N,B|}}' },
          { AttributeName: '{{4:sk}}', AttributeType: '{{5|S,N,B|}}' },
        ],
        KeySchema: [
          { AttributeName: '{{2:pk}}', KeyType: 'HASH' },
          { AttributeName: '{{4:sk}}', KeyType: 'RANGE' },
        ],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    },
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

export const EFS_FILE_SYSTEM: SnippetDef = {
  prefix: 'hipaa-efs-file-system',
  title: 'HIPAA EFS file system (KMS, TLS-only, backups, private mount targets)',
  compliance: [
    'Encrypted with the customer managed key PhiKey: encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'File system policy denies every client connection without TLS: transmission security (164.312(e)(1), (e)(2)(ii)); with a policy in place clients mount with IAM authorization (mount -o tls,iam; elasticfilesystem:ClientMount/ClientWrite in their role): access control (164.312(a)(1), 164.312(d))',
    'Automatic AWS Backup on (BackupPolicy ENABLED) and DeletionPolicy Retain: data backup (164.308(a)(7)(ii)(A))',
    'Mount targets only in the private subnets of a VPC you name, NFS open only to the application tier\'s security group: access control (164.312(a)(1))',
    KEY_LINE,
  ],
  parameters: NETWORK_PARAMETERS,
  resources: {
    '{{1:PatientFiles}}': {
      Type: 'AWS::EFS::FileSystem',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Encrypted: true,
        KmsKeyId: keyArn,
        PerformanceMode: 'generalPurpose',
        ThroughputMode: '{{2|elastic,bursting|}}',
        BackupPolicy: { Status: 'ENABLED' },
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
        FileSystemPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: '*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
    '{{1:PatientFiles}}SecurityGroup': clientSecurityGroup('NFS from the application tier only', 2049),
    '{{1:PatientFiles}}MountTargetA': {
      Type: 'AWS::EFS::MountTarget',
      Properties: { FileSystemId: ref('{{1:PatientFiles}}'), SubnetId: subnetAt(0), SecurityGroups: [ref('{{1:PatientFiles}}SecurityGroup')] },
    },
    '{{1:PatientFiles}}MountTargetB': {
      Type: 'AWS::EFS::MountTarget',
      Properties: { FileSystemId: ref('{{1:PatientFiles}}'), SubnetId: subnetAt(1), SecurityGroups: [ref('{{1:PatientFiles}}SecurityGroup')] },
    },
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

export const BACKUP_PLAN: SnippetDef = {
  prefix: 'hipaa-backup-plan',
  title: 'HIPAA AWS Backup plan, vault and selection (KMS vault, daily and monthly backups)',
  compliance: [
    'Backup vault encrypted with the customer managed key PhiKey: encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Daily backups kept 35 days and monthly backups kept 7 years (cold storage after 90 days): data backup plan and disaster recovery (164.308(a)(7)(ii)(A), (B)), retention (164.316(b)(2)(i))',
    'Vault access policy denies deleting recovery points, vault retained on stack deletion: protects backups from improper destruction (164.312(c)(1))',
    'Selection by tag: every resource tagged for the plan is backed up (164.308(a)(7)(ii)(A))',
    KEY_LINE,
  ],
  resources: {
    '{{1:PhiBackupVault}}': {
      Type: 'AWS::Backup::BackupVault',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BackupVaultName: '{{2:phi-backup-vault}}',
        EncryptionKeyArn: keyArn,
        AccessPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyRecoveryPointDeletion',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
              Resource: '*',
            },
          ],
        },
      },
    },
    '{{3:PhiBackupPlan}}': {
      Type: 'AWS::Backup::BackupPlan',
      Properties: {
        BackupPlan: {
          BackupPlanName: '{{4:phi-backup-plan}}',
          BackupPlanRule: [
            {
              RuleName: 'Daily',
              TargetBackupVault: ref('{{1:PhiBackupVault}}'),
              ScheduleExpression: '{{5:cron(0 5 * * ? *)}}',
              StartWindowMinutes: 60,
              CompletionWindowMinutes: 720,
              Lifecycle: { DeleteAfterDays: 35 },
            },
            {
              RuleName: 'Monthly',
              TargetBackupVault: ref('{{1:PhiBackupVault}}'),
              ScheduleExpression: 'cron(0 5 1 * ? *)',
              StartWindowMinutes: 60,
              CompletionWindowMinutes: 1440,
              Lifecycle: { MoveToColdStorageAfterDays: 90, DeleteAfterDays: 2557 },
            },
          ],
        },
      },
    },
    '{{3:PhiBackupPlan}}Role': {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: [
          sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'),
          sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores'),
        ],
      },
    },
    '{{3:PhiBackupPlan}}Selection': {
      Type: 'AWS::Backup::BackupSelection',
      Properties: {
        BackupPlanId: ref('{{3:PhiBackupPlan}}'),
        BackupSelection: {
          SelectionName: '{{6:phi-resources}}',
          IamRoleArn: getAtt('{{3:PhiBackupPlan}}Role', 'Arn'),
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: '{{7:backup-plan}}', ConditionValue: '{{8:phi}}' }],
        },
      },
    },
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

export const STORAGE_SNIPPETS: SnippetDef[] = [S3_BUCKET, S3_LOG_BUCKET, KMS_KEY, DYNAMODB_TABLE, EFS_FILE_SYSTEM, BACKUP_PLAN];
