/**
 * WorkSpaces encrypt their root and user volumes, with a customer managed KMS key.
 * Catalog HEAR-WS-01 (checkov CKV_AWS_155 user volume, CKV_AWS_156 root volume; cfn_nag F29).
 * Both volume encryption flags default to false, so an absent or false flag is a violation. The
 * encryption settings cannot be updated on an existing WorkSpace: every fix is a suggestion.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { encryptionFixes } from '../util/encryption';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

const FLAGS = [
  { flag: 'RootVolumeEncryptionEnabled', volume: 'root' },
  { flag: 'UserVolumeEncryptionEnabled', volume: 'user' },
];
const REPLACES = 'not applied to an existing WorkSpace: CloudFormation cannot update encryption, the WorkSpace must be re-created';

export default defineRule({
  meta: {
    id: 'workspaces-volume-encryption',
    title: 'WorkSpaces encrypt their root and user volumes with a customer managed KMS key',
    description:
      'A WorkSpace used to view or process PHI keeps it on its volumes: downloads, caches, documents in the user profile. RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled must both be true (they default to false), and VolumeEncryptionKey should name a customer managed KMS key rather than the AWS managed key aws/workspaces. Encryption can only be chosen when the WorkSpace is created.',
    resourceTypes: ['AWS::WorkSpaces::Workspace'],
    fix: 'suggest',
    messages: {
      notEncrypted: {
        text: 'WorkSpace {{id}} does not set {{flag}}: true: its {{volume}} volume is stored unencrypted.',
        level: 'violation',
      },
      disabled: { text: 'WorkSpace {{id}} turns encryption of its {{volume}} volume off ({{how}}).', level: 'violation' },
      defaultKey: {
        text: 'WorkSpace {{id}} encrypts its volumes without a VolumeEncryptionKey: WorkSpaces uses the AWS managed key aws/workspaces. Name a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'WorkSpace {{id}} encrypts its volumes with the AWS managed key {{key}}; use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_155', 'CKV_AWS_156'], cfnNag: ['F29'] },
  },

  check(_resource, ctx) {
    const encrypted: Outcome[] = [];
    for (const { flag: name, volume } of FLAGS) {
      for (const flag of ctx.prop(name)) {
        if (!flag.known) {
          ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `encryption of the ${volume} volume (${name})`, reason: flag.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (isTrue(flag.value)) {
          encrypted.push(flag);
          continue;
        }
        const absent = flag.value === undefined || flag.value === null;
        if (!absent && !isFalse(flag.value)) {
          ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `encryption of the ${volume} volume (${name})`, reason: `${JSON.stringify(flag.value)} is not a boolean` } });
          continue;
        }
        const how = flag.noValue ? `${name} is removed under a condition` : `${name}: false`;
        const fixes = encryptionFixes(ctx, { flag: name, keyProp: 'VolumeEncryptionKey', replaces: true, replacesNote: REPLACES }, flag);
        ctx.report({ messageId: absent && !flag.noValue ? 'notEncrypted' : 'disabled', at: flag, data: { flag: name, volume, how }, ...fixes });
      }
    }
    // One key serves both volumes: judge it once per way it can turn out.
    const seen = new Set<string>();
    for (const flag of encrypted) {
      for (const k of ctx.propWhen(flag, 'VolumeEncryptionKey')) {
        const sig = JSON.stringify([k.origin, k.conditions]);
        if (seen.has(sig)) continue;
        seen.add(sig);
        judgeKey(ctx, k);
      }
    }
  },
});

function judgeKey(ctx: RuleContext, k: Outcome): void {
  const key = classifyKey(ctx.template, k);
  if (key.kind === 'customer') return;
  if (key.kind === 'unknown') {
    ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (VolumeEncryptionKey)', reason: key.reason ?? 'it is decided at deploy time' } });
    return;
  }
  const fixes = keyFixes(ctx.template, ctx.resource, {
    title: `Use customer managed KMS key {{key}} (${REPLACES})`,
    replaces: true,
    ops: (keyId) => [{ op: 'set', path: ctx.propPath('VolumeEncryptionKey'), value: keyArn(keyId) }],
  });
  ctx.report({ messageId: key.kind === 'absent' ? 'defaultKey' : 'awsManagedKey', at: k, data: { key: key.label }, ...fixes });
}
