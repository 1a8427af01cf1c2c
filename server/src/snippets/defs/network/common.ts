/**
 * Companions shared by the network snippets (and, with the same logical ids, by the data-store
 * snippets): the customer managed KMS key `PhiKey` and the log bucket `AccessLogBucket` with its
 * policy. Helpers to build the long-form intrinsics the definitions are written in.
 */
import type { Json, JsonObject } from '../../../engine/types';

export const ref = (id: string): JsonObject => ({ Ref: id });
export const getAtt = (id: string, attr: string): JsonObject => ({ 'Fn::GetAtt': [id, attr] });
export const sub = (s: string): JsonObject => ({ 'Fn::Sub': s });
export const tags = (name: Json): JsonObject[] => [{ Key: 'Name', Value: name }];

/** Valid CloudWatch Logs retention choices, longest-first HIPAA default: six years. */
export const RETENTION_CHOICES = '2192,2557,3653,365';

/**
 * Customer managed key for PHI: rotation on, retained on delete and replacement, 30-day waiting
 * period, and a key policy letting the account administer it (IAM policies grant its use) and the
 * services that encrypt with it on their own behalf: CloudWatch Logs (log groups of this account
 * and Region), CloudTrail (trails of this account) and the EC2 Auto Scaling service-linked role
 * (encrypted volumes of instances it launches), and CloudFront distributions of this account reading
 * S3 origins through origin access control; EventBridge, CloudWatch alarms, SNS and S3 event
 * notifications publishing to encrypted topics and queues of this account. One definition, shared
 * by every snippet (data stores included), so that snippets combine in one template.
 */
const AUTOSCALING_ROLE = sub(
  'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
);

export const PHI_KEY: JsonObject = {
  Type: 'AWS::KMS::Key',
  DeletionPolicy: 'Retain',
  UpdateReplacePolicy: 'Retain',
  Properties: {
    Description: 'Customer managed key for PHI (rotated yearly, retained)',
    EnableKeyRotation: true,
    PendingWindowInDays: 30,
    KeyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministersKeyAndGrantsUseThroughIam',
          Effect: 'Allow',
          Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'CloudWatchLogsEncryptsLogGroupsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: sub('logs.${AWS::Region}.amazonaws.com') },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: {
            ArnLike: { 'kms:EncryptionContext:aws:logs:arn': sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*') },
          },
        },
        {
          Sid: 'CloudTrailEncryptsLogFilesOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          // Only the account: CloudTrail encrypts log files (context aws:cloudtrail:arn) and, in a
          // bucket whose default key is this one, digest files (context aws:s3:arn).
          Condition: { StringEquals: { 'aws:SourceAccount': sub('${AWS::AccountId}') } },
        },
        {
          // The EC2 Auto Scaling service-linked role launches instances with volumes encrypted by
          // this key (launch templates). Pinned by aws:PrincipalArn, so the key can be created
          // before the role exists; the principal * is limited to that one role of this account.
          Sid: 'Ec2AutoScalingUsesKeyForEncryptedVolumes',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalArn': AUTOSCALING_ROLE, 'kms:CallerAccount': sub('${AWS::AccountId}') } },
        },
        {
          Sid: 'Ec2AutoScalingGrantsKeyToEc2',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:PrincipalArn': AUTOSCALING_ROLE, 'kms:CallerAccount': sub('${AWS::AccountId}') },
            Bool: { 'kms:GrantIsForAWSResource': true },
          },
        },
        {
          Sid: 'CloudFrontDecryptsS3OriginsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { ArnLike: { 'aws:SourceArn': sub('arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*') } },
        },
        {
          Sid: 'ServicesPublishingToEncryptedTopicsAndQueues',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'sns.amazonaws.com', 's3.amazonaws.com'] },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': sub('${AWS::AccountId}') } },
        },
        {
          Sid: 'CloudTrailDescribesKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
        },
      ],
    },
  },
};

/**
 * Log bucket for S3 server access logs and Elastic Load Balancing access logs. Both deliveries
 * support only SSE-S3 (AES256) on the target bucket, so it keeps AES256 (s3-bucket-encryption
 * accepts that for a bucket whose policy lets log delivery write); everything else is locked down
 * (public access block, bucket owner enforced, versioning, TLS-only policy, six-year retention).
 */
export const ACCESS_LOG_BUCKET: JsonObject = {
  Type: 'AWS::S3::Bucket',
  DeletionPolicy: 'Retain',
  UpdateReplacePolicy: 'Retain',
  Properties: {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    VersioningConfiguration: { Status: 'Enabled' },
    LifecycleConfiguration: {
      Rules: [{ Id: 'KeepLogsSixYears', Status: 'Enabled', ExpirationInDays: 2192, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }],
    },
  },
};

/** TLS-only policy of the log bucket, letting S3 server access logging and ELB log delivery write. */
export const ACCESS_LOG_BUCKET_POLICY: JsonObject = {
  Type: 'AWS::S3::BucketPolicy',
  Properties: {
    Bucket: ref('AccessLogBucket'),
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [getAtt('AccessLogBucket', 'Arn'), sub('${AccessLogBucket.Arn}/*')],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'S3ServerAccessLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: sub('${AccessLogBucket.Arn}/*'),
          Condition: { StringEquals: { 'aws:SourceAccount': sub('${AWS::AccountId}') } },
        },
        {
          Sid: 'ElbAccessLogsRegionsSince2022',
          Effect: 'Allow',
          Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: sub('${AccessLogBucket.Arn}/AWSLogs/${AWS::AccountId}/*'),
        },
        {
          Sid: 'ElbAccessLogsOlderRegions',
          Effect: 'Allow',
          Principal: { AWS: sub('arn:${AWS::Partition}:iam::${ElbLogDeliveryAccountId}:root') },
          Action: 's3:PutObject',
          Resource: sub('${AccessLogBucket.Arn}/AWSLogs/${AWS::AccountId}/*'),
        },
      ],
    },
  },
};

/** The Elastic Load Balancing account of the Region (regions opened before August 2022 deliver logs from it). */
export const ELB_LOG_ACCOUNT_PARAMETER: JsonObject = {
  Type: 'String',
  Default: '127311923021',
  AllowedPattern: '^\\d{12}$',
  Description:
    'Elastic Load Balancing account of your Region that delivers access logs (us-east-1 127311923021, us-east-2 033677994240, us-west-1 027434742980, us-west-2 797873946194, eu-west-1 156460612806, eu-central-1 054676820928; see the ELB access log documentation for others)',
};

export const LOG_BUCKET_COMPANIONS = [
  { logicalId: 'AccessLogBucket', type: 'AWS::S3::Bucket' },
  { logicalId: 'AccessLogBucketPolicy', type: 'AWS::S3::BucketPolicy' },
];
export const KEY_COMPANION = { logicalId: 'PhiKey', type: 'AWS::KMS::Key' };

export const retentionTab = (n: number): string => `{{${n}|${RETENTION_CHOICES}|}}`;

/** An encrypted (PhiKey), retained log group; `retention` is a tab stop (retentionTab) or a value. */
export function logGroup(name: Json, retention: string): JsonObject {
  return {
    Type: 'AWS::Logs::LogGroup',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      LogGroupName: name,
      KmsKeyId: getAtt('PhiKey', 'Arn'),
      RetentionInDays: retention,
    },
  };
}
