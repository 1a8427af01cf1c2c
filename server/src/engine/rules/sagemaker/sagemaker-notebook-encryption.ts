/**
 * SageMaker notebook instances encrypt their ML storage volume with a customer managed KMS key.
 * Catalog HEAR-SGM-01 (cdk-nag SageMakerNotebookInstanceKMSKeyConfigured, Config
 * sagemaker-notebook-instance-kms-key-configured, guard SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED,
 * checkov CKV_AWS_187, cfn_nag W1201). The volume is encrypted with a system-managed KMS key when KmsKeyId
 * is absent, so this is hardening; KmsKeyId can only be set when the instance is created
 * (replacement), so fixes are suggestions.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkKeyProp } from '../util/key-property';

export default defineRule({
  meta: {
    id: 'sagemaker-notebook-encryption',
    title: 'SageMaker notebook instances encrypt their storage volume with a customer managed KMS key',
    description:
      'Notebook instances hold datasets, model artifacts and notebooks that often contain PHI on their ML storage volume. Without KmsKeyId, SageMaker encrypts the volume with a system-managed KMS key; a customer managed key lets you control, audit and revoke access. The key can only be chosen when the notebook instance is created.',
    resourceTypes: ['AWS::SageMaker::NotebookInstance'],
    fix: 'suggest',
    peers: {
      cdkNag: ['HIPAA.Security-SageMakerNotebookInstanceKMSKeyConfigured'],
      config: ['sagemaker-notebook-instance-kms-key-configured'],
      guard: ['SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED'],
      checkov: ['CKV_AWS_187'],
      cfnNag: ['W1201'],
    },
    messages: {
      defaultKey: {
        text: 'Notebook instance {{id}} sets no KmsKeyId: its storage volumes are encrypted with a system-managed KMS key you cannot control or audit. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Notebook instance {{id}} encrypts its storage volume with the AWS managed key {{key}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkKeyProp(ctx, {
      prop: ['KmsKeyId'],
      what: 'the KMS key (KmsKeyId)',
      messages: { absent: 'defaultKey', awsManaged: 'awsManagedKey' },
      replaces: 'replaces the notebook instance and its storage volume: copy notebooks and data first',
    });
  },
});
