/**
 * ECR repository policies do not allow everyone.
 * Catalog HNET-RP-01 (checkov CKV_AWS_32). A statement of RepositoryPolicyText is public as AWS
 * defines it (util/policy-public.ts): Allow to Principal '*' (or NotPrincipal) without a Condition
 * pinning the caller (aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount ...).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkResourcePolicy } from '../util/policy-public';

export default defineRule({
  meta: {
    id: 'ecr-repository-policy-public',
    title: 'ECR repository policies allow no one outside named principals and conditions',
    description:
      'A repository policy statement that allows Principal "*" (or uses NotPrincipal with Allow) without a condition that pins the caller to an account, organisation or source lets anyone pull (or push) the images of a workload that processes PHI; images often embed configuration and code that lead to it.',
    resourceTypes: ['AWS::ECR::Repository'],
    phiScoped: true,
    peers: { checkov: ['CKV_AWS_32'] },
    messages: {
      publicStatement: {
        text: 'The repository policy of ECR repository {{id}} allows everyone ({{how}}) without a condition that limits the caller to an account, organisation or source: anyone can use the repository.',
        level: 'violation',
      },
      broadAccess: { text: 'The repository policy of ECR repository {{id}} grants {{how}}.', level: 'hardening' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkResourcePolicy(ctx, 'RepositoryPolicyText');
  },
});
