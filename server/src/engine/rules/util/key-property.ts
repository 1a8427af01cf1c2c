/**
 * Helpers for rules that judge a KMS key property nested in a resource (Kinesis StreamEncryption,
 * CloudTrail KMSKeyId, Secrets Manager KmsKeyId, Athena, Glue ...): where a fix should write the
 * key, and whether a key policy of the template lets an AWS service principal use the key.
 */
import type { RuleContext } from '../rule';
import type { Resource } from '../../template/model';
import { isObject } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import type { Json, Path } from '../../types';
import { pathStartsWith } from '../../path';
import { classifyKey, keyArn, keyFixes } from './kms';
import type { KeyInfo } from './kms';

/**
 * Where a fix should write a new value for outcome `o`, read as `parent`.`prop`: the text it came
 * from when that lies inside the resource (a Fn::If branch, the property itself), else the property
 * below its parent's own text (overriding a Ref to a parameter or a mapping), else its logical path.
 */
export function writePath(ctx: RuleContext, o: Outcome, parent?: Outcome, prop?: string | number): Path {
  if (pathStartsWith(o.origin, ctx.resource.path)) return o.origin;
  if (parent && prop !== undefined && pathStartsWith(parent.origin, ctx.resource.path) && parent.known && isObject(parent.value)) return [...parent.origin, prop];
  return o.logical;
}

/** A reason for an unknown outcome. */
export function why(o: Outcome): string {
  return o.reason ?? 'it is decided at deploy time';
}

/**
 * Does every way the key policy of `key` can turn out allow a service principal matching
 * `principal` an action matching `action`? true / false, or undefined when the policy (or a part
 * of it that matters) is only known at deploy time. A statement with Principal '*' counts as
 * allowing (its conditions may narrow it; we do not claim a failure we cannot see).
 */
export function keyPolicyAllows(ctx: RuleContext, key: Resource, principal: RegExp, action: (a: string) => boolean): boolean | undefined {
  const policies = ctx.resolver.at([...key.path, 'Properties', 'KeyPolicy']);
  for (const policy of policies) {
    if (!policy.known) return undefined;
    if (policy.value === undefined || policy.value === null) return false; // default policy: the account only
    let allows = false;
    let unknown = false;
    for (const stmt of policyStatements(ctx, policy)) {
      if (stmt === undefined) {
        unknown = true;
        continue;
      }
      const effects = ctx.resolver.descend(stmt, ['Effect']);
      if (effects.some((e) => !e.known)) {
        unknown = true;
        continue;
      }
      if (!effects.some((e) => e.value === 'Allow')) continue;
      const p = principalMatches(ctx, stmt, principal);
      if (p === false) continue;
      const a = actionMatches(ctx, stmt, action);
      if (p === true && a === true) allows = true;
      else if (a !== false) unknown = true;
    }
    if (!allows) return unknown ? undefined : false;
  }
  return true;
}

/**
 * The statements of a policy outcome: a list, a single statement mapping (valid IAM), or a policy
 * written as a JSON string. undefined stands for a statement known only at deploy time.
 */
export function policyStatements(ctx: RuleContext, policy: Outcome): (Outcome | undefined)[] {
  let p = policy;
  if (typeof p.value === 'string') {
    try {
      p = { ...p, value: JSON.parse(p.value) as Json };
    } catch {
      return [undefined];
    }
  }
  const out: (Outcome | undefined)[] = [];
  for (const list of ctx.resolver.descend(p, ['Statement'])) {
    if (!list.known) out.push(undefined);
    else if (Array.isArray(list.value)) list.value.forEach((_, i) => out.push(...ctx.resolver.descend(list, [i]).map((o) => (o.known ? o : undefined))));
    else if (isObject(list.value)) out.push(list);
  }
  return out;
}

/** Strings of a value that may be a string or a list of strings; undefined stands for an unknown entry. */
function strings(ctx: RuleContext, o: Outcome): (string | undefined)[] {
  if (!o.known) return [o.text];
  if (o.value === undefined || o.value === null) return [];
  if (typeof o.value === 'string') return [o.value];
  if (Array.isArray(o.value)) return o.value.flatMap((_, i) => ctx.resolver.descend(o, [i]).flatMap((x) => strings(ctx, x)));
  return [undefined];
}

