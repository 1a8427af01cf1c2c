/**
 * The HIPAA pack: which rules it runs, the 45 CFR 164.3xx controls each serves, and how levels map
 * to severities. Data only: a rule can serve several packs, and re-grading never renames a rule.
 */
import type { Level, Severity } from '../types';

export interface PackEntry {
  /** 45 CFR citations, most specific first. */
  citations: readonly string[];
}

export interface Pack {
  id: string;
  name: string;
  /** Default severity for each level of finding. */
  levels: Record<Level, Severity>;
  rules: Record<string, PackEntry>;
}

/** Plain-words titles of the Security Rule controls we cite (45 CFR Part 164, Subpart C). */
export const CONTROL_TITLES: Record<string, string> = {
  '164.308(a)(1)(ii)(A)': 'Risk analysis',
  '164.308(a)(1)(ii)(D)': 'Information system activity review',
  '164.308(a)(3)(i)': 'Workforce security',
  '164.308(a)(3)(ii)(A)': 'Authorization and/or supervision',
  '164.308(a)(3)(ii)(B)': 'Workforce clearance procedure',
  '164.308(a)(4)(i)': 'Information access management',
  '164.308(a)(4)(ii)(A)': 'Isolating health care clearinghouse functions',
  '164.308(a)(4)(ii)(B)': 'Access authorization',
  '164.308(a)(4)(ii)(C)': 'Access establishment and modification',
  '164.308(a)(5)(ii)(A)': 'Security reminders',
  '164.308(a)(5)(ii)(B)': 'Protection from malicious software',
  '164.308(a)(5)(ii)(C)': 'Log-in monitoring',
  '164.308(a)(5)(ii)(D)': 'Password management',
  '164.308(a)(6)(ii)': 'Response and reporting',
  '164.308(a)(7)(i)': 'Contingency plan',
  '164.308(a)(7)(ii)(A)': 'Data backup plan',
  '164.308(a)(7)(ii)(B)': 'Disaster recovery plan',
  '164.308(a)(7)(ii)(C)': 'Emergency mode operation plan',
  '164.308(b)(1)': 'Business associate contracts and other arrangements',
  '164.312(a)(1)': 'Access control',
  '164.312(a)(2)(i)': 'Unique user identification',
  '164.312(a)(2)(iv)': 'Encryption and decryption of ePHI',
  '164.312(b)': 'Audit controls',
  '164.312(c)(1)': 'Integrity',
  '164.312(c)(2)': 'Mechanism to authenticate ePHI',
  '164.312(d)': 'Person or entity authentication',
  '164.312(e)(1)': 'Transmission security',
  '164.312(e)(2)(i)': 'Integrity controls in transmission',
  '164.312(e)(2)(ii)': 'Encryption of ePHI in transmission',
  '164.314(a)(1)': 'Business associate contracts or other arrangements',
};

/** Encryption at rest: RULE-CATALOG group A, code ENC. */
export const ENC = ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'] as const;
/** Encryption in transit: RULE-CATALOG group B, code TRANS. */
export const TRANS = ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)', '164.312(a)(2)(iv)'] as const;
/** Network isolation and public exposure: RULE-CATALOG group C, code PUB. */
export const PUB = ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)'] as const;
/** Resource policies and access management: RULE-CATALOG code IAMC. */
export const IAMC = ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(3)(ii)(A)', '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'] as const;
/** Services under the AWS Business Associate Addendum: RULE-CATALOG group H (HELIG-01). */
export const BAA = ['164.308(b)(1)', '164.314(a)(1)'] as const;
/** Keys that protect ePHI: encryption (ENC) plus the contingency of losing the key. */
export const KEYS = [...ENC, '164.308(a)(7)(ii)(A)'] as const;

