/**
 * S3 buckets encrypt objects by default with a customer managed KMS key.
 * Catalog HEAR-S3-01 / HEAR-S3-02 (Config s3-bucket-server-side-encryption-enabled and
 * s3-default-encryption-kms, cdk-nag S3DefaultEncryptionKMS, guard S3_DEFAULT_ENCRYPTION_KMS,
 * checkov CKV_AWS_19, cfn_nag W41).
 *
 * S3 encrypts every new object with SSE-S3 since January 2023, so a missing BucketEncryption or
 * AES256 is hardening; a condition that removes BucketEncryption is an explicit opt-out (error).
 * Unlike cdk-nag, aws:kms:dsse counts as KMS; unlike guard, AES256 does not pass a KMS check.
 * A bucket that receives S3 server access logs or load balancer access logs must use SSE-S3 (those
 * deliveries do not support SSE-KMS, S3 User Guide and ELB guide): SSE-S3 passes there.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, FixOp, JsonObject } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { setValueOp } from '../util/encryption';
import type { Template } from '../../template/model';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

export default defineRule({
  meta: {
    id: 's3-bucket-encryption',
    title: 'S3 buckets encrypt objects with a customer managed KMS key',
    description:
      'Objects in a bucket that stores PHI must be encrypted at rest. S3 applies SSE-S3 (keys S3 manages) to new objects by default; HIPAA workloads should set default encryption to SSE-KMS (aws:kms or aws:kms:dsse) with a customer managed key, so that reading the data needs a key you control and every use of it is logged in CloudTrail. A template that removes BucketEncryption under a condition opts out explicitly.',
    resourceTypes: ['AWS::S3::Bucket'],
    fix: 'safe',
    peers: { cdkNag: ['HIPAA.Security-S3DefaultEncryptionKMS'], config: ['s3-bucket-server-side-encryption-enabled', 's3-default-encryption-kms'], guard: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'S3_DEFAULT_ENCRYPTION_KMS'], checkov: ['CKV_AWS_19'], cfnNag: ['W41'] },
    messages: {
      encryptionRemoved: {
        text: 'S3 bucket {{id}} removes its BucketEncryption under a condition: an explicit opt-out of the bucket\'s encryption settings.',
        level: 'violation',
      },
      noEncryption: {
        text: 'S3 bucket {{id}} sets no default encryption ({{how}}): S3 applies SSE-S3 with keys it manages, which you cannot audit or revoke. Use SSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      sseS3: {
        text: 'S3 bucket {{id}} encrypts with SSE-S3 (AES256), keys S3 manages that you cannot audit or revoke. Use SSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'S3 bucket {{id}} encrypts with SSE-KMS but {{key}} (aws/s3); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unknownAlgorithm: {
        text: 'S3 bucket {{id}} sets SSEAlgorithm {{algorithm}}, which is not an S3 encryption algorithm (AES256, aws:kms, aws:kms:dsse).',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    // Log delivery targets can only use SSE-S3: the S3 default (no BucketEncryption) or AES256 passes.
    const logTarget = logDeliveryTarget(ctx.template, resource.logicalId);
    for (const enc of ctx.prop('BucketEncryption')) {
      if (!enc.known) {
        ctx.report({ messageId: 'unverifiable', at: enc, data: { what: 'default encryption (BucketEncryption)', reason: enc.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (enc.value === undefined) {
        if (logTarget && !enc.noValue) continue;
        ctx.report({ messageId: enc.noValue ? 'encryptionRemoved' : 'noEncryption', at: enc, data: { how: 'no BucketEncryption' }, ...wholeConfigFix(ctx, enc) });
        continue;
      }
      for (const list of ctx.below(enc, 'ServerSideEncryptionConfiguration')) {
        if (!list.known) {
          ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'default encryption (ServerSideEncryptionConfiguration)', reason: list.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const items = Array.isArray(list.value) ? list.value : [];
        if (items.length === 0) {
          ctx.report({ messageId: 'noEncryption', at: list, data: { how: 'an empty ServerSideEncryptionConfiguration' }, ...wholeConfigFix(ctx, enc) });
          continue;
        }
        items.forEach((_, i) => {
          for (const alg of ctx.below(list, i, 'ServerSideEncryptionByDefault', 'SSEAlgorithm')) {
            if (logTarget && alg.known && alg.value === 'AES256') continue;
            checkAlgorithm(ctx, list, i, alg);
          }
        });
      }
    }
  },
});

const LOG_DELIVERY_PRINCIPALS = ['logging.s3.amazonaws.com', 'logdelivery.elasticloadbalancing.amazonaws.com'];

/**
 * Is the bucket a destination of S3 server access logs or load balancer access logs (which S3 and
 * ELB deliver only to SSE-S3 buckets)? Named by another bucket's LoggingConfiguration, a load
 * balancer's access-log attribute or policy, or granted to a log delivery principal by its policy.
 */
