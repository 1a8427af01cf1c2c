/**
 * Resources are placed in a VPC of the template's choosing, never in the account's default VPC.
 * Issue 5 item 2 (no peer has the general check). Related peers: HNET-EC2-02 (cdk-nag / Config /
 * Guard EC2 instances in a VPC; cdk-nag and Guard ignore NetworkInterfaces[*].SubnetId, which this
 * rule counts) and HNET-RS-02 (checkov CKV_AWS_154, Redshift cluster in a VPC).
 *
 * A resource that names no subnet (group) lands in the default VPC, whose default subnets give
 * every instance a public IP address and route 0.0.0.0/0 to an internet gateway. Data stores and
 * compute: violation. Security groups (no VpcId): hardening, a group exposes nothing by itself.
 * SageMaker notebooks without SubnetId run in an AWS-managed network with internet access:
 * hardening (sagemaker's DirectInternetAccess rule covers the exposure).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Resource } from '../../template/model';
import { isSet } from '../util/encryption';
import { listElements } from '../util/network';

type Kind = 'dataStore' | 'compute' | 'securityGroup' | 'notebook';

interface Spec {
  label: string;
  kind: Kind;
  /** Any of these properties places the resource (paths below Properties). */
  props: string[][];
  /** The resource is placed by another (a cluster member, a read replica): skip when one of these is set. */
  skipIf?: string[];
}

