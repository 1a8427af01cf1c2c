/**
 * Redshift clusters use enhanced VPC routing.
 * Catalog HNET-RS-03 (cdk-nag RedshiftEnhancedVPCRoutingEnabled, Config
 * redshift-enhanced-vpc-routing-enabled, Guard REDSHIFT_ENHANCED_VPC_ROUTING_ENABLED). Off unless
 * EnhancedVpcRouting is true. Without it, COPY and UNLOAD traffic (bulk PHI loads and exports) goes
 * to S3 over the public internet path instead of through the VPC, where endpoints, flow logs and
 * endpoint policies apply. Hardening (the data is TLS-protected either way). Changing it is an
 * in-place update (the cluster restarts briefly): safe fix.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { flagFix, flagState, how, reportUnverifiable } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'redshift-enhanced-vpc-routing',
    title: 'Redshift clusters route COPY and UNLOAD traffic through the VPC (enhanced VPC routing)',
    description:
      'With enhanced VPC routing, Redshift sends COPY and UNLOAD traffic between the cluster and S3 or other data repositories through the cluster\'s VPC, so that VPC endpoints, endpoint policies, security groups and flow logs govern and record the movement of PHI. Redshift leaves it off unless EnhancedVpcRouting is true.',
    resourceTypes: ['AWS::Redshift::Cluster'],
    fix: 'safe',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-RedshiftEnhancedVPCRoutingEnabled'],
      config: ['redshift-enhanced-vpc-routing-enabled'],
      guard: ['REDSHIFT_ENHANCED_VPC_ROUTING_ENABLED'],
    },
    messages: {
      notEnabled: {
        text: 'Redshift cluster {{id}} does not use enhanced VPC routing ({{how}}): COPY and UNLOAD traffic bypasses the VPC\'s endpoints, policies and flow logs.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('EnhancedVpcRouting')) {
      const state = flagState(o);
      if (state === 'true') continue;
      if (state === 'unknown' || state === 'invalid') {
        reportUnverifiable(ctx, o, 'enhanced VPC routing (EnhancedVpcRouting)');
        continue;
      }
      ctx.report({
        messageId: 'notEnabled',
        at: o,
        data: { how: how(o, 'EnhancedVpcRouting') },
        ...flagFix(ctx, o, ['EnhancedVpcRouting'], true, 'Turn on enhanced VPC routing (EnhancedVpcRouting: true; the cluster restarts, and COPY/UNLOAD then need a route to S3 from the VPC)', 'safe'),
      });
    }
  },
});
