/**
 * EBS volumes that instances, launch templates, launch configurations and spot fleets create from
 * their block device mappings are encrypted, with a customer managed KMS key where one can be named.
 * Catalog HEAR-EBS-02 (checkov CKV_AWS_8, which checks launch configurations only).
 * Like ebs-volume-encryption, a mapping without Encrypted: true is a violation: the volume is
 * plaintext unless the AMI snapshot behind it is encrypted or the account has EBS encryption by
 * default switched on, neither of which the template shows. A mapping restored from a snapshot
 * without Encrypted: true takes the snapshot's encryption, which is unverifiable here.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Path } from '../../types';
import { isSet, setValueOp } from '../util/encryption';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { pathStartsWith } from '../../path';

interface Kind {
  /** Words for the resource in messages and fix titles. */
  noun: string;
  /** The block device mapping's Ebs takes a KmsKeyId. */
  hasKey: boolean;
  /** Changing a mapping replaces the resource: what the fix titles say. */
  replaces?: string;
  /** A new key may need a grant for a service-linked role (Auto Scaling, Spot Fleet). */
  keyNote?: string;
}

const KINDS: Record<string, Kind> = {
  'AWS::EC2::Instance': { noun: 'instance', hasKey: true, replaces: 'replaces the instance' },
  'AWS::EC2::LaunchTemplate': {
    noun: 'launch template',
    hasKey: true,
    keyNote: 'if an Auto Scaling group launches from this template, grant its service-linked role use of the key',
  },
  'AWS::AutoScaling::LaunchConfiguration': { noun: 'launch configuration', hasKey: false, replaces: 'replaces the launch configuration' },
  'AWS::EC2::SpotFleet': { noun: 'spot fleet', hasKey: false, replaces: 'replaces the spot fleet request' },
};

export default defineRule({
  meta: {
    id: 'ec2-block-device-encryption',
    title: 'EBS volumes in block device mappings of instances, launch templates and launch configurations are encrypted',
    description:
      'Every EBS volume an instance is launched with can hold PHI. Each BlockDeviceMappings entry with Ebs (of an EC2 instance, a launch template, an Auto Scaling launch configuration or a spot fleet) must set Encrypted: true: the account-level "EBS encryption by default" switch is not visible in a template and can be turned off. Where the mapping can name a key (instances and launch templates), it should name a customer managed KMS key (KmsKeyId) rather than the account default key (aws/ebs unless changed). Instance store (VirtualName) and NoDevice entries are skipped.',
    resourceTypes: Object.keys(KINDS),
    fix: 'safe',
    messages: {
      notEncrypted: {
        text: 'Block device {{device}} of {{noun}} {{id}} does not set Ebs.Encrypted: true: its volume is unencrypted unless the AMI snapshot behind it is encrypted or the account has EBS encryption by default switched on, which the template cannot show.',
        level: 'violation',
      },
      disabled: {
        text: 'Block device {{device}} of {{noun}} {{id}} turns encryption off ({{how}}): its volume is unencrypted unless the account has EBS encryption by default switched on.',
        level: 'violation',
      },
      fromSnapshot: {
        text: 'Block device {{device}} of {{noun}} {{id}} is created from snapshot {{snapshot}} without Encrypted: true: its volume is encrypted only if that snapshot is (or the account encrypts by default). Set Encrypted: true to be sure.',
        level: 'unverifiable',
      },
      awsManagedKey: {
        text: 'Block device {{device}} of {{noun}} {{id}} is encrypted with the AWS managed key {{key}}; use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      defaultKey: {
        text: "Block device {{device}} of {{noun}} {{id}} is encrypted without a KmsKeyId: it uses the account's default EBS key (aws/ebs unless changed), which the template cannot show. Name a customer managed KMS key.",
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_8'] },
  },

  check(resource, ctx) {
    const kind = KINDS[resource.type];
    if (!kind) return;
    const lists: Path[] =
      resource.type === 'AWS::EC2::LaunchTemplate'
        ? [['LaunchTemplateData', 'BlockDeviceMappings']]
        : resource.type === 'AWS::EC2::SpotFleet'
          ? specLists(ctx)
          : [['BlockDeviceMappings']];
    for (const listPath of lists) {
      for (const list of ctx.prop(...listPath)) {
        if (!list.known) {
          ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the block device mappings', reason: list.reason ?? 'they are decided at deploy time' } });
          continue;
        }
        if (!Array.isArray(list.value)) continue;
        for (let i = 0; i < list.value.length; i++) {
          for (const m of ctx.propWhen(list, ...listPath, i)) checkMapping(ctx, kind, [...listPath, i], m, i);
        }
      }
    }
  },
});

/** SpotFleetRequestConfigData.LaunchSpecifications[*].BlockDeviceMappings. */
function specLists(ctx: RuleContext): Path[] {
  const out: Path[] = [];
  for (const specs of ctx.prop('SpotFleetRequestConfigData', 'LaunchSpecifications')) {
    if (!specs.known || !Array.isArray(specs.value)) continue;
    for (let i = 0; i < specs.value.length; i++) out.push(['SpotFleetRequestConfigData', 'LaunchSpecifications', i, 'BlockDeviceMappings']);
  }
  return [...new Map(out.map((p) => [JSON.stringify(p), p])).values()];
}

function checkMapping(ctx: RuleContext, kind: Kind, rel: Path, m: Outcome, index: number): void {
  if (!m.known) {
    ctx.report({ messageId: 'unverifiable', at: m, data: { what: `block device mapping #${index + 1}`, reason: m.reason ?? 'it is decided at deploy time' } });
    return;
  }
  if (!isObject(m.value)) return;
  // Instance store volumes and suppressed devices have no EBS volume.
  if (ctx.below(m, 'VirtualName').some((v) => !v.known || (typeof v.value === 'string' && v.value !== ''))) return;
  if (ctx.below(m, 'NoDevice').some((v) => v.value !== undefined && v.value !== null && !isFalse(v.value))) return;
  const names = ctx.below(m, 'DeviceName');
  const device = names.length === 1 && typeof names[0].value === 'string' ? names[0].value : `#${index + 1}`;
  const data = { device, noun: kind.noun };
  for (const ebs of ctx.below(m, 'Ebs')) {
    if (!ebs.known) {
      ctx.report({ messageId: 'unverifiable', at: ebs, data: { what: `the EBS settings of block device ${device}`, reason: ebs.reason ?? 'they are decided at deploy time' } });
      continue;
    }
    if (!isObject(ebs.value)) continue;
    for (const flag of ctx.propWhen(ebs, ...rel, 'Ebs', 'Encrypted')) {
      if (!flag.known) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `encryption of block device ${device} (Encrypted)`, reason: flag.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(flag.value)) {
        if (kind.hasKey) checkKey(ctx, kind, rel, flag, data);
        continue;
      }
      const absent = flag.value === undefined || flag.value === null;
      if (!absent && !isFalse(flag.value)) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `encryption of block device ${device} (Encrypted)`, reason: `${JSON.stringify(flag.value)} is not a boolean` } });
        continue;
      }
      const snap = ctx.propWhen(flag, ...rel, 'Ebs', 'SnapshotId').find(isSet);
      const fixes = flagFixes(ctx, kind, rel, flag, !!snap);
      if (snap) {
        const snapshot = typeof snap.value === 'string' ? snap.value : `decided at deploy time (${snap.reason ?? 'unknown'})`;
        ctx.report({ messageId: 'fromSnapshot', at: flag, data: { ...data, snapshot }, ...fixes });
        continue;
      }
      const how = flag.noValue ? 'Encrypted is removed under a condition' : 'Encrypted: false';
      ctx.report({ messageId: absent && !flag.noValue ? 'notEncrypted' : 'disabled', at: flag, data: { ...data, how }, ...fixes });
    }
  }
}

