/**
 * The rule registry: every rule, indexed by resource type. Add a rule with
 * `node scripts/register-rule.mjs <service>/<id> <citations>`, which writes its import and entry
 * here and its pack entry. The list is sorted by id when loaded; a test checks that each id equals
 * its file name and is unique.
 */
import type { EngineFindingId } from '../parse/problems';
import type { Rule } from './rule';
import apigatewayCacheEncryption from './apigateway/apigateway-cache-encryption';
import apigatewayDomainTlsPolicy from './apigateway/apigateway-domain-tls-policy';
import apigatewayStageClientCertificate from './apigateway/apigateway-stage-client-certificate';
import athenaWorkgroupEncryption from './athena/athena-workgroup-encryption';
import backupVaultEncryption from './backup/backup-vault-encryption';
import cloudfrontMinimumTls from './cloudfront/cloudfront-minimum-tls';
import cloudfrontOriginHttps from './cloudfront/cloudfront-origin-https';
import cloudfrontViewerHttps from './cloudfront/cloudfront-viewer-https';
import cloudtrailEncryption from './cloudtrail/cloudtrail-encryption';
import codebuildProjectEncryption from './codebuild/codebuild-project-encryption';
import daxClusterEncryption from './dax/dax-cluster-encryption';
import daxClusterEndpointTls from './dax/dax-cluster-endpoint-tls';
import dmsReplicationPublic from './dms/dms-replication-public';
import docdbClusterEncryption from './docdb/docdb-cluster-encryption';
import docdbTls from './docdb/docdb-tls';
import dynamodbTableEncryption from './dynamodb/dynamodb-table-encryption';
import ebsVolumeEncryption from './ec2/ebs-volume-encryption';
import ec2BlockDeviceEncryption from './ec2/ec2-block-device-encryption';
import ec2InstancePublicIp from './ec2/ec2-instance-public-ip';
import ec2NaclAllowAll from './ec2/ec2-nacl-allow-all';
import ec2SecurityGroupAdminPorts from './ec2/ec2-security-group-admin-ports';
import ec2SecurityGroupWorldOpen from './ec2/ec2-security-group-world-open';
import ec2SubnetPublicIp from './ec2/ec2-subnet-public-ip';
import ec2VpcDefaultSecurityGroup from './ec2/ec2-vpc-default-security-group';
import ec2VpcFlowLogs from './ec2/ec2-vpc-flow-logs';
import ecrRepositoryEncryption from './ecr/ecr-repository-encryption';
import ecrRepositoryPolicyPublic from './ecr/ecr-repository-policy-public';
import ecsEfsTransitEncryption from './ecs/ecs-efs-transit-encryption';
import efsFilesystemEncryption from './efs/efs-filesystem-encryption';
import eksEndpointPublicAccess from './eks/eks-endpoint-public-access';
import eksSecretsEncryption from './eks/eks-secrets-encryption';
import elasticacheEncryptionAtRest from './elasticache/elasticache-encryption-at-rest';
import elasticacheEncryptionInTransit from './elasticache/elasticache-encryption-in-transit';
import elbAcmCertificate from './elb/elb-acm-certificate';
import elbBackendEncryption from './elb/elb-backend-encryption';
import elbListenerTls from './elb/elb-listener-tls';
import elbTlsPolicy from './elb/elb-tls-policy';
import elbv2AlbDropInvalidHeaders from './elbv2/elbv2-alb-drop-invalid-headers';
import elbv2ListenerCertificate from './elbv2/elbv2-listener-certificate';
import elbv2ListenerHttpsRedirect from './elbv2/elbv2-listener-https-redirect';
import elbv2ListenerTlsPolicy from './elbv2/elbv2-listener-tls-policy';
import elbv2TargetGroupEncryption from './elbv2/elbv2-target-group-encryption';
import emrSecurityConfigurationEncryption from './emr/emr-security-configuration-encryption';
import firehoseDeliveryStreamEncryption from './firehose/firehose-delivery-stream-encryption';
import fsxFilesystemEncryption from './fsx/fsx-filesystem-encryption';
import glueDataCatalogEncryption from './glue/glue-data-catalog-encryption';
import glueSecurityConfigurationEncryption from './glue/glue-security-configuration-encryption';
import hipaaEligibleService from './hipaa/hipaa-eligible-service';
import kinesisStreamEncryption from './kinesis/kinesis-stream-encryption';
import kmsKeyPolicyPublic from './kms/kms-key-policy-public';
import kmsKeyRetention from './kms/kms-key-retention';
import kmsKeyRotation from './kms/kms-key-rotation';
import lambdaEnvironmentEncryption from './lambda/lambda-environment-encryption';
import lambdaInVpc from './lambda/lambda-in-vpc';
import lambdaPermissionPublic from './lambda/lambda-permission-public';
import lambdaUrlAuth from './lambda/lambda-url-auth';
import logsLogGroupEncryption from './logs/logs-log-group-encryption';
import memorydbClusterEncryption from './memorydb/memorydb-cluster-encryption';
import mqBrokerPublic from './mq/mq-broker-public';
import mskClusterEncryption from './msk/msk-cluster-encryption';
import mskClusterPublicAccess from './msk/msk-cluster-public-access';
import mskClusterTls from './msk/msk-cluster-tls';
import neptuneClusterEncryption from './neptune/neptune-cluster-encryption';
import opensearchEncryptionAtRest from './opensearch/opensearch-encryption-at-rest';
import opensearchHttpsRequired from './opensearch/opensearch-https-required';
import opensearchInVpc from './opensearch/opensearch-in-vpc';
import opensearchNodeToNodeEncryption from './opensearch/opensearch-node-to-node-encryption';
import rdsForceSsl from './rds/rds-force-ssl';
import rdsPublicAccess from './rds/rds-public-access';
import rdsStorageEncryption from './rds/rds-storage-encryption';
import redshiftClusterEncryption from './redshift/redshift-cluster-encryption';
import redshiftEnhancedVpcRouting from './redshift/redshift-enhanced-vpc-routing';
import redshiftPublicAccess from './redshift/redshift-public-access';
import redshiftRequireSsl from './redshift/redshift-require-ssl';
import s3BucketEncryption from './s3/s3-bucket-encryption';
import s3BucketPolicyPublic from './s3/s3-bucket-policy-public';
import s3BucketPublicAccessBlock from './s3/s3-bucket-public-access-block';
import s3BucketPublicAcl from './s3/s3-bucket-public-acl';
import s3BucketSslRequestsOnly from './s3/s3-bucket-ssl-requests-only';
import sagemakerEndpointConfigEncryption from './sagemaker/sagemaker-endpoint-config-encryption';
import sagemakerNotebookDirectInternet from './sagemaker/sagemaker-notebook-direct-internet';
import sagemakerNotebookEncryption from './sagemaker/sagemaker-notebook-encryption';
import secretsmanagerSecretEncryption from './secretsmanager/secretsmanager-secret-encryption';
import snsTopicEncryption from './sns/sns-topic-encryption';
import snsTopicPolicyPublic from './sns/sns-topic-policy-public';
import snsTopicSslOnly from './sns/sns-topic-ssl-only';
import sqsQueueEncryption from './sqs/sqs-queue-encryption';
import sqsQueuePolicyPublic from './sqs/sqs-queue-policy-public';
import sqsQueueSslOnly from './sqs/sqs-queue-ssl-only';
import stepfunctionsEncryption from './stepfunctions/stepfunctions-encryption';
import transferServerPublicEndpoint from './transfer/transfer-server-public-endpoint';
import vpcDataStorePrivateSubnets from './vpc/vpc-data-store-private-subnets';
import vpcDefaultVpcPlacement from './vpc/vpc-default-vpc-placement';
import wafv2WebAclAssociation from './wafv2/wafv2-web-acl-association';
import workspacesVolumeEncryption from './workspaces/workspaces-volume-encryption';

