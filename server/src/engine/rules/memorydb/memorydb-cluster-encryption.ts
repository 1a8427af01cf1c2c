/**
 * MemoryDB clusters use TLS and encrypt at rest with a customer managed KMS key.
 * MemoryDB always encrypts at rest (with a service key unless KmsKeyId names one), so a missing
 * key is hardening; TLSEnabled defaults to true, so only an explicit false is a violation. Both
 * properties are create-only: fixes are suggestions.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { checkCustomerKey, suggestSet } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'memorydb-cluster-encryption',
    title: 'MemoryDB clusters use TLS and encrypt data at rest with a customer managed KMS key',
    description:
      'MemoryDB is a durable database: PHI written to it is kept in memory, in a transaction log and in snapshots. It always encrypts data at rest, by default with a key the service manages; name a customer managed KMS key (KmsKeyId) so that you control and audit access. TLSEnabled defaults to true and must not be turned off.',
    resourceTypes: ['AWS::MemoryDB::Cluster'],
    fix: 'suggest',
    messages: {
      tlsDisabled: { text: 'MemoryDB cluster {{id}} turns TLS off ({{how}}): clients connect in plaintext.', level: 'violation' },
      defaultKey: {
        text: 'MemoryDB cluster {{id}} is encrypted at rest with {{key}}; set KmsKeyId to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const tls of ctx.prop('TLSEnabled')) {
      if (!tls.known) {
        ctx.report({ messageId: 'unverifiable', at: tls, data: { what: 'in-transit encryption (TLSEnabled)', reason: tls.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (tls.value === undefined || tls.value === null || isTrue(tls.value)) continue; // default true
      if (!isFalse(tls.value)) {
        ctx.report({ messageId: 'unverifiable', at: tls, data: { what: 'in-transit encryption (TLSEnabled)', reason: `${JSON.stringify(tls.value)} is not a boolean` } });
        continue;
      }
      ctx.report({
        messageId: 'tlsDisabled',
        at: tls,
        data: { how: 'TLSEnabled: false' },
        suggestions: [suggestSet(ctx, tls, 'Turn TLS on (TLSEnabled: true; replaces the cluster if it is already deployed)', true, ctx.propPath('TLSEnabled'))],
      });
    }
    checkCustomerKey(ctx, {
      path: ['KmsKeyId'],
      messageId: 'defaultKey',
      what: 'the KMS key (KmsKeyId)',
      replaces: true,
      replacesNote: 'replaces the cluster if it is already deployed',
      defaultLabel: 'the MemoryDB default key',
    });
  },
});
