/**
 * Redshift clusters are not publicly accessible.
 * Catalog HNET-RS-01 (cdk-nag RedshiftClusterPublicAccess, Config redshift-cluster-public-access-check,
 * Guard REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK, checkov CKV_AWS_87). PubliclyAccessible defaults to
 * false (CreateCluster), so only an explicit true is a finding. Updatable in place: safe fix.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { flagFix, flagState, how, reportUnverifiable } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'redshift-public-access',
    title: 'Redshift clusters are not publicly accessible',
    description:
      'A Redshift cluster that holds PHI must not have a public endpoint. PubliclyAccessible: true gives the cluster a public IP address (an Elastic IP) reachable from the internet, guarded only by its security groups. Redshift creates clusters that are not publicly accessible unless PubliclyAccessible is true.',
    resourceTypes: ['AWS::Redshift::Cluster'],
    fix: 'safe',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-RedshiftClusterPublicAccess'],
      config: ['redshift-cluster-public-access-check'],
      guard: ['REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK'],
      checkov: ['CKV_AWS_87'],
    },
    messages: {
      public: { text: 'Redshift cluster {{id}} is publicly accessible ({{how}}): its endpoint resolves to a public IP address.', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('PubliclyAccessible')) {
      const state = flagState(o);
      if (state === 'unknown' || state === 'invalid') reportUnverifiable(ctx, o, 'public accessibility (PubliclyAccessible)');
      if (state !== 'true') continue;
      ctx.report({ messageId: 'public', at: o, data: { how: how(o, 'PubliclyAccessible') }, ...flagFix(ctx, o, ['PubliclyAccessible'], false, 'Make the cluster private (PubliclyAccessible: false)', 'safe') });
    }
  },
});
