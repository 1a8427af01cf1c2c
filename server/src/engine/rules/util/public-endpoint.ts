/**
 * Shared pieces of the public-exposure rules (RDS, Redshift, DMS, SageMaker, EKS, MQ, MSK, Transfer):
 * reading a yes/no property whose absence means the service default, and the op that writes the
 * value where it is decided (a parameter Default, an Fn::If branch, the property itself, or a
 * nested mapping).
 */
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json } from '../../types';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { setValueOp } from './encryption';
import { setNestedOps } from './opensearch';

export type FlagState = 'unknown' | 'absent' | 'true' | 'false' | 'invalid';

/** What a boolean property turned out to be in one outcome. */
export function flagState(o: Outcome): FlagState {
  if (!o.known) return 'unknown';
  if (o.value === undefined || o.value === null) return 'absent';
  if (isTrue(o.value)) return 'true';
  if (isFalse(o.value)) return 'false';
  return 'invalid';
}

/** Report an outcome whose value is decided at deploy time (or is not a value the rule understands). */
export function reportUnverifiable(ctx: RuleContext, o: Outcome, what: string): void {
  const reason = !o.known ? (o.reason ?? 'it is decided at deploy time') : `${JSON.stringify(o.value)} is not a value this rule understands`;
  ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason } });
}

/** Words for how a value was written: `PubliclyAccessible: true`, not set, removed under a condition. */
export function how(o: Outcome, name: string): string {
  if (o.noValue) return `${name} is removed under a condition`;
  if (o.value === undefined || o.value === null) return `${name} is not set`;
  return `${name}: ${JSON.stringify(o.value)}`;
}

/**
 * Ops that make the property at `rel` (below Properties; one or two segments) become `value` in the
 * outcome `o`: written values are changed where they are decided; an absent value is added (to its
 * mapping, for a nested key). Undefined when there is no sensible place to write it.
 */
export function flagOps(ctx: RuleContext, o: Outcome, rel: string[], value: Json, extra: Record<string, Json> = {}): FixOp[] | undefined {
  if (rel.length === 1) {
    const ops: FixOp[] = [];
    if (o.value === undefined && !o.noValue) ops.push({ op: 'set', path: ctx.propPath(rel[0]), value });
    else ops.push(setValueOp(ctx, o, value));
    for (const [k, v] of Object.entries(extra)) ops.push({ op: 'set', path: ctx.propPath(k), value: v });
    return ops;
  }
  return setNestedOps(ctx, o, rel.slice(0, -1), rel[rel.length - 1], value, extra as never);
}

/** A fix (safe) or a suggestion built from flagOps, as report fields. */
export function flagFix(ctx: RuleContext, o: Outcome, rel: string[], value: Json, title: string, kind: 'safe' | 'suggest', extra: Record<string, Json> = {}): { fix?: Fix; suggestions?: Fix[] } {
  const ops = flagOps(ctx, o, rel, value, extra);
  if (!ops) return {};
  const fix: Fix = { title, kind, ops };
  return kind === 'safe' ? { fix } : { suggestions: [fix] };
}