export const HIPAA_PACK: Pack = {
  id: 'hipaa',
  name: 'HIPAA Security Rule (45 CFR Part 164, Subpart C)',
  levels: { violation: 'error', hardening: 'warning', unverifiable: 'info' },
  rules: {
    'apigateway-cache-encryption': { citations: ENC },
    'apigateway-domain-tls-policy': { citations: TRANS },
    'apigateway-stage-client-certificate': { citations: TRANS },
    'athena-workgroup-encryption': { citations: ENC },
    'backup-vault-encryption': { citations: ENC },
    'cloudfront-minimum-tls': { citations: TRANS },
    'cloudfront-origin-https': { citations: TRANS },
    'cloudfront-viewer-https': { citations: TRANS },
    'cloudtrail-encryption': { citations: ENC },
    'codebuild-project-encryption': { citations: ENC },
    'dax-cluster-encryption': { citations: ENC },
    'dax-cluster-endpoint-tls': { citations: TRANS },
    'dms-replication-public': { citations: PUB },
    'docdb-cluster-encryption': { citations: ENC },
    'docdb-tls': { citations: TRANS },
    'dynamodb-table-encryption': { citations: ENC },
    'ebs-volume-encryption': { citations: ENC },
    'ec2-block-device-encryption': { citations: ENC },
    'ec2-instance-public-ip': { citations: [...PUB, '164.308(a)(3)(ii)(B)'] },
    'ec2-nacl-allow-all': { citations: PUB },
    'ec2-security-group-admin-ports': { citations: [...PUB, '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(B)'] },
    'ec2-security-group-world-open': { citations: PUB },
    'ec2-subnet-public-ip': { citations: PUB },
    'ec2-vpc-default-security-group': { citations: PUB },
    'ec2-vpc-flow-logs': { citations: ['164.312(b)', '164.308(a)(3)(ii)(A)'] },
    'ecr-repository-encryption': { citations: ENC },
    'ecr-repository-policy-public': { citations: IAMC },
    'ecs-efs-transit-encryption': { citations: TRANS },
    'efs-filesystem-encryption': { citations: ENC },
    'eks-endpoint-public-access': { citations: PUB },
    'eks-secrets-encryption': { citations: ENC },
    'elasticache-encryption-at-rest': { citations: ENC },
    'elasticache-encryption-in-transit': { citations: TRANS },
    'elb-acm-certificate': { citations: TRANS },
    'elb-backend-encryption': { citations: TRANS },
    'elb-listener-tls': { citations: TRANS },
    'elb-tls-policy': { citations: TRANS },
    'elbv2-alb-drop-invalid-headers': { citations: TRANS },
    'elbv2-listener-certificate': { citations: ENC },
    'elbv2-listener-https-redirect': { citations: TRANS },
    'elbv2-listener-tls-policy': { citations: TRANS },
    'elbv2-target-group-encryption': { citations: TRANS },
    'emr-security-configuration-encryption': { citations: TRANS },
    'firehose-delivery-stream-encryption': { citations: ENC },
    'fsx-filesystem-encryption': { citations: ENC },
    'glue-data-catalog-encryption': { citations: ENC },
    'glue-security-configuration-encryption': { citations: ENC },
    'hipaa-eligible-service': { citations: BAA },
    'kinesis-stream-encryption': { citations: ENC },
    'kms-key-policy-public': { citations: IAMC },
    'kms-key-retention': { citations: KEYS },
    'kms-key-rotation': { citations: ENC },
    'lambda-environment-encryption': { citations: ENC },
    'lambda-in-vpc': { citations: PUB },
    'lambda-permission-public': { citations: PUB },
    'lambda-url-auth': { citations: [...PUB, '164.312(d)'] },
    'logs-log-group-encryption': { citations: ENC },
    'memorydb-cluster-encryption': { citations: [...ENC, '164.312(e)(1)'] },
    'mq-broker-public': { citations: PUB },
    'msk-cluster-encryption': { citations: ENC },
    'msk-cluster-public-access': { citations: PUB },
    'msk-cluster-tls': { citations: TRANS },
    'neptune-cluster-encryption': { citations: ENC },
    'opensearch-encryption-at-rest': { citations: ENC },
    'opensearch-https-required': { citations: TRANS },
    'opensearch-in-vpc': { citations: PUB },
    'opensearch-node-to-node-encryption': { citations: TRANS },
    'rds-force-ssl': { citations: TRANS },
    'rds-public-access': { citations: PUB },
    'rds-storage-encryption': { citations: ENC },
    'redshift-cluster-encryption': { citations: ENC },
    'redshift-enhanced-vpc-routing': { citations: ['164.312(e)(1)'] },
    'redshift-public-access': { citations: PUB },
    'redshift-require-ssl': { citations: TRANS },
    's3-bucket-encryption': { citations: [...ENC, '164.312(c)(2)'] },
    's3-bucket-policy-public': { citations: IAMC },
    's3-bucket-public-access-block': { citations: PUB },
    's3-bucket-public-acl': { citations: PUB },
    's3-bucket-ssl-requests-only': { citations: [...TRANS, '164.312(c)(2)'] },
    'sagemaker-endpoint-config-encryption': { citations: ENC },
    'sagemaker-notebook-direct-internet': { citations: PUB },
    'sagemaker-notebook-encryption': { citations: ENC },
    'secretsmanager-secret-encryption': { citations: ENC },
    'sns-topic-encryption': { citations: ENC },
    'sns-topic-policy-public': { citations: IAMC },
    'sns-topic-ssl-only': { citations: TRANS },
    'sqs-queue-encryption': { citations: ENC },
    'sqs-queue-policy-public': { citations: IAMC },
    'sqs-queue-ssl-only': { citations: TRANS },
    'stepfunctions-encryption': { citations: ENC },
    'transfer-server-public-endpoint': { citations: PUB },
    'vpc-data-store-private-subnets': { citations: PUB },
    'vpc-default-vpc-placement': { citations: PUB },
    'wafv2-web-acl-association': { citations: PUB },
    'workspaces-volume-encryption': { citations: ENC },
  },
};
