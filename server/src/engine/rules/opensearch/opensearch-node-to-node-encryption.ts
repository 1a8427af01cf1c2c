/**
 * OpenSearch (and legacy Elasticsearch) domains encrypt traffic between their nodes.
 * Catalog HTRN-OS-01 (cdk-nag OpenSearchNodeToNodeEncryption, Config elasticsearch-/opensearch-
 * node-to-node-encryption-check, Guard ELASTICSEARCH_/OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK,
 * checkov CKV_AWS_6, cfn_nag W85). Off unless NodeToNodeEncryptionOptions.Enabled is true; turning it
 * on is an update with no interruption (CloudFormation reference), so the fix is safe.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { howOff, setNestedOps } from '../util/opensearch';

const OPTIONS = 'NodeToNodeEncryptionOptions';

export default defineRule({
  meta: {
    id: 'opensearch-node-to-node-encryption',
    title: 'OpenSearch domains encrypt traffic between their nodes',
    description:
      'The nodes of an OpenSearch Service (or legacy Elasticsearch) domain exchange indexed documents and search results, which hold PHI. Node-to-node encryption (TLS inside the domain) is off unless NodeToNodeEncryptionOptions.Enabled is true.',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    fix: 'safe',
    peers: {
      cdkNag: ['HIPAA.Security-OpenSearchNodeToNodeEncryption'],
      config: ['elasticsearch-node-to-node-encryption-check', 'opensearch-node-to-node-encryption-check'],
      guard: ['ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK', 'OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK'],
      checkov: ['CKV_AWS_6'],
      cfnNag: ['W85'],
    },
    messages: {
      notEnabled: {
        text: 'Domain {{id}} ({{type}}) does not set NodeToNodeEncryptionOptions.Enabled: true: its nodes exchange data in plaintext.',
        level: 'violation',
      },
      disabled: { text: 'Domain {{id}} ({{type}}) turns node-to-node encryption off ({{how}}).', level: 'violation' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const flag of ctx.prop(OPTIONS, 'Enabled')) {
      const what = 'node-to-node encryption (NodeToNodeEncryptionOptions.Enabled)';
      if (!flag.known) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what, reason: flag.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(flag.value)) continue;
      const absent = flag.value === undefined || flag.value === null;
      if (!absent && !isFalse(flag.value)) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what, reason: `${JSON.stringify(flag.value)} is not a boolean` } });
        continue;
      }
      const ops = setNestedOps(ctx, flag, [OPTIONS], 'Enabled', true);
      ctx.report({
        messageId: absent && !flag.noValue ? 'notEnabled' : 'disabled',
        at: flag,
        data: { how: howOff(flag, 'NodeToNodeEncryptionOptions.Enabled') },
        ...(ops ? { fix: { title: 'Turn node-to-node encryption on (NodeToNodeEncryptionOptions.Enabled: true)', kind: 'safe' as const, ops } } : {}),
      });
    }
  },
});
