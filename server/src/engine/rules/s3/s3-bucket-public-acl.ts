/**
 * S3 buckets grant no public canned ACL and use no legacy ACLs.
 * Catalog HNET-S3-02/03/04 (cdk-nag S3BucketPublicRead/WriteProhibited, Config
 * s3-bucket-public-read/write-prohibited and s3-bucket-acl-prohibited, guard, checkov CKV_AWS_20/57,
 * cfn_nag W31/F14, cfn-lint W3045/E3045). PublicRead, PublicReadWrite and AuthenticatedRead (any AWS
 * account) open the bucket: an error, unless the same branch's Block Public Access has
 * BlockPublicAcls and IgnorePublicAcls true (S3 then rejects/ignores the ACL: a warning). Any other
 * AccessControl but Private (the default, owner-only ACL) is a legacy ACL: a warning.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../rule';
import { isTrue } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { FixOp, Json } from '../../types';
import { pathStartsWith } from '../../path';

const PUBLIC: Record<string, string> = {
  PublicRead: 'anyone on the internet can list and read its objects',
  PublicReadWrite: 'anyone on the internet can list, read, write and delete its objects',
  AuthenticatedRead: 'anyone with an AWS account, in any account, can list and read its objects',
};
const ENFORCED = { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] };

export default defineRule({
  meta: {
    id: 's3-bucket-public-acl',
    title: 'S3 buckets grant no public ACL and leave ACLs disabled (BucketOwnerEnforced)',
    description:
      'A canned ACL of PublicRead, PublicReadWrite or AuthenticatedRead opens a bucket to everyone (or to every AWS account). Access to PHI should be granted by bucket and IAM policies only: leave AccessControl out and set OwnershipControls to BucketOwnerEnforced, which disables ACLs.',
    resourceTypes: ['AWS::S3::Bucket'],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-S3BucketPublicReadProhibited', 'HIPAA.Security-S3BucketPublicWriteProhibited'],
      config: ['s3-bucket-public-read-prohibited', 's3-bucket-public-write-prohibited', 's3-bucket-acl-prohibited'],
      guard: ['S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED'],
      checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
      cfnNag: ['W31', 'F14'],
      cfnLint: ['W3045', 'E3045'],
    },
    messages: {
      publicAcl: {
        text: 'S3 bucket {{id}} has the canned ACL {{acl}}: {{effect}}.',
        level: 'violation',
      },
      publicAclBlocked: {
        text: 'S3 bucket {{id}} has the canned ACL {{acl}}; Block Public Access (BlockPublicAcls and IgnorePublicAcls) keeps it from taking effect, but the ACL states an intent to publish. Remove it.',
        level: 'hardening',
      },
      legacyAcl: {
        text: 'S3 bucket {{id}} sets AccessControl {{acl}}{{ownership}}: ACLs are a legacy access mechanism; grant access with bucket and IAM policies and disable ACLs (OwnershipControls BucketOwnerEnforced).',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('AccessControl')) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'AccessControl', reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (o.value === undefined || o.value === null) continue;
      if (typeof o.value !== 'string') {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'AccessControl', reason: 'it is not a string' } });
        continue;
      }
      const acl = o.value;
      const enforced = ctx.propWhen(o, 'OwnershipControls').every((x) => x.known && hasEnforced(x.value));
      const fixOps = removeOps(o, enforced);
      const suggestions = [{ title: `Remove AccessControl ${acl} and disable ACLs (OwnershipControls BucketOwnerEnforced)${acl in PUBLIC ? ': the bucket stops being public' : ''}`, kind: 'suggest' as const, ops: fixOps }];
      if (acl in PUBLIC) {
        const pab = (flag: string) => ctx.propWhen(o, 'PublicAccessBlockConfiguration', flag).every((x) => x.known && isTrue(x.value));
        const blocked = pab('BlockPublicAcls') && pab('IgnorePublicAcls');
        ctx.report({ messageId: blocked ? 'publicAclBlocked' : 'publicAcl', at: o, data: { acl, effect: PUBLIC[acl] }, suggestions });
        continue;
      }
      // Private is the default ACL (owner only), accepted with ACLs disabled: nothing to report.
      if (acl === 'Private') continue;
      ctx.report({ messageId: 'legacyAcl', at: o, data: { acl, ownership: enforced ? '' : ' without OwnershipControls BucketOwnerEnforced' }, suggestions });
    }

    function removeOps(o: Outcome, enforced: boolean): FixOp[] {
      const ops: FixOp[] = [];
      const inBranch = pathStartsWith(o.origin, ctx.resource.path) && o.origin.length > o.logical.length;
      if (inBranch) ops.push({ op: 'set', path: o.origin, value: { Ref: 'AWS::NoValue' } });
      else ops.push({ op: 'remove', path: o.logical });
      if (!enforced) ops.push({ op: 'set', path: ctx.propPath('OwnershipControls'), value: ENFORCED });
      return ops;
    }
  },
});

function hasEnforced(v: Json | undefined): boolean {
  if (!isObject(v) || !Array.isArray(v.Rules)) return false;
  return v.Rules.some((r) => isObject(r) && r.ObjectOwnership === 'BucketOwnerEnforced');
}
