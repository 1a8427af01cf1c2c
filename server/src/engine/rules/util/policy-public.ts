/**
 * Does a resource policy (S3 bucket policy, KMS key policy, SNS topic / SQS queue policy, ECR
 * repository policy) allow everyone?
 *
 * Follows AWS's definition of "public" (Amazon S3 User Guide, "The meaning of 'public'"; IAM Access
 * Analyzer): an Allow statement is public when its principal is everyone (`*`, `{AWS: '*'}`, an AWS
 * principal with a wildcard, or Allow + NotPrincipal) and no Condition limits it to fixed values of
 * a key that names who or where the caller is: aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
 * aws:SourceVpc, aws:SourceVpce, aws:SourceIp (a CIDR narrower than /0), aws:PrincipalOrgID,
 * aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:userid, kms:CallerAccount,
 * kms:ViaService, s3:x-amz-server-side-encryption-aws-kms-key-id, s3:DataAccessPointAccount /
 * s3:DataAccessPointArn. A fixed value has no wildcard and no policy variable; a value from a
 * CloudFormation intrinsic (say `!Ref AWS::AccountId`) is fixed. Negated (`StringNotEquals`) and
 * `...IfExists` operators do not restrict (a request without the key passes). Deny statements never
 * make a policy public.
 */
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Json } from '../../types';
import { isObject } from '../../template/model';
import { policyStatements } from './key-property';

export type PolicyVerdict =
  /** An Allow statement open to everyone. `at` is the statement (or its Principal, when only a branch is public). */
  | { kind: 'public'; at: Outcome; how: string }
  /** Not public, but Allow with every action of the service (`*`, `<svc>:*`) or Allow + NotAction. */
  | { kind: 'broad'; at: Outcome; how: string }
  | { kind: 'unknown'; at: Outcome; reason: string };

const RESTRICTING = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:userid',
    'kms:CallerAccount',
    'kms:ViaService',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
  ].map((k) => k.toLowerCase()),
);

export const RESTRICTING_KEYS_TEXT = 'aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:SourceVpc, aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:userid, kms:CallerAccount or kms:ViaService';

function asList(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Strings of a string-or-list outcome; undefined stands for a value known only at deploy time (with its partial text, if any). */
function strings(ctx: RuleContext, o: Outcome): { s?: string; text?: string }[] {
  if (!o.known) return [{ text: o.text }];
  if (o.value === undefined || o.value === null) return [];
  if (typeof o.value === 'string') return [{ s: o.value }];
  if (typeof o.value === 'number') return [{ s: String(o.value) }]; // an account ID written as a number
  if (o.resource) return [{ text: '${' + o.resource.logicalId + '}' }];
  if (Array.isArray(o.value)) return o.value.flatMap((_, i) => ctx.resolver.descend(o, [i]).flatMap((x) => strings(ctx, x)));
  return [{}];
}

/** An AWS principal value that stands for everyone: `*`, or an ARN/account with a wildcard. */
function everyone(s: string): boolean {
  return s.includes('*');
}

/** Is the principal everyone? true / false / an unknown outcome. */
function principalPublic(ctx: RuleContext, p: Outcome): boolean | { reason: string } {
  if (!p.known) return { reason: p.reason ?? 'the Principal is decided at deploy time' };
  if (p.value === undefined || p.value === null) return false;
  if (typeof p.value === 'string') return everyone(p.value);
  if (!isObject(p.value)) return { reason: 'the Principal is neither "*" nor a mapping' };
  let unknown: { reason: string } | undefined;
  for (const key of ['AWS', 'CanonicalUser']) {
    for (const o of ctx.resolver.descend(p, [key])) {
      for (const x of strings(ctx, o)) {
        if (x.s !== undefined) {
          if (everyone(x.s)) return true;
        } else if (x.text !== undefined) {
          if (everyone(x.text.replace(/\$\{[^}]*\}/g, ''))) return true;
        } else unknown ??= { reason: o.reason ?? `the ${key} principal is decided at deploy time` };
      }
    }
  }
  return unknown ?? false;
}

