/**
 * MSK clusters have no public access to their brokers.
 * Catalog HNET-MISC-01 (checkov CKV_AWS_291). BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type
 * is DISABLED unless set to SERVICE_PROVIDED_EIPS, which gives each broker an Elastic IP address.
 * Switching public access off is an in-place update (UpdateConnectivity): safe fix.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { flagFix, how, reportUnverifiable } from '../util/public-endpoint';

const PATH = ['BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type'];

export default defineRule({
  meta: {
    id: 'msk-cluster-public-access',
    title: 'MSK clusters do not give their brokers public IP addresses',
    description:
      'Kafka topics on an MSK cluster can carry PHI. BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type: SERVICE_PROVIDED_EIPS gives every broker an Elastic IP address reachable from the internet. Public access is off (DISABLED) unless the template turns it on.',
    resourceTypes: ['AWS::MSK::Cluster'],
    fix: 'safe',
    phiScoped: true,
    peers: { checkov: ['CKV_AWS_291'] },
    messages: {
      public: { text: 'MSK cluster {{id}} gives its brokers public IP addresses ({{how}}): they are reachable from the internet.', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop(...PATH)) {
      if (!o.known) {
        reportUnverifiable(ctx, o, 'public access to the brokers (ConnectivityInfo.PublicAccess.Type)');
        continue;
      }
      if (o.value === undefined || o.value === null) continue;
      if (typeof o.value !== 'string') {
        reportUnverifiable(ctx, o, 'public access to the brokers (ConnectivityInfo.PublicAccess.Type)');
        continue;
      }
      if (o.value.toUpperCase() === 'DISABLED') continue;
      ctx.report({
        messageId: 'public',
        at: o,
        data: { how: how(o, 'PublicAccess.Type') },
        ...flagFix(ctx, o, PATH, 'DISABLED', 'Turn public access off (PublicAccess.Type: DISABLED; clients outside the VPC lose access)', 'safe'),
      });
    }
  },
});
