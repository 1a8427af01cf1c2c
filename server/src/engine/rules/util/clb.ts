/**
 * Classic Load Balancer (AWS::ElasticLoadBalancing::LoadBalancer) listeners as rules see them:
 * every way each Listeners entry can turn out, and its protocols.
 */
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Path } from '../../types';
import { isObject } from '../../template/model';
import { pathStartsWith } from '../../path';

export interface Listener {
  /** The Listeners entry (a mapping), under the conditions it assumed. */
  entry: Outcome;
  /** Its position in the Listeners list, for messages (1-based). */
  number: number;
}

/** Front-end / back-end protocols that carry TLS. */
export const SECURE = new Set(['HTTPS', 'SSL']);
export const PLAIN = new Set(['HTTP', 'TCP']);

/**
 * Every Listeners entry of the load balancer. A Listeners value or an entry known only at deploy
 * time is reported as unverifiable (`what` says what could not be checked); odd shapes are skipped.
 */
export function listeners(ctx: RuleContext, what: string): Listener[] {
  const out: Listener[] = [];
  for (const list of ctx.prop('Listeners')) {
    if (!list.known) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what, reason: list.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (!Array.isArray(list.value)) continue;
    for (let i = 0; i < list.value.length; i++) {
      for (const entry of ctx.below(list, i)) {
        if (!entry.known) {
          ctx.report({ messageId: 'unverifiable', at: entry, data: { what, reason: entry.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (!isObject(entry.value)) continue;
        out.push({ entry, number: i + 1 });
      }
    }
  }
  return out;
}

/** A protocol value, upper case, or undefined when it is not a string. */
export function protocolOf(o: Outcome): string | undefined {
  return typeof o.value === 'string' ? o.value.toUpperCase() : undefined;
}

/** Where a fix writes a key of a listener entry (the entry as written, inside this resource). */
export function entryPath(ctx: RuleContext, entry: Outcome, ...rel: (string | number)[]): Path {
  const base = pathStartsWith(entry.origin, ctx.resource.path) ? entry.origin : entry.logical;
  return [...base, ...rel];
}