/** A condition value pins the key to fixed values: no wildcard, no policy variable (a CloudFormation intrinsic counts as fixed). */
function fixedValue(key: string, v: Json): boolean {
  if (isObject(v)) return true;
  if (typeof v !== 'string') return typeof v === 'number';
  if (key === 'aws:sourceip') return !/\/0$/.test(v.trim());
  if (/\$\{aws:|\$\{s3:|\$\{kms:/i.test(v)) return false;
  if (!/[*?]/.test(v)) return true;
  // An ARN with a fixed account (arn:aws:sns:*:111122223333:*) names one account's resources.
  const m = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):/.exec(v);
  return !!m && m[1] !== 's3' && /^(\d{12}|\$\{[^}]+\})$/.test(m[2]);
}

/** Does a Condition block limit the statement to fixed values of a key naming the caller? */
function restricts(cond: Json | undefined): boolean {
  if (!isObject(cond)) return false;
  for (const [op, block] of Object.entries(cond)) {
    if (!isObject(block)) continue;
    const o = op.toLowerCase().replace(/^for(any|all)value:/, '');
    if (o.endsWith('ifexists') || o.includes('not')) continue;
    if (!['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress', 'numericequals'].includes(o)) continue;
    if (op.toLowerCase().startsWith('forallvalues:')) continue;
    for (const [k, val] of Object.entries(block)) {
      const key = k.toLowerCase();
      if (!RESTRICTING.has(key)) continue;
      const vals = asList(val);
      if (vals.length > 0 && vals.every((x) => fixedValue(key, x))) return true;
    }
  }
  return false;
}

/**
 * Judge every statement of every way a policy document can turn out. `service` (s3, sqs, sns)
 * turns on the 'broad' verdict for `*` / `<service>:*` actions and NotAction.
 */
export function judgePolicyDocument(ctx: RuleContext, doc: Outcome, service?: string): PolicyVerdict[] {
  const out: PolicyVerdict[] = [];
  if (!doc.known && doc.text !== undefined) {
    // A policy written as Fn::Sub / Fn::Join text: `${AWS::AccountId}` and the like sit inside JSON strings.
    try {
      const parsed = JSON.parse(doc.text) as Json;
      if (isObject(parsed)) doc = { ...doc, known: true, value: parsed, text: undefined };
    } catch {
      // not JSON text: unknown below
    }
  }
  if (!doc.known) return [{ kind: 'unknown', at: doc, reason: doc.reason ?? 'the policy document is decided at deploy time' }];
  if (doc.value === undefined || doc.value === null) return [];
  if (typeof doc.value !== 'string' && !isObject(doc.value)) return [{ kind: 'unknown', at: doc, reason: 'the policy document is not a mapping' }];
  for (const stmt of policyStatements(ctx, doc)) {
    if (stmt === undefined) {
      out.push({ kind: 'unknown', at: doc, reason: typeof doc.value === 'string' ? 'the policy document is a string that is not JSON' : 'a statement is decided at deploy time' });
      continue;
    }
    const v = judgeStatement(ctx, stmt, service);
    if (v) out.push(v);
  }
  return out;
}

function judgeStatement(ctx: RuleContext, stmt: Outcome, service?: string): PolicyVerdict | undefined {
  const r = ctx.resolver;
  if (!isObject(stmt.value)) return undefined;
  const effects = r.descend(stmt, ['Effect']);
  const unknownEffect = effects.find((e) => !e.known);
  if (unknownEffect) return { kind: 'unknown', at: unknownEffect, reason: unknownEffect.reason ?? 'the Effect is decided at deploy time' };
  if (!effects.some((e) => e.value === 'Allow')) return undefined;

  // Who: NotPrincipal with Allow is everyone but a few; Principal '*' is everyone.
  let publicAt: Outcome | undefined;
  let how = '';
  let unknown: { at: Outcome; reason: string } | undefined;
  const notPrincipal = r.descend(stmt, ['NotPrincipal']).find((o) => !o.known || o.value !== undefined);
  if (notPrincipal) {
    publicAt = notPrincipal;
    how = 'Allow with NotPrincipal (everyone except the principals named)';
  }
  if (!publicAt) {
    for (const p of r.descend(stmt, ['Principal'])) {
      const j = principalPublic(ctx, p);
      if (j === true) {
        publicAt = p;
        how = 'Principal "*"';
        break;
      }
      if (typeof j === 'object') unknown ??= { at: p, reason: j.reason };
    }
  }
  if (publicAt) {
    // Conditions are ANDed: one key pinned to fixed values is enough. Judge each way the Condition turns out.
    let open: Outcome | undefined;
    for (const c of r.descend(stmt, ['Condition'])) {
      if (!c.known) {
        unknown ??= { at: c, reason: c.reason ?? 'the Condition is decided at deploy time' };
        continue;
      }
      if (!restricts(c.value)) open ??= c;
    }
    if (open) {
      const at = publicAt.conditions.length > stmt.conditions.length ? publicAt : open.conditions.length > stmt.conditions.length ? open : stmt;
      return { kind: 'public', at, how };
    }
    if (unknown) return { kind: 'unknown', ...unknown };
    return undefined;
  }
  if (unknown) return { kind: 'unknown', ...unknown };
  if (!service || ownAccountOnly(ctx, stmt)) return undefined;
  const notAction = r.descend(stmt, ['NotAction']).find((o) => o.known && o.value !== undefined);
  if (notAction) return { kind: 'broad', at: stmt, how: 'Allow with NotAction (every action but those named)' };
  for (const a of r.descend(stmt, ['Action'])) {
    for (const x of strings(ctx, a)) {
      if (x.s !== undefined && (x.s === '*' || x.s.toLowerCase() === `${service}:*`)) return { kind: 'broad', at: a.conditions.length > stmt.conditions.length ? a : stmt, how: `Action "${x.s}"` };
    }
  }
  return undefined;
}

/** Every principal of the statement is this account (`${AWS::AccountId}`): broad grants to it add nothing to IAM. */
function ownAccountOnly(ctx: RuleContext, stmt: Outcome): boolean {
  const texts: (string | undefined)[] = [];
  for (const p of ctx.resolver.descend(stmt, ['Principal'])) {
    if (!p.known || !isObject(p.value)) return false;
    if (Object.keys(p.value).some((k) => k !== 'AWS')) return false;
    for (const o of ctx.resolver.descend(p, ['AWS'])) for (const x of strings(ctx, o)) texts.push(x.s ?? x.text);
  }
  return texts.length > 0 && texts.every((t) => t !== undefined && (t.includes('${AWS::AccountId}') || t === '${AWS::AccountId}'));
}

/**
 * The whole check of a resource-policy rule (KMS, SNS, SQS, ECR): messages `publicStatement`,
 * `broadAccess` (only with `service`) and `unverifiable`, with data `how` and `noun`.
 */
export function checkResourcePolicy(ctx: RuleContext, prop: string, service?: string): void {
  for (const doc of ctx.prop(prop)) {
    for (const v of judgePolicyDocument(ctx, doc, service)) {
      if (v.kind === 'unknown') ctx.report({ messageId: 'unverifiable', at: v.at, data: { what: `whether ${prop} allows everyone`, reason: v.reason.replace(/\.$/, '') } });
      else ctx.report({ messageId: v.kind === 'public' ? 'publicStatement' : 'broadAccess', at: v.at, data: { how: v.how } });
    }
  }
}
