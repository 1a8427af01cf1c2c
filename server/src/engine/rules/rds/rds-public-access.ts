/**
 * RDS DB instances (and Multi-AZ DB clusters) are not publicly accessible.
 * Catalog HNET-RDS-01 (cdk-nag RDSInstancePublicAccess, Config rds-instance-public-access-check,
 * Guard RDS_INSTANCE_PUBLIC_ACCESS_CHECK, checkov CKV_AWS_17, cfn_nag F22).
 *
 * When PubliclyAccessible is absent, RDS decides: without a DBSubnetGroupName (or with the subnet
 * group named "default") the database goes into the default VPC, which has an internet gateway, and
 * is made publicly accessible. So an absent flag without a subnet group is a violation; an absent
 * flag with a subnet group of the template's own passes (unlike cdk-nag and Guard, which demand an
 * explicit false). Aurora member instances take their subnet group from their cluster, read
 * replicas of an instance of this template from their source.
 * PubliclyAccessible is updatable in place on a DB instance (safe fix); on a DB cluster it is a
 * create-only property (the fix replaces the cluster: a suggestion).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isSet, refine, resourceScope } from '../util/encryption';
import { flagFix, flagState, how, reportUnverifiable, subnetGroupInternetVpc } from '../util/public-endpoint';

const WHAT = 'public accessibility (PubliclyAccessible)';

export default defineRule({
  meta: {
    id: 'rds-public-access',
    title: 'RDS DB instances and Multi-AZ DB clusters are not publicly accessible',
    description:
      'A database that holds PHI must not have an endpoint that resolves to a public IP address. PubliclyAccessible: true gives the instance (or Multi-AZ DB cluster) a public IP; when the property is absent and the template names no DB subnet group, RDS places the database in the default VPC and makes it publicly accessible. Access then rests on the security group alone.',
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    fix: 'safe',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-RDSInstancePublicAccess'],
      config: ['rds-instance-public-access-check'],
      guard: ['RDS_INSTANCE_PUBLIC_ACCESS_CHECK'],
      checkov: ['CKV_AWS_17'],
      cfnNag: ['F22'],
    },
    messages: {
      public: { text: '{{kind}} {{id}} is publicly accessible ({{how}}): its endpoint resolves to a public IP address.', level: 'violation' },
      defaultVpc: {
        text: '{{kind}} {{id}} does not set PubliclyAccessible, and {{where}}: RDS places it in the default VPC and makes it publicly accessible.',
        level: 'violation',
      },
      defaultPublicInVpc: {
        text: '{{kind}} {{id}} does not set PubliclyAccessible, and VPC {{vpc}} of its subnet group {{group}} has an internet gateway ({{attachment}}): RDS then makes it publicly accessible by default (reachable from the internet if any of its subnets routes to the gateway).',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const isCluster = resource.type === 'AWS::RDS::DBCluster';
    const kind = isCluster ? 'DB cluster' : 'DB instance';
    let scopes: Outcome[] = [resourceScope(ctx)];
    // PubliclyAccessible applies to Multi-AZ DB clusters only (those with a DBClusterInstanceClass);
    // Aurora clusters have no such setting (their instances do).
    if (isCluster) scopes = refine(ctx, scopes, 'DBClusterInstanceClass', isSet).filter((s) => s.kind).map((s) => s.scope);
    for (const scope of scopes) {
      for (const o of ctx.propWhen(scope, 'PubliclyAccessible')) {
        const state = flagState(o);
        if (state === 'false') continue;
        if (state === 'unknown' || state === 'invalid') {
          reportUnverifiable(ctx, o, WHAT);
          continue;
        }
        const fix = flagFix(ctx, o, ['PubliclyAccessible'], false, isCluster ? 'Make the cluster private (PubliclyAccessible: false; replaces the cluster)' : 'Make the instance private (PubliclyAccessible: false)', isCluster ? 'suggest' : 'safe');
        if (state === 'true') {
          ctx.report({ messageId: 'public', at: o, data: { kind, how: how(o, 'PubliclyAccessible') }, ...fix });
          continue;
        }
        for (const { g, via } of subnetGroups(ctx, o, isCluster)) {
          if (!g.known) {
            ctx.report({ messageId: 'unverifiable', at: g, data: { what: WHAT, reason: `it is not set, and its default depends on the DB subnet group, which ${g.reason ? `is unknown: ${g.reason}` : 'is decided at deploy time'}` } });
            continue;
          }
          const none = g.value === undefined || g.value === null || g.value === '';
          const isDefault = typeof g.value === 'string' && g.value.toLowerCase() === 'default';
          if (!none && !isDefault) {
            // With a subnet group, RDS makes the database public by default when its VPC has an
            // internet gateway (reachable only from public subnets, which another check judges).
            const igw = subnetGroupInternetVpc(ctx, g, 'AWS::RDS::DBSubnetGroup', 'SubnetIds');
            if (igw) {
              ctx.report({
                messageId: 'defaultPublicInVpc',
                at: o,
                data: { kind, group: igw.group, vpc: igw.vpc, attachment: igw.attachment },
                related: [{ path: ['Resources', igw.attachment], message: `Internet gateway attachment of VPC ${igw.vpc}` }],
                ...fix,
              });
            }
            continue;
          }
          const whose = via ? `its ${via}` : 'it';
          const where = isDefault ? `${whose} uses the subnet group "default" (the default VPC)` : `${whose} has no DB subnet group (DBSubnetGroupName)`;
          ctx.report({ messageId: 'defaultVpc', at: o, data: { kind, where }, ...fix });
        }
      }
    }
  },
});

/**
 * The DB subnet group that places the database, under the conditions of `o`: its own; for an
 * Aurora member instance its cluster's; for a read replica without one its source's. Unknown when
 * that resource is outside the template.
 */
