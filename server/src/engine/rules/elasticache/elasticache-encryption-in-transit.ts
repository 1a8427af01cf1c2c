/**
 * ElastiCache node-based caches accept only TLS connections.
 * Catalog HTRN-EC-01 (guard ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT, cfn-lint E3704,
 * checkov CKV_AWS_30, cfn_nag F33). TransitEncryptionEnabled defaults to false; with it on,
 * TransitEncryptionMode 'preferred' still accepts plaintext clients (a migration step), 'required'
 * (the default) does not. Serverless caches always use TLS and are not checked.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { isSet } from '../util/encryption';
import { suggestSet } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'elasticache-encryption-in-transit',
    title: 'ElastiCache replication groups and cache clusters accept only TLS connections',
    description:
      'Clients of an ElastiCache cache that holds PHI must connect over TLS. TransitEncryptionEnabled defaults to false on replication groups and cache clusters, so it must be set to true; on a replication group TransitEncryptionMode must not stay at preferred, which still accepts plaintext connections. Serverless caches always require TLS.',
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
    fix: 'suggest',
    peers: {
      config: ['elasticache-repl-grp-encrypted-in-transit'],
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_IN_TRANSIT'],
      checkov: ['CKV_AWS_30'],
      cfnNag: ['F33'],
      cfnLint: ['E3704'],
    },
    messages: {
      notEnabled: {
        text: 'ElastiCache {{kind}} {{id}} does not set TransitEncryptionEnabled: true: clients connect in plaintext.',
        level: 'violation',
      },
      disabled: { text: 'ElastiCache {{kind}} {{id}} turns in-transit encryption off ({{how}}): clients connect in plaintext.', level: 'violation' },
      preferredMode: {
        text: 'ElastiCache replication group {{id}} sets TransitEncryptionMode: preferred, which still accepts plaintext connections. Set it to required once every client uses TLS.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const group = resource.type === 'AWS::ElastiCache::ReplicationGroup';
    const kind = group ? 'replication group' : 'cache cluster';
    for (const flag of ctx.prop('TransitEncryptionEnabled')) {
      if (!flag.known) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'in-transit encryption (TransitEncryptionEnabled)', reason: flag.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(flag.value)) {
        if (group) checkMode(ctx, flag);
        continue;
      }
      const absent = flag.value === undefined || flag.value === null;
      if (!absent && !isFalse(flag.value)) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'in-transit encryption (TransitEncryptionEnabled)', reason: `${JSON.stringify(flag.value)} is not a boolean` } });
        continue;
      }
      if (group && absent && ctx.propWhen(flag, 'GlobalReplicationGroupId').some(isSet)) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'in-transit encryption (TransitEncryptionEnabled)', reason: 'the replication group joins a global datastore (GlobalReplicationGroupId) and takes its encryption settings from the primary cluster' } });
        continue;
      }
      const title = group
        ? 'Require TLS (TransitEncryptionEnabled: true; a deployed group must first pass through TransitEncryptionMode: preferred while clients move to TLS)'
        : 'Require TLS (TransitEncryptionEnabled: true; replaces the cache cluster if it is already deployed)';
      ctx.report({
        messageId: absent && !flag.noValue ? 'notEnabled' : 'disabled',
        at: flag,
        data: { kind, how: flag.noValue ? 'TransitEncryptionEnabled is removed under a condition' : 'TransitEncryptionEnabled: false' },
        suggestions: [suggestSet(ctx, flag, title, true, ctx.propPath('TransitEncryptionEnabled'))],
      });
    }
  },
});

function checkMode(ctx: RuleContext, flag: Outcome): void {
  for (const mode of ctx.propWhen(flag, 'TransitEncryptionMode')) {
    if (!mode.known) {
      ctx.report({ messageId: 'unverifiable', at: mode, data: { what: 'the in-transit encryption mode (TransitEncryptionMode)', reason: mode.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (typeof mode.value === 'string' && mode.value.toLowerCase() === 'preferred') {
      ctx.report({
        messageId: 'preferredMode',
        at: mode,
        suggestions: [suggestSet(ctx, mode, 'Accept only TLS connections (TransitEncryptionMode: required; plaintext clients are cut off)', 'required', ctx.propPath('TransitEncryptionMode'))],
      });
    }
  }
}
