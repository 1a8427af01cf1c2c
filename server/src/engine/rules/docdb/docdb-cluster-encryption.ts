/**
 * DocumentDB clusters encrypt their storage, with a customer managed KMS key.
 * Catalog HEAR-DOC-01 (checkov CKV_AWS_74; cdk-nag AwsSolutions-DOC1 outside the HIPAA pack).
 * CloudFormation creates an unencrypted cluster unless StorageEncrypted is true, and encryption can
 * only be chosen at creation (StorageEncrypted and KmsKeyId: update requires replacement). A
 * cluster restored from a snapshot or another cluster takes the source's encryption.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkClusterStorageEncryption } from '../util/restored-cluster';

export default defineRule({
  meta: {
    id: 'docdb-cluster-encryption',
    title: 'DocumentDB clusters are encrypted at rest with a customer managed KMS key',
    description:
      'A DocumentDB cluster that stores PHI must encrypt its storage, backups and snapshots. CloudFormation creates the cluster unencrypted unless StorageEncrypted is true, and encryption can only be chosen when the cluster is created. A customer managed KMS key (KmsKeyId) is preferred to the AWS managed key aws/rds.',
    resourceTypes: ['AWS::DocDB::DBCluster'],
    fix: 'suggest',
    peers: { cdkNag: ['AwsSolutions-DOC1'], checkov: ['CKV_AWS_74'] },
    messages: {
      notEncrypted: {
        text: 'DocumentDB cluster {{id}} does not set StorageEncrypted: true: its data, backups and snapshots are stored unencrypted.',
        level: 'violation',
      },
      disabled: { text: 'DocumentDB cluster {{id}} turns storage encryption off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'DocumentDB cluster {{id}} is encrypted with {{key}} (aws/rds); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      inherited: {
        text: 'DocumentDB cluster {{id}} takes its encryption from {{source}}, which this template does not define: verify that the source is encrypted.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkClusterStorageEncryption(ctx);
  },
});
