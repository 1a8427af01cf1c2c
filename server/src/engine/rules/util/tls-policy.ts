/**
 * "Deny requests that do not use TLS" in resource policies: S3 bucket policies, SQS queue policies,
 * SNS topic policies. Which policies apply to a bucket/queue/topic (an index built once per
 * template), whether a policy document holds a statement that denies insecure transport for the
 * whole resource, and the fix that adds such a statement (a new policy, or appended to the existing
 * one: a bucket has one policy, and a queue/topic policy replaces any other on the same queue/topic).
 */
import type { Report, RuleContext } from '../rule';
import type { Resource, Template } from '../../template/model';
import { isObject } from '../../template/model';
import type { Assumption, Outcome, Resolver } from '../../template/resolve';
import { intrinsicKey } from '../../template/resolve';
import type { Fix, FixOp, Json, JsonObject, Path } from '../../types';
import { uniqueLogicalId } from './kms';
import { pathStartsWith } from '../../path';

/** A part of the protected resource a Deny statement must cover: S3 has the bucket and its objects. */
export type Part = 'bucket' | 'objects' | 'queue' | 'topic';

export interface PolicyType {
  type: string;
  /** Property naming the protected resource(s). */
  target: string;
  /** The property is a list (Queues, Topics). */
  list: boolean;
}

export interface TlsSpec {
  /** Key of this spec in the per-template cache. */
  key: string;
  /** ARN service name: s3, sqs, sns. */
  service: string;
  /** Resource types protected. */
  targetTypes: readonly string[];
  policyTypes: readonly PolicyType[];
  /** The property holding the resource's name (BucketName, QueueName, TopicName). */
  nameProp: string;
  /** Actions (lower case) a statement may name to cover what matters. */
  actions: readonly string[];
  /** Parts the Deny must cover. */
  parts: readonly Part[];
  /** Accept `NumericLessThan s3:TlsVersion` denies (S3 only). */
  tlsVersionKey?: string;
  /** Words: 'bucket', 'queue', 'topic'. */
  noun: string;
  /** The new policy resource (the fix when there is none). */
  newPolicy(target: Resource, statement: JsonObject): JsonObject;
  /** The statement the fixes add. */
  statement(target: Resource, sid: string): JsonObject;
  /** Adding a new policy replaces a default policy the service applies (SNS): a suggestion then. */
  newPolicyReplacesDefault?: string;
}

interface Link {
  policy: Resource;
}

interface Index {
  byTarget: Map<string, Link[]>;
  /** Policies whose target is decided at deploy time, with why. */
  unknown: { policy: Resource; reason: string }[];
}

const CACHE = new WeakMap<Template, Map<string, Index>>();

function assumeOf(r: Resource): Assumption[] {
  return r.condition ? [{ name: r.condition, value: true }] : [];
}

const PSEUDO = /\$\{AWS::(Partition|Region|AccountId|URLSuffix|StackName|StackId)\}/g;

/** Text with pseudo parameters written without colons, so an ARN splits on ':' cleanly. */
function norm(s: string): string {
  return s.replace(PSEUDO, (_, n: string) => `{${n}}`);
}

/** The text a value stands for: a literal, `${Id}` / `${Id.Attr}` for a reference, the partly known text. */
export function textOf(o: Outcome): string | undefined {
  if (o.known) {
    if (typeof o.value === 'string') return o.value;
    if (typeof o.value === 'number') return String(o.value);
    if (o.resource) return '${' + o.resource.logicalId + (o.resource.attribute ? '.' + o.resource.attribute : '') + '}';
    return undefined;
  }
  if (o.text !== undefined) return o.text;
  if (o.parameter) return '${' + o.parameter + '}';
  return undefined;
}

/** The last segment of a name, URL or ARN (queue URL, topic ARN, bucket ARN). */
function lastSegment(s: string, service: string): string {
  if (service === 's3') {
    const i = s.indexOf(':::');
    return s.startsWith('arn:') && i >= 0 ? s.slice(i + 3) : s;
  }
  const parts = s.split(/[/:]/);
  return parts[parts.length - 1];
}

