/**
 * Shared shapes of encryption checks: where a fix should write a value that came from somewhere
 * (the property, an Fn::If branch, a parameter Default), and the common "Encrypted flag + KmsKeyId"
 * check used by EBS, EFS, RDS and others.
 */
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json } from '../../types';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { classifyKey, keyArn, keyFixes } from './kms';
import { pathStartsWith } from '../../path';

/**
 * The op that makes `o` become `value`: write it where the value is decided. A parameter's Default
 * is changed (when its AllowedValues permit), an Fn::If branch is changed in place, and anything
 * else (Globals, mappings) is overridden on the resource's own property.
 */
export function setValueOp(ctx: RuleContext, o: Outcome, value: Json): FixOp {
  const [section, name] = o.origin;
  if (section === 'Parameters' && o.origin[2] === 'Default') {
    const p = ctx.template.parameters.get(String(name));
    const allowed = p?.allowedValues?.map(String);
    if (!allowed || allowed.includes(String(value))) return { op: 'set', path: o.origin, value: typeof value === 'boolean' ? String(value) : value };
  }
  if (pathStartsWith(o.origin, ctx.resource.path)) return { op: 'set', path: o.origin, value };
  return { op: 'set', path: o.logical, value };
}

/** A property names or asks for something: an empty string or false names no snapshot, source or key. */
export function isSet(o: Outcome): boolean {
  return !o.known || (o.value !== undefined && o.value !== null && o.value !== '' && !isFalse(o.value));
}

/**
 * A value that applies only under the conditions an outcome assumed (beyond the resource's own
 * Condition): wrapped in Fn::If so that other branches keep what they had (`existing`; AWS::NoValue
 * when the property was absent), e.g. a snapshot restore, which must not set encryption.
 */
export function underConditions(ctx: RuleContext, o: Outcome, value: Json, existing: Json | undefined): Json {
  const other: Json = existing === undefined ? { Ref: 'AWS::NoValue' } : existing;
  let v = value;
  const conds = o.conditions.filter((c) => c.name !== ctx.resource.condition);
  for (const c of [...conds].reverse()) {
    v = { 'Fn::If': [c.name, c.value ? v : other, c.value ? other : v] };
  }
  return v;
}

export interface Scope {
  /** The yes/no answer of the test in this scope. */
  kind: boolean;
  /** An outcome whose conditions define the scope (pass to propWhen / checkFlagAndKey). */
  scope: Outcome;
}

/**
 * Split scopes by a yes/no test on a property. Where all of a scope's branches agree, the scope is
 * kept whole (so findings aren't repeated per branch); where they differ, each branch becomes a
 * scope under its own conditions.
 */
export function refine(ctx: RuleContext, scopes: Outcome[], prop: string, test: (o: Outcome) => boolean): Scope[] {
  return scopes.flatMap((s) => {
    const outs = ctx.propWhen(s, prop);
    const kinds = outs.map(test);
    if (kinds.every((k) => k === kinds[0])) return [{ kind: kinds[0] ?? false, scope: s }];
    return outs.map((o, i) => ({ kind: kinds[i], scope: o }));
  });
}

/** The scope of the whole resource (its own Condition only). */
export function resourceScope(ctx: RuleContext): Outcome {
  return { value: ctx.resource.properties, known: true, conditions: ctx.resource.condition ? [{ name: ctx.resource.condition, value: true }] : [], origin: ctx.propPath(), logical: ctx.propPath(), refs: [] };
}

export interface FlagAndKeyOptions {
  /** The boolean property that turns encryption on (Encrypted, StorageEncrypted). */
  flag: string;
  /** The property naming the KMS key (KmsKeyId). */
  keyProp: string;
  /** An absent flag means encrypted (e.g. Aurora Serverless v1, always encrypted). */
  encryptedByDefault?: boolean;
  /** Changing encryption replaces the resource on update: fixes are suggestions, never fix-all. */
  replaces: boolean;
  /** What the fix titles say about an existing resource (default: it is replaced). */
  replacesNote?: string;
  /** Words for messages about unverifiable values, e.g. 'storage encryption (StorageEncrypted)'. */
  flagWhat: string;
  /** defaultKey, when given, is used for an encrypted resource that names no key at all. */
  messages: { notEncrypted: string; disabled: string; awsManagedKey: string; defaultKey?: string };
  /** Extra data for the messages. */
  data?: (o: Outcome) => Record<string, string>;
  /**
   * Called for each way the flag turns out; returning true means the rule has judged that branch
   * itself (say, encryption inherited from a snapshot under the same conditions).
   */
  handled?: (flag: Outcome) => boolean;
  /** Judge only under the conditions this outcome assumed (one branch of a property the rule split on). */
  scope?: Outcome;
  /**
   * Write fixes only for the branches a finding is about (Fn::If with AWS::NoValue elsewhere): for
   * resources whose other branches must not set the flag, such as an RDS snapshot restore.
   */
  conditionalFixes?: boolean;
}

