/**
 * The rule registry: every rule, indexed by resource type. Add a rule with
 * `node scripts/register-rule.mjs <service>/<id> <citations>`, which writes its import and entry
 * here and its pack entry. The list is sorted by id when loaded; a test checks that each id equals
 * its file name and is unique.
 */
import type { EngineFindingId } from '../parse/problems';
import type { Rule } from './rule';
import athenaWorkgroupEncryption from './athena/athena-workgroup-encryption';
import cloudtrailEncryption from './cloudtrail/cloudtrail-encryption';
import dynamodbTableEncryption from './dynamodb/dynamodb-table-encryption';
import ebsVolumeEncryption from './ec2/ebs-volume-encryption';
import efsFilesystemEncryption from './efs/efs-filesystem-encryption';
import firehoseDeliveryStreamEncryption from './firehose/firehose-delivery-stream-encryption';
import glueDataCatalogEncryption from './glue/glue-data-catalog-encryption';
import glueSecurityConfigurationEncryption from './glue/glue-security-configuration-encryption';
import kinesisStreamEncryption from './kinesis/kinesis-stream-encryption';
import logsLogGroupEncryption from './logs/logs-log-group-encryption';
import rdsStorageEncryption from './rds/rds-storage-encryption';
import s3BucketEncryption from './s3/s3-bucket-encryption';
import sagemakerEndpointConfigEncryption from './sagemaker/sagemaker-endpoint-config-encryption';
import sagemakerNotebookEncryption from './sagemaker/sagemaker-notebook-encryption';
import secretsmanagerSecretEncryption from './secretsmanager/secretsmanager-secret-encryption';
import snsTopicEncryption from './sns/sns-topic-encryption';
import sqsQueueEncryption from './sqs/sqs-queue-encryption';

export const RULES: readonly Rule[] = ([
  athenaWorkgroupEncryption,
  cloudtrailEncryption,
  dynamodbTableEncryption,
  ebsVolumeEncryption,
  efsFilesystemEncryption,
  firehoseDeliveryStreamEncryption,
  glueDataCatalogEncryption,
  glueSecurityConfigurationEncryption,
  kinesisStreamEncryption,
  logsLogGroupEncryption,
  rdsStorageEncryption,
  s3BucketEncryption,
  sagemakerEndpointConfigEncryption,
  sagemakerNotebookEncryption,
  secretsmanagerSecretEncryption,
  snsTopicEncryption,
  sqsQueueEncryption,
] as Rule[]).sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

const BY_TYPE = new Map<string, Rule[]>();
for (const rule of RULES) {
  for (const type of rule.meta.resourceTypes) {
    const list = BY_TYPE.get(type);
    if (list) list.push(rule);
    else BY_TYPE.set(type, [rule]);
  }
}

export function rulesForType(type: string): readonly Rule[] {
  return BY_TYPE.get(type) ?? [];
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
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
      malformed: 'cfn-hipaa Metadata must be { suppress: [ { rule: <rule id>, reason: <why> } ] }; this entry suppresses nothing.',
    },
  },
};