function principalMatches(ctx: RuleContext, stmt: Outcome, re: RegExp): boolean | undefined {
  let unknown = false;
  for (const pr of ctx.resolver.descend(stmt, ['Principal'])) {
    if (!pr.known) {
      unknown = true;
      continue;
    }
    if (pr.value === '*') return true;
    if (!isObject(pr.value)) continue;
    for (const aws of ctx.resolver.descend(pr, ['AWS'])) for (const s of strings(ctx, aws)) if (s === '*') return true;
    for (const svc of ctx.resolver.descend(pr, ['Service'])) {
      for (const s of strings(ctx, svc)) {
        if (s === undefined) unknown = true;
        else if (re.test(s)) return true;
      }
    }
  }
  return unknown ? undefined : false;
}

function actionMatches(ctx: RuleContext, stmt: Outcome, test: (a: string) => boolean): boolean | undefined {
  let unknown = false;
  for (const ac of ctx.resolver.descend(stmt, ['Action'])) {
    for (const s of strings(ctx, ac)) {
      if (s === undefined) unknown = true;
      else if (s === '*' || s.toLowerCase() === 'kms:*' || test(s)) return true;
    }
  }
  return unknown ? undefined : false;
}

/** Does an IAM action pattern (with * and ? wildcards, case-insensitive) cover `action`? */
export function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

export interface KeyPropOptions {
  /** The key property, relative to Properties (e.g. ['KmsKeyId']). */
  prop: readonly (string | number)[];
  /** Judge only under the conditions this outcome assumed. */
  scope?: Outcome;
  /** Message ids: no key (the service's default key) and an AWS managed key. */
  messages: { absent: string; awsManaged: string };
  /** Words for unverifiable messages: 'the KMS key (KmsKeyId)'. */
  what: string;
  /** Setting the key replaces the resource: suggestions only, with this note in the title. */
  replaces?: string;
  /** Fixes are suggestions even without replacement (say, readers then need kms:Decrypt): the note for the title. */
  suggestOnly?: string;
  /** Extra test for AWS managed keys written without `alias/` (e.g. aws/secretsmanager). */
  awsManaged?: RegExp;
}

/**
 * The common "KmsKeyId should name a customer managed key" check: absent (the service encrypts
 * with its own key) and AWS managed keys are reported with key fixes; unknown keys as unverifiable.
 */
export function checkKeyProp(ctx: RuleContext, opts: KeyPropOptions): void {
  const outs = opts.scope ? ctx.propWhen(opts.scope, ...opts.prop) : ctx.prop(...opts.prop);
  for (const k of outs) {
    const text = k.known && typeof k.value === 'string' ? k.value : !k.known ? k.text : undefined;
    const key: KeyInfo = text !== undefined && opts.awsManaged?.test(text) ? { kind: 'aws-managed', label: text } : classifyKey(ctx.template, k);
    if (key.kind === 'customer') continue;
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: opts.what, reason: key.reason ?? why(k) } });
      continue;
    }
    const note = opts.replaces ?? opts.suggestOnly;
    const r = keyFixes(ctx.template, ctx.resource, {
      title: `Encrypt with customer managed KMS key {{key}}${note ? ` (${note})` : ''}`,
      replaces: opts.replaces !== undefined,
      ops: (keyId) => [{ op: 'set', path: writePath(ctx, k), value: keyArn(keyId) }],
    });
    const fixes = opts.suggestOnly ? { suggestions: [...(r.fix ? [{ ...r.fix, kind: 'suggest' as const }] : []), ...r.suggestions] } : r;
    if (key.kind === 'absent') ctx.report({ messageId: opts.messages.absent, at: k, ...fixes });
    else ctx.report({ messageId: opts.messages.awsManaged, at: k, data: { key: key.label }, ...fixes });
  }
}