const SPECS: Record<string, Spec> = {
  'AWS::RDS::DBInstance': { label: 'RDS DB instance', kind: 'dataStore', props: [['DBSubnetGroupName']], skipIf: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier'] },
  'AWS::RDS::DBCluster': { label: 'RDS DB cluster', kind: 'dataStore', props: [['DBSubnetGroupName']] },
  'AWS::DocDB::DBCluster': { label: 'DocumentDB cluster', kind: 'dataStore', props: [['DBSubnetGroupName']] },
  'AWS::Neptune::DBCluster': { label: 'Neptune cluster', kind: 'dataStore', props: [['DBSubnetGroupName']] },
  'AWS::ElastiCache::ReplicationGroup': { label: 'ElastiCache replication group', kind: 'dataStore', props: [['CacheSubnetGroupName']], skipIf: ['PrimaryClusterId', 'GlobalReplicationGroupId'] },
  'AWS::ElastiCache::CacheCluster': { label: 'ElastiCache cluster', kind: 'dataStore', props: [['CacheSubnetGroupName']] },
  'AWS::Redshift::Cluster': { label: 'Redshift cluster', kind: 'dataStore', props: [['ClusterSubnetGroupName']] },
  'AWS::DMS::ReplicationInstance': { label: 'DMS replication instance', kind: 'dataStore', props: [['ReplicationSubnetGroupIdentifier']] },
  'AWS::MemoryDB::Cluster': { label: 'MemoryDB cluster', kind: 'dataStore', props: [['SubnetGroupName']] },
  // "If no subnet IDs are given, ElastiCache selects default subnets in your default VPC."
  'AWS::ElastiCache::ServerlessCache': { label: 'ElastiCache serverless cache', kind: 'dataStore', props: [['SubnetIds']] },
  // A publicly accessible RabbitMQ cluster has no subnets at all: the public-endpoint rule's finding.
  'AWS::AmazonMQ::Broker': { label: 'Amazon MQ broker', kind: 'dataStore', props: [['SubnetIds']], skipIf: ['PubliclyAccessible'] },
  'AWS::EMR::Cluster': { label: 'EMR cluster', kind: 'dataStore', props: [['Instances', 'Ec2SubnetId'], ['Instances', 'Ec2SubnetIds']] },
  'AWS::EC2::Instance': { label: 'EC2 instance', kind: 'compute', props: [['SubnetId']] },
  'AWS::AutoScaling::AutoScalingGroup': { label: 'Auto Scaling group', kind: 'compute', props: [['VPCZoneIdentifier']] },
  'AWS::EC2::SecurityGroup': { label: 'Security group', kind: 'securityGroup', props: [['VpcId']] },
  'AWS::SageMaker::NotebookInstance': { label: 'SageMaker notebook instance', kind: 'notebook', props: [['SubnetId']] },
};

const DEFAULT_VPC = "would be placed in the account's default VPC (which has public subnets and an internet gateway)";

/** A property outcome that places the resource: set, or decided at deploy time (then it names something). */
function places(o: Outcome): boolean {
  if (!o.known) return true;
  if (o.noValue || o.value === undefined || o.value === null || o.value === '') return false;
  if (Array.isArray(o.value)) return o.value.length > 0;
  return true;
}

export default defineRule({
  meta: {
    id: 'vpc-default-vpc-placement',
    title: 'Resources name their VPC or subnets instead of falling back to the default VPC',
    description:
      "A resource that names no subnet, subnet group or VPC is created in the account's default VPC. Its default subnets give every instance a public IP address and route 0.0.0.0/0 to an internet gateway, and nothing in the template controls them. The rule reports databases, caches, warehouses, replication instances, brokers and EMR clusters with no subnet group or subnets (violation), EC2 instances with no SubnetId on the instance, its network interfaces or its launch template, and Auto Scaling groups with no VPCZoneIdentifier (violation), security groups with no VpcId (hardening), and SageMaker notebook instances with no SubnetId, which run in an AWS-managed network with internet access (hardening).",
    resourceTypes: Object.keys(SPECS),
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-EC2InstancesInVPC'],
      config: ['ec2-instances-in-vpc'],
      guard: ['EC2_INSTANCES_IN_VPC'],
      checkov: ['CKV_AWS_154'],
    },
    messages: {
      dataStore: { text: `{{kind}} {{id}} sets no {{prop}}: it ${DEFAULT_VPC}. Give it a subnet group of private subnets in your own VPC.`, level: 'violation' },
      compute: { text: `{{kind}} {{id}} sets no {{prop}}: it ${DEFAULT_VPC}, where instances get public IP addresses. Place it in private subnets of your own VPC.`, level: 'violation' },
      securityGroup: { text: `Security group {{id}} sets no VpcId: it ${DEFAULT_VPC}. Create it in your own VPC.`, level: 'hardening' },
      notebook: {
        text: 'SageMaker notebook instance {{id}} sets no SubnetId: it runs in an AWS-managed network with direct internet access, outside your VPC. Give it a SubnetId (and security groups) in a private subnet.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const spec = SPECS[resource.type];
    if (!spec) return;
    if (spec.skipIf?.some((p) => ctx.prop(p).some(isSet))) return;
    const [first, ...rest] = spec.props;
    for (const o of ctx.prop(...first)) {
      if (places(o)) continue;
      // Other properties that place it, under the same conditions.
      const others = rest.flatMap((p) => ctx.propWhen(o, ...p));
      if (others.length > 0 && others.every(places)) continue;
      const open = others.length > 0 ? others.filter((x) => !places(x)).map((x) => ({ ...x, logical: o.logical, origin: o.origin })) : [o];
      for (const x of open) {
        if (resource.type === 'AWS::EC2::Instance' && instancePlaced(ctx, x)) continue;
        const messageId = spec.kind;
        ctx.report({ messageId, at: x, data: { kind: spec.label, prop: first.join('.') } });
      }
    }
  },
});

/** An EC2 instance is placed by a network interface's SubnetId / NetworkInterfaceId, or by its launch template's. */
function instancePlaced(ctx: RuleContext, under: Outcome): boolean {
  for (const nis of ctx.propWhen(under, 'NetworkInterfaces')) {
    if (!nis.known) return true;
    for (const ni of listElements(ctx, nis)) {
      if (!ni.known) return true;
      if (ctx.below(ni, 'SubnetId').some(places) || ctx.below(ni, 'NetworkInterfaceId').some(places)) return true;
    }
  }
  let placed = false;
  for (const lt of ctx.propWhen(under, 'LaunchTemplate')) {
    if (!lt.known) {
      ctx.report({ messageId: 'unverifiable', at: lt, data: { what: 'its subnet', reason: `the launch template ${lt.reason ? `is unknown: ${lt.reason}` : 'is decided at deploy time'}` } });
      placed = true;
      continue;
    }
    if (lt.value === undefined || lt.value === null) continue;
    const ids = [...ctx.below(lt, 'LaunchTemplateId'), ...ctx.below(lt, 'LaunchTemplateName')].filter((x) => !x.known || (x.value !== undefined && x.value !== null));
    for (const id of ids) {
      const target = launchTemplate(ctx, id);
      if (typeof target === 'string') {
        ctx.report({ messageId: 'unverifiable', at: id, data: { what: 'its subnet', reason: target } });
        placed = true;
        continue;
      }
      const data = [...target.path, 'Properties', 'LaunchTemplateData', 'NetworkInterfaces'];
      for (const nis of ctx.resolver.at(data, id.conditions)) {
        if (!nis.known) return true;
        for (const ni of listElements(ctx, nis)) {
          if (!ni.known || ctx.below(ni, 'SubnetId').some(places) || ctx.below(ni, 'NetworkInterfaceId').some(places)) return true;
        }
      }
    }
  }
  return placed;
}

function launchTemplate(ctx: RuleContext, o: Outcome): Resource | string {
  if (o.known && o.resource) {
    const r = ctx.template.resource(o.resource.logicalId);
    if (r && r.type === 'AWS::EC2::LaunchTemplate') return r;
    return `it is a reference to ${o.resource.type} ${o.resource.logicalId}, not to a launch template`;
  }
  if (o.known && typeof o.value === 'string') {
    const name = o.value;
    const r = ctx.template.ofType('AWS::EC2::LaunchTemplate').find((t) => t.properties.LaunchTemplateName === name);
    return r ?? `launch template ${name} is not defined in this template`;
  }
  return `the launch template ${o.reason ? `is unknown: ${o.reason}` : 'is decided at deploy time'}`;
}