/**
 * Encrypted flag + key: an absent or false flag is a violation; an encrypted resource without a
 * customer managed key is hardening; unknown values are reported as unverifiable.
 */
export function checkFlagAndKey(ctx: RuleContext, opts: FlagAndKeyOptions): void {
  for (const flag of opts.scope ? ctx.propWhen(opts.scope, opts.flag) : ctx.prop(opts.flag)) {
    if (opts.handled?.(flag)) continue;
    if (!flag.known) {
      ctx.report({ messageId: 'unverifiable', at: flag, data: { what: opts.flagWhat, reason: flag.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    const absent = flag.value === undefined || flag.value === null;
    // Removing the flag in a branch means the default there: encrypted where that is the default.
    const encrypted = isTrue(flag.value) || (absent && opts.encryptedByDefault === true);
    if (encrypted) {
      for (const k of ctx.propWhen(flag, opts.keyProp)) {
        const key = classifyKey(ctx.template, k);
        if (key.kind === 'customer') continue;
        if (key.kind === 'unknown') {
          ctx.report({ messageId: 'unverifiable', at: k, data: { what: `the KMS key (${opts.keyProp})`, reason: key.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const label = key.kind === 'absent' ? 'the AWS managed key' : `the AWS managed key ${key.label}`;
        const messageId = key.kind === 'absent' && opts.messages.defaultKey ? opts.messages.defaultKey : opts.messages.awsManagedKey;
        ctx.report({ messageId, at: k, data: { key: label, ...(opts.data?.(k) ?? {}) }, ...keyOnly(ctx, opts) });
      }
      continue;
    }
    const messageId = absent && !flag.noValue ? opts.messages.notEncrypted : opts.messages.disabled;
    if (!absent && !isFalse(flag.value)) {
      ctx.report({ messageId: 'unverifiable', at: flag, data: { what: opts.flagWhat, reason: `${JSON.stringify(flag.value)} is not a boolean` } });
      continue;
    }
    const how = flag.noValue ? `${opts.flag} is removed under a condition` : `${opts.flag}: false`;
    ctx.report({ messageId, at: flag, data: { how, ...(opts.data?.(flag) ?? {}) }, ...encryptionFixes(ctx, opts, flag) });
  }
}

/** Fixes that set the flag to true and, unless a customer managed key is already named, the key. */
export function encryptionFixes(ctx: RuleContext, opts: Pick<FlagAndKeyOptions, 'flag' | 'keyProp' | 'replaces' | 'replacesNote' | 'conditionalFixes'>, flag: Outcome): { fix?: Fix; suggestions: Fix[] } {
  const scoped = (prop: string, v: Json): Json => (opts.conditionalFixes ? underConditions(ctx, flag, v, ctx.resource.properties[prop]) : v);
  const hasCustomerKey = ctx.propWhen(flag, opts.keyProp).every((k) => classifyKey(ctx.template, k).kind === 'customer');
  // Written (false, or removed in one Fn::If branch): change it where it is decided; absent: add
  // it, only for the branches the finding is about.
  const flagOp = (): FixOp => (flag.value === undefined && !flag.noValue ? { op: 'set', path: ctx.propPath(opts.flag), value: scoped(opts.flag, true) } : setValueOp(ctx, flag, true));
  if (hasCustomerKey) {
    const fix: Fix = { title: `Turn encryption on (${opts.flag}: true)`, kind: opts.replaces ? 'suggest' : 'safe', ops: [flagOp()] };
    return opts.replaces ? { suggestions: [fix] } : { fix, suggestions: [] };
  }
  return keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt with customer managed KMS key {{key}}${opts.replaces ? ` (${opts.replacesNote ?? 'replaces the resource if it is already deployed'})` : ''}`,
    replaces: opts.replaces,
    ops: (keyId) => [flagOp(), { op: 'set', path: ctx.propPath(opts.keyProp), value: scoped(opts.keyProp, keyArn(keyId)) }],
  });
}

function keyOnly(ctx: RuleContext, opts: FlagAndKeyOptions): { fix?: Fix; suggestions: Fix[] } {
  return keyFixes(ctx.template, ctx.resource, {
    title: `Use customer managed KMS key {{key}}${opts.replaces ? ` (${opts.replacesNote ?? 'replaces the resource if it is already deployed'})` : ''}`,
    replaces: opts.replaces,
    ops: (keyId) => [{ op: 'set', path: ctx.propPath(opts.keyProp), value: keyArn(keyId) }],
  });
}
