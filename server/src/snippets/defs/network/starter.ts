/**
 * The whole-template starter "HIPAA web app": VPC, internet-facing ALB, app tier (launch template +
 * Auto Scaling group in private subnets), Aurora PostgreSQL, and logging (flow logs, ALB access
 * logs, database log exports, CloudTrail). Built from the other snippets expanded with their
 * defaults, rewired to each other, with its own few tab stops.
 */
import type { Json, JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import { expandValue } from '../../types';
import { ACM_CERTIFICATE_PARAMETER, ALB_SNIPPET } from './alb';
import { ELB_LOG_ACCOUNT_PARAMETER, PHI_KEY, getAtt, logGroup, ref, retentionTab } from './common';
import { INSTANCE_TYPES, LATEST_AL2023, LAUNCH_TEMPLATE_SNIPPET, SECURITY_GROUP_SNIPPET } from './compute';
import { trailResources } from './trail';
import { vpcResources } from './vpc';

/** `value` with every `{Ref: name}` whose name is a key of `refs` replaced by `refs[name]`. */
function rewire(value: Json, refs: Record<string, Json>): Json {
  if (Array.isArray(value)) return value.map((v) => rewire(v, refs));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && value.Ref in refs) return refs[value.Ref];
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewire(v, refs);
    return out;
  }
  return value;
}

/** A snippet's resources with defaults, rewired, without the companions the starter defines itself. */
function part(def: SnippetDef, refs: Record<string, Json>, drop: string[] = ['PhiKey']): Record<string, JsonObject> {
  const resources = rewire(expandValue(def.resources), refs) as Record<string, JsonObject>;
  for (const id of drop) delete resources[id];
  return resources;
}

const RETENTION = retentionTab(3);
const DB_CLUSTER_ID = '{{4:phi-app-db}}';

/** Cloud-init for Amazon Linux 2023: nginx answering HTTPS on 443 (self-signed; the ALB re-encrypts to it) with /health. */
const USER_DATA = [
  '#!/bin/bash',
  'set -euo pipefail',
  'dnf install -y nginx openssl',
  'mkdir -p /etc/nginx/tls',
  'openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$(hostname)" -keyout /etc/nginx/tls/key.pem -out /etc/nginx/tls/cert.pem',
  "cat > /etc/nginx/conf.d/app.conf <<'CONF'",
  'server {',
  '  listen 443 ssl;',
  '  ssl_certificate /etc/nginx/tls/cert.pem;',
  '  ssl_certificate_key /etc/nginx/tls/key.pem;',
  '  ssl_protocols TLSv1.2 TLSv1.3;',
  '  location = /health { return 200 "ok"; }',
  '  location / { root /usr/share/nginx/html; }',
  '}',
  'CONF',
  'systemctl enable --now nginx',
  '',
].join('\n');

