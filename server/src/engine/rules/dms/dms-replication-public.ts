/**
 * DMS replication instances are not publicly accessible.
 * Catalog HNET-DMS-01 (cdk-nag DMSReplicationNotPublic, Config dms-replication-not-public, Guard
 * DMS_REPLICATION_NOT_PUBLIC, checkov CKV_AWS_89, cfn_nag W91). DMS makes a replication instance
 * public unless PubliclyAccessible is false, so an absent flag is a violation. PubliclyAccessible
 * is create-only: the fix replaces the instance (a suggestion).
 * DMS Serverless (AWS::DMS::ReplicationConfig) has no public-access setting in its ComputeConfig.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { flagFix, flagState, how, reportUnverifiable } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'dms-replication-public',
    title: 'DMS replication instances are not publicly accessible',
    description:
      'A DMS replication instance reads and writes the databases it migrates, PHI included. DMS gives a replication instance a public IP address unless PubliclyAccessible is false, so the property must be set to false explicitly.',
    resourceTypes: ['AWS::DMS::ReplicationInstance'],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-DMSReplicationNotPublic'],
      config: ['dms-replication-not-public'],
      guard: ['DMS_REPLICATION_NOT_PUBLIC'],
      checkov: ['CKV_AWS_89'],
      cfnNag: ['W91'],
    },
    messages: {
      public: { text: 'DMS replication instance {{id}} is publicly accessible ({{how}}): it has a public IP address.', level: 'violation' },
      publicByDefault: {
        text: 'DMS replication instance {{id}} does not set PubliclyAccessible: false ({{how}}): DMS gives it a public IP address by default.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('PubliclyAccessible')) {
      const state = flagState(o);
      if (state === 'false') continue;
      if (state === 'unknown' || state === 'invalid') {
        reportUnverifiable(ctx, o, 'public accessibility (PubliclyAccessible)');
        continue;
      }
      ctx.report({
        messageId: state === 'true' ? 'public' : 'publicByDefault',
        at: o,
        data: { how: how(o, 'PubliclyAccessible') },
        ...flagFix(ctx, o, ['PubliclyAccessible'], false, 'Make the replication instance private (PubliclyAccessible: false; replaces the instance)', 'suggest'),
      });
    }
  },
});
