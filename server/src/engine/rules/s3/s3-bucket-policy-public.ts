/**
 * S3 bucket policies do not allow everyone.
 * Catalog HNET-S3-05 (Config s3-bucket-policy-grantee-check; cfn_nag F16 * principal, F15 * action,
 * F9 Allow+NotPrincipal, W20 Allow+NotAction). A statement is public as AWS defines it (S3 User
 * Guide "The meaning of public", util/policy-public.ts): Allow to Principal '*' (or NotPrincipal)
 * without a Condition pinning the caller's account, organisation, VPC, endpoint, IP range or source
 * ARN. That is an error; when the bucket in the template has BlockPublicPolicy true, S3 rejects the
 * policy at deploy time (still an error: the intent is wrong). Allow of every S3 action (`*`,
 * `s3:*`) or NotAction to a principal other than this account is a warning.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isTrue } from '../../template/resolve';
import { judgePolicyDocument } from '../util/policy-public';

export default defineRule({
  meta: {
    id: 's3-bucket-policy-public',
    title: 'S3 bucket policies allow no one outside named principals and conditions',
    description:
      'A bucket policy statement that allows Principal "*" (or uses NotPrincipal with Allow) without a condition that pins the caller to an account, organisation, VPC, VPC endpoint, IP range or source ARN opens the bucket to everyone. Statements that allow every S3 action are also flagged: grant only the actions each principal needs.',
    resourceTypes: ['AWS::S3::BucketPolicy'],
    phiScoped: true,
    peers: {
      config: ['s3-bucket-policy-grantee-check'],
      cfnNag: ['F16', 'F15', 'F9', 'W20'],
    },
    messages: {
      publicStatement: {
        text: 'Bucket policy {{id}} allows everyone ({{how}}) without a condition that limits the caller to an account, organisation, VPC or source: the bucket{{bucket}} is public.',
        level: 'violation',
      },
      publicBlocked: {
        text: 'Bucket policy {{id}} allows everyone ({{how}}) without a limiting condition. Bucket {{bucket}} has BlockPublicPolicy true, so S3 rejects this policy and the deployment fails; narrow the statement instead.',
        level: 'violation',
      },
      broadAccess: {
        text: 'Bucket policy {{id}} grants {{how}}: grant each principal only the S3 actions it needs.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    let bucketId: string | undefined;
    for (const b of ctx.prop('Bucket')) {
      if (b.resource?.type === 'AWS::S3::Bucket') bucketId = b.resource.logicalId;
      else if (b.known && typeof b.value === 'string') {
        // A literal name: the bucket of the template with that BucketName.
        const name = b.value;
        bucketId ??= ctx.template.ofType('AWS::S3::Bucket').find((x) => ctx.resolver.at([...x.path, 'Properties', 'BucketName']).some((n) => n.known && n.value === name))?.logicalId;
      }
    }
    const bucket = bucketId ? ctx.template.resource(bucketId) : undefined;
    const blocked = bucket
      ? ctx.resolver.at([...bucket.path, 'Properties', 'PublicAccessBlockConfiguration', 'BlockPublicPolicy']).every((o) => o.known && isTrue(o.value))
      : false;
    for (const doc of ctx.prop('PolicyDocument')) {
      for (const v of judgePolicyDocument(ctx, doc, 's3')) {
        if (v.kind === 'unknown') ctx.report({ messageId: 'unverifiable', at: v.at, data: { what: 'whether the bucket policy is public', reason: v.reason.replace(/\.$/, '') } });
        else if (v.kind === 'public')
          ctx.report({
            messageId: blocked ? 'publicBlocked' : 'publicStatement',
            at: v.at,
            data: { how: v.how, bucket: blocked ? bucketId! : bucketId ? ' ' + bucketId : '' },
            related: bucket ? [{ path: bucket.path, message: 'The bucket this policy applies to.' }] : undefined,
          });
        else ctx.report({ messageId: 'broadAccess', at: v.at, data: { how: v.how } });
      }
    }
  },
});
