/**
 * SageMaker endpoint configurations encrypt the hosting instances' storage volumes with a customer
 * managed KMS key.
 * Catalog HEAR-SGM-02 (cdk-nag SageMakerEndpointConfigurationKMSKeyConfigured, Config
 * sagemaker-endpoint-configuration-kms-key-configured, guard
 * SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED, cfn_nag W1200). Without KmsKeyId SageMaker
 * encrypts the volumes with a transient key of its own: hardening. SageMaker rejects KmsKeyId when any variant runs
 * on an instance type with local NVMe storage (encrypted by the instance's hardware module), and
 * serverless variants have no volume, so such configurations are not reported. Endpoint
 * configurations are immutable: every change replaces them, so fixes are suggestions.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { checkKeyProp, why } from '../util/key-property';
import { isObject } from '../../template/model';

/** Instance families with local NVMe instance storage: a `d` after the generation (m5d, g4dn, p4d, c6id ...) and a few without it. */
const LOCAL_STORAGE_FAMILY = /^[a-z]+\d+[a-z]*d[a-z]*$/;
const LOCAL_STORAGE_OTHER = new Set(['g5', 'g6', 'g6e', 'gr6', 'p5', 'p5e', 'p5en', 'p6', 'trn1', 'trn1n', 'trn2']);

export function hasLocalStorage(instanceType: string): boolean {
  const family = instanceType.split('.')[1] ?? '';
  return LOCAL_STORAGE_FAMILY.test(family) || LOCAL_STORAGE_OTHER.has(family);
}

export default defineRule({
  meta: {
    id: 'sagemaker-endpoint-config-encryption',
    title: 'SageMaker endpoint configurations encrypt hosting volumes with a customer managed KMS key',
    description:
      'Instances behind a SageMaker endpoint keep the model and request data on an attached storage volume. Without KmsKeyId SageMaker encrypts the volume with a transient key it manages; a customer managed key lets you control, audit and revoke access. Configurations whose variants use instance types with local NVMe storage (which SageMaker encrypts in hardware and for which it rejects KmsKeyId) or are serverless are not reported.',
    resourceTypes: ['AWS::SageMaker::EndpointConfig'],
    fix: 'suggest',
    peers: {
      cdkNag: ['HIPAA.Security-SageMakerEndpointConfigurationKMSKeyConfigured'],
      config: ['sagemaker-endpoint-configuration-kms-key-configured'],
      guard: ['SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED'],
      cfnNag: ['W1200'],
    },
    messages: {
      defaultKey: {
        text: 'Endpoint configuration {{id}} sets no KmsKeyId: SageMaker encrypts the hosting instances\' storage volumes with a transient key of its own, which you cannot control or audit. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Endpoint configuration {{id}} encrypts hosting volumes with the AWS managed key {{key}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const list of ctx.prop('ProductionVariants')) {
      const kind = volumes(ctx, list);
      if (kind === 'none') continue;
      if (typeof kind === 'object') {
        // Only report when a key would actually be missing.
        const missing = ctx.propWhen(list, 'KmsKeyId').some((k) => k.known && (k.value === undefined || k.value === null || k.value === ''));
        if (missing) ctx.report({ messageId: 'unverifiable', at: kind, data: { what: 'whether the instance type accepts a KMS key (InstanceType)', reason: why(kind) } });
        continue;
      }
      checkKeyProp(ctx, {
        prop: ['KmsKeyId'],
        scope: list,
        what: 'the KMS key (KmsKeyId)',
        messages: { absent: 'defaultKey', awsManaged: 'awsManagedKey' },
        replaces: 'replaces the endpoint configuration; update the endpoint to use it',
      });
    }
  },
});

/**
 * Do the variants use storage volumes a KmsKeyId would encrypt? 'ebs' when every variant is on an
 * instance type without local storage (or serverless, with at least one instance variant); 'none'
 * when any variant has local storage or all are serverless (or there are none); an unknown
 * instance type's outcome otherwise.
 */
function volumes(ctx: RuleContext, list: Outcome): 'ebs' | 'none' | Outcome {
  if (!list.known || !Array.isArray(list.value)) return 'none';
  let ebs = false;
  let unknown: Outcome | undefined;
  for (let i = 0; i < list.value.length; i++) {
    for (const v of ctx.below(list, i)) {
      if (!v.known || !isObject(v.value)) continue;
      const serverless = ctx.below(v, 'ServerlessConfig').some((s) => !s.known || (s.value !== undefined && s.value !== null));
      if (serverless) continue;
      for (const t of ctx.below(v, 'InstanceType')) {
        if (!t.known) unknown ??= t;
        else if (typeof t.value === 'string') {
          if (hasLocalStorage(t.value)) return 'none';
          ebs = true;
        }
      }
    }
  }
  if (unknown) return unknown;
  return ebs ? 'ebs' : 'none';
}
