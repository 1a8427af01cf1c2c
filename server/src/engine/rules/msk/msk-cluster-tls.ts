/**
 * MSK clusters accept only TLS from clients and encrypt traffic between brokers.
 * Catalog HEAR-MSK-01, in-transit part (checkov CKV_AWS_81; cdk-nag MSKClientToBrokerTLS and
 * MSKBrokerToBrokerTLS, in the AwsSolutions pack as MSK2 and MSK3). ClientBroker defaults to TLS
 * and InCluster to true, so only explicit plaintext settings are violations. ClientBroker can be
 * changed in place; InCluster is create-only. MSK Serverless always uses TLS and is not checked.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { suggestSet, upper } from '../util/customer-key';

const IN_TRANSIT = ['EncryptionInfo', 'EncryptionInTransit'];

export default defineRule({
  meta: {
    id: 'msk-cluster-tls',
    title: 'MSK clusters accept only TLS from clients and encrypt traffic between brokers',
    description:
      'Kafka messages that carry PHI must not cross the network in plaintext. EncryptionInfo.EncryptionInTransit.ClientBroker must be TLS (the default), not TLS_PLAINTEXT or PLAINTEXT, and InCluster must not be false (the default is true).',
    resourceTypes: ['AWS::MSK::Cluster'],
    fix: 'suggest',
    peers: { config: ['msk-in-cluster-node-require-tls'], checkov: ['CKV_AWS_81'], cdkNag: ['AwsSolutions-MSK2', 'AwsSolutions-MSK3'] },
    messages: {
      clientPlaintext: {
        text: 'MSK cluster {{id}} accepts plaintext connections from clients (ClientBroker: {{value}}). Set ClientBroker to TLS.',
        level: 'violation',
      },
      inClusterOff: {
        text: 'MSK cluster {{id}} sends data between brokers in plaintext ({{how}}).',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const cb of ctx.prop(...IN_TRANSIT, 'ClientBroker')) {
      if (!cb.known) {
        ctx.report({ messageId: 'unverifiable', at: cb, data: { what: 'client-broker encryption (ClientBroker)', reason: cb.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (cb.value === undefined || cb.value === null) continue; // default TLS
      const v = upper(cb);
      if (v === 'TLS') continue;
      if (v === 'PLAINTEXT' || v === 'TLS_PLAINTEXT') {
        ctx.report({
          messageId: 'clientPlaintext',
          at: cb,
          data: { value: String(cb.value) },
          suggestions: [suggestSet(ctx, cb, 'Accept only TLS from clients (ClientBroker: TLS; plaintext clients are cut off)', 'TLS', ctx.propPath(...IN_TRANSIT, 'ClientBroker'))],
        });
        continue;
      }
      ctx.report({ messageId: 'unverifiable', at: cb, data: { what: 'client-broker encryption (ClientBroker)', reason: `${JSON.stringify(cb.value)} is not TLS, TLS_PLAINTEXT or PLAINTEXT` } });
    }
    for (const ic of ctx.prop(...IN_TRANSIT, 'InCluster')) {
      if (!ic.known) {
        ctx.report({ messageId: 'unverifiable', at: ic, data: { what: 'encryption between brokers (InCluster)', reason: ic.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (ic.value === undefined || ic.value === null || isTrue(ic.value)) continue; // default true
      if (!isFalse(ic.value)) {
        ctx.report({ messageId: 'unverifiable', at: ic, data: { what: 'encryption between brokers (InCluster)', reason: `${JSON.stringify(ic.value)} is not a boolean` } });
        continue;
      }
      ctx.report({
        messageId: 'inClusterOff',
        at: ic,
        data: { how: 'InCluster: false' },
        suggestions: [suggestSet(ctx, ic, 'Encrypt traffic between brokers (InCluster: true; replaces the cluster if it is already deployed)', true, ctx.propPath(...IN_TRANSIT, 'InCluster'))],
      });
    }
  },
});
