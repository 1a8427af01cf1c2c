/**
 * RDS and Aurora storage is encrypted, with a customer managed KMS key.
 * Catalog HEAR-RDS-01 (cdk-nag RDSStorageEncrypted, Config rds-storage-encrypted, guard
 * RDS_STORAGE_ENCRYPTED, cfn-lint E3709, checkov CKV_AWS_16/96, cfn_nag F26/F27).
 *
 * Peers' mistakes this rule avoids: guard flags Aurora member instances, which inherit encryption
 * from their cluster and must not set StorageEncrypted; cdk-nag exempts only engines named aurora.
 * Here, any instance in a cluster (DBClusterIdentifier) is judged through its cluster; replicas and
 * snapshot restores inherit from their source; Aurora Serverless v1 is always encrypted.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkFlagAndKey } from '../util/encryption';
import type { Outcome } from '../../template/resolve';

const INHERITED = ['SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier', 'SnapshotIdentifier', 'SourceDbiResourceId', 'DBClusterSnapshotIdentifier', 'RestoreToTime', 'UseLatestRestorableTime', 'ReplicationSourceIdentifier'];

export default defineRule({
  meta: {
    id: 'rds-storage-encryption',
    title: 'RDS and Aurora storage is encrypted with a customer managed KMS key',
    description:
      'A database that stores PHI must encrypt its storage, backups, snapshots and replicas. RDS does not encrypt unless StorageEncrypted is true (a KmsKeyId alone is not enough), and encryption can only be chosen at creation: enabling it later replaces the database. A customer managed KMS key is preferred to the AWS managed key aws/rds. Instances of an Aurora or Multi-AZ cluster inherit the cluster\'s encryption and are judged through it.',
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    fix: 'suggest',
    messages: {
      notEncrypted: {
        text: '{{kind}} {{id}} does not set StorageEncrypted: true: RDS stores its data, backups and snapshots unencrypted.',
        level: 'violation',
      },
      disabled: { text: '{{kind}} {{id}} turns storage encryption off (StorageEncrypted: false).', level: 'violation' },
      awsManagedKey: {
        text: '{{kind}} {{id}} is encrypted with {{key}} (aws/rds); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      inherited: {
        text: '{{kind}} {{id}} takes its encryption from {{source}}, which this template does not define: verify that the source is encrypted.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const isCluster = resource.type === 'AWS::RDS::DBCluster';
    const kind = isCluster ? 'DB cluster' : 'DB instance';
    const reported = new Set<string>();
    /** Under the flag's conditions, is the database restored or replicated from a source? */
    const inherited = (flag: Outcome): boolean => {
      if (flag.known && flag.value !== undefined && !flag.noValue) return false; // set explicitly: judge it
      for (const prop of INHERITED) {
        const src = ctx.propWhen(flag, prop).find(isSet);
        if (!src) continue;
        // A source in this template is judged on its own; one from elsewhere can't be seen.
        if (src.resource || src.refs.length > 0) return true;
        const source = typeof src.value === 'string' ? `${prop} ${src.value}` : `${prop} (decided at deploy time: ${src.reason ?? 'unknown'})`;
        if (!reported.has(source)) {
          reported.add(source);
          ctx.report({ messageId: 'inherited', at: src, data: { kind, source } });
        }
        return true;
      }
      return false;
    };
    // Decide, branch by branch, what kind of database this is: an instance in a cluster is judged
    // through the cluster; Aurora Serverless v1 is always encrypted.
    for (const member of split(ctx.prop('DBClusterIdentifier'), (o) => !isCluster && isSet(o))) {
      if (member.kind) continue;
      for (const engine of split(ctx.propWhen(member.scope, 'Engine'), (o) => !isCluster && typeof o.value === 'string' && o.value.toLowerCase().startsWith('aurora'))) {
        if (engine.kind) continue;
        for (const mode of split(ctx.propWhen(engine.scope, 'EngineMode'), (o) => isCluster && typeof o.value === 'string' && o.value.toLowerCase() === 'serverless')) {
          checkFlagAndKey(ctx, {
            flag: 'StorageEncrypted',
            keyProp: 'KmsKeyId',
            encryptedByDefault: mode.kind,
            replaces: true,
            flagWhat: 'storage encryption (StorageEncrypted)',
            messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey' },
            data: () => ({ kind }),
            handled: inherited,
            scope: mode.scope,
          });
        }
      }
    }
  },
});

/** A source property counts when it names something: an empty string is no snapshot or source. */
function isSet(o: Outcome): boolean {
  return !o.known || (o.value !== undefined && o.value !== null && o.value !== '');
}

/**
 * Group a property's outcomes by a yes/no test. When every branch agrees there is one group, with
 * the first outcome as scope (its conditions are then irrelevant), so findings aren't repeated per
 * branch; when branches differ, each is judged under its own conditions.
 */
function split(outs: Outcome[], test: (o: Outcome) => boolean): { kind: boolean; scope: Outcome }[] {
  const kinds = outs.map(test);
  if (kinds.every((k) => k === kinds[0])) return [{ kind: kinds[0] ?? false, scope: { ...outs[0], conditions: outs[0].conditions.filter((c) => outs.every((o) => o.conditions.some((x) => x.name === c.name && x.value === c.value))) } }];
  return outs.map((o, i) => ({ kind: kinds[i], scope: o }));
}