function namesOf(resolver: Resolver, r: Resource, spec: TlsSpec): string[] {
  const out = new Set<string>();
  for (const o of resolver.at([...r.path, 'Properties', spec.nameProp], assumeOf(r))) {
    const t = textOf(o);
    if (t !== undefined) out.add(norm(t));
  }
  return [...out];
}

function buildIndex(template: Template, resolver: Resolver, spec: TlsSpec): Index {
  const byTarget = new Map<string, Link[]>();
  const unknown: Index['unknown'] = [];
  const targets = template.ofType(...spec.targetTypes);
  const byName = new Map<string, string[]>();
  for (const t of targets) {
    for (const n of namesOf(resolver, t, spec)) byName.set(n, [...(byName.get(n) ?? []), t.logicalId]);
  }
  const targetIds = new Set(targets.map((t) => t.logicalId));
  for (const pt of spec.policyTypes) {
    for (const policy of template.ofType(pt.type)) {
      const found = new Set<string>();
      let why: string | undefined;
      const consider = (o: Outcome) => {
        if (o.known && o.value === undefined) return;
        if (o.resource && targetIds.has(o.resource.logicalId)) {
          found.add(o.resource.logicalId);
          return;
        }
        const t = textOf(o);
        if (t !== undefined) {
          const m = /^\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}$/.exec(t);
          if (m && targetIds.has(m[1])) {
            found.add(m[1]);
            return;
          }
          const ids = byName.get(norm(lastSegment(t, spec.service))) ?? byName.get(norm(t));
          if (ids) {
            ids.forEach((id) => found.add(id));
            return;
          }
        }
        // A literal name, or a reference to another resource (a nested stack's output, say): not one of ours.
        if (o.known) return;
        why ??= o.reason ?? 'it is decided at deploy time';
      };
      for (const o of resolver.at([...policy.path, 'Properties', pt.target], assumeOf(policy))) {
        if (pt.list && o.known && Array.isArray(o.value)) {
          o.value.forEach((_, i) => resolver.descend(o, [i]).forEach(consider));
        } else if (pt.list && o.known && o.value !== undefined && !Array.isArray(o.value) && typeof o.value !== 'string') {
          why ??= `${pt.target} is not a list`;
        } else {
          consider(o);
        }
      }
      for (const id of found) byTarget.set(id, [...(byTarget.get(id) ?? []), { policy }]);
      if (found.size === 0 && why) unknown.push({ policy, reason: why });
    }
  }
  return { byTarget, unknown };
}

function indexFor(ctx: RuleContext, spec: TlsSpec): Index {
  let m = CACHE.get(ctx.template);
  if (!m) CACHE.set(ctx.template, (m = new Map()));
  let idx = m.get(spec.key);
  if (!idx) m.set(spec.key, (idx = buildIndex(ctx.template, ctx.resolver, spec)));
  return idx;
}

// ------------------------------------------------------------------ statement matching

