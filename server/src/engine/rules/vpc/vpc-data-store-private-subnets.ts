/**
 * Data stores sit only in private subnets. Issue 5 item 3, catalog b.3 HX-NET-01 (no peer has it;
 * it also makes Config emr-master-no-public-ip / HNET-EMR-01 decidable from a template).
 *
 * Cross-resource: data store -> subnet group (or its own subnet list) -> subnets -> route table
 * associations -> routes (util/network.ts). A subnet is public when MapPublicIpOnLaunch is true or
 * a route table associated with it has a default route (0.0.0.0/0, ::/0) to an internet gateway.
 * One public subnet in a group is enough: the service may place the store (or its failover) there.
 *
 * Noise policy: subnets outside the template (parameters, imports, literal ids) give no finding;
 * the template does not decide them. At most one unverifiable finding per store, and only when a
 * subnet of the template has a deploy-time MapPublicIpOnLaunch or route, and no subnet is public.
 * A store with no subnet group at all is vpc-default-vpc-placement's finding, not this rule's.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { RelatedInfo } from '../../types';
import { groupSubnets, listElements, publicRelated, publicWhy, subnetLink, subnetStatus } from '../util/network';
import type { SubnetLink } from '../util/network';
import { isSet } from '../util/encryption';

interface StoreSpec {
  kind: string;
  /** A property naming a subnet group. */
  group?: string;
  /** Properties naming subnets (a single id or a list). */
  subnets?: string[][];
}

export const DATA_STORES: Record<string, StoreSpec> = {
  'AWS::RDS::DBInstance': { kind: 'RDS DB instance', group: 'DBSubnetGroupName' },
  'AWS::RDS::DBCluster': { kind: 'RDS DB cluster', group: 'DBSubnetGroupName' },
  'AWS::DocDB::DBCluster': { kind: 'DocumentDB cluster', group: 'DBSubnetGroupName' },
  'AWS::Neptune::DBCluster': { kind: 'Neptune cluster', group: 'DBSubnetGroupName' },
  'AWS::ElastiCache::ReplicationGroup': { kind: 'ElastiCache replication group', group: 'CacheSubnetGroupName' },
  'AWS::ElastiCache::CacheCluster': { kind: 'ElastiCache cluster', group: 'CacheSubnetGroupName' },
  'AWS::Redshift::Cluster': { kind: 'Redshift cluster', group: 'ClusterSubnetGroupName' },
  'AWS::DMS::ReplicationInstance': { kind: 'DMS replication instance', group: 'ReplicationSubnetGroupIdentifier' },
  'AWS::MemoryDB::Cluster': { kind: 'MemoryDB cluster', group: 'SubnetGroupName' },
  'AWS::DAX::Cluster': { kind: 'DAX cluster', group: 'SubnetGroupName' },
  'AWS::ElastiCache::ServerlessCache': { kind: 'ElastiCache serverless cache', subnets: [['SubnetIds']] },
  'AWS::RedshiftServerless::Workgroup': { kind: 'Redshift Serverless workgroup', subnets: [['SubnetIds']] },
  'AWS::DocDBElastic::Cluster': { kind: 'DocumentDB elastic cluster', subnets: [['SubnetIds']] },
  'AWS::OpenSearchService::Domain': { kind: 'OpenSearch domain', subnets: [['VPCOptions', 'SubnetIds']] },
  'AWS::Elasticsearch::Domain': { kind: 'Elasticsearch domain', subnets: [['VPCOptions', 'SubnetIds']] },
  'AWS::EMR::Cluster': { kind: 'EMR cluster', subnets: [['Instances', 'Ec2SubnetId'], ['Instances', 'Ec2SubnetIds']] },
  'AWS::EFS::MountTarget': { kind: 'EFS mount target', subnets: [['SubnetId']] },
  'AWS::MSK::Cluster': { kind: 'MSK cluster', subnets: [['BrokerNodeGroupInfo', 'ClientSubnets']] },
  'AWS::SageMaker::NotebookInstance': { kind: 'SageMaker notebook instance', subnets: [['SubnetId']] },
  'AWS::AmazonMQ::Broker': { kind: 'Amazon MQ broker', subnets: [['SubnetIds']] },
};

export default defineRule({
  meta: {
    id: 'vpc-data-store-private-subnets',
    title: 'Data stores are placed only in private subnets',
    description:
      'A database, cache, search domain, file system mount target, message broker, EMR cluster or notebook that holds PHI must sit in private subnets: subnets that do not give network interfaces public IP addresses (MapPublicIpOnLaunch) and whose route tables have no default route (0.0.0.0/0 or ::/0) to an internet gateway. The rule follows each data store to its subnet group or subnets, then to the subnets\' route table associations and routes in the template. A subnet group with one public subnet is a violation: the service may place the store, or its standby, there.',
    resourceTypes: Object.keys(DATA_STORES),
    phiScoped: true,
    peers: { config: ['emr-master-no-public-ip'] },
    messages: {
      publicSubnet: {
        text: '{{kind}} {{id}} is placed in public subnets through {{via}}: {{subnets}}. Keep PHI data stores in private subnets (no public IP on launch, no default route to an internet gateway).',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const spec = DATA_STORES[resource.type];
    if (!spec) return;
    // Aurora and Multi-AZ cluster members are placed by their cluster.
    if (resource.type === 'AWS::RDS::DBInstance' && ctx.prop('DBClusterIdentifier').some(isSet)) return;
    const places: { at: Outcome; via: string; links: SubnetLink[] }[] = [];
    if (spec.group) {
      for (const o of ctx.prop(spec.group)) {
        const g = groupSubnets(ctx, o);
        if (!g || !g.group) continue;
        places.push({ at: o, via: `${spec.group} (subnet group ${g.group.logicalId})`, links: g.subnets });
      }
    }
    for (const rel of spec.subnets ?? []) {
      for (const o of ctx.prop(...rel)) {
        const links = listElements(ctx, o).map((e) => subnetLink(ctx.template, e));
        if (links.length > 0) places.push({ at: o, via: rel.join('.'), links });
      }
    }
    let unknown: { at: Outcome; reason: string } | undefined;
    let anyPublic = false;
    const seen = new Set<string>();
    for (const p of places) {
      const pub: string[] = [];
      const related: RelatedInfo[] = [];
      for (const l of p.links) {
        if (l.kind !== 'template') continue;
        const s = subnetStatus(ctx.template, ctx.resolver, l.subnet);
        if (s.public) {
          if (pub.some((x) => x.startsWith(`${l.subnet.logicalId} `))) continue;
          pub.push(`${l.subnet.logicalId} (${publicWhy(s)})`);
          related.push(...publicRelated(s));
        } else if (s.unknown) unknown ??= { at: p.at, reason: s.unknown };
      }
      if (pub.length === 0) continue;
      anyPublic = true;
      const key = JSON.stringify([p.at.logical, p.at.origin, pub]);
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({ messageId: 'publicSubnet', at: p.at, data: { kind: spec.kind, via: p.via, subnets: pub.join('; ') }, related });
    }
    if (!anyPublic && unknown) ctx.report({ messageId: 'unverifiable', at: unknown.at, data: { what: 'that its subnets are private', reason: unknown.reason } });
  },
});