function subnetGroups(ctx: RuleContext, o: Outcome, isCluster: boolean): { g: Outcome; via?: string }[] {
  const out: { g: Outcome; via?: string }[] = [];
  for (const g of ctx.propWhen(o, 'DBSubnetGroupName')) {
    const absent = g.known && (g.value === undefined || g.value === null || g.value === '');
    if (isCluster || !absent) {
      out.push({ g });
      continue;
    }
    let handled = false;
    for (const [prop, type] of [
      ['DBClusterIdentifier', 'AWS::RDS::DBCluster'],
      ['SourceDBInstanceIdentifier', 'AWS::RDS::DBInstance'],
    ] as const) {
      for (const src of ctx.propWhen(g, prop)) {
        if (src.known && (src.value === undefined || src.value === null || src.value === '')) continue;
        handled = true;
        const label = prop === 'DBClusterIdentifier' ? 'cluster' : 'source instance';
        if (src.known && src.resource?.type === type) {
          const source = ctx.template.resource(src.resource.logicalId);
          if (source) {
            const via = `${label} ${source.logicalId}`;
            out.push(...ctx.resolver.at([...source.path, 'Properties', 'DBSubnetGroupName'], src.conditions).map((x) => ({ g: { ...x, logical: g.logical }, via })));
            continue;
          }
        }
        const reason = src.known ? `the instance takes it from its ${label} ${JSON.stringify(src.value)}, which is not defined in this template` : (src.reason ?? 'it is decided at deploy time');
        out.push({ g: { ...src, known: false, reason, logical: g.logical } });
      }
    }
    // An Aurora instance always belongs to a cluster; one without DBClusterIdentifier cannot be
    // created (CloudFormation or RDS rejects it), so its default is not judged.
    if (!handled && !ctx.propWhen(g, 'Engine').every((e) => e.known && typeof e.value === 'string' && e.value.toLowerCase().startsWith('aurora'))) out.push({ g });
  }
  return out;
}
