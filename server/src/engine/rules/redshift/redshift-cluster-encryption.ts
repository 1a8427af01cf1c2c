/**
 * Redshift clusters and Redshift Serverless namespaces are encrypted at rest with a customer
 * managed KMS key. Catalog HEAR-RS-01 (cdk-nag RedshiftClusterConfiguration, Config
 * redshift-cluster-configuration-check / redshift-cluster-kms-enabled, guard
 * REDSHIFT_CLUSTER_CONFIGURATION_CHECK, checkov CKV_AWS_64, cfn_nag F28).
 *
 * Since January 2025 Redshift encrypts new and restored clusters by default (with an AWS owned key
 * unless KmsKeyId is given), so an absent Encrypted is hardening: clusters created before then are
 * unencrypted, and the template should say what it needs. Encrypted: false is a violation.
 * Serverless namespaces are always encrypted (AWS owned key unless KmsKeyId names another).
 * Redshift can change a cluster's encryption in place (ModifyCluster), but the cluster is migrated
 * and read-only meanwhile, so fixes are suggestions, never part of fix-all.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkFlagAndKey } from '../util/encryption';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { inheritsEncryption, restoreScopes, someRestore } from '../util/restored-cluster';

const RESTORE = ['SnapshotIdentifier'];

export default defineRule({
  meta: {
    id: 'redshift-cluster-encryption',
    title: 'Redshift clusters and Serverless namespaces are encrypted with a customer managed KMS key',
    description:
      'A Redshift data warehouse that holds PHI must encrypt its data, backups and snapshots. Clusters set Encrypted: true (new clusters are encrypted by default since January 2025, older ones are not) and name a customer managed key in KmsKeyId; Serverless namespaces, always encrypted, name a customer managed key in KmsKeyId instead of the AWS owned key.',
    resourceTypes: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Namespace'],
    fix: 'suggest',
    peers: {
      cdkNag: ['HIPAA.Security-RedshiftClusterConfiguration'],
      config: ['redshift-cluster-configuration-check', 'redshift-cluster-kms-enabled'],
      guard: ['REDSHIFT_CLUSTER_CONFIGURATION_CHECK'],
      checkov: ['CKV_AWS_64'],
      cfnNag: ['F28'],
    },
    messages: {
      notSet: {
        text: 'Redshift cluster {{id}} does not set Encrypted: true: Redshift encrypts clusters created since January 2025 by default, but a cluster created earlier from this template is unencrypted.',
        level: 'hardening',
      },
      disabled: { text: 'Redshift cluster {{id}} turns encryption at rest off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'Redshift cluster {{id}} is encrypted with {{key}}; use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      inherited: {
        text: 'Redshift cluster {{id}} takes its encryption from {{source}}, which this template does not define: verify that the snapshot is encrypted.',
        level: 'unverifiable',
      },
      namespaceKey: {
        text: 'Redshift Serverless namespace {{id}} is encrypted with {{key}}; name a customer managed KMS key in KmsKeyId so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (resource.type === 'AWS::RedshiftServerless::Namespace') {
      for (const k of ctx.prop('KmsKeyId')) {
        const literal = k.known && typeof k.value === 'string' ? k.value : undefined;
        const info = literal === 'AWS_OWNED_KMS_KEY' ? { kind: 'aws-managed' as const, label: 'AWS_OWNED_KMS_KEY' } : classifyKey(ctx.template, k);
        if (info.kind === 'customer') continue;
        if (info.kind === 'unknown') {
          ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsKeyId)', reason: info.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const key = info.kind === 'absent' ? 'the AWS owned key (no KmsKeyId)' : info.label === 'AWS_OWNED_KMS_KEY' ? 'the AWS owned key (AWS_OWNED_KMS_KEY)' : `the AWS managed key ${info.label}`;
        ctx.report({
          messageId: 'namespaceKey',
          at: k,
          data: { key },
          ...keyFixes(ctx.template, resource, {
            title: 'Encrypt with customer managed KMS key {{key}} (Redshift re-encrypts the namespace)',
            replaces: true,
            ops: (keyId) => [{ op: 'set', path: ctx.propPath('KmsKeyId'), value: keyArn(keyId) }],
          }),
        });
      }
      return;
    }
    const inherited = inheritsEncryption(ctx, 'inherited', {}, RESTORE);
    const restores = someRestore(ctx, RESTORE);
    for (const r of restoreScopes(ctx, RESTORE)) {
      checkFlagAndKey(ctx, {
        flag: 'Encrypted',
        keyProp: 'KmsKeyId',
        replaces: true,
        replacesNote: 'Redshift migrates the cluster, which is read-only meanwhile',
        flagWhat: 'encryption at rest (Encrypted)',
        messages: { notEncrypted: 'notSet', disabled: 'disabled', awsManagedKey: 'awsManagedKey' },
        handled: r.kind ? inherited : () => false,
        scope: r.scope,
        conditionalFixes: restores,
      });
    }
  },
});