export const RULES: readonly Rule[] = ([
  apigatewayCacheEncryption,
  apigatewayDomainTlsPolicy,
  apigatewayStageClientCertificate,
  athenaWorkgroupEncryption,
  backupVaultEncryption,
  cloudfrontMinimumTls,
  cloudfrontOriginHttps,
  cloudfrontViewerHttps,
  cloudtrailEncryption,
  codebuildProjectEncryption,
  daxClusterEncryption,
  daxClusterEndpointTls,
  dmsReplicationPublic,
  docdbClusterEncryption,
  docdbTls,
  dynamodbTableEncryption,
  ebsVolumeEncryption,
  ec2BlockDeviceEncryption,
  ec2InstancePublicIp,
  ec2NaclAllowAll,
  ec2SecurityGroupAdminPorts,
  ec2SecurityGroupWorldOpen,
  ec2SubnetPublicIp,
  ec2VpcDefaultSecurityGroup,
  ec2VpcFlowLogs,
  ecrRepositoryEncryption,
  ecrRepositoryPolicyPublic,
  ecsEfsTransitEncryption,
  efsFilesystemEncryption,
  eksEndpointPublicAccess,
  eksSecretsEncryption,
  elasticacheEncryptionAtRest,
  elasticacheEncryptionInTransit,
  elbAcmCertificate,
  elbBackendEncryption,
  elbListenerTls,
  elbTlsPolicy,
  elbv2AlbDropInvalidHeaders,
  elbv2ListenerCertificate,
  elbv2ListenerHttpsRedirect,
  elbv2ListenerTlsPolicy,
  elbv2TargetGroupEncryption,
  emrSecurityConfigurationEncryption,
  firehoseDeliveryStreamEncryption,
  fsxFilesystemEncryption,
  glueDataCatalogEncryption,
  glueSecurityConfigurationEncryption,
  hipaaEligibleService,
  kinesisStreamEncryption,
  kmsKeyPolicyPublic,
  kmsKeyRetention,
  kmsKeyRotation,
  lambdaEnvironmentEncryption,
  lambdaInVpc,
  lambdaPermissionPublic,
  lambdaUrlAuth,
  logsLogGroupEncryption,
  memorydbClusterEncryption,
  mqBrokerPublic,
  mskClusterEncryption,
  mskClusterPublicAccess,
  mskClusterTls,
  neptuneClusterEncryption,
  opensearchEncryptionAtRest,
  opensearchHttpsRequired,
  opensearchInVpc,
  opensearchNodeToNodeEncryption,
  rdsForceSsl,
  rdsPublicAccess,
  rdsStorageEncryption,
  redshiftClusterEncryption,
  redshiftEnhancedVpcRouting,
  redshiftPublicAccess,
  redshiftRequireSsl,
  s3BucketEncryption,
  s3BucketPolicyPublic,
  s3BucketPublicAccessBlock,
  s3BucketPublicAcl,
  s3BucketSslRequestsOnly,
  sagemakerEndpointConfigEncryption,
  sagemakerNotebookDirectInternet,
  sagemakerNotebookEncryption,
  secretsmanagerSecretEncryption,
  snsTopicEncryption,
  snsTopicPolicyPublic,
  snsTopicSslOnly,
  sqsQueueEncryption,
  sqsQueuePolicyPublic,
  sqsQueueSslOnly,
  stepfunctionsEncryption,
  transferServerPublicEndpoint,
  vpcDataStorePrivateSubnets,
  vpcDefaultVpcPlacement,
  wafv2WebAclAssociation,
  workspacesVolumeEncryption,
] as Rule[]).sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