function logDeliveryTarget(template: Template, bucketId: string): boolean {
  for (const ref of template.referencesTo(bucketId)) {
    const names = ref.path.filter((p): p is string => typeof p === 'string');
    if (names.includes('LoggingConfiguration') && names.includes('DestinationBucketName')) return true;
    if (names.includes('AccessLoggingPolicy') && names.includes('S3BucketName')) return true;
    if (names.includes('LoadBalancerAttributes')) {
      const from = ref.from !== undefined ? template.resource(ref.from) : undefined;
      if (from?.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') return true;
    }
    if (names.includes('Bucket') && ref.from !== undefined) {
      const policy = template.resource(ref.from);
      if (policy?.type === 'AWS::S3::BucketPolicy') {
        const doc = JSON.stringify(policy.properties.PolicyDocument ?? '');
        if (LOG_DELIVERY_PRINCIPALS.some((p) => doc.includes(p))) return true;
      }
    }
  }
  return false;
}

function checkAlgorithm(ctx: RuleContext, list: Outcome, i: number, alg: Outcome): void {
  const byDefault = [...list.logical, i, 'ServerSideEncryptionByDefault'];
  if (!alg.known) {
    ctx.report({ messageId: 'unverifiable', at: alg, data: { what: 'the encryption algorithm (SSEAlgorithm)', reason: alg.reason ?? 'it is decided at deploy time' } });
    return;
  }
  if (alg.value === undefined) {
    ctx.report({ messageId: 'noEncryption', at: alg, data: { how: 'a rule without SSEAlgorithm' }, ...useKms(ctx, alg, byDefault) });
    return;
  }
  const name = String(alg.value);
  if (name === 'AES256') {
    ctx.report({ messageId: 'sseS3', at: alg, ...useKms(ctx, alg, byDefault) });
    return;
  }
  if (!KMS_ALGORITHMS.has(name)) {
    ctx.report({ messageId: 'unknownAlgorithm', at: alg, data: { algorithm: name }, ...useKms(ctx, alg, byDefault) });
    return;
  }
  for (const k of ctx.below({ ...list, conditions: alg.conditions }, i, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID')) {
    const key = classifyKey(ctx.template, k);
    if (key.kind === 'customer') continue;
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KMSMasterKeyID)', reason: key.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    const label = key.kind === 'absent' ? 'the AWS managed key' : `the AWS managed key ${key.label}`;
    ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: label }, ...keyOnly(ctx, byDefault) });
  }
}

/** SSE-KMS with a customer managed key and S3 Bucket Keys (fewer KMS calls, lower cost). */
function kmsRule(keyId: string): JsonObject {
  return { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(keyId) }, BucketKeyEnabled: true };
}

function wholeConfigFix(ctx: RuleContext, enc: Outcome): { fix?: Fix; suggestions: Fix[] } {
  const inResource = enc.origin.length > 3 && enc.origin[0] === 'Resources';
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt objects with SSE-KMS and customer managed key {{key}}',
    ops: (keyId): FixOp[] => [
      { op: 'set', path: inResource ? enc.origin : ctx.propPath('BucketEncryption'), value: { ServerSideEncryptionConfiguration: [kmsRule(keyId)] } },
    ],
  });
}

/** Keep the algorithm (aws:kms or aws:kms:dsse); name a customer managed key. */
function keyOnly(ctx: RuleContext, byDefault: (string | number)[]): { fix?: Fix; suggestions: Fix[] } {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Use customer managed KMS key {{key}}',
    ops: (keyId): FixOp[] => [{ op: 'set', path: [...byDefault, 'KMSMasterKeyID'], value: keyArn(keyId) }],
  });
}

function useKms(ctx: RuleContext, alg: Outcome | undefined, byDefault: (string | number)[]): { fix?: Fix; suggestions: Fix[] } {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt objects with SSE-KMS and customer managed key {{key}}',
    ops: (keyId): FixOp[] =>
      alg && alg.value !== undefined
        ? [setValueOp(ctx, alg, 'aws:kms'), { op: 'set', path: [...byDefault, 'KMSMasterKeyID'], value: keyArn(keyId) }]
        : [{ op: 'merge', path: byDefault, value: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn(keyId) } }],
  });
}
