/**
 * Amazon MQ brokers are not publicly accessible.
 * Catalog HNET-MISC-01 (checkov CKV_AWS_69). PubliclyAccessible is a required, create-only
 * property: true gives the broker a public endpoint; the fix replaces the broker (a suggestion).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { flagFix, flagState, how, reportUnverifiable } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'mq-broker-public',
    title: 'Amazon MQ brokers are not publicly accessible',
    description:
      'Messages passing through an Amazon MQ broker can carry PHI. PubliclyAccessible: true gives the broker endpoints on the internet, protected only by broker user credentials (security groups do not apply to public RabbitMQ brokers). A private broker is reachable only from its VPC.',
    resourceTypes: ['AWS::AmazonMQ::Broker'],
    fix: 'suggest',
    phiScoped: true,
    peers: { checkov: ['CKV_AWS_69'] },
    messages: {
      public: { text: 'Amazon MQ broker {{id}} is publicly accessible ({{how}}): its endpoints are on the internet.', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('PubliclyAccessible')) {
      const state = flagState(o);
      // Absent: the template is invalid (the property is required) and cannot be deployed.
      if (state === 'false' || state === 'absent') continue;
      if (state === 'unknown' || state === 'invalid') {
        reportUnverifiable(ctx, o, 'public accessibility (PubliclyAccessible)');
        continue;
      }
      ctx.report({
        messageId: 'public',
        at: o,
        data: { how: how(o, 'PubliclyAccessible') },
        ...flagFix(ctx, o, ['PubliclyAccessible'], false, 'Make the broker private (PubliclyAccessible: false; replaces the broker, which also needs SubnetIds and SecurityGroups)', 'suggest'),
      });
    }
  },
});
