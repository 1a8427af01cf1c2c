/**
 * Symmetric customer managed KMS keys rotate their key material.
 * Catalog HEAR-KMS-01 (Guard CMK_BACKING_KEY_ROTATION_ENABLED, checkov CKV_AWS_7, cfn_nag F19; cdk-nag
 * KMSBackingKeyRotationEnabled only in non-HIPAA packs). CloudFormation creates keys with rotation
 * off. A key that encrypts a resource of the template is a violation without rotation; a key the
 * template does not visibly use is hardening (what it protects is decided elsewhere).
 * Asymmetric, HMAC and imported-material (Origin EXTERNAL) keys cannot rotate automatically: skipped.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import { setValueOp } from '../util/encryption';
import { keyUses } from '../util/key-usage';

export default defineRule({
  meta: {
    id: 'kms-key-rotation',
    title: 'Customer managed KMS keys rotate their key material',
    description:
      'A KMS key that encrypts PHI should have automatic rotation on, so that new data is encrypted with fresh key material every year (or the RotationPeriodInDays you set) while older data stays readable. CloudFormation creates keys with rotation off. Only symmetric encryption keys with key material from KMS can rotate automatically; other keys are not checked.',
    resourceTypes: ['AWS::KMS::Key'],
    fix: 'safe',
    peers: {
      cdkNag: ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled'],
      config: ['cmk-backing-key-rotation-enabled'],
      guard: ['CMK_BACKING_KEY_ROTATION_ENABLED'],
      checkov: ['CKV_AWS_7'],
      cfnNag: ['F19'],
    },
    messages: {
      usedNoRotation: {
        text: 'KMS key {{id}} encrypts {{users}} but does not rotate its key material ({{how}}). Set EnableKeyRotation: true.',
        level: 'violation',
      },
      noRotation: {
        text: 'KMS key {{id}} does not rotate its key material ({{how}}). Set EnableKeyRotation: true.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    // Keys that cannot rotate automatically: asymmetric or HMAC specs, signing keys, imported material.
    for (const [prop, ok] of [
      ['KeySpec', 'SYMMETRIC_DEFAULT'],
      ['KeyUsage', 'ENCRYPT_DECRYPT'],
      ['Origin', 'AWS_KMS'],
    ] as const) {
      const values = ctx.prop(prop);
      if (values.some((o) => o.known && o.value !== undefined && o.value !== ok)) return;
    }
    const uses = keyUses(ctx.template).get(resource.logicalId) ?? [];
    const users = uses.map((u) => `${u.user.type.split('::').slice(1).join(' ')} ${u.user.logicalId}`);
    const usersText = users.length <= 3 ? users.join(', ') : `${users.slice(0, 3).join(', ')} and ${users.length - 3} more`;
    for (const o of ctx.prop('EnableKeyRotation')) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'key rotation (EnableKeyRotation)', reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(o.value)) continue;
      const absent = o.value === undefined || o.value === null;
      if (!absent && !isFalse(o.value)) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'key rotation (EnableKeyRotation)', reason: `${JSON.stringify(o.value)} is not a boolean` } });
        continue;
      }
      const how = absent ? (o.noValue ? 'EnableKeyRotation is removed under a condition' : 'EnableKeyRotation is not set, and CloudFormation defaults it to false') : 'EnableKeyRotation: false';
      const op = absent && !o.noValue ? { op: 'set' as const, path: ctx.propPath('EnableKeyRotation'), value: true } : setValueOp(ctx, o, true);
      const fix = { title: 'Turn on automatic key rotation (EnableKeyRotation: true)', kind: 'safe' as const, ops: [op] };
      ctx.report({
        messageId: uses.length > 0 ? 'usedNoRotation' : 'noRotation',
        at: o,
        data: { how, users: usersText },
        fix,
        related: uses.slice(0, 5).map((u) => ({ path: u.path, message: `${u.user.logicalId} is encrypted with this key.` })),
      });
    }
  },
});
