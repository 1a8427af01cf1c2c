/** CloudTrail trail: KMS-encrypted, validated, multi-Region, to an encrypted bucket and CloudWatch Logs. */
import type { JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import {
  ACCESS_LOG_BUCKET,
  ACCESS_LOG_BUCKET_POLICY,
  ELB_LOG_ACCOUNT_PARAMETER,
  KEY_COMPANION,
  LOG_BUCKET_COMPANIONS,
  PHI_KEY,
  getAtt,
  logGroup,
  ref,
  retentionTab,
  sub,
} from './common';

/** Resources of a trail named `name` (logical id `trail`), its bucket, policy, log group and role. */
export function trailResources(trail: string, name: string, retention: string): Record<string, JsonObject> {
  const trailArn = sub(`arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/${name}`);
  return {
    [`${trail}Bucket`]: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('PhiKey', 'Arn') }, BucketKeyEnabled: true },
          ],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: ref('AccessLogBucket'), LogFilePrefix: `${name}-bucket/` },
        LifecycleConfiguration: {
          Rules: [{ Id: 'KeepAuditLogsSixYears', Status: 'Enabled', ExpirationInDays: 2192, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }],
        },
      },
    },
    [`${trail}BucketPolicy`]: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref(`${trail}Bucket`),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [getAtt(`${trail}Bucket`, 'Arn'), sub(`\${${trail}Bucket.Arn}/*`)],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'CloudTrailAclCheck',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: getAtt(`${trail}Bucket`, 'Arn'),
              Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
            },
            {
              Sid: 'CloudTrailWrite',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: sub(`\${${trail}Bucket.Arn}/AWSLogs/\${AWS::AccountId}/*`),
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
            },
          ],
        },
      },
    },
    [`${trail}Logs`]: logGroup(`/aws/cloudtrail/${name}`, retention),
    [`${trail}LogsRole`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'DeliverToCloudWatchLogs',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(`${trail}Logs`, 'Arn') }],
            },
          },
        ],
      },
    },
    [trail]: {
      Type: 'AWS::CloudTrail::Trail',
      DependsOn: `${trail}BucketPolicy`,
      Properties: {
        TrailName: name,
        S3BucketName: ref(`${trail}Bucket`),
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KMSKeyId: getAtt('PhiKey', 'Arn'),
        CloudWatchLogsLogGroupArn: getAtt(`${trail}Logs`, 'Arn'),
        CloudWatchLogsRoleArn: getAtt(`${trail}LogsRole`, 'Arn'),
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      },
    },
  };
}

export const CLOUDTRAIL_SNIPPET: SnippetDef = {
  prefix: 'hipaa-cloudtrail',
  title: 'HIPAA CloudTrail trail (KMS-encrypted, log file validation, multi-Region, CloudWatch Logs)',
  compliance: [
    'Records management events of every Region and global services: audit controls, information system activity review (45 CFR 164.312(b), 164.308(a)(1)(ii)(D))',
    'Log files encrypted with a customer managed KMS key (PhiKey), whose policy lets CloudTrail use it: encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Log file validation (signed digest files): integrity, tampering is detectable (45 CFR 164.312(c)(1), (c)(2))',
    'Delivered to CloudWatch Logs (encrypted, retained six years) for alarms: security incident procedures (45 CFR 164.308(a)(6))',
    'Trail bucket: KMS, public access blocked, versioned, TLS-only policy scoped to this trail, server access logs to the log bucket (45 CFR 164.312(e)(1), 164.312(b))',
  ],
  parameters: { ElbLogDeliveryAccountId: ELB_LOG_ACCOUNT_PARAMETER },
  resources: {
    ...trailResources('{{1:Trail}}', '{{2:phi-audit-trail}}', retentionTab(3)),
    PhiKey: PHI_KEY,
    AccessLogBucket: ACCESS_LOG_BUCKET,
    AccessLogBucketPolicy: ACCESS_LOG_BUCKET_POLICY,
  },
  companions: [KEY_COMPANION, ...LOG_BUCKET_COMPANIONS],
};