function starterResources(): Record<string, JsonObject> {
  const vpc = vpcResources(
    'Vpc',
    { vpc: '10.0.0.0/16', publicA: '10.0.0.0/24', publicB: '10.0.1.0/24', privateA: '10.0.10.0/24', privateB: '10.0.11.0/24' },
    RETENTION,
  );
  const alb = part(ALB_SNIPPET, { VpcId: ref('Vpc'), PublicSubnetIds: [ref('PublicSubnetA'), ref('PublicSubnetB')] });
  const appSg = part(SECURITY_GROUP_SNIPPET, {
    VpcId: ref('Vpc'),
    LoadBalancerSecurityGroupId: ref('LoadBalancerSecurityGroup'),
    VpcCidr: getAtt('Vpc', 'CidrBlock'),
  });
  const launch = part(LAUNCH_TEMPLATE_SNIPPET, { AppSecurityGroupId: ref('AppSecurityGroup') });
  const data = (launch.AppLaunchTemplate.Properties as JsonObject).LaunchTemplateData as JsonObject;
  data.InstanceType = `{{1|${INSTANCE_TYPES}|}}`;
  data.UserData = { 'Fn::Base64': USER_DATA };

  const app: Record<string, JsonObject> = {
    AppAutoScalingGroup: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      // Instances reach Systems Manager and package repositories through the NAT gateways.
      DependsOn: ['PrivateDefaultRouteA', 'PrivateDefaultRouteB', 'PrivateSubnetARouteTableAssociation', 'PrivateSubnetBRouteTableAssociation'],
      Properties: {
        VPCZoneIdentifier: [ref('PrivateSubnetA'), ref('PrivateSubnetB')],
        LaunchTemplate: { LaunchTemplateId: ref('AppLaunchTemplate'), Version: getAtt('AppLaunchTemplate', 'LatestVersionNumber') },
        MinSize: '2',
        MaxSize: '4',
        DesiredCapacity: '2',
        TargetGroupARNs: [ref('LoadBalancerTargets')],
        HealthCheckType: 'ELB',
        HealthCheckGracePeriod: 300,
      },
    },
  };

  const db: Record<string, JsonObject> = {
    DbSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Database: PostgreSQL from the app tier only',
        VpcId: ref('Vpc'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: ref('AppSecurityGroup'), Description: 'PostgreSQL from the app tier' }],
        SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '127.0.0.1/32', Description: 'No outbound traffic' }],
      },
    },
    DbSubnetGroup: {
      Type: 'AWS::RDS::DBSubnetGroup',
      Properties: { DBSubnetGroupDescription: 'Private subnets of the database', SubnetIds: [ref('PrivateSubnetA'), ref('PrivateSubnetB')] },
    },
    DbClusterParameterGroup: {
      Type: 'AWS::RDS::DBClusterParameterGroup',
      Properties: {
        Description: 'TLS required, connections logged',
        Family: 'aurora-postgresql16',
        Parameters: { 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1' },
      },
    },
    DbLogs: logGroup(`/aws/rds/cluster/${DB_CLUSTER_ID}/postgresql`, RETENTION),
    DbCluster: {
      Type: 'AWS::RDS::DBCluster',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      DependsOn: 'DbLogs',
      Properties: {
        DBClusterIdentifier: DB_CLUSTER_ID,
        Engine: 'aurora-postgresql',
        EngineVersion: '16.6',
        DatabaseName: '{{5:app}}',
        MasterUsername: '{{6:phiadmin}}',
        ManageMasterUserPassword: true,
        MasterUserSecret: { KmsKeyId: getAtt('PhiKey', 'Arn') },
        StorageEncrypted: true,
        KmsKeyId: getAtt('PhiKey', 'Arn'),
        DBSubnetGroupName: ref('DbSubnetGroup'),
        VpcSecurityGroupIds: [ref('DbSecurityGroup')],
        DBClusterParameterGroupName: ref('DbClusterParameterGroup'),
        BackupRetentionPeriod: 35,
        PreferredBackupWindow: '03:00-04:00',
        CopyTagsToSnapshot: true,
        DeletionProtection: true,
        EnableIAMDatabaseAuthentication: true,
        EnableCloudwatchLogsExports: ['postgresql'],
      },
    },
  };
  for (const x of ['A', 'B']) {
    db[`DbInstance${x}`] = {
      Type: 'AWS::RDS::DBInstance',
      Properties: {
        DBClusterIdentifier: ref('DbCluster'),
        Engine: 'aurora-postgresql',
        DBInstanceClass: '{{2|db.r7g.large,db.r6g.large,db.t4g.medium|}}',
        PubliclyAccessible: false,
        AutoMinorVersionUpgrade: true,
        EnablePerformanceInsights: true,
        PerformanceInsightsKMSKeyId: getAtt('PhiKey', 'Arn'),
        PerformanceInsightsRetentionPeriod: 7,
      },
    };
  }

  return {
    PhiKey: PHI_KEY,
    ...vpc,
    ...alb,
    ...appSg,
    ...launch,
    ...app,
    ...db,
    ...trailResources('Trail', '{{7:phi-app-trail}}', RETENTION),
  };
}

export const STARTER_SNIPPET: SnippetDef = {
  prefix: 'hipaa-starter-web-app',
  title: 'HIPAA web app starter template (VPC, ALB, Auto Scaling app tier, Aurora PostgreSQL, logging)',
  compliance: [
    'VPC with private subnets for the app and the database, NAT gateways, no public IPs, closed default security group: network isolation (45 CFR 164.312(a)(1), 164.312(e)(1))',
    'ALB: HTTPS only with an ACM certificate and a TLS 1.2+ policy, HTTP redirected, re-encrypted to HTTPS targets, invalid headers dropped, AWS WAF: transmission security (45 CFR 164.312(e)(1), (e)(2)(i), (e)(2)(ii))',
    'App tier: launch template with KMS-encrypted volumes, IMDSv2 only, no public IP, Session Manager instead of SSH; security groups chained load balancer → app → database (45 CFR 164.312(a)(1), 164.312(a)(2)(iv))',
    'Aurora PostgreSQL: storage, secret and Performance Insights encrypted with a customer managed KMS key, TLS required (rds.force_ssl), private subnet group, IAM authentication, 35-day backups, deletion protection: encryption, integrity, contingency (45 CFR 164.312(a)(2)(iv), 164.312(c)(1), 164.308(a)(7))',
    'Logging: VPC flow logs, ALB access logs, database logs and a multi-Region CloudTrail trail with log file validation, all encrypted and retained six years: audit controls (45 CFR 164.312(b), 164.308(a)(1)(ii)(D))',
    'One customer managed KMS key (PhiKey) with rotation, retained, with a key policy for CloudWatch Logs, CloudTrail and EC2 Auto Scaling (45 CFR 164.312(a)(2)(iv))',
  ],
  starter: true,
  parameters: {
    CertificateArn: ACM_CERTIFICATE_PARAMETER,
    ElbLogDeliveryAccountId: ELB_LOG_ACCOUNT_PARAMETER,
    ImageId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: LATEST_AL2023, Description: 'AMI of the app instances' },
  },
  resources: starterResources(),
};
