/**
 * MSK cluster storage is encrypted with a customer managed KMS key.
 * Catalog HEAR-MSK-01, at-rest part (checkov CKV_AWS_81). MSK always encrypts broker storage; with
 * no EncryptionAtRest it uses the AWS managed key aws/kafka, so a missing key is hardening. The key
 * is create-only: fixes are suggestions. MSK Serverless clusters choose no key and are not checked.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkCustomerKey } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'msk-cluster-encryption',
    title: 'MSK clusters encrypt broker storage with a customer managed KMS key',
    description:
      'Kafka topics of a cluster that carries PHI are stored on the brokers\' EBS volumes. MSK always encrypts them, by default with the AWS managed key aws/kafka; name a customer managed KMS key in EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId so that you control, audit and can revoke access to the data.',
    resourceTypes: ['AWS::MSK::Cluster'],
    fix: 'suggest',
    peers: { checkov: ['CKV_AWS_81'] },
    messages: {
      awsManagedKey: {
        text: 'MSK cluster {{id}} encrypts broker storage with {{key}}; set EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkCustomerKey(ctx, {
      path: ['EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId'],
      messageId: 'awsManagedKey',
      what: 'the KMS key (EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId)',
      replaces: true,
      replacesNote: 'replaces the cluster if it is already deployed',
      defaultLabel: 'the AWS managed key aws/kafka',
    });
  },
});
