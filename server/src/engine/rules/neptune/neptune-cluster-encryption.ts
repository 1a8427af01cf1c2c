/**
 * Neptune clusters encrypt their storage, with a customer managed KMS key.
 * Catalog HEAR-NEP-01 (checkov CKV_AWS_44, cfn_nag F30; cdk-nag AwsSolutions-N4 outside the HIPAA pack).
 * CloudFormation creates an unencrypted cluster unless StorageEncrypted is true, and encryption can
 * only be chosen at creation (StorageEncrypted and KmsKeyId: update requires replacement). A
 * cluster restored from a snapshot or another cluster takes the source's encryption.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkClusterStorageEncryption } from '../util/restored-cluster';

export default defineRule({
  meta: {
    id: 'neptune-cluster-encryption',
    title: 'Neptune clusters are encrypted at rest with a customer managed KMS key',
    description:
      'A Neptune cluster that stores PHI must encrypt its storage, backups and snapshots. CloudFormation creates the cluster unencrypted unless StorageEncrypted is true, and encryption can only be chosen when the cluster is created. A customer managed KMS key (KmsKeyId) is preferred to the AWS managed key aws/rds.',
    resourceTypes: ['AWS::Neptune::DBCluster'],
    fix: 'suggest',
    peers: { cdkNag: ['AwsSolutions-N4'], checkov: ['CKV_AWS_44'], cfnNag: ['F30'] },
    messages: {
      notEncrypted: {
        text: 'Neptune cluster {{id}} does not set StorageEncrypted: true: its data, backups and snapshots are stored unencrypted.',
        level: 'violation',
      },
      disabled: { text: 'Neptune cluster {{id}} turns storage encryption off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'Neptune cluster {{id}} is encrypted with {{key}} (aws/rds); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      inherited: {
        text: 'Neptune cluster {{id}} takes its encryption from {{source}}, which this template does not define: verify that the source is encrypted.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkClusterStorageEncryption(ctx);
  },
});
