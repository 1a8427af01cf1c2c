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
import { checkFlagAndKey, isSet, refine, resourceScope } from '../util/encryption';
import type { Scope } from '../util/encryption';
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
    peers: { cdkNag: ['HIPAA.Security-RDSStorageEncrypted', 'AwsSolutions-RDS2'], config: ['rds-storage-encrypted'], guard: ['RDS_STORAGE_ENCRYPTED'], checkov: ['CKV_AWS_16', 'CKV_AWS_96'], cfnNag: ['F26', 'F27'], cfnLint: ['E3709', 'E3720', 'E3682'] },
    messages: {
      notEncrypted: {
        text: '{{kind}} {{id}} does not set StorageEncrypted: true: RDS stores its data, backups and snapshots unencrypted.',
        level: 'violation',
      },
      disabled: { text: '{{kind}} {{id}} turns storage encryption off ({{how}}).', level: 'violation' },
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
    // Decide, branch by branch, what kind of database this is: an instance in a cluster is judged
    // through the cluster; Aurora Serverless v1 is always encrypted; a restore or replica takes
    // its source's encryption. Branches are split only where they differ in kind.
    const members = refine(ctx, [resourceScope(ctx)], 'DBClusterIdentifier', (o) => !isCluster && isSet(o));
    const engines = refine(ctx, members.filter((m) => !m.kind).map((m) => m.scope), 'Engine', (o) => !isCluster && typeof o.value === 'string' && o.value.toLowerCase().startsWith('aurora'));
    let restores: Scope[] = engines.filter((e) => !e.kind).map((e) => ({ kind: false, scope: e.scope }));
    for (const prop of INHERITED) {
      restores = restores.flatMap((r) => (r.kind ? [r] : refine(ctx, [r.scope], prop, isSet)));
    }
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
    // RDS: don't set StorageEncrypted when restoring; fixes for other branches must spare those.
    const someRestore = restores.some((r) => r.kind);
    for (const r of restores) {
      for (const mode of refine(ctx, [r.scope], 'EngineMode', (o) => isCluster && typeof o.value === 'string' && o.value.toLowerCase() === 'serverless')) {
        checkFlagAndKey(ctx, {
          flag: 'StorageEncrypted',
          keyProp: 'KmsKeyId',
          encryptedByDefault: mode.kind,
          replaces: true,
          flagWhat: 'storage encryption (StorageEncrypted)',
          messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey' },
          data: () => ({ kind }),
          handled: r.kind ? inherited : () => false,
          scope: mode.scope,
          conditionalFixes: someRestore,
        });
      }
    }
  },
});
