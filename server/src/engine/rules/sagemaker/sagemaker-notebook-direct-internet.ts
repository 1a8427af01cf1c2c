/**
 * SageMaker notebook instances have no direct internet access.
 * Catalog HNET-SGM-01 (cdk-nag SageMakerNotebookNoDirectInternetAccess, Config
 * sagemaker-notebook-no-direct-internet-access, Guard SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS).
 * DirectInternetAccess defaults to Enabled: the notebook gets a network interface with internet
 * access that SageMaker provides, outside your VPC's controls. Disabled requires a SubnetId
 * (SageMaker rejects it otherwise). Both properties are create-only: the fix (offered only when the
 * notebook has a subnet) replaces the notebook instance, so it is a suggestion.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isSet } from '../util/encryption';
import { flagFix, how } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'sagemaker-notebook-direct-internet',
    title: 'SageMaker notebook instances have no direct internet access',
    description:
      'A notebook instance that works on PHI should reach the internet, if at all, only through your VPC (NAT gateway, proxies, VPC endpoints), where it can be controlled and logged. DirectInternetAccess defaults to Enabled, which gives the notebook internet access through SageMaker that bypasses your VPC. Disabled requires the notebook to be placed in a subnet (SubnetId).',
    resourceTypes: ['AWS::SageMaker::NotebookInstance'],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-SageMakerNotebookNoDirectInternetAccess', 'AwsSolutions-SM3'],
      config: ['sagemaker-notebook-no-direct-internet-access'],
      guard: ['SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS'],
    },
    messages: {
      directInternet: {
        text: 'SageMaker notebook instance {{id}} has direct internet access ({{how}}){{note}}.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const what = 'direct internet access (DirectInternetAccess)';
    for (const o of ctx.prop('DirectInternetAccess')) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const absent = o.value === undefined || o.value === null;
      const v = typeof o.value === 'string' ? o.value.toLowerCase() : undefined;
      if (!absent && v !== 'enabled' && v !== 'disabled') {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason: `${JSON.stringify(o.value)} is not Enabled or Disabled` } });
        continue;
      }
      const subnets = ctx.propWhen(o, 'SubnetId');
      if (v === 'disabled') {
        for (const s of subnets) {
          if (s.known && !isSet(s)) {
            ctx.report({ messageId: 'unverifiable', at: s, data: { what, reason: 'DirectInternetAccess is Disabled but the notebook has no SubnetId, which SageMaker requires: the deployment fails' } });
          }
        }
        continue;
      }
      const inSubnet = subnets.every((s: Outcome) => isSet(s));
      const note = absent ? ': SageMaker enables it by default, outside your VPC' : inSubnet ? ': it reaches the internet through SageMaker, bypassing your VPC' : ', and it is not placed in a subnet of your VPC';
      ctx.report({
        messageId: 'directInternet',
        at: o,
        data: { how: how(o, 'DirectInternetAccess'), note },
        ...(inSubnet ? flagFix(ctx, o, ['DirectInternetAccess'], 'Disabled', 'Turn off direct internet access (DirectInternetAccess: Disabled; replaces the notebook instance, which then needs a NAT gateway or VPC endpoints)', 'suggest') : {}),
      });
    }
  },
});
