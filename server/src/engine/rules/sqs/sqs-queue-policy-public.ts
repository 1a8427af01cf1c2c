/**
 * SQS queue policies do not allow everyone.
 * Catalog HNET-RP-01 (cfn_nag F21 * principal, F20 * action, F7 Allow+NotPrincipal, W18
 * Allow+NotAction). A statement is public as AWS defines it (util/policy-public.ts). Principal '*'
 * with sqs:SendMessage limited by aws:SourceArn (an SNS subscription, an S3 notification) passes,
 * which cfn_nag F21 fails. Every SQS action (`*`, `sqs:*`) or NotAction: a warning.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkResourcePolicy } from '../util/policy-public';

export default defineRule({
  meta: {
    id: 'sqs-queue-policy-public',
    title: 'SQS queue policies allow no one outside named principals and conditions',
    description:
      'A queue policy statement that allows Principal "*" (or uses NotPrincipal with Allow) without a condition that pins the caller to an account, organisation, source ARN or VPC lets anyone send to or read from a queue whose messages may carry PHI.',
    resourceTypes: ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'],
    phiScoped: true,
    peers: { cfnNag: ['F21', 'F20', 'F7', 'W18'] },
    messages: {
      publicStatement: {
        text: 'Queue policy {{id}} allows everyone ({{how}}) without a condition that limits the caller to an account, organisation or source: anyone can use the queue.',
        level: 'violation',
      },
      broadAccess: { text: 'Queue policy {{id}} grants {{how}}: grant each principal only the SQS actions it needs.', level: 'hardening' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkResourcePolicy(ctx, 'PolicyDocument', 'sqs');
  },
});
