/**
 * Pieces the data snippets share: the customer managed KMS key and the access-log bucket every
 * snippet that needs them carries as companions (identical definitions, identical logical ids, so
 * that snippets combine in one template), the network parameters, and policy statements.
 */
import { ACCESS_LOG_BUCKET, ACCESS_LOG_BUCKET_POLICY, ELB_LOG_ACCOUNT_PARAMETER, PHI_KEY } from '../network/common';
import type { JsonObject } from '../../../engine/types';

/** Logical id of the shared customer managed key. */
export const KEY_ID = 'PhiKey';
/** Logical id of the shared S3 server access log bucket and its policy. */
export const LOG_BUCKET_ID = 'AccessLogBucket';
export const LOG_BUCKET_POLICY_ID = 'AccessLogBucketPolicy';

export const sub = (s: string): JsonObject => ({ 'Fn::Sub': s });
export const ref = (id: string): JsonObject => ({ Ref: id });
export const getAtt = (id: string, attr: string): JsonObject => ({ 'Fn::GetAtt': [id, attr] });
export const keyArn: JsonObject = getAtt(KEY_ID, 'Arn');

/**
 * The key policy: the account administers the key (and so can grant its use through IAM, which is
 * how RDS, DynamoDB, S3, SQS, Kinesis, EFS, ElastiCache, OpenSearch, Redshift, Secrets Manager and
 * AWS Backup use it on behalf of the caller); CloudWatch Logs may use it for this account's log
 * groups (required by CloudWatch Logs); and the AWS services that publish to encrypted SNS topics
 * and SQS queues (EventBridge, CloudWatch alarms, SNS, S3 event notifications) may use it, only
 * on behalf of this account.
 */
/** The one shared key (network/common.ts), so that data and network snippets combine. */
export function phiKey(): JsonObject {
  return PHI_KEY;
}

/** The key companion entry of a snippet. */
export const KEY_COMPANION = { logicalId: KEY_ID, type: 'AWS::KMS::Key' };
export const LOG_BUCKET_COMPANIONS = [
  { logicalId: LOG_BUCKET_ID, type: 'AWS::S3::Bucket' },
  { logicalId: LOG_BUCKET_POLICY_ID, type: 'AWS::S3::BucketPolicy' },
];

/** Deny every request that does not use TLS (the S3, SQS and SNS TLS-only statement). */
export function denyInsecureTransport(action: string, resource: JsonObject | string | (JsonObject | string)[]): JsonObject {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The S3 server access log bucket. S3 server access logging delivers only to destination buckets
 * whose default encryption is SSE-S3 (Amazon S3 User Guide, "Enabling Amazon S3 server access
 * logging": default encryption with SSE-KMS is not supported), so this bucket keeps AES256;
 * s3-bucket-encryption accepts that for a bucket whose policy lets S3 log delivery write to it.
 * Every other control applies.
 */
export function accessLogBucket(): Record<string, JsonObject> {
  return { [LOG_BUCKET_ID]: ACCESS_LOG_BUCKET, [LOG_BUCKET_POLICY_ID]: ACCESS_LOG_BUCKET_POLICY };
}

/** The parameter the shared log bucket's policy needs (the Region's ELB log delivery account). */
export const LOG_BUCKET_PARAMETERS: Record<string, JsonObject> = { ElbLogDeliveryAccountId: ELB_LOG_ACCOUNT_PARAMETER };

/** Network parameters the placed data stores share (same names across snippets). */
export const VPC_PARAM = 'VpcId';
export const SUBNETS_PARAM = 'PrivateSubnetIds';
export const CLIENT_SG_PARAM = 'AppSecurityGroupId';

export const NETWORK_PARAMETERS: Record<string, JsonObject> = {
  [VPC_PARAM]: { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the data store (not the default VPC)' },
  [SUBNETS_PARAM]: {
    Type: 'List<AWS::EC2::Subnet::Id>',
    Description: 'Private subnets (no route to an internet gateway, no public IPs), in at least two Availability Zones',
  },
  [CLIENT_SG_PARAM]: { Type: 'AWS::EC2::SecurityGroup::Id', Description: 'Security group of the application tier allowed to connect' },
};

/** A security group in the VPC parameter that lets the app tier in on one port. */
export function clientSecurityGroup(description: string, port: number): JsonObject {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: description,
      VpcId: ref(VPC_PARAM),
      SecurityGroupIngress: [
        { IpProtocol: 'tcp', FromPort: port, ToPort: port, SourceSecurityGroupId: ref(CLIENT_SG_PARAM), Description: 'Application tier' },
      ],
    },
  };
}

/** The first two private subnets (services that take one subnet per Availability Zone). */
export const subnetAt = (i: number): JsonObject => ({ 'Fn::Select': [i, ref(SUBNETS_PARAM)] });
