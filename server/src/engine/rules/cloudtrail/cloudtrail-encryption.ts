/**
 * CloudTrail trails encrypt their log files with a customer managed KMS key that CloudTrail may use.
 * Catalog HEAR-CT-01 (cdk-nag CloudTrailEncryptionEnabled, Config cloud-trail-encryption-enabled,
 * guard CLOUD_TRAIL_ENCRYPTION_ENABLED, checkov CKV_AWS_35). Without KMSKeyId, log files are
 * encrypted with SSE-S3, so a missing key is hardening (cdk-nag calls it an error). A key of the
 * template whose policy visibly does not let cloudtrail.amazonaws.com generate data keys makes the
 * trail fail to deliver logs: a violation, reported only when the policy is fully known.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Resource } from '../../template/model';
import { isObject } from '../../template/model';
import type { Fix } from '../../types';
import { classifyKey, keyArn, keyFixes, serviceStatement } from '../util/kms';
import { actionCovers, keyPolicyAllows, why, writePath } from '../util/key-property';

const CLOUDTRAIL_RE = /^cloudtrail\.(amazonaws\.com(\.cn)?|\$\{AWS::URLSuffix\})$/;
const CLOUDTRAIL_STATEMENT = {
  principal: 'cloudtrail.amazonaws.com',
  sid: 'AllowCloudTrailEncryptLogs',
  condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*' } } },
};

export default defineRule({
  meta: {
    id: 'cloudtrail-encryption',
    title: 'CloudTrail trails encrypt log files with a customer managed KMS key that CloudTrail may use',
    description:
      'CloudTrail log files record who accessed PHI and are themselves sensitive. Without KMSKeyId they are encrypted with Amazon S3 managed keys (SSE-S3), which anyone who can read the bucket can decrypt; a customer managed KMS key adds a separate, audited permission. The key policy must let cloudtrail.amazonaws.com generate data keys, or the trail cannot deliver logs.',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    fix: 'safe',
    peers: {
      cdkNag: ['HIPAA.Security-CloudTrailEncryptionEnabled'],
      config: ['cloud-trail-encryption-enabled'],
      guard: ['CLOUD_TRAIL_ENCRYPTION_ENABLED'],
      checkov: ['CKV_AWS_35'],
    },
    messages: {
      sseS3: {
        text: 'Trail {{id}} sets no KMSKeyId: its log files are encrypted only with S3 managed keys (SSE-S3). Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Trail {{id}} names the AWS managed key {{key}}; CloudTrail needs a customer managed KMS key whose policy allows it.',
        level: 'hardening',
      },
      keyPolicyMissingCloudTrail: {
        text: 'Trail {{id}} uses KMS key {{key}}, whose key policy does not let cloudtrail.amazonaws.com generate data keys (kms:GenerateDataKey*): the trail cannot deliver log files.',
        level: 'violation',
      },
      policyUnverifiable: {
        text: 'Cannot verify that the key policy of {{key}} lets CloudTrail use it (trail {{id}}): {{reason}}.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    for (const k of ctx.prop('KMSKeyId')) {
      const key = classifyKey(ctx.template, k);
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KMSKeyId)', reason: key.reason ?? why(k) } });
        continue;
      }
      if (key.kind === 'absent') {
        ctx.report({ messageId: 'sseS3', at: k, ...fixes(ctx, resource, writePath(ctx, k)) });
        continue;
      }
      if (key.kind === 'aws-managed') {
        ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, resource, writePath(ctx, k)) });
        continue;
      }
      if (!key.key) continue; // a literal ARN or alias: its policy is not in this template
      const allowed = allowsCloudTrail(ctx, key.key);
      if (allowed === undefined) {
        ctx.report({ messageId: 'policyUnverifiable', at: k, data: { key: key.key.logicalId, reason: 'the policy, or a statement in it, is decided at deploy time or is not valid JSON' } });
      } else if (!allowed) {
        const grant = grantFix(key.key);
        ctx.report({
          messageId: 'keyPolicyMissingCloudTrail',
          at: k,
          data: { key: key.key.logicalId },
          related: [{ path: [...key.key.path, 'Properties', 'KeyPolicy'], message: `Key policy of ${key.key.logicalId}` }],
          suggestions: grant ? [grant] : [],
        });
      }
    }
  },
});

function allowsCloudTrail(ctx: RuleContext, key: Resource): boolean | undefined {
  return keyPolicyAllows(ctx, key, CLOUDTRAIL_RE, (a) => actionCovers(a, 'kms:GenerateDataKey'));
}

/** Append a CloudTrail statement to a literal key policy: it widens another resource's policy, so it is a suggestion. */
function grantFix(key: Resource): Fix | undefined {
  const policy = key.properties.KeyPolicy;
  if (!isObject(policy) || !Array.isArray(policy.Statement)) return undefined;
  return {
    title: `Allow CloudTrail to use ${key.logicalId} in its key policy`,
    kind: 'suggest',
    ops: [{ op: 'set', path: [...key.path, 'Properties', 'KeyPolicy', 'Statement', policy.Statement.length], value: serviceStatement(CLOUDTRAIL_STATEMENT) }],
  };
}

function fixes(ctx: RuleContext, resource: Resource, path: readonly (string | number)[]) {
  return keyFixes(ctx.template, resource, {
    title: 'Encrypt log files with customer managed KMS key {{key}}',
    ops: (keyId) => [{ op: 'set', path, value: keyArn(keyId) }],
    keyFilter: (k) => allowsCloudTrail(ctx, k) === true,
    servicePrincipal: CLOUDTRAIL_STATEMENT,
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on, usable by CloudTrail) and use it',
  });
}
