/** RDS, Aurora, ElastiCache, OpenSearch and Redshift snippets: private, encrypted, TLS-only. */
import type { JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import { KEY_COMPANION, KEY_ID, NETWORK_PARAMETERS, SUBNETS_PARAM, clientSecurityGroup, getAtt, keyArn, phiKey, ref, sub, subnetAt } from './common';

const KEY_LINE = 'Customer managed KMS key PhiKey (companion): rotation on, retained on stack deletion, key policy for the account and the services that need it';
const PLACEMENT_LINE =
  'Private placement: a subnet group of the private subnets you pass (List<AWS::EC2::Subnet::Id>), not publicly accessible, a security group in your VPC that admits only the application tier: access control (45 CFR 164.312(a)(1)), no default VPC';

interface RdsEngine {
  prefix: string;
  title: string;
  id: string;
  engine: string;
  /** EngineVersion (a tab stop) and the parameter group family that goes with it. */
  version: string;
  family: string;
  tlsParameter: Record<string, string>;
  tlsLine: string;
  logs: string[];
  port: number;
}

function rdsInstance(e: RdsEngine): SnippetDef {
  const id = `{{1:${e.id}}}`;
  return {
    prefix: e.prefix,
    title: e.title,
    compliance: [
      'Storage, automated backups, snapshots and Performance Insights encrypted with the customer managed key PhiKey: encryption at rest (45 CFR 164.312(a)(2)(iv))',
      e.tlsLine,
      PLACEMENT_LINE,
      'Master password generated and kept by Secrets Manager (ManageMasterUserPassword), encrypted with PhiKey; IAM database authentication on: unique user identification and person or entity authentication (164.312(a)(2)(i), 164.312(d))',
      `Log exports to CloudWatch Logs (${e.logs.join(', ')}): audit controls (164.312(b))`,
      'Multi-AZ, automated backups kept 35 days, deletion protection, snapshot on deletion or replacement: contingency plan and integrity (164.308(a)(7)(ii)(A), (B), 164.312(c)(1))',
      KEY_LINE,
    ],
    parameters: NETWORK_PARAMETERS,
    resources: {
      [id]: {
        Type: 'AWS::RDS::DBInstance',
        DeletionPolicy: 'Snapshot',
        UpdateReplacePolicy: 'Snapshot',
        Properties: {
          Engine: e.engine,
          EngineVersion: e.version,
          DBInstanceClass: '{{3|db.m7g.large,db.r7g.large,db.m6g.large,db.r6g.large|}}',
          AllocatedStorage: '{{4:100}}',
          MaxAllocatedStorage: 1000,
          StorageType: 'gp3',
          StorageEncrypted: true,
          KmsKeyId: keyArn,
          MasterUsername: '{{5:dbadmin}}',
          ManageMasterUserPassword: true,
          MasterUserSecret: { KmsKeyId: keyArn },
          EnableIAMDatabaseAuthentication: true,
          DBParameterGroupName: ref(`${id}ParameterGroup`),
          DBSubnetGroupName: ref(`${id}SubnetGroup`),
          VPCSecurityGroups: [ref(`${id}SecurityGroup`)],
          Port: String(e.port),
          PubliclyAccessible: false,
          MultiAZ: true,
          BackupRetentionPeriod: 35,
          CopyTagsToSnapshot: true,
          DeletionProtection: true,
          AutoMinorVersionUpgrade: true,
          EnableCloudwatchLogsExports: e.logs,
          EnablePerformanceInsights: true,
          PerformanceInsightsKMSKeyId: keyArn,
          PerformanceInsightsRetentionPeriod: 7,
        },
      },
      [`${id}ParameterGroup`]: {
        Type: 'AWS::RDS::DBParameterGroup',
        Properties: {
          Description: 'Requires TLS for every client connection',
          Family: e.family,
          Parameters: e.tlsParameter,
        },
      },
      [`${id}SubnetGroup`]: {
        Type: 'AWS::RDS::DBSubnetGroup',
        Properties: { DBSubnetGroupDescription: 'Private subnets only', SubnetIds: ref(SUBNETS_PARAM) },
      },
      [`${id}SecurityGroup`]: clientSecurityGroup('Database port from the application tier only', e.port),
      [KEY_ID]: phiKey(),
    },
    companions: [KEY_COMPANION],
  };
}

export const RDS_POSTGRES = rdsInstance({
  prefix: 'hipaa-rds-postgres',
  title: 'HIPAA RDS PostgreSQL instance (KMS, rds.force_ssl, private, Multi-AZ, IAM auth)',
  id: 'PatientDatabase',
  engine: 'postgres',
  // A major version: RDS picks its default minor version. The family follows the same choice.
  version: '{{2|17,16,15|}}',
  family: 'postgres{{2|17,16,15|}}',
  tlsParameter: { 'rds.force_ssl': '1' },
  tlsLine: 'Parameter group sets rds.force_ssl = 1: every client connection uses TLS, transmission security (45 CFR 164.312(e)(1), (e)(2)(ii))',
  logs: ['postgresql', 'upgrade'],
  port: 5432,
});

export const RDS_MYSQL = rdsInstance({
  prefix: 'hipaa-rds-mysql',
  title: 'HIPAA RDS MySQL instance (KMS, require_secure_transport, private, Multi-AZ, IAM auth)',
  id: 'PatientMySqlDatabase',
  engine: 'mysql',
  // RDS for MySQL takes only full versions; 8.0 left standard support in July 2026, so 8.4 (LTS).
  version: '{{2|8.4.8,8.4.11|}}',
  family: 'mysql8.4',
  tlsParameter: { require_secure_transport: 'ON' },
  tlsLine: 'Parameter group sets require_secure_transport = ON: every client connection uses TLS, transmission security (45 CFR 164.312(e)(1), (e)(2)(ii))',
  logs: ['error', 'general', 'slowquery'],
  port: 3306,
});

const AURORA = '{{1:PatientCluster}}';
export const AURORA_CLUSTER: SnippetDef = {
  prefix: 'hipaa-aurora-postgres',
  title: 'HIPAA Aurora PostgreSQL cluster (KMS, rds.force_ssl, private, two AZs, IAM auth)',
  compliance: [
    'Cluster storage, backups, snapshots and Performance Insights encrypted with the customer managed key PhiKey: encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Cluster parameter group sets rds.force_ssl = 1: every client connection uses TLS, transmission security (164.312(e)(1), (e)(2)(ii))',
    PLACEMENT_LINE,
    'Master password generated and kept by Secrets Manager (ManageMasterUserPassword), encrypted with PhiKey; IAM database authentication on: unique user identification and authentication (164.312(a)(2)(i), 164.312(d))',
    'PostgreSQL log export to CloudWatch Logs: audit controls (164.312(b))',
    'Writer and reader in different Availability Zones (failover), backups kept 35 days, deletion protection, snapshot on deletion or replacement: contingency plan and integrity (164.308(a)(7)(ii)(A), (B), 164.312(c)(1))',
    KEY_LINE,
  ],
  parameters: NETWORK_PARAMETERS,
  resources: {
    [AURORA]: {
      Type: 'AWS::RDS::DBCluster',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: {
        Engine: 'aurora-postgresql',
        // A major version: RDS picks its default minor version. The family follows the same choice.
        EngineVersion: '{{2|17,16|}}',
        DBClusterParameterGroupName: ref(`${AURORA}ParameterGroup`),
        DBSubnetGroupName: ref(`${AURORA}SubnetGroup`),
        VpcSecurityGroupIds: [ref(`${AURORA}SecurityGroup`)],
        Port: 5432,
        StorageEncrypted: true,
        KmsKeyId: keyArn,
        MasterUsername: '{{3:dbadmin}}',
        ManageMasterUserPassword: true,
        MasterUserSecret: { KmsKeyId: keyArn },
        EnableIAMDatabaseAuthentication: true,
        BackupRetentionPeriod: 35,
        CopyTagsToSnapshot: true,
        DeletionProtection: true,
        EnableCloudwatchLogsExports: ['postgresql'],
      },
    },
    [`${AURORA}ParameterGroup`]: {
      Type: 'AWS::RDS::DBClusterParameterGroup',
      Properties: { Description: 'Requires TLS for every client connection', Family: 'aurora-postgresql{{2|17,16|}}', Parameters: { 'rds.force_ssl': '1' } },
    },
    [`${AURORA}SubnetGroup`]: {
      Type: 'AWS::RDS::DBSubnetGroup',
      Properties: { DBSubnetGroupDescription: 'Private subnets only', SubnetIds: ref(SUBNETS_PARAM) },
    },
    [`${AURORA}SecurityGroup`]: clientSecurityGroup('Database port from the application tier only', 5432),
    ...Object.fromEntries(
      ['Writer', 'Reader'].map((role) => [
        `${AURORA}${role}`,
        {
          Type: 'AWS::RDS::DBInstance',
          Properties: {
            Engine: 'aurora-postgresql',
            DBClusterIdentifier: ref(AURORA),
            DBInstanceClass: '{{4|db.r7g.large,db.r6g.large,db.r7g.xlarge|}}',
            PubliclyAccessible: false,
            AutoMinorVersionUpgrade: true,
            EnablePerformanceInsights: true,
            PerformanceInsightsKMSKeyId: keyArn,
            PerformanceInsightsRetentionPeriod: 7,
          },
        } as JsonObject,
      ]),
    ),
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

const CACHE = '{{1:SessionCache}}';
export const ELASTICACHE: SnippetDef = {
  prefix: 'hipaa-elasticache-replication-group',
  title: 'HIPAA ElastiCache replication group (KMS, TLS required, Multi-AZ, private)',
  compliance: [
    'Encryption at rest with the customer managed key PhiKey (45 CFR 164.312(a)(2)(iv))',
    'In-transit encryption required (TransitEncryptionMode required): transmission security (164.312(e)(1), (e)(2)(ii))',
    PLACEMENT_LINE,
    'Multi-AZ with automatic failover, daily snapshots kept 7 days: contingency plan (164.308(a)(7)(ii)(A), (B))',
    'Slow log delivered to a KMS-encrypted CloudWatch log group kept 6 years: audit controls (164.312(b))',
    KEY_LINE,
  ],
  parameters: NETWORK_PARAMETERS,
  resources: {
    [CACHE]: {
      Type: 'AWS::ElastiCache::ReplicationGroup',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: {
        ReplicationGroupDescription: '{{2:Session cache}}',
        Engine: '{{3|valkey,redis|}}',
        CacheNodeType: '{{4|cache.r7g.large,cache.m7g.large,cache.t4g.medium|}}',
        NumCacheClusters: 2,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        AtRestEncryptionEnabled: true,
        KmsKeyId: keyArn,
        TransitEncryptionEnabled: true,
        TransitEncryptionMode: 'required',
        CacheSubnetGroupName: ref(`${CACHE}SubnetGroup`),
        SecurityGroupIds: [ref(`${CACHE}SecurityGroup`)],
        Port: 6379,
        SnapshotRetentionLimit: 7,
        AutoMinorVersionUpgrade: true,
        LogDeliveryConfigurations: [
          {
            DestinationType: 'cloudwatch-logs',
            LogFormat: 'json',
            LogType: 'slow-log',
            DestinationDetails: { CloudWatchLogsDetails: { LogGroup: ref(`${CACHE}SlowLog`) } },
          },
        ],
      },
    },
    [`${CACHE}SubnetGroup`]: {
      Type: 'AWS::ElastiCache::SubnetGroup',
      Properties: { Description: 'Private subnets only', SubnetIds: ref(SUBNETS_PARAM) },
    },
    [`${CACHE}SecurityGroup`]: clientSecurityGroup('Cache port from the application tier only', 6379),
    [`${CACHE}SlowLog`]: {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { KmsKeyId: keyArn, RetentionInDays: 2192 },
    },
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

const SEARCH = '{{1:PatientSearch}}';
const DOMAIN_NAME = '{{2:patient-search}}';
export const OPENSEARCH: SnippetDef = {
  prefix: 'hipaa-opensearch-domain',
  title: 'HIPAA OpenSearch domain (KMS, HTTPS TLS 1.2, node-to-node, VPC, two AZs)',
  compliance: [
    'Encryption at rest with the customer managed key PhiKey (45 CFR 164.312(a)(2)(iv))',
    'HTTPS enforced with a TLS 1.2+ policy and node-to-node encryption: transmission security (164.312(e)(1), (e)(2)(ii))',
    'Placed in the private subnets of your VPC (VPCOptions), HTTPS open only to the application tier; access policy allows only this account\'s IAM principals: access control (164.312(a)(1))',
    'Application error logs to a KMS-encrypted CloudWatch log group kept 6 years: audit controls (164.312(b))',
    'Zone awareness over two Availability Zones (164.308(a)(7)(ii)(B))',
    KEY_LINE,
  ],
  parameters: NETWORK_PARAMETERS,
  resources: {
    [SEARCH]: {
      Type: 'AWS::OpenSearchService::Domain',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      DependsOn: [`${SEARCH}LogPolicy`],
      Properties: {
        DomainName: DOMAIN_NAME,
        EngineVersion: '{{3|OpenSearch_2.19,OpenSearch_3.1,OpenSearch_2.17|}}',
        ClusterConfig: {
          InstanceType: '{{4|r7g.large.search,m7g.large.search,r6g.large.search|}}',
          InstanceCount: 2,
          ZoneAwarenessEnabled: true,
          ZoneAwarenessConfig: { AvailabilityZoneCount: 2 },
        },
        EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100 },
        EncryptionAtRestOptions: { Enabled: true, KmsKeyId: ref(KEY_ID) },
        NodeToNodeEncryptionOptions: { Enabled: true },
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: '{{5|Policy-Min-TLS-1-2-PFS-2023-10,Policy-Min-TLS-1-2-2019-07|}}' },
        VPCOptions: { SubnetIds: [subnetAt(0), subnetAt(1)], SecurityGroupIds: [ref(`${SEARCH}SecurityGroup`)] },
        AccessPolicies: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
              Action: 'es:ESHttp*',
              Resource: sub(`arn:\${AWS::Partition}:es:\${AWS::Region}:\${AWS::AccountId}:domain/${DOMAIN_NAME}/*`),
            },
          ],
        },
        LogPublishingOptions: {
          ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: getAtt(`${SEARCH}Logs`, 'Arn') },
        },
      },
    },
    [`${SEARCH}SecurityGroup`]: clientSecurityGroup('HTTPS from the application tier only', 443),
    [`${SEARCH}Logs`]: {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { KmsKeyId: keyArn, RetentionInDays: 2192 },
    },
    [`${SEARCH}LogPolicy`]: {
      Type: 'AWS::Logs::ResourcePolicy',
      Properties: {
        PolicyName: `${DOMAIN_NAME}-logs`,
        PolicyDocument: {
          'Fn::Sub': [
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":["logs:PutLogEvents","logs:CreateLogStream"],"Resource":"${LogGroupArn}","Condition":{"StringEquals":{"aws:SourceAccount":"${AWS::AccountId}"}}}]}',
            { LogGroupArn: getAtt(`${SEARCH}Logs`, 'Arn') },
          ],
        },
      },
    },
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

const REDSHIFT = '{{1:PatientWarehouse}}';
export const REDSHIFT_CLUSTER: SnippetDef = {
  prefix: 'hipaa-redshift-cluster',
  title: 'HIPAA Redshift cluster (KMS, require_ssl, private, enhanced VPC routing, audit logs)',
  compliance: [
    'Encrypted with the customer managed key PhiKey (45 CFR 164.312(a)(2)(iv))',
    'Parameter group sets require_ssl = true: transmission security (164.312(e)(1), (e)(2)(ii))',
    PLACEMENT_LINE,
    'Enhanced VPC routing: COPY and UNLOAD traffic stays in your VPC (164.312(e)(1))',
    'Admin password kept by Secrets Manager, encrypted with PhiKey: authentication (164.312(d))',
    'Connection, user and user activity logs to CloudWatch Logs: audit controls (164.312(b))',
    'Automated snapshots kept 35 days, snapshot on deletion or replacement: contingency plan (164.308(a)(7)(ii)(A))',
    KEY_LINE,
  ],
  parameters: NETWORK_PARAMETERS,
  resources: {
    [REDSHIFT]: {
      Type: 'AWS::Redshift::Cluster',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: {
        ClusterType: 'multi-node',
        NumberOfNodes: 2,
        NodeType: '{{2|ra3.large,ra3.xlplus,ra3.4xlarge|}}',
        DBName: '{{3:phi}}',
        MasterUsername: '{{4:dbadmin}}',
        ManageMasterPassword: true,
        MasterPasswordSecretKmsKeyId: keyArn,
        Encrypted: true,
        KmsKeyId: keyArn,
        PubliclyAccessible: false,
        EnhancedVpcRouting: true,
        ClusterParameterGroupName: ref(`${REDSHIFT}ParameterGroup`),
        ClusterSubnetGroupName: ref(`${REDSHIFT}SubnetGroup`),
        VpcSecurityGroupIds: [ref(`${REDSHIFT}SecurityGroup`)],
        Port: 5439,
        AutomatedSnapshotRetentionPeriod: 35,
        AllowVersionUpgrade: true,
        LoggingProperties: { LogDestinationType: 'cloudwatch', LogExports: ['connectionlog', 'userlog', 'useractivitylog'] },
      },
    },
    [`${REDSHIFT}ParameterGroup`]: {
      Type: 'AWS::Redshift::ClusterParameterGroup',
      Properties: {
        Description: 'Requires TLS and logs user activity',
        ParameterGroupFamily: 'redshift-2.0',
        Parameters: [
          { ParameterName: 'require_ssl', ParameterValue: 'true' },
          { ParameterName: 'enable_user_activity_logging', ParameterValue: 'true' },
        ],
      },
    },
    [`${REDSHIFT}SubnetGroup`]: {
      Type: 'AWS::Redshift::ClusterSubnetGroup',
      Properties: { Description: 'Private subnets only', SubnetIds: ref(SUBNETS_PARAM) },
    },
    [`${REDSHIFT}SecurityGroup`]: clientSecurityGroup('Redshift port from the application tier only', 5439),
    [KEY_ID]: phiKey(),
  },
  companions: [KEY_COMPANION],
};

export const DATABASE_SNIPPETS: SnippetDef[] = [RDS_POSTGRES, RDS_MYSQL, AURORA_CLUSTER, ELASTICACHE, OPENSEARCH, REDSHIFT_CLUSTER];
