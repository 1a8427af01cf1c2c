/**
 * S3 buckets block public access: PublicAccessBlockConfiguration with all four flags true.
 * Catalog HNET-S3-01 (cdk-nag S3BucketLevelPublicAccessProhibited, Config
 * s3-bucket-level-public-access-prohibited, guard S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED,
 * checkov CKV_AWS_53..56). Since April 2023 S3 turns Block Public Access on for new buckets, so an
 * absent block is a warning (cdk-nag passes it; Guard fails it). A flag written false turns a
 * protection off: an error. A block that leaves a flag out sets that flag to false: a warning.
 * Each Fn::If branch is judged (checkov #5325 reads Fn::If + AWS::NoValue wrongly).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { setValueOp } from '../util/encryption';
import { writePath } from '../util/key-property';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
const ALL_TRUE = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

export default defineRule({
  meta: {
    id: 's3-bucket-public-access-block',
    title: 'S3 buckets set PublicAccessBlockConfiguration with all four flags true',
    description:
      'A bucket that holds PHI must not be made public by an ACL or a bucket policy. S3 Block Public Access at the bucket level (BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets) overrides such grants. S3 turns all four on for new buckets since April 2023; the template should say so explicitly, and must not turn any of them off.',
    resourceTypes: ['AWS::S3::Bucket'],
    fix: 'safe',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-S3BucketLevelPublicAccessProhibited'],
      config: ['s3-bucket-level-public-access-prohibited'],
      guard: ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED'],
      checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    },
    messages: {
      flagOff: {
        text: 'S3 bucket {{id}} turns off Block Public Access ({{flag}}: false): {{effect}}.',
        level: 'violation',
      },
      flagMissing: {
        text: 'S3 bucket {{id}} sets PublicAccessBlockConfiguration without {{flag}}, which CloudFormation then sets to false: {{effect}}. Set it to true.',
        level: 'hardening',
      },
      noBlock: {
        text: 'S3 bucket {{id}} has no PublicAccessBlockConfiguration{{how}}. S3 blocks public access on new buckets by default, but the template does not guarantee it; set all four flags to true.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const effects: Record<string, string> = {
      BlockPublicAcls: 'S3 accepts public ACLs on the bucket and its objects',
      BlockPublicPolicy: 'S3 accepts a bucket policy that grants public access',
      IgnorePublicAcls: 'public ACLs on the bucket and its objects take effect',
      RestrictPublicBuckets: 'a public bucket policy lets anyone in, across accounts',
    };
    for (const o of ctx.prop('PublicAccessBlockConfiguration')) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'PublicAccessBlockConfiguration', reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (o.value === undefined || o.value === null) {
        ctx.report({
          messageId: 'noBlock',
          at: o,
          data: { how: o.noValue ? ' in this branch (AWS::NoValue)' : '' },
          fix: { title: 'Block all public access (all four PublicAccessBlockConfiguration flags true)', kind: 'safe', ops: [setValueOp(ctx, o, ALL_TRUE)] },
        });
        continue;
      }
      if (typeof o.value !== 'object' || Array.isArray(o.value)) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'PublicAccessBlockConfiguration', reason: 'it is not a mapping' } });
        continue;
      }
      for (const flag of FLAGS) {
        for (const f of ctx.below(o, flag)) checkFlag(f, o, flag);
      }
    }

    function checkFlag(f: Outcome, parent: Outcome, flag: string): void {
      if (!f.known) {
        ctx.report({ messageId: 'unverifiable', at: f, data: { what: `PublicAccessBlockConfiguration.${flag}`, reason: f.reason ?? 'it is decided at deploy time' } });
        return;
      }
      if (isTrue(f.value)) return;
      if (f.value === undefined || f.value === null) {
        ctx.report({
          messageId: 'flagMissing',
          at: f,
          data: { flag, effect: effects[flag] },
          fix: { title: `Set ${flag} to true`, kind: 'safe', ops: [{ op: 'set', path: writePath(ctx, f, parent, flag), value: true }] },
        });
        return;
      }
      if (isFalse(f.value)) {
        ctx.report({
          messageId: 'flagOff',
          at: f,
          data: { flag, effect: effects[flag] },
          suggestions: [{ title: `Set ${flag} to true (turned off on purpose? a public website bucket must not hold PHI)`, kind: 'suggest', ops: [setValueOp(ctx, f, true)] }],
        });
        return;
      }
      ctx.report({ messageId: 'unverifiable', at: f, data: { what: `PublicAccessBlockConfiguration.${flag}`, reason: `it is ${JSON.stringify(f.value)}, not a boolean` } });
    }
  },
});
