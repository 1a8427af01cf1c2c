/**
 * KMS key policies do not allow everyone.
 * Catalog HNET-RP-01 (guard KMS_NO_WILDCARD_PRINCIPAL, checkov CKV_AWS_33, cfn_nag F76). A statement
 * is public as AWS defines it (util/policy-public.ts): Allow to Principal '*' (or NotPrincipal)
 * without a Condition pinning the caller (kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID,
 * aws:SourceAccount ...). The common "any principal of this account through service X" statement
 * (Principal '*' + kms:CallerAccount + kms:ViaService) passes, which the peers fail.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkResourcePolicy } from '../util/policy-public';

export default defineRule({
  meta: {
    id: 'kms-key-policy-public',
    title: 'KMS key policies allow no one outside named principals and conditions',
    description:
      'A key policy statement that allows Principal "*" (or uses NotPrincipal with Allow) without a condition that pins the caller to an account, organisation, service or VPC lets any AWS account use or manage the key that protects PHI.',
    resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
    phiScoped: true,
    peers: { guard: ['KMS_NO_WILDCARD_PRINCIPAL'], checkov: ['CKV_AWS_33'], cfnNag: ['F76'] },
    messages: {
      publicStatement: {
        text: 'The key policy of KMS key {{id}} allows everyone ({{how}}) without a condition that limits the caller to an account, organisation, service or VPC: any AWS account can use the key.',
        level: 'violation',
      },
      broadAccess: { text: 'The key policy of KMS key {{id}} grants {{how}}.', level: 'hardening' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkResourcePolicy(ctx, 'KeyPolicy');
  },
});