function asList(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function isFalseLike(v: Json | undefined): boolean {
  const l = asList(v);
  return l.length > 0 && l.every((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false'));
}

function globMatch(pattern: string, subject: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
  return re.test(subject);
}

export type Verdict = { kind: 'match' } | { kind: 'no' } | { kind: 'unknown'; reason: string; at: Outcome };

/**
 * Is the statement an unconditional-apart-from-transport Deny for everyone? Returns the parts of
 * the target it covers (empty when it is not such a statement), or unknown.
 */
function judgeStatement(resolver: Resolver, st: Outcome, spec: TlsSpec, target: Resource, names: string[]): { parts: Set<Part> } | { unknown: string; at: Outcome } {
  const none = { parts: new Set<Part>() };
  if (!st.known) return { unknown: st.reason ?? 'the statement is decided at deploy time', at: st };
  if (!isObject(st.value)) return none;
  const raw = st.value;
  if ('NotPrincipal' in raw || 'NotAction' in raw || 'NotResource' in raw) return none;
  const field = (name: string): Outcome[] | { unknown: string; at: Outcome } => {
    const outs = resolver.descend(st, [name]);
    const u = outs.find((o) => !o.known);
    return u ? { unknown: u.reason ?? `${name} is decided at deploy time`, at: u } : outs;
  };
  const all = (name: string, test: (v: Json | undefined, o: Outcome) => boolean): boolean | { unknown: string; at: Outcome } => {
    const outs = field(name);
    if (!Array.isArray(outs)) return outs;
    return outs.every((o) => test(o.value, o));
  };
  const checks: (boolean | { unknown: string; at: Outcome })[] = [];
  const effect = all('Effect', (v) => v === 'Deny');
  if (effect === false) return none;
  checks.push(effect);
  const principal = all('Principal', (v) => v === '*' || (isObject(v) && asList(v.AWS).includes('*')));
  if (principal === false) return none;
  checks.push(principal);
  const action = all('Action', (v) => asList(v).some((x) => typeof x === 'string' && spec.actions.includes(x.toLowerCase())));
  if (action === false) return none;
  checks.push(action);
  const condition = all('Condition', (v) => isTransportCondition(v, spec));
  if (condition === false) return none;
  checks.push(condition);
  for (const c of checks) if (typeof c === 'object') return c;

  // Resource: every way it turns out must cover the part.
  const res = resolver.descend(st, ['Resource']);
  let covered: Set<Part> | undefined;
  for (const r of res) {
    const here = new Set<Part>();
    const items = Array.isArray(r.value) ? r.value.map((_, i) => resolver.descend(r, [i])) : [[r]];
    for (const outs of items) {
      let common: Set<Part> | undefined;
      for (const o of outs) {
        if (o.known && o.value === undefined) {
          common = new Set();
          continue;
        }
        const t = subVarsText(resolver.template, o) ?? textOf(o);
        if (t === undefined) return { unknown: o.reason ?? 'the Resource is decided at deploy time', at: o };
        const parts = coverage(t, spec, target, names);
        common = common ? new Set([...common].filter((p) => parts.has(p))) : parts;
      }
      for (const p of common ?? []) here.add(p);
    }
    covered = covered ? new Set([...covered].filter((p) => here.has(p))) : here;
  }
  return { parts: covered ?? new Set() };
}

/**
 * `Fn::Sub: ['arn:...:${B}/*', {B: !Ref Bucket}]`: the resolver leaves `${B}` in the text (its value
 * is a reference, not a string); write it as the reference it stands for, `${Bucket}`.
 */
function subVarsText(template: Template, o: Outcome): string | undefined {
  if (o.known || o.text === undefined) return undefined;
  let raw: Json | undefined = template.root;
  for (const seg of o.origin) raw = Array.isArray(raw) ? raw[Number(seg)] : isObject(raw) ? raw[String(seg)] : undefined;
  if (!isObject(raw) || intrinsicKey(raw) !== 'Fn::Sub') return undefined;
  const arg = raw['Fn::Sub'];
  const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : undefined;
  if (!vars) return undefined;
  let text = o.text;
  for (const [name, v] of Object.entries(vars)) {
    let as: string | undefined;
    if (isObject(v) && typeof v.Ref === 'string' && template.resource(v.Ref)) as = '${' + v.Ref + '}';
    const g = isObject(v) ? v['Fn::GetAtt'] : undefined;
    if (Array.isArray(g) && typeof g[0] === 'string' && typeof g[1] === 'string') as = '${' + g[0] + '.' + g[1] + '}';
    if (typeof g === 'string') as = '${' + g + '}';
    if (as !== undefined) text = text.split('${' + name + '}').join(as);
  }
  return text;
}

/** Condition is exactly "aws:SecureTransport is false" (or a TLS version below 1.2, for S3). */
function isTransportCondition(v: Json | undefined, spec: TlsSpec): boolean {
  if (!isObject(v)) return false;
  const ops = Object.entries(v);
  if (ops.length === 0) return false;
  let found = false;
  for (const [op, block] of ops) {
    if (!isObject(block)) return false;
    const o = op.toLowerCase();
    for (const [k, val] of Object.entries(block)) {
      const key = k.toLowerCase();
      if ((o === 'bool' || o === 'boolifexists') && key === 'aws:securetransport' && isFalseLike(val)) found = true;
      else if (spec.tlsVersionKey && (o === 'numericlessthan' || o === 'numericlessthanifexists') && key === spec.tlsVersionKey && asList(val).length > 0 && asList(val).every((x) => Number(x) >= 1.2)) found = true;
      else return false; // another test narrows the Deny
    }
  }
  return found;
}

/** Parts of the target that a Resource text covers. */
function coverage(text: string, spec: TlsSpec, target: Resource, names: string[]): Set<Part> {
  const out = new Set<Part>();
  const id = target.logicalId;
  let t = norm(text);
  if (t === '*') return new Set(spec.parts);
  if (spec.service === 's3') t = t.split('${' + id + '.Arn}').join('arn:{Partition}:s3:::${' + id + '}');
  if (spec.service === 'sqs') t = t.split('${' + id + '.Arn}').join('arn:{Partition}:sqs:{Region}:{AccountId}:${' + id + '.QueueName}');
  if (spec.service === 'sns') {
    if (t === '${' + id + '}' || t === '${' + id + '.TopicArn}') t = 'arn:{Partition}:sns:{Region}:{AccountId}:${' + id + '.TopicName}';
  }
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(t);
  if (!m) return out;
  const [, , service, region, account, resource] = m;
  if (!globMatch(service, spec.service)) return out;
  if (spec.service === 's3' && (!globMatch(region, '') || !globMatch(account, ''))) return out;
  const candidates = spec.service === 's3' ? ['${' + id + '}', ...names] : spec.service === 'sqs' ? ['${' + id + '.QueueName}', ...names] : ['${' + id + '.TopicName}', ...names];
  for (const n of candidates) {
    if (spec.service === 's3') {
      if (globMatch(resource, n)) out.add('bucket');
      if (globMatch(resource, n + '/*')) out.add('objects');
    } else if (globMatch(resource, n)) out.add(spec.parts[0]);
  }
  return out;
}

export interface DocVerdict {
  kind: 'pass' | 'missing' | 'partial' | 'unknown';
  /** For partial: the parts covered. */
  parts?: Part[];
  reason?: string;
  /** Where to report. */
  at: Path | Outcome;
  /** The fix that adds the statement (undefined when the document is not plain data). */
  fix?: FixOp[];
}

/** Judge one policy's document for a target. */
function judgePolicy(ctx: RuleContext, spec: TlsSpec, policy: Resource, target: Resource, names: string[]): DocVerdict[] {
  const resolver = ctx.resolver;
  const docPath = [...policy.path, 'Properties', 'PolicyDocument'];
  const out: DocVerdict[] = [];
  for (let doc of resolver.at(docPath, assumeOf(policy))) {
    if (!doc.known) {
      out.push({ kind: 'unknown', reason: doc.reason ?? 'the policy document is decided at deploy time', at: docPath });
      continue;
    }
    let plain = pathStartsWith(doc.origin, docPath) && doc.origin.length === docPath.length;
    if (typeof doc.value === 'string') {
      try {
        const parsed = JSON.parse(doc.value) as Json;
        doc = { ...doc, value: parsed };
        plain = false;
      } catch {
        out.push({ kind: 'unknown', reason: 'the policy document is a string that is not JSON', at: docPath });
        continue;
      }
    }
    if (!isObject(doc.value)) {
      out.push({ kind: 'missing', at: docPath });
      continue;
    }
    for (const stmts of resolver.descend(doc, ['Statement'])) {
      if (!stmts.known) {
        out.push({ kind: 'unknown', reason: stmts.reason ?? 'the statements are decided at deploy time', at: stmts });
        continue;
      }
      const items: Outcome[][] = Array.isArray(stmts.value) ? stmts.value.map((_, i) => resolver.descend(stmts, [i])) : stmts.value === undefined ? [] : [[stmts]];
      const covered = new Set<Part>();
      let unknown: { reason: string; at: Outcome } | undefined;
      for (const outs of items) {
        let common: Set<Part> | undefined;
        for (const st of outs) {
          if (st.known && st.value === undefined) {
            common = new Set();
            continue;
          }
          const j = judgeStatement(resolver, st, spec, target, names);
          if ('unknown' in j) {
            unknown ??= { reason: j.unknown, at: j.at };
            common = new Set();
            continue;
          }
          common = common ? new Set([...common].filter((p) => j.parts.has(p))) : j.parts;
        }
        for (const p of common ?? []) covered.add(p);
      }
      const rawDoc = plain ? doc.value : undefined;
      const fix = rawDoc ? appendOps(spec, target, docPath, rawDoc, stmts) : undefined;
      if (spec.parts.every((p) => covered.has(p))) out.push({ kind: 'pass', at: docPath });
      else if (unknown) out.push({ kind: 'unknown', reason: unknown.reason, at: unknown.at });
      else if (covered.size > 0) out.push({ kind: 'partial', parts: [...covered], at: stmts, fix });
      else out.push({ kind: 'missing', at: stmts, fix });
    }
  }
  return out;
}

/** Ops that add the Deny statement to a plain policy document. */
function appendOps(spec: TlsSpec, target: Resource, docPath: Path, doc: JsonObject, stmts: Outcome): FixOp[] | undefined {
  const raw = doc.Statement;
  const sids = new Set<string>();
  const collect = (v: Json | undefined): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) {
      if (typeof v.Sid === 'string') sids.add(v.Sid);
      else if (intrinsicKey(v) === 'Fn::If' && Array.isArray(v['Fn::If'])) v['Fn::If'].slice(1).forEach(collect);
    }
  };
  collect(raw);
  let sid = 'DenyInsecureTransport';
  if (sids.has(sid)) sid = `DenyInsecureTransport${target.logicalId.replace(/[^A-Za-z0-9]/g, '')}`;
  for (let i = 2; sids.has(sid); i++) sid = `DenyInsecureTransport${i}`;
  const statement = spec.statement(target, sid);
  if (raw === undefined) return [{ op: 'set', path: [...docPath, 'Statement'], value: [statement] }];
  if (!pathStartsWith(stmts.origin, [...docPath, 'Statement']) || stmts.origin.length !== docPath.length + 1) return undefined;
  // Appended after the last item; a list whose first item is an intrinsic (say `- !If [...]` in block
  // style) is written whole, since the YAML renderer takes the item's indentation from its first item.
  if (Array.isArray(raw) && raw.length > 0 && intrinsicKey(raw[0]) !== undefined) return [{ op: 'set', path: [...docPath, 'Statement'], value: [...raw, statement] }];
  if (Array.isArray(raw)) return [{ op: 'set', path: [...docPath, 'Statement', raw.length], value: statement }];
  if (isObject(raw) && intrinsicKey(raw) === undefined) return [{ op: 'set', path: [...docPath, 'Statement'], value: [raw, statement] }];
  return undefined;
}

/** Check one bucket/queue/topic: report what is missing, with fixes. */
export function checkTlsPolicy(ctx: RuleContext, spec: TlsSpec): void {
  const target = ctx.resource;
  const idx = indexFor(ctx, spec);
  const links = idx.byTarget.get(target.logicalId) ?? [];
  if (links.length === 0) {
    if (idx.unknown.length > 0) {
      const u = idx.unknown[0];
      ctx.report({
        messageId: 'unverifiable',
        at: target.path,
        data: { what: `which ${spec.noun} policy applies`, reason: `${u.policy.type} ${u.policy.logicalId} names its ${spec.noun} with a value decided at deploy time (${u.reason.replace(/\.$/, '')})` },
        related: [{ path: u.policy.path, message: `This policy may apply to ${target.logicalId}.` }],
      });
      return;
    }
    const policyId = uniqueLogicalId(ctx.template, `${target.logicalId}Policy`);
    const resource = spec.newPolicy(target, spec.statement(target, 'DenyInsecureTransport'));
    const withCondition: JsonObject = target.condition ? { Type: resource.Type, Condition: target.condition, ...resource } : resource;
    const fix: Fix = {
      title: `Add ${policyId}, a ${spec.noun} policy that denies requests without TLS${spec.newPolicyReplacesDefault ? ` (${spec.newPolicyReplacesDefault})` : ''}`,
      kind: spec.newPolicyReplacesDefault ? 'suggest' : 'safe',
      ops: [{ op: 'addResource', logicalId: policyId, resource: withCondition }],
    };
    ctx.report({ messageId: 'noPolicy', at: target.path, ...(fix.kind === 'safe' ? { fix } : { suggestions: [fix] }) });
    return;
  }
  const names = namesOf(ctx.resolver, target, spec);
  const verdicts = links.map((l) => ({ policy: l.policy, vs: judgePolicy(ctx, spec, l.policy, target, names) }));
  // One passing policy is enough (a bucket has one policy; two queue policies on a queue replace each other).
  const passing = verdicts.filter((v) => v.vs.length > 0 && v.vs.every((x) => x.kind === 'pass')).map((v) => v.policy);
  // A policy with a Condition of its own exists only when that holds (unless the target's own Condition implies it).
  const always = (p: Resource) => !p.condition || p.condition === target.condition || ctx.resolver.condition(p.condition, assumeOf(target)) === true;
  if (passing.some(always)) return;
  if (passing.length > 0) {
    const p = passing[0];
    ctx.report({
      messageId: 'policyConditional',
      at: [...p.path, 'Condition'],
      data: { policy: p.logicalId, condition: p.condition ?? '' },
      related: [{ path: target.path, message: `The ${spec.noun} this policy protects.` }],
    });
    return;
  }
  const seen = new Set<string>();
  for (const { policy, vs } of verdicts) {
    for (const v of vs) {
      if (v.kind === 'pass') continue;
      const key = `${v.kind}:${JSON.stringify(Array.isArray(v.at) ? v.at : [(v.at as Outcome).logical, (v.at as Outcome).conditions])}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const related = [{ path: target.path, message: `The ${spec.noun} this policy protects.` }];
      if (v.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: placeAt(v.at, policy), data: { what: `the ${spec.noun} policy ${policy.logicalId}`, reason: (v.reason ?? 'it is decided at deploy time').replace(/\.$/, '') }, related });
        continue;
      }
      const fix: Fix | undefined = v.fix ? { title: `Add a statement that denies requests without TLS to ${policy.logicalId}`, kind: 'safe', ops: v.fix } : undefined;
      const r: Report = {
        messageId: v.kind === 'partial' ? 'partial' : 'noStatement',
        at: placeAt(v.at, policy),
        data: { policy: policy.logicalId, covers: (v.parts ?? []).includes('bucket') ? 'the bucket but not its objects' : 'its objects but not the bucket itself' },
        related,
        ...(fix ? { fix } : {}),
      };
      ctx.report(r);
    }
  }
}

/** A path, unless the finding holds only under Fn::If conditions (the message then names them). */
function placeAt(at: Path | Outcome, policy: Resource): Path | Outcome {
  if (Array.isArray(at)) return at;
  const o = at as Outcome;
  return o.conditions.some((c) => c.name !== policy.condition) ? o : o.logical;
}

/** A Deny-insecure-transport statement. */
export function denyStatement(sid: string, action: string, resource: Json): JsonObject {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: action,
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
