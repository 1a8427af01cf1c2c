/**
 * DAX cluster endpoints accept only TLS.
 * Config dax-tls-endpoint-encryption. ClusterEndpointEncryptionType defaults to NONE (plaintext)
 * and is create-only, so the fix is a suggestion.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { suggestSet, upper } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'dax-cluster-endpoint-tls',
    title: 'DAX cluster endpoints accept only TLS connections',
    description:
      'DynamoDB items that hold PHI travel between applications and the DAX cluster. ClusterEndpointEncryptionType defaults to NONE, a plaintext endpoint; it must be TLS, and can only be chosen when the cluster is created.',
    resourceTypes: ['AWS::DAX::Cluster'],
    fix: 'suggest',
    peers: { config: ['dax-tls-endpoint-encryption'] },
    messages: {
      notTls: { text: 'DAX cluster {{id}} does not set ClusterEndpointEncryptionType: TLS: its endpoint accepts plaintext connections.', level: 'violation' },
      plaintext: { text: 'DAX cluster {{id}} sets ClusterEndpointEncryptionType: {{value}}: its endpoint accepts plaintext connections.', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const t of ctx.prop('ClusterEndpointEncryptionType')) {
      if (!t.known) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'endpoint encryption (ClusterEndpointEncryptionType)', reason: t.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const v = upper(t);
      if (v === 'TLS') continue;
      const absent = t.value === undefined || t.value === null;
      if (!absent && v !== 'NONE') {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'endpoint encryption (ClusterEndpointEncryptionType)', reason: `${JSON.stringify(t.value)} is not TLS or NONE` } });
        continue;
      }
      ctx.report({
        messageId: absent && !t.noValue ? 'notTls' : 'plaintext',
        at: t,
        data: { value: t.noValue ? 'removed under a condition (NONE)' : String(t.value) },
        suggestions: [suggestSet(ctx, t, 'Require TLS (ClusterEndpointEncryptionType: TLS; replaces the cluster if it is already deployed)', 'TLS', ctx.propPath('ClusterEndpointEncryptionType'))],
      });
    }
  },
});
