/**
 * FSx file systems encrypt data at rest with a customer managed KMS key.
 * FSx always encrypts at rest; without KmsKeyId it uses the AWS managed key aws/fsx, so a missing
 * key is hardening. FSx for Lustre scratch deployments (SCRATCH_1, the default, and SCRATCH_2)
 * cannot take a KmsKeyId (FSx encrypts them with a key it manages per file system) and are not
 * reported. KmsKeyId is create-only: fixes are suggestions.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { checkCustomerKey, upper } from '../util/customer-key';

export default defineRule({
  meta: {
    id: 'fsx-filesystem-encryption',
    title: 'FSx file systems encrypt data at rest with a customer managed KMS key',
    description:
      'FSx file systems (Windows File Server, NetApp ONTAP, OpenZFS, Lustre persistent) that hold PHI are always encrypted at rest, by default with the AWS managed key aws/fsx. Name a customer managed KMS key (KmsKeyId) so that you control, audit and can revoke access. Lustre scratch file systems cannot use a customer managed key and are not reported.',
    resourceTypes: ['AWS::FSx::FileSystem'],
    fix: 'suggest',
    messages: {
      awsManagedKey: {
        text: 'FSx file system {{id}} is encrypted with {{key}}; set KmsKeyId to a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const opts = {
      path: ['KmsKeyId'],
      messageId: 'awsManagedKey',
      what: 'the KMS key (KmsKeyId)',
      replaces: true,
      replacesNote: 'replaces the file system if it is already deployed',
      defaultLabel: 'the AWS managed key aws/fsx',
    };
    for (const type of ctx.prop('FileSystemType')) {
      if (upper(type) !== 'LUSTRE') {
        checkCustomerKey(ctx, { ...opts, scope: type });
        continue;
      }
      const types = ctx.propWhen(type, 'LustreConfiguration', 'DeploymentType');
      // The default deployment type is SCRATCH_1; scratch file systems take no KmsKeyId.
      const scratch = (dt: Outcome) => dt.known && (dt.value === undefined || dt.value === null || (upper(dt) ?? '').startsWith('SCRATCH'));
      // Scratch in some cases (an allowed value, an Fn::If branch), persistent in others: a KmsKeyId
      // written for the persistent case would break the scratch one, so no fix is offered.
      const noFix = types.some(scratch) && types.some((dt) => !scratch(dt));
      for (const dt of types) {
        if (scratch(dt)) continue;
        if (!dt.known) {
          const keyless = ctx.propWhen(dt, 'KmsKeyId').some((k) => k.known && (k.value === undefined || k.value === null));
          if (keyless) ctx.report({ messageId: 'unverifiable', at: dt, data: { what: 'whether the Lustre file system can use a customer managed key (LustreConfiguration.DeploymentType)', reason: dt.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        checkCustomerKey(ctx, { ...opts, scope: dt, noFix });
      }
    }
  },
});
