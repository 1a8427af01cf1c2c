/**
 * DAX clusters encrypt their cache at rest.
 * Catalog HEAR-DAX-01 (guard DAX_ENCRYPTION_ENABLED, checkov CKV_AWS_47, cfn_nag W83; Config
 * dax-encryption-enabled). A DAX cluster is created unencrypted unless SSESpecification.SSEEnabled
 * is true, and the setting is create-only. DAX uses an AWS owned key: there is no key to choose.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { suggestSet } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'dax-cluster-encryption',
    title: 'DAX clusters are encrypted at rest',
    description:
      'A DAX cluster caches DynamoDB items, which may hold PHI, in memory and on its nodes\' disks. DAX creates clusters unencrypted unless SSESpecification.SSEEnabled is true, and encryption can only be chosen when the cluster is created.',
    resourceTypes: ['AWS::DAX::Cluster'],
    fix: 'suggest',
    peers: { guard: ['DAX_ENCRYPTION_ENABLED'], config: ['dax-encryption-enabled'], checkov: ['CKV_AWS_47'], cfnNag: ['W83'] },
    messages: {
      notEncrypted: { text: 'DAX cluster {{id}} does not set SSESpecification.SSEEnabled: true: it is created unencrypted at rest.', level: 'violation' },
      disabled: { text: 'DAX cluster {{id}} turns encryption at rest off ({{how}}).', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const sse of ctx.prop('SSESpecification', 'SSEEnabled')) {
      if (!sse.known) {
        ctx.report({ messageId: 'unverifiable', at: sse, data: { what: 'encryption at rest (SSESpecification.SSEEnabled)', reason: sse.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(sse.value)) continue;
      const absent = sse.value === undefined || sse.value === null;
      if (!absent && !isFalse(sse.value)) {
        ctx.report({ messageId: 'unverifiable', at: sse, data: { what: 'encryption at rest (SSESpecification.SSEEnabled)', reason: `${JSON.stringify(sse.value)} is not a boolean` } });
        continue;
      }
      ctx.report({
        messageId: absent && !sse.noValue ? 'notEncrypted' : 'disabled',
        at: sse,
        data: { how: sse.noValue ? 'SSEEnabled is removed under a condition' : 'SSEEnabled: false' },
        suggestions: [suggestSet(ctx, sse, 'Encrypt at rest (SSESpecification.SSEEnabled: true; replaces the cluster if it is already deployed)', true, ctx.propPath('SSESpecification', 'SSEEnabled'))],
      });
    }
  },
});
