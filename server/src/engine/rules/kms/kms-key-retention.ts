/**
 * A KMS key that encrypts data of the template is kept when the stack (or the key's logical id)
 * goes away. Catalog HEAR-KMS-02: "key not scheduled for deletion" is runtime state; its template
 * proxy is DeletionPolicy/UpdateReplacePolicy Retain on keys used by PHI stores (Config
 * kms-cmk-not-scheduled-for-deletion; the Guard file is an empty placeholder). Deleting a stack
 * schedules the key for deletion, after which every backup, snapshot and replica encrypted with it
 * is unreadable. Hardening: the data is still encrypted, but its availability is at risk.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Report } from '../rule';
import type { FixOp, Json } from '../../types';
import { keyUses } from '../util/key-usage';

function policyText(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export default defineRule({
  meta: {
    id: 'kms-key-retention',
    title: 'KMS keys that encrypt data are retained when the stack is deleted',
    description:
      'When a stack is deleted, or an update replaces a key, CloudFormation schedules the KMS key for deletion (after PendingWindowInDays, 7 to 30 days). After that, every backup, snapshot, replica and log encrypted with it can no longer be decrypted. A key that encrypts resources of the template should have DeletionPolicy and UpdateReplacePolicy Retain, and keep the longest pending window (30 days).',
    resourceTypes: ['AWS::KMS::Key'],
    fix: 'safe',
    peers: { config: ['kms-cmk-not-scheduled-for-deletion'] },
    messages: {
      notRetained: {
        text: 'KMS key {{id}} encrypts {{users}} but has {{what}}: deleting the stack (or replacing the key) schedules it for deletion, and data encrypted with it, including backups, becomes unreadable. Set DeletionPolicy and UpdateReplacePolicy to Retain.',
        level: 'hardening',
      },
      shortWindow: {
        text: 'KMS key {{id}} encrypts {{users}} but sets PendingWindowInDays: {{days}}: a deletion scheduled by mistake can be cancelled for only {{days}} days. Use 30 (the default and the maximum).',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const uses = keyUses(ctx.template).get(resource.logicalId) ?? [];
    if (uses.length === 0) return;
    const users = uses.map((u) => u.user.logicalId);
    const usersText = users.length <= 3 ? users.join(', ') : `${users.slice(0, 3).join(', ')} and ${users.length - 3} more`;
    const related = uses.slice(0, 5).map((u) => ({ path: u.path, message: `${u.user.logicalId} is encrypted with this key.` }));

    const missing: string[] = [];
    const ops: FixOp[] = [];
    for (const attr of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
      const raw = attr === 'DeletionPolicy' ? resource.deletionPolicy : resource.updateReplacePolicy;
      const value = policyText(raw);
      if (raw !== undefined && value === undefined) {
        ctx.report({ messageId: 'unverifiable', at: [...resource.path, attr], data: { what: attr, reason: 'it is decided at deploy time' } });
        continue;
      }
      if (value === 'Retain' || value === 'RetainExceptOnCreate') continue;
      missing.push(value === undefined ? `no ${attr} (default Delete)` : `${attr}: ${value}`);
      ops.push({ op: 'set', path: [...resource.path, attr], value: 'Retain' });
    }
    if (missing.length > 0) {
      const report: Report = {
        messageId: 'notRetained',
        at: [...resource.path, missing[0].includes('UpdateReplacePolicy') ? 'UpdateReplacePolicy' : 'DeletionPolicy'],
        data: { users: usersText, what: missing.join(' and ') },
        fix: { title: 'Retain the key when the stack is deleted or the key replaced (DeletionPolicy and UpdateReplacePolicy: Retain)', kind: 'safe', ops },
        related,
      };
      ctx.report(report);
    }

    for (const o of ctx.prop('PendingWindowInDays')) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'the deletion waiting period (PendingWindowInDays)', reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (o.value === undefined || o.value === null) continue;
      const days = Number(o.value);
      if (Number.isFinite(days) && days < 30) {
        const op: FixOp = o.origin[0] === 'Resources' ? { op: 'set', path: o.origin, value: 30 } : { op: 'set', path: o.logical, value: 30 };
        ctx.report({ messageId: 'shortWindow', at: o, data: { users: usersText, days }, fix: { title: 'Wait 30 days before deleting the key (PendingWindowInDays: 30)', kind: 'safe', ops: [op] }, related });
      }
    }
  },
});
