/**
 * Checks shared by resources that are always encrypted at rest and only choose the key (MSK,
 * MemoryDB, ElastiCache Serverless, AWS Backup vaults, FSx): a missing key or an AWS managed alias
 * is hardening, a value decided at deploy time is unverifiable. Also small helpers for rules whose
 * findings are about a whole resource or a string setting (TLS modes).
 */
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json, Path } from '../../types';
import type { Outcome } from '../../template/resolve';
import { pathStartsWith } from '../../path';
import { classifyKey, keyArn, keyFixes } from './kms';
import { setValueOp } from './encryption';

export interface CustomerKeyOptions {
  /** The key property, relative to Properties (e.g. ['EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId']). */
  path: (string | number)[];
  /** Only under the conditions this outcome assumed. */
  scope?: Outcome;
  /** Message for an encrypted resource whose key is absent or AWS managed; data: {{key}}. */
  messageId: string;
  /** Words for the unverifiable message, e.g. 'the KMS key (KmsKeyId)'. */
  what: string;
  /** Changing the key replaces the resource: fixes are suggestions. */
  replaces: boolean;
  /** What the fix title says about replacement. */
  replacesNote?: string;
  /** Label for an absent key: what the service uses then. */
  defaultLabel: string;
  data?: Record<string, string>;
  /** Extra ops for every fix (e.g. turn a flag on). */
  extraOps?: FixOp[];
  /** Offer no fix (a key would be wrong in other cases the value covers). */
  noFix?: boolean;
}

/** Report a key property that names no customer managed key. */
export function checkCustomerKey(ctx: RuleContext, opts: CustomerKeyOptions): void {
  const outs = opts.scope ? ctx.propWhen(opts.scope, ...opts.path) : ctx.prop(...opts.path);
  for (const k of outs) {
    const key = classifyKey(ctx.template, k);
    if (key.kind === 'customer') continue;
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: opts.what, reason: key.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    const label = key.kind === 'absent' ? opts.defaultLabel : `the AWS managed key ${key.label}`;
    ctx.report({ messageId: opts.messageId, at: k, data: { key: label, ...(opts.data ?? {}) }, ...(opts.noFix ? {} : customerKeyFixes(ctx, k, opts)) });
  }
}

/** Fixes that write a customer managed key where the key outcome is decided. */
export function customerKeyFixes(ctx: RuleContext, k: Outcome, opts: Pick<CustomerKeyOptions, 'path' | 'replaces' | 'replacesNote' | 'extraOps'>): { fix?: Fix; suggestions: Fix[] } {
  // Inside the resource (the property, or an Fn::If branch): write there. From a parameter or
  // mapping: override on the property itself (a parameter Default cannot hold Fn::GetAtt).
  const at: Path = pathStartsWith(k.origin, ctx.resource.path) ? k.origin : ctx.propPath(...opts.path);
  return keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt with customer managed KMS key {{key}}${opts.replaces ? ` (${opts.replacesNote ?? 'replaces the resource if it is already deployed'})` : ''}`,
    replaces: opts.replaces,
    ops: (keyId) => [...(opts.extraOps ?? []), writeAt(ctx, at, keyArn(keyId))],
  });
}

/** The path of a resource's Type: where findings about the resource as a whole are reported. */
export function typePath(ctx: RuleContext): Path {
  return [...ctx.resource.path, 'Type'];
}

/** A string setting compared case-insensitively (CloudFormation enum values like TLS, PLAINTEXT). */
export function upper(o: Outcome): string | undefined {
  return o.known && typeof o.value === 'string' ? o.value.toUpperCase() : undefined;
}

/** A suggestion (never fix-all) that sets a value where it is decided. */
export function suggestSet(ctx: RuleContext, o: Outcome, title: string, value: Json, absentPath: Path): Fix {
  const op: FixOp = o.value === undefined && !o.noValue ? writeAt(ctx, pathStartsWith(o.origin, ctx.resource.path) ? o.origin : absentPath, value) : setValueOp(ctx, o, value);
  return { title, kind: 'suggest', ops: [op] };
}

/**
 * Set `value` at `path`, where the path may run through a value that is not a plain mapping (an
 * Fn::If branch that is `Ref: AWS::NoValue`, a string where a mapping belongs): that value is
 * replaced by a mapping holding the rest of the path, instead of writing keys beside `Ref`.
 */
export function writeAt(ctx: RuleContext, path: Path, value: Json): FixOp {
  let node: Json | undefined = ctx.template.root;
  for (let i = 0; i < path.length; i++) {
    if (node === undefined || node === null) break;
    const seg = path[i];
    const map = typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, Json>) : undefined;
    // A plain mapping, or the intrinsic itself when the path goes into it (Fn::If, 1, ...).
    const plainMap = map !== undefined && !('Ref' in map || Object.keys(map).some((key) => key.startsWith('Fn::')));
    const ok = (Array.isArray(node) && typeof seg === 'number') || (map !== undefined && typeof seg === 'string' && (plainMap || seg in map));
    if (!ok) {
      const rest = path.slice(i);
      if (rest.some((s) => typeof s !== 'string')) break;
      let v: Json = value;
      for (const s of [...rest].reverse()) v = { [s as string]: v };
      return { op: 'set', path: path.slice(0, i), value: v };
    }
    node = Array.isArray(node) ? node[seg as number] : (node as Record<string, Json>)[seg as string];
  }
  return { op: 'set', path, value };
}
