/**
 * ElastiCache data is encrypted at rest, with a customer managed KMS key.
 * Catalog HEAR-EC-01 (guard ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST, checkov CKV_AWS_29,
 * cfn_nag F25). Replication groups: AtRestEncryptionEnabled defaults to false for Redis OSS and to
 * true for Valkey (CreateReplicationGroup API reference), and can only be chosen at creation.
 * Serverless caches are always encrypted; they only choose the key. A CacheCluster cannot be
 * encrypted at rest at all (at-rest encryption is supported only on replication groups).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { checkFlagAndKey, isSet, resourceScope } from '../util/encryption';
import { checkCustomerKey, typePath } from '../util/customer-key';

const REPLACES = 'replaces the replication group if it is already deployed';

export default defineRule({
  meta: {
    id: 'elasticache-encryption-at-rest',
    title: 'ElastiCache data is encrypted at rest with a customer managed KMS key',
    description:
      'Cached PHI is written to disk during synchronisation, swap and backups, and backups are kept in Amazon S3. ElastiCache replication groups must set AtRestEncryptionEnabled: true (the default is false for Redis OSS; Valkey encrypts by default) and should name a customer managed KMS key (KmsKeyId). Serverless caches are always encrypted and should name a customer managed key. AWS::ElastiCache::CacheCluster cannot be encrypted at rest at all; use a replication group or a serverless cache for PHI.',
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache', 'AWS::ElastiCache::CacheCluster'],
    fix: 'suggest',
    peers: {
      config: ['elasticache-repl-grp-encrypted-at-rest'],
      guard: ['ELASTICACHE_REPLICATION_GROUP_ENCRYPTION_AT_REST'],
      checkov: ['CKV_AWS_29'],
      cfnNag: ['F25'],
    },
    messages: {
      notEncrypted: {
        text: 'ElastiCache replication group {{id}} does not set AtRestEncryptionEnabled: true: with the {{engine}} engine it is created unencrypted at rest.',
        level: 'violation',
      },
      disabled: { text: 'ElastiCache replication group {{id}} turns encryption at rest off ({{how}}).', level: 'violation' },
      defaultKey: {
        text: 'ElastiCache replication group {{id}} is encrypted at rest with the ElastiCache default key; set KmsKeyId to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'ElastiCache replication group {{id}} is encrypted at rest with {{key}}; use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      serverlessKey: {
        text: 'ElastiCache serverless cache {{id}} is encrypted with {{key}}; set KmsKeyId to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      cacheCluster: {
        text: 'ElastiCache cache cluster {{id}} cannot be encrypted at rest (AWS::ElastiCache::CacheCluster has no at-rest encryption). For PHI use an AWS::ElastiCache::ReplicationGroup with AtRestEncryptionEnabled: true, or an AWS::ElastiCache::ServerlessCache.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (resource.type === 'AWS::ElastiCache::CacheCluster') {
      ctx.report({ messageId: 'cacheCluster', at: typePath(ctx) });
      return;
    }
    if (resource.type === 'AWS::ElastiCache::ServerlessCache') {
      checkCustomerKey(ctx, {
        path: ['KmsKeyId'],
        messageId: 'serverlessKey',
        what: 'the KMS key (KmsKeyId)',
        replaces: true,
        replacesNote: 'replaces the serverless cache if it is already deployed',
        defaultLabel: 'the ElastiCache default key',
      });
      return;
    }
    for (const { kind, scope } of engineScopes(ctx)) {
      checkFlagAndKey(ctx, {
        flag: 'AtRestEncryptionEnabled',
        keyProp: 'KmsKeyId',
        encryptedByDefault: kind === 'valkey',
        replaces: true,
        replacesNote: REPLACES,
        flagWhat: 'encryption at rest (AtRestEncryptionEnabled)',
        scope,
        messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey', defaultKey: 'defaultKey' },
        data: () => ({ engine: kind === 'valkey' ? 'valkey' : 'redis' }),
        handled: (flag) => {
          const absent = flag.known && (flag.value === undefined || flag.value === null);
          if (!absent) return false;
          const global = ctx.propWhen(flag, 'GlobalReplicationGroupId').find(isSet);
          if (global) {
            ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'encryption at rest (AtRestEncryptionEnabled)', reason: 'the replication group joins a global datastore (GlobalReplicationGroupId) and takes its encryption settings from the primary cluster' } });
            return true;
          }
          if (kind === 'unknown') {
            ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'encryption at rest (AtRestEncryptionEnabled is not set)', reason: `its default depends on Engine, which is decided at deploy time (${scope.reason ?? 'unknown engine'})` } });
            return true;
          }
          return false;
        },
      });
    }
  },
});

type EngineKind = 'valkey' | 'redis' | 'unknown';

/** Engine kinds: one scope where every branch agrees, else one scope per Engine outcome. */
function engineScopes(ctx: RuleContext): { kind: EngineKind; scope: Outcome }[] {
  const outs = ctx.prop('Engine');
  const kinds = outs.map(engineKind);
  if (kinds.every((k) => k === kinds[0])) {
    const whole = resourceScope(ctx);
    return [{ kind: kinds[0] ?? 'redis', scope: kinds[0] === 'unknown' ? { ...whole, reason: outs[0].reason } : whole }];
  }
  return outs.map((o, i) => ({ kind: kinds[i], scope: o }));
}

function engineKind(o: Outcome): EngineKind {
  if (!o.known) return 'unknown';
  // CloudFormation's default engine for a replication group is redis.
  if (o.value === undefined || o.value === null) return 'redis';
  return typeof o.value === 'string' && o.value.toLowerCase() === 'valkey' ? 'valkey' : 'redis';
}