const BY_TYPE = new Map<string, Rule[]>();
/** Rules whose resourceTypes is ['*']: they see every resource (e.g. the eligible-services rule). */
const EVERY_TYPE = RULES.filter((r) => r.meta.resourceTypes.includes('*'));
for (const rule of RULES) {
  for (const type of rule.meta.resourceTypes) {
    if (type === '*') continue;
    const list = BY_TYPE.get(type);
    if (list) list.push(rule);
    else BY_TYPE.set(type, [rule]);
  }
}

export function rulesForType(type: string): readonly Rule[] {
  const own = BY_TYPE.get(type);
  if (EVERY_TYPE.length === 0) return own ?? [];
  return own ? [...own, ...EVERY_TYPE] : EVERY_TYPE;
}

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export interface EngineMeta {
  title: string;
  description: string;
  messages: Record<string, string>;
}

/** Findings the engine raises itself: about reading the template, not about HIPAA controls. */
export const ENGINE_META: Record<EngineFindingId, EngineMeta> = {
  'parse-error': {
    title: 'The template can be read',
    description: 'A YAML or JSON syntax error, nesting beyond the depth limit, or an alias-expansion attack. Where the parser recovers, the rest of the template is still checked.',
    messages: {},
  },
  'duplicate-key': {
    title: 'Keys are unique',
    description: 'A mapping holds the same key twice. CloudFormation keeps one of the values without saying which, so a setting you can see may not be the one deployed.',
    messages: {},
  },
  'unknown-tag': {
    title: 'Tags are CloudFormation intrinsic functions',
    description: 'A YAML tag (!Name) that is not a CloudFormation short-form intrinsic function, such as a Rain directive. Values under it are treated as unknown.',
    messages: {},
  },
  'template-too-large': {
    title: 'The template is within the size limit',
    description: 'The document is larger than the configured limit and was not checked, so that the editor stays responsive.',
    messages: {},
  },
  'rule-error': {
    title: 'Every rule could run',
    description: 'A rule failed on a resource. The resource could not be checked by that rule (fail closed); the other rules still ran. Please report it.',
    messages: {},
  },
  'invalid-suppression': {
    title: 'Suppressions name a rule and give a reason',
    description: 'A cfn-hipaa suppression in Metadata must name a known rule and say why the finding is acceptable. An invalid entry suppresses nothing.',
    messages: {
      missingReason: 'This suppression of {{rule}} gives no reason, so it suppresses nothing. Say why the finding is acceptable (reason: ...).',
      placeholderReason: 'This suppression of {{rule}} still has a placeholder reason, so it suppresses nothing. Replace it with why the finding is acceptable.',
      unknownRule: 'cfn-hipaa has no rule {{rule}}: this suppression suppresses nothing.',
      malformed: 'cfn-hipaa Metadata must be { suppress: [ { rule: <rule id>, reason: <why> } ] } and/or { phi: true | false }; this entry suppresses nothing.',
    },
  },
};
