/**
 * Helpers for flags nested one level down in a property mapping (OpenSearch
 * `EncryptionAtRestOptions.Enabled`, `DomainEndpointOptions.EnforceHTTPS`, CloudFront behaviours):
 * util/encryption's checkFlagAndKey and encryptionFixes take a top-level property name only.
 */
import type { RuleContext } from '../rule';
import type { FixOp, Json, JsonObject } from '../../types';
import type { Outcome } from '../../template/resolve';
import { intrinsicKey } from '../../template/resolve';
import { isObject } from '../../template/model';
import { pathStartsWith } from '../../path';
import { setValueOp } from './encryption';

/** A mapping written as such (not an intrinsic): its keys can be edited in place. */
export function isPlainMap(v: Json | undefined): v is JsonObject {
  return isObject(v) && intrinsicKey(v) === undefined;
}

/**
 * Ops that make the mapping `parent` (an outcome of a property) contain `values`: keys are added to
 * the mapping where it is written (an Fn::If branch, the property itself); an absent mapping, or one
 * removed with AWS::NoValue in a branch, is written whole. Undefined when the mapping is decided at
 * deploy time or is not a mapping.
 */
export function setUnder(ctx: RuleContext, parent: Outcome, values: JsonObject): FixOp[] | undefined {
  if (!parent.known) return undefined;
  const base = pathStartsWith(parent.origin, ctx.resource.path) ? parent.origin : parent.logical;
  if (parent.value === undefined || parent.value === null) return [{ op: 'set', path: base, value: values }];
  if (!isPlainMap(parent.value)) return undefined;
  return Object.entries(values).map(([k, v]) => ({ op: 'set', path: [...base, k], value: v }));
}

/**
 * Ops that make the nested value `flag` (an outcome of `parent`.key, read under some conditions)
 * become `value`: where it is written, change it there (setValueOp: a parameter Default, an Fn::If
 * branch); where it is absent, add it to its mapping under the same conditions. `extra` keys are
 * added to the same mapping when the key is absent.
 */
export function setNestedOps(ctx: RuleContext, flag: Outcome, parent: (string | number)[], key: string, value: Json, extra: JsonObject = {}): FixOp[] | undefined {
  const ops: FixOp[] = [];
  if (flag.value !== undefined && flag.value !== null) {
    ops.push(setValueOp(ctx, flag, value));
    if (Object.keys(extra).length === 0) return ops;
  }
  const seen = new Set<string>();
  for (const p of ctx.propWhen(flag, ...parent)) {
    const values: JsonObject = ops.length > 0 ? { ...extra } : { [key]: value, ...extra };
    const more = setUnder(ctx, p, values);
    if (!more) return undefined;
    for (const op of more) {
      const k = JSON.stringify(op.op === 'addResource' ? op.logicalId : op.path);
      if (!seen.has(k)) {
        seen.add(k);
        ops.push(op);
      }
    }
  }
  return ops.length > 0 ? ops : undefined;
}

/** Words for a flag that is not true: `EncryptionAtRestOptions.Enabled: false`, or removed under a condition. */
export function howOff(flag: Outcome, name: string): string {
  if (flag.noValue) return `${name} is removed under a condition`;
  if (flag.value === undefined || flag.value === null) return `${name} is not set`;
  return `${name}: ${JSON.stringify(flag.value)}`;
}
