/**
 * SNS topic policies do not allow everyone.
 * Catalog HNET-RP-01 (cfn_nag F18 * principal, F8 Allow+NotPrincipal, W19 Allow+NotAction). A
 * statement is public as AWS defines it (util/policy-public.ts). The standard event-source pattern
 * (Principal '*', sns:Publish, aws:SourceOwner / aws:SourceAccount / aws:SourceArn) is restricted
 * and passes, which cfn_nag F18 fails. Every SNS action (`*`, `sns:*`) or NotAction: a warning.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkResourcePolicy } from '../util/policy-public';

export default defineRule({
  meta: {
    id: 'sns-topic-policy-public',
    title: 'SNS topic policies allow no one outside named principals and conditions',
    description:
      'A topic policy statement that allows Principal "*" (or uses NotPrincipal with Allow) without a condition that pins the caller to an account, organisation, source ARN or VPC lets anyone publish to or subscribe to a topic whose messages may carry PHI.',
    resourceTypes: ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'],
    phiScoped: true,
    peers: { cfnNag: ['F18', 'F8', 'W19'] },
    messages: {
      publicStatement: {
        text: 'Topic policy {{id}} allows everyone ({{how}}) without a condition that limits the caller to an account, organisation or source: anyone can use the topic.',
        level: 'violation',
      },
      broadAccess: { text: 'Topic policy {{id}} grants {{how}}: grant each principal only the SNS actions it needs.', level: 'hardening' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkResourcePolicy(ctx, 'PolicyDocument', 'sns');
  },
});
