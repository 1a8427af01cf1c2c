/**
 * ECS task definitions encrypt traffic to their EFS volumes (TransitEncryption: ENABLED).
 * Catalog HTRN-ECS-01 (checkov CKV_AWS_97). TransitEncryption defaults to DISABLED, so an absent
 * value sends file data to EFS in plaintext: a violation.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp } from '../../types';
import { setValueOp } from '../util/encryption';
import { pathStartsWith } from '../../path';

export default defineRule({
  meta: {
    id: 'ecs-efs-transit-encryption',
    title: 'ECS task definitions encrypt traffic to their EFS volumes in transit',
    description:
      'An EFS volume mounted into an ECS task carries PHI between the container host and the file system over NFS. Each Volumes entry with EFSVolumeConfiguration must set TransitEncryption: ENABLED; the default is DISABLED, which sends file data unencrypted over the network.',
    resourceTypes: ['AWS::ECS::TaskDefinition'],
    fix: 'safe',
    messages: {
      notEnabled: {
        text: 'EFS volume {{volume}} of task definition {{id}} does not set TransitEncryption: ENABLED: the default is DISABLED, so file data travels to EFS unencrypted.',
        level: 'violation',
      },
      disabled: {
        text: 'EFS volume {{volume}} of task definition {{id}} turns encryption in transit off ({{how}}): file data travels to EFS unencrypted.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_97'] },
  },

  check(_resource, ctx) {
    for (const list of ctx.prop('Volumes')) {
      if (!list.known) {
        ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the volumes (Volumes)', reason: list.reason ?? 'they are decided at deploy time' } });
        continue;
      }
      if (!Array.isArray(list.value)) continue;
      for (let i = 0; i < list.value.length; i++) {
        for (const vol of ctx.propWhen(list, 'Volumes', i)) {
          if (!vol.known) {
            ctx.report({ messageId: 'unverifiable', at: vol, data: { what: `volume #${i + 1}`, reason: vol.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (!isObject(vol.value)) continue;
          const names = ctx.below(vol, 'Name');
          const volume = names.length === 1 && typeof names[0].value === 'string' ? names[0].value : `#${i + 1}`;
          for (const efs of ctx.below(vol, 'EFSVolumeConfiguration')) {
            if (!efs.known) {
              ctx.report({ messageId: 'unverifiable', at: efs, data: { what: `the EFS settings of volume ${volume}`, reason: efs.reason ?? 'they are decided at deploy time' } });
              continue;
            }
            if (!isObject(efs.value)) continue;
            for (const t of ctx.propWhen(efs, 'Volumes', i, 'EFSVolumeConfiguration', 'TransitEncryption')) judge(ctx, t, volume);
          }
        }
      }
    }
  },
});

function judge(ctx: RuleContext, t: Outcome, volume: string): void {
  if (!t.known) {
    ctx.report({ messageId: 'unverifiable', at: t, data: { what: `encryption in transit of EFS volume ${volume} (TransitEncryption)`, reason: t.reason ?? 'it is decided at deploy time' } });
    return;
  }
  const v = typeof t.value === 'string' ? t.value.toUpperCase() : t.value;
  if (v === 'ENABLED') return;
  const absent = t.value === undefined || t.value === null;
  if (!absent && v !== 'DISABLED') {
    ctx.report({ messageId: 'unverifiable', at: t, data: { what: `encryption in transit of EFS volume ${volume} (TransitEncryption)`, reason: `${JSON.stringify(t.value)} is neither ENABLED nor DISABLED` } });
    return;
  }
  const own = pathStartsWith(t.origin, ctx.resource.path) ? t.origin : t.logical;
  const op: FixOp = absent && !t.noValue ? { op: 'set', path: own, value: 'ENABLED' } : setValueOp(ctx, t, 'ENABLED');
  // Task definitions are immutable: any change registers a new revision, which services then roll out.
  const fix: Fix = { title: 'Encrypt EFS traffic (TransitEncryption: ENABLED; registers a new task definition revision)', kind: 'safe', ops: [op] };
  const how = t.noValue ? 'TransitEncryption is removed under a condition' : `TransitEncryption: ${String(t.value)}`;
  ctx.report({ messageId: absent && !t.noValue ? 'notEnabled' : 'disabled', at: t, data: { volume, how }, fix });
}