/** The op that writes Encrypted: true where the flag is decided (or adds it to the mapping's Ebs). */
function flagOp(ctx: RuleContext, flag: Outcome): FixOp {
  if (flag.value === undefined && !flag.noValue) return { op: 'set', path: pathStartsWith(flag.origin, ctx.resource.path) ? flag.origin : flag.logical, value: true };
  return setValueOp(ctx, flag, true);
}

/** Where KmsKeyId goes: next to the Encrypted flag in the mapping's Ebs. */
function keyPath(ctx: RuleContext, rel: Path, flag: Outcome): Path {
  const own = flag.origin[flag.origin.length - 1] === 'Encrypted' && pathStartsWith(flag.origin, ctx.resource.path);
  return own ? [...flag.origin.slice(0, -1), 'KmsKeyId'] : ctx.propPath(...rel, 'Ebs', 'KmsKeyId');
}

function flagFixes(ctx: RuleContext, kind: Kind, rel: Path, flag: Outcome, fromSnapshot: boolean): { fix?: Fix; suggestions: Fix[] } {
  const note = kind.replaces ?? 'a new launch template version';
  // A launch template change is a new version, not a replacement; a snapshot-based volume is
  // better judged by a person (the snapshot's owner and key decide what happens).
  const suggest = !!kind.replaces || fromSnapshot;
  const hasCustomerKey = kind.hasKey && ctx.propWhen(flag, ...rel, 'Ebs', 'KmsKeyId').every((k) => classifyKey(ctx.template, k).kind === 'customer');
  if (!kind.hasKey || hasCustomerKey) {
    const fix: Fix = { title: `Encrypt the volume (Encrypted: true; ${note})`, kind: suggest ? 'suggest' : 'safe', ops: [flagOp(ctx, flag)] };
    return suggest ? { suggestions: [fix] } : { fix, suggestions: [] };
  }
  const notes = [note, kind.keyNote].filter(Boolean).join('; ');
  return keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt the volume with customer managed KMS key {{key}} (${notes})`,
    replaces: suggest,
    ops: (keyId) => [flagOp(ctx, flag), { op: 'set', path: keyPath(ctx, rel, flag), value: keyArn(keyId) }],
  });
}

function checkKey(ctx: RuleContext, kind: Kind, rel: Path, flag: Outcome, data: Record<string, string>): void {
  for (const k of ctx.propWhen(flag, ...rel, 'Ebs', 'KmsKeyId')) {
    const key = classifyKey(ctx.template, k);
    if (key.kind === 'customer') continue;
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: `the KMS key of block device ${data.device} (KmsKeyId)`, reason: key.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    const notes = [kind.replaces, kind.keyNote].filter(Boolean).join('; ');
    const fixes = keyFixes(ctx.template, ctx.resource, {
      title: `Use customer managed KMS key {{key}}${notes ? ` (${notes})` : ''}`,
      replaces: !!kind.replaces,
      ops: (keyId) => [{ op: 'set', path: keyPath(ctx, rel, flag), value: keyArn(keyId) }],
    });
    ctx.report({ messageId: key.kind === 'absent' ? 'defaultKey' : 'awsManagedKey', at: k, data: { ...data, key: key.label }, ...fixes });
  }
}
