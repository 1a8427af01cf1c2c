/**
 * Value resolution: what a value at a path can be when the stack is deployed.
 *
 * Every lookup returns Outcomes: one per way the value can turn out (both branches of Fn::If, each
 * AllowedValue of a parameter without a Default, each entry of a mapping indexed by region...).
 * An outcome is either known (a literal, a parameter default, a reference to a resource in this
 * template) or unknown, with a sentence saying why (decided at deploy time). Rules never pass an
 * unknown value silently.
 */
import type { Json, JsonObject, Path } from '../types';
import { isObject, PSEUDO_PARAMETERS, subVariables, UNKNOWN_TAG } from './model';
import type { Parameter, Template } from './model';

export interface Assumption {
  name: string;
  value: boolean;
}

export interface ResourceRef {
  logicalId: string;
  type: string;
  attribute?: string;
}

export interface Outcome {
  /** The value; undefined when absent (not written, or removed with AWS::NoValue). Intrinsics below the top level stay in long form. */
  value: Json | undefined;
  /** False when the value is only decided at deploy time. */
  known: boolean;
  /** Why the value cannot be known here (for unverifiable findings). */
  reason?: string;
  /** Fn::If conditions assumed on the way to this outcome. */
  conditions: Assumption[];
  /** Where the deciding text is: the property itself, a parameter's Default, a Fn::If branch, a mapping entry. */
  origin: Path;
  /** The path as asked for (e.g. the property in the resource), whatever the value's origin. */
  logical: Path;
  /** The value is a parameter's Default (or one of its AllowedValues). */
  parameter?: string;
  /** The parameter's AllowedValues, when it has them. */
  allowed?: Json[];
  /** The value is a reference to a resource of this template (Ref or Fn::GetAtt). */
  resource?: ResourceRef;
  /** Resources this value mentions (Ref, GetAtt, ${Res} in Fn::Sub, parts of Fn::Join). */
  refs: string[];
  /** For strings only partly known: the text with unknown parts written as ${...}. */
  text?: string;
  /** The value was removed with `Ref: AWS::NoValue` (in a Fn::If branch): an explicit choice, not an omission. */
  noValue?: boolean;
  /** SAM: the matching part of the Globals section, consulted for keys the resource doesn't set. */
  fallback?: { value: Json; origin: Path };
  /**
   * The value comes from another stack of the unit (template/unit.ts): the stack and the outcome
   * as that stack's resolver sees it, for looking further down. Ids and paths above are relative
   * to this template (`EhrData/Key`).
   */
  foreign?: { stack: string; inner: Outcome };
}

export interface ResolverOptions {
  /**
   * The regions the stack is deployed to. Conditions on `AWS::Region` (and `AWS::Partition`) are
   * decided by them; without them, China regions (outside AWS's BAA) are assumed not to be one.
   */
  regions?: readonly string[];
}

/** How many stack boundaries one value may cross (exports of exports, nested stacks of nested stacks). */
const MAX_FOREIGN_DEPTH = 16;
let foreignDepth = 0;

/** Regions never holding PHI under AWS's BAA: AWS China is operated by other companies. */
const CHINA_REGION = /^cn-/;

const MAX_OUTCOMES = 64;
const INTRINSIC_LIST = [
  'Ref',
  'Condition',
  'Fn::If',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::ImportValue',
  'Fn::GetStackOutput',
  'Fn::GetAZs',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Transform',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::ForEach',
];

/**
 * `{"Ref": ...}`, `{"Fn::If": ...}`, or an unknown `{"!Tag": ...}`: the key of the intrinsic, else
 * undefined. Known names are probed with `in` first, so a mapping with thousands of keys (a cdk
 * synth Resources section) is never enumerated just to learn it is not an intrinsic.
 */
export function intrinsicKey(v: Json | undefined): string | undefined {
  if (!isObject(v)) return undefined;
  const tag = (v as { [UNKNOWN_TAG]?: string })[UNKNOWN_TAG];
  if (tag !== undefined) return tag;
  let candidate: string | undefined;
  for (const name of INTRINSIC_LIST) {
    if (name in v) {
      candidate = name;
      break;
    }
  }
  if (candidate === undefined) return undefined;
  let count = 0;
  for (const k in v) {
    void k;
    if (++count > 1) return undefined;
  }
  return candidate;
}

function parameterType(p: Parameter): string {
  return /\s/.test(p.type) ? p.type.replace(/\s+/g, '') : p.type;
}

export class Resolver {
  /** Resolvers of the other stacks of the unit, by stack name. */
  private readonly others = new Map<string, Resolver>();

  constructor(
    readonly template: Template,
    readonly options: ResolverOptions = {},
  ) {}

  /** Outcomes of the value at an absolute path, under the given assumptions. */
  at(path: Path, assume: Assumption[] = []): Outcome[] {
    const unit = this.template.unit;
    if (unit && path[0] === 'Resources' && typeof path[1] === 'string') {
      const s = unit.split(path[1]);
      if (s) return this.foreign(s[0], ['Resources', s[1], ...path.slice(2)], path, []);
    }
    // Paths into a resource start at the resource (rules look up thousands of them).
    const raw = path[0] === 'Resources' && path.length >= 2 ? this.template.rawResource(String(path[1])) : undefined;
    const start = raw ? 2 : 0;
    const origin = raw ? path.slice(0, 2) : [];
    let outs: Outcome[] = [{ value: raw ?? this.template.root, known: true, conditions: assume, origin, logical: origin, refs: [] }];
    for (let i = start; i < path.length; i++) outs = this.step(outs, path[i]);
    return outs;
  }

  /** Outcomes of `rel` below an outcome. */
  descend(o: Outcome, rel: Path): Outcome[] {
    let outs = [o];
    for (const seg of rel) outs = this.step(outs, seg);
    return outs;
  }

  /** One step down from an outcome. */
  /** One path step for every outcome (a plain loop: this is the resolver's hottest path). */
  private step(outs: Outcome[], seg: string | number): Outcome[] {
    if (outs.length === 1) return this.limit(this.child(outs[0], seg));
    const next: Outcome[] = [];
    for (const o of outs) for (const x of this.child(o, seg)) next.push(x);
    return this.limit(next);
  }

  child(o: Outcome, seg: string | number): Outcome[] {
    if (!o.known) return [o];
    if (o.foreign) {
      const f = o.foreign;
      return this.resolverOf(f.stack).child(f.inner, seg).map((x) => this.adopt(x, f.stack, [...o.logical, seg], o.conditions));
    }
    const origin = [...o.origin, seg];
    const logical = [...o.logical, seg];
    const base = { conditions: o.conditions, refs: [] as string[], logical };
    if (o.value === undefined || o.value === null) return [{ value: undefined, known: true, conditions: o.conditions, origin, logical, refs: [] }];
    const v = o.value;
    const fb = o.fallback;
    if (Array.isArray(v)) {
      if (typeof seg !== 'number') return [{ ...base, value: undefined, known: true, origin }];
      const globalsList = fb && Array.isArray(fb.value) ? fb.value : [];
      // SAM prepends Globals list entries to the resource's own list.
      if (seg < globalsList.length) return this.evaluate(globalsList[seg], [...fb!.origin, seg], o.conditions, logical);
      const i = seg - globalsList.length;
      return i < v.length ? this.evaluate(v[i], [...o.origin, i], o.conditions, logical) : [{ ...base, value: undefined, known: true, origin }];
    }
    if (isObject(v) && intrinsicKey(v) === undefined) {
      const key = String(seg);
      const fbValue = fb && isObject(fb.value) ? fb.value : undefined;
      const fbChild = fbValue && key in fbValue ? { value: fbValue[key], origin: [...fb!.origin, key] } : undefined;
      if (key in v) {
        const outs = this.evaluate(v[key], origin, o.conditions, logical);
        if (!fbChild) return outs;
        return outs.map((x) => (x.known && (isObject(x.value) || Array.isArray(x.value)) ? { ...x, fallback: fbChild } : x));
      }
      if (fbChild) return this.evaluate(fbChild.value, fbChild.origin, o.conditions, logical);
      // SAM: a resource without Properties still gets its Globals.
      const r = this.samResourceAt(origin);
      if (r) return [{ ...base, value: {}, known: true, origin, fallback: r }];
      return [{ value: undefined, known: true, conditions: o.conditions, origin, logical, refs: [] }];
    }
    if (o.resource) {
      return [{ ...base, value: undefined, known: false, origin: o.origin, reason: `it is a reference to ${o.resource.logicalId}` }];
    }
    return [{ ...base, value: undefined, known: true, origin }];
  }

  /** ['Resources', id, 'Properties'] of a SAM resource with Globals -> the Globals layer. */
  private samResourceAt(path: Path): { value: Json; origin: Path } | undefined {
    if (path.length !== 3 || path[0] !== 'Resources' || path[2] !== 'Properties') return undefined;
    const r = this.template.resource(String(path[1]));
    return r?.globals ? { value: r.globals.value, origin: r.globals.path } : undefined;
  }

  /** Outcomes of a raw model value found at `origin`. */
  evaluate(v: Json | undefined, origin: Path, conds: Assumption[], logical: Path = origin): Outcome[] {
    // Plain values (the common case) are built as literals of one shape: object spread here was
    // the resolver's single most expensive line.
    if (v === undefined) return [{ value: undefined, known: true, conditions: conds, origin, logical, refs: [] }];
    if (typeof v === 'string') {
      if (v.includes('{{resolve:')) {
        return [{ value: undefined, known: false, conditions: conds, origin, logical, refs: [], text: v, reason: 'it is a dynamic reference ({{resolve:...}}) read at deploy time' }];
      }
      return [{ value: v, known: true, conditions: conds, origin, logical, refs: [] }];
    }
    const key = intrinsicKey(v);
    if (key === undefined) {
      const withGlobals = origin.length === 3 && isObject(v) ? this.samResourceAt(origin) : undefined;
      const out: Outcome = { value: v, known: true, conditions: conds, origin, logical, refs: [] };
      if (withGlobals) out.fallback = withGlobals;
      return [out];
    }
    const base = { conditions: conds, origin, logical, refs: [] as string[] };
    const arg = (v as JsonObject)[key];
    const at = [...origin, key];
    switch (key) {
      case 'Ref':
        return this.ref(arg, origin, conds, logical);
      case 'Fn::GetAtt': {
        const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
        const attr = Array.isArray(arg) ? arg.slice(1).join('.') : typeof arg === 'string' ? arg.split('.').slice(1).join('.') : '';
        const r = typeof target === 'string' ? this.template.resource(target) : undefined;
        if (!r) return [{ ...base, value: undefined, known: false, reason: `Fn::GetAtt refers to ${String(target)}, which is not a resource of this template` }];
        if (r.type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.') && this.template.unit) {
          const out = this.template.unit.nestedOutput(r.logicalId, attr.slice('Outputs.'.length));
          if (out) return this.foreign(out.stack, out.path, logical, conds);
        }
        return [{ ...base, value: v, known: true, resource: { logicalId: r.logicalId, type: r.type, attribute: attr }, refs: [r.logicalId] }];
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
          return [{ ...base, value: undefined, known: false, reason: 'Fn::If is malformed (it takes [condition, value-if-true, value-if-false])' }];
        }
        const name = arg[0];
        const decided = this.condition(name, conds);
        if (decided === true) return this.evaluate(arg[1], [...at, 1], conds, logical);
        if (decided === false) return this.evaluate(arg[2], [...at, 2], conds, logical);
        return this.limit([
          ...this.evaluate(arg[1], [...at, 1], [...conds, { name, value: true }], logical),
          ...this.evaluate(arg[2], [...at, 2], [...conds, { name, value: false }], logical),
        ]);
      }
      case 'Fn::Sub':
        return this.sub(arg, origin, conds, logical);
      case 'Fn::Join':
        return this.join(arg, origin, conds, logical);
      case 'Fn::FindInMap':
        return this.findInMap(arg, origin, conds, logical);
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) break;
        const out: Outcome[] = [];
        for (const idx of this.evaluate(arg[0], [...at, 0], conds)) {
          for (const list of this.evaluate(arg[1], [...at, 1], idx.conditions)) {
            const i = Number(idx.value);
            if (idx.known && list.known && Array.isArray(list.value) && Number.isInteger(i) && i >= 0 && i < list.value.length) {
              out.push(...this.evaluate(list.value[i], [...list.origin, i], list.conditions, logical));
            } else {
              out.push({ ...base, conditions: list.conditions, value: undefined, known: false, reason: idx.known && list.known ? 'Fn::Select picks from a list computed at deploy time' : (list.reason ?? idx.reason ?? 'Fn::Select is computed at deploy time') });
            }
          }
        }
        return this.limit(out);
      }
      case 'Fn::ImportValue': {
        const unit = this.template.unit;
        const names = unit ? this.evaluate(arg, at, conds) : [];
        if (names.length === 1 && names[0].known && typeof names[0].value === 'string') {
          const e = unit!.exportValue(names[0].value);
          if (e) return this.foreign(e.stack, e.path, logical, conds);
          return [{ ...base, value: undefined, known: false, reason: `it is imported from another stack (Fn::ImportValue ${names[0].value}), which no stack of this cloud assembly exports` }];
        }
        return [{ ...base, value: undefined, known: false, reason: 'it is imported from another stack (Fn::ImportValue)' }];
      }
      case 'Fn::GetStackOutput': {
        // { StackName, OutputName, Region?, RoleArn? }: another stack's Output, no export needed
        // (CDK's "weak" cross-stack references). Region and role do not change which stack of
        // the assembly is meant.
        const unit = this.template.unit;
        const field = (name: string): string | undefined => {
          if (!isObject(arg)) return undefined;
          const outs = this.evaluate(arg[name], [...at, name], conds);
          return outs.length === 1 && outs[0].known && typeof outs[0].value === 'string' ? outs[0].value : undefined;
        };
        const stackName = field('StackName');
        const outputName = field('OutputName');
        const found = unit && stackName && outputName ? unit.stackOutput(stackName, outputName) : undefined;
        if (found) return this.foreign(found.stack, found.path, logical, conds);
        const which = stackName && outputName ? ` (output ${outputName} of stack ${stackName}${unit ? ', which no stack of this cloud assembly has' : ''})` : '';
        return [{ ...base, value: undefined, known: false, reason: `it is read from another stack at deploy time (Fn::GetStackOutput${which})` }];
      }
      default:
        break;
    }
    if (key.startsWith('!')) {
      return [{ ...base, value: undefined, known: false, reason: `it is written with the unknown tag ${key}` }];
    }
    return [{ ...base, value: undefined, known: false, reason: `it is computed by ${key} at deploy time`, refs: refsIn(v, this.template) }];
  }

  private ref(arg: Json, origin: Path, conds: Assumption[], logical: Path = origin): Outcome[] {
    const base = { conditions: conds, origin, logical, refs: [] as string[] };
    if (typeof arg !== 'string') return [{ ...base, value: undefined, known: false, reason: 'Ref takes the name of a parameter or resource' }];
    if (arg === 'AWS::NoValue') return [{ ...base, value: undefined, known: true, noValue: true }];
    if (PSEUDO_PARAMETERS.has(arg)) {
      return [{ ...base, value: undefined, known: false, text: '${' + arg + '}', reason: `it depends on ${arg}, known only at deploy time` }];
    }
    const p = this.template.parameters.get(arg);
    if (p) {
      const passed = this.template.unit?.parentParameter(arg);
      if (passed) return this.foreign(passed.stack, passed.path, logical, conds);
      return this.parameter(p, origin, conds, logical);
    }
    const r = this.template.resource(arg);
    if (r) return [{ ...base, value: { Ref: arg }, known: true, resource: { logicalId: r.logicalId, type: r.type }, refs: [r.logicalId] }];
    return [{ ...base, value: undefined, known: false, reason: `Ref refers to ${arg}, which is not defined in this template` }];
  }

  private parameter(p: Parameter, origin: Path, conds: Assumption[], logical: Path): Outcome[] {
    const common = { conditions: conds, logical, parameter: p.name, refs: [] as string[], allowed: p.allowedValues };
    const type = parameterType(p);
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      return [{ ...common, origin, value: undefined, known: false, reason: `parameter ${p.name} is read from SSM Parameter Store (${String(p.default ?? 'no name given')}) at deploy time` }];
    }
    const convert = (x: Json): Json => (type.startsWith('List<') || type === 'CommaDelimitedList') && typeof x === 'string' ? x.split(',').map((s) => s.trim()) : x;
    if (p.default !== undefined) {
      const broken = this.contradicted(p.name, p.default, conds);
      if (!broken) return [{ value: convert(p.default), known: true, conditions: conds, origin: [...p.path, 'Default'], logical, refs: [], parameter: p.name, allowed: p.allowedValues }];
      if (!p.allowedValues) {
        return [{ ...common, origin, value: undefined, known: false, reason: `parameter ${p.name} is given at deploy time: condition ${broken.name} is ${broken.value} only when it differs from its Default` }];
      }
    }
    if (p.allowedValues && p.allowedValues.length > 0) {
      const fits = p.allowedValues.map((x, i) => ({ x, i })).filter(({ x }) => !this.contradicted(p.name, x, conds));
      if (fits.length > 0) return fits.map(({ x, i }) => ({ ...common, origin: [...p.path, 'AllowedValues', i], value: convert(x), known: true }));
    }
    return [{ ...common, origin, value: undefined, known: false, reason: `it comes from parameter ${p.name}, which has no Default` }];
  }

  /** Fn::Sub: a known string when every variable is known; else the text with ${...} left in. */
  private sub(arg: Json, origin: Path, conds: Assumption[], logical: Path): Outcome[] {
    const str = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
    if (str === undefined) return [{ conditions: conds, origin, logical, refs: [], value: undefined, known: false, reason: 'Fn::Sub is malformed' }];
    const refs: string[] = [];
    let reason: string | undefined;
    let known = true;
    const text = str.replace(/\$\{([^}!][^}]*)\}/g, (whole, rawName: string) => {
      const name = rawName.trim();
      let outs: Outcome[] | undefined;
      if (name in vars) outs = this.evaluate(vars[name], [...origin, 'Fn::Sub', 1, name], conds);
      else if (this.template.parameters.has(name)) outs = this.ref(name, origin, conds);
      else {
        const target = name.split('.')[0];
        if (this.template.resource(target)) refs.push(target);
        else if (!PSEUDO_PARAMETERS.has(name)) reason ??= `Fn::Sub uses \${${name}}, which is not defined in this template`;
        known = false;
        reason ??= PSEUDO_PARAMETERS.has(name) ? `it depends on ${name}, known only at deploy time` : `it includes an attribute of ${target} known only at deploy time`;
        return whole;
      }
      if (outs.length === 1 && outs[0].known && (typeof outs[0].value === 'string' || typeof outs[0].value === 'number' || typeof outs[0].value === 'boolean')) {
        return String(outs[0].value);
      }
      for (const o of outs) refs.push(...o.refs);
      known = false;
      reason ??= outs.find((o) => o.reason)?.reason ?? `\${${name}} has several possible values`;
      return whole;
    });
    if (known) return [{ conditions: conds, origin, logical, refs, value: text.replace(/\$\{!/g, '${'), known: true }];
    return [{ conditions: conds, origin, logical, refs, value: undefined, known: false, text, reason }];
  }

  private join(arg: Json, origin: Path, conds: Assumption[], logical: Path): Outcome[] {
    const fail = (reason: string, refs: string[] = []): Outcome[] => [{ conditions: conds, origin, logical, refs, value: undefined, known: false, reason }];
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return fail('Fn::Join is malformed');
    const [delim, list] = arg;
    const lists = this.evaluate(list, [...origin, 'Fn::Join', 1], conds);
    if (lists.length !== 1 || !lists[0].known || !Array.isArray(lists[0].value)) return fail('Fn::Join joins a list computed at deploy time');
    const parts: string[] = [];
    const refs: string[] = [];
    let known = true;
    let reason: string | undefined;
    lists[0].value.forEach((item, i) => {
      const outs = this.evaluate(item, [...lists[0].origin, i], conds);
      const o = outs[0];
      if (outs.length === 1 && o.known && o.value !== undefined && !isObject(o.value) && !Array.isArray(o.value)) {
        parts.push(String(o.value));
      } else {
        known = false;
        for (const x of outs) refs.push(...x.refs);
        reason ??= o.reason ?? 'part of it is computed at deploy time';
        parts.push(o.text ?? (o.resource ? '${' + o.resource.logicalId + (o.resource.attribute ? '.' + o.resource.attribute : '') + '}' : '${?}'));
      }
    });
    const text = parts.join(delim);
    if (known) return [{ conditions: conds, origin, logical, refs, value: text, known: true }];
    return [{ conditions: conds, origin, logical, refs, value: undefined, known: false, text, reason }];
  }

  /** Fn::FindInMap; a key known only at deploy time (say AWS::Region) yields every entry the map holds. */
  private findInMap(arg: Json, origin: Path, conds: Assumption[], logical: Path): Outcome[] {
    const fail = (reason: string): Outcome[] => [{ conditions: conds, origin, logical, refs: [], value: undefined, known: false, reason }];
    if (!Array.isArray(arg) || arg.length < 3) return fail('Fn::FindInMap is malformed');
    const keysOf = (x: Json, i: number, within: JsonObject): string[] | undefined => {
      const outs = this.evaluate(x, [...origin, 'Fn::FindInMap', i], conds);
      if (outs.every((o) => o.known && (typeof o.value === 'string' || typeof o.value === 'number'))) return outs.map((o) => String(o.value));
      return Object.keys(within); // unknown key: any entry
    };
    const mapNames = keysOf(arg[0], 0, this.template.mappings) ?? [];
    const out: Outcome[] = [];
    const seen = new Set<string>();
    for (const m of mapNames) {
      const map = this.template.mappings[m];
      if (!isObject(map)) return fail(`mapping ${m} is not defined in this template`);
      for (const k1 of keysOf(arg[1], 1, map) ?? []) {
        const level = map[k1];
        if (!isObject(level)) continue;
        for (const k2 of keysOf(arg[2], 2, level) ?? []) {
          if (!(k2 in level)) continue;
          const value = level[k2];
          const sig = JSON.stringify(value);
          if (seen.has(sig)) continue;
          seen.add(sig);
          out.push(...this.evaluate(value, ['Mappings', m, k1, k2], conds, logical));
        }
      }
    }
    if (out.length === 0) return fail('Fn::FindInMap finds no entry for these keys');
    return this.limit(out);
  }

  /** The first assumed condition that would be false (or true) if parameter `name` had `value`. */
  private contradicted(name: string, value: Json, conds: Assumption[]): Assumption | undefined {
    if (conds.length === 0) return undefined;
    const bindings = new Map<string, Json>([[name, value]]);
    return conds.find((a) => {
      const expr = this.template.conditions[a.name];
      if (expr === undefined) return false;
      const v = this.conditionExpr(expr, [], new Set([a.name]), bindings);
      return v !== undefined && v !== a.value;
    });
  }

  /**
   * The truth of a condition under assumptions: true/false when decided (assumed, or literal
   * Fn::Equals and logic over decided conditions), undefined when it depends on the deployment.
   * Parameters are not folded to their defaults: a deployer may pass any allowed value.
   */
  condition(name: string, assume: Assumption[], visiting: Set<string> = new Set(), bindings?: Map<string, Json>): boolean | undefined {
    const a = assume.find((x) => x.name === name);
    if (a) return a.value;
    if (visiting.has(name)) return undefined;
    const expr = this.template.conditions[name];
    if (expr === undefined) return undefined;
    visiting.add(name);
    try {
      return this.conditionExpr(expr, assume, visiting, bindings);
    } finally {
      visiting.delete(name);
    }
  }

  /** `bindings` fixes some parameters to a value (to test a Default against an assumption). */
  private conditionExpr(e: Json, assume: Assumption[], visiting: Set<string>, bindings?: Map<string, Json>): boolean | undefined {
    const key = intrinsicKey(e);
    if (!key) return typeof e === 'boolean' ? e : e === 'true' ? true : e === 'false' ? false : undefined;
    const arg = (e as JsonObject)[key];
    const list = Array.isArray(arg) ? arg : [];
    switch (key) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, assume, visiting, bindings) : undefined;
      case 'Fn::Not': {
        const x = this.conditionExpr(list[0], assume, visiting, bindings);
        return x === undefined ? undefined : !x;
      }
      case 'Fn::And': {
        let unknown = false;
        for (const c of list) {
          const x = this.conditionExpr(c, assume, visiting, bindings);
          if (x === false) return false;
          if (x === undefined) unknown = true;
        }
        return unknown ? undefined : true;
      }
      case 'Fn::Or': {
        let unknown = false;
        for (const c of list) {
          const x = this.conditionExpr(c, assume, visiting, bindings);
          if (x === true) return true;
          if (x === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      }
      case 'Fn::Equals': {
        const [a, b] = list;
        const lit = (x: Json): string | undefined => {
          if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x);
          const ref = intrinsicKey(x) === 'Ref' ? (x as JsonObject).Ref : undefined;
          if (typeof ref === 'string' && bindings?.has(ref)) {
            const v = bindings.get(ref);
            return Array.isArray(v) ? v.join(',') : v === null || v === undefined ? undefined : String(v);
          }
          return undefined;
        };
        const la = lit(a);
        const lb = lit(b);
        if (la !== undefined && lb !== undefined) return la === lb;
        const pseudo = (x: Json): string | undefined => {
          const ref = intrinsicKey(x) === 'Ref' ? (x as JsonObject).Ref : undefined;
          return ref === 'AWS::Region' || ref === 'AWS::Partition' ? ref : undefined;
        };
        const which = pseudo(a) ?? pseudo(b);
        const other = pseudo(a) ? lb : la;
        return which && other !== undefined ? this.deploymentEquals(which, other) : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * `Fn::Equals [Ref AWS::Region, value]` (or AWS::Partition) under the deployment's regions: decided
   * when every region agrees; without configured regions only China (cn-*, aws-cn) is ruled out,
   * which is what CDK's "...UnsupportedRegions" conditions test.
   */
  private deploymentEquals(pseudo: string, value: string): boolean | undefined {
    const regions = this.options.regions;
    const partition = pseudo === 'AWS::Partition';
    if (regions?.length) {
      // Decided when every deployment agrees.
      const actual = partition ? regions.map((r) => (CHINA_REGION.test(r) ? 'aws-cn' : r.startsWith('us-gov-') ? 'aws-us-gov' : 'aws')) : regions;
      return actual.every((x) => x === value) ? true : actual.every((x) => x !== value) ? false : undefined;
    }
    return (partition ? value === 'aws-cn' : CHINA_REGION.test(value)) ? false : undefined;
  }

  /** The resolver of another stack of the unit. */
  private resolverOf(stack: string): Resolver {
    let r = this.others.get(stack);
    if (!r) {
      const t = this.template.unit?.template(stack);
      if (!t) throw new Error(`stack ${stack} is not part of the unit`);
      r = new Resolver(t, this.options);
      this.others.set(stack, r);
    }
    return r;
  }

  /** Outcomes of a path of another stack of the unit, seen from this template. */
  private foreign(stack: string, path: Path, logical: Path, conds: Assumption[]): Outcome[] {
    // Stacks that import from each other in a circle (CloudFormation refuses them; a hand-made
    // assembly may not): give up after a few hops instead of recursing for ever.
    if (foreignDepth >= MAX_FOREIGN_DEPTH) {
      return [{ value: undefined, known: false, conditions: conds, origin: logical, logical, refs: [], reason: `it is passed between stacks more than ${MAX_FOREIGN_DEPTH} times (a circular reference?)` }];
    }
    foreignDepth++;
    try {
      return this.limit(this.resolverOf(stack).at(path).map((o) => this.adopt(o, stack, logical, conds)));
    } finally {
      foreignDepth--;
    }
  }

  /**
   * An outcome of another stack's resolver, seen from this template: its ids and paths made
   * relative (qualified), its conditions dropped (they name the other stack's conditions), and
   * reasons saying where the value was looked for.
   */
  private adopt(o: Outcome, stack: string, logical: Path, conds: Assumption[]): Outcome {
    const unit = this.template.unit!;
    const out: Outcome = {
      value: o.value,
      known: o.known,
      conditions: conds,
      origin: unit.relativePath(stack, o.origin),
      logical,
      refs: o.refs.map((id) => unit.relative(stack, id)),
      foreign: { stack, inner: o },
    };
    // Name the stack where the value was decided once: the innermost one.
    if (o.reason !== undefined) out.reason = o.reason.includes('(in stack ') ? o.reason : `${o.reason} (in stack ${stack})`;
    if (o.resource) out.resource = { ...o.resource, logicalId: unit.relative(stack, o.resource.logicalId) };
    if (o.text !== undefined) {
      // ${Id} / ${Id.Attr} of the other stack's resources, relative to this one; pseudo parameters stay.
      const own = unit.template(stack);
      out.text = o.text.replace(/\$\{([^}.]+)((?:\.[^}]*)?)\}/g, (whole, id: string, attr: string) =>
        id.includes('/') || own?.resources.has(id) ? '${' + unit.relative(stack, id) + attr + '}' : whole,
      );
    }
    if (o.noValue) out.noValue = true;
    if (o.allowed) out.allowed = o.allowed;
    return out;
  }

  private limit(outs: Outcome[]): Outcome[] {
    if (outs.length <= MAX_OUTCOMES) return outs;
    const first = outs[0];
    return [{ conditions: first.conditions, origin: first.origin, logical: first.logical, refs: [], value: undefined, known: false, reason: `it has more than ${MAX_OUTCOMES} possible values (conditions, mappings and parameters combined)` }];
  }
}

/** Resource logical ids mentioned anywhere inside a value. */
export function refsIn(v: Json, template: Template): string[] {
  const out = new Set<string>();
  const walk = (x: Json) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!isObject(x)) return;
    const k = intrinsicKey(x);
    if (k === 'Ref' && typeof x.Ref === 'string' && template.resource(x.Ref)) out.add(x.Ref);
    else if (k === 'Fn::GetAtt') {
      const a = x['Fn::GetAtt'];
      const t = Array.isArray(a) ? a[0] : typeof a === 'string' ? a.split('.')[0] : undefined;
      if (typeof t === 'string' && template.resource(t)) out.add(t);
    } else if (k === 'Fn::Sub') {
      const a = x['Fn::Sub'];
      const s = typeof a === 'string' ? a : Array.isArray(a) && typeof a[0] === 'string' ? a[0] : '';
      for (const name of subVariables(s)) if (template.resource(name.split('.')[0])) out.add(name.split('.')[0]);
    }
    for (const k2 in x) walk(x[k2]);
  };
  walk(v);
  return [...out];
}

/** Loose CloudFormation truthiness: true, "true", "True". */
export function isTrue(v: Json | undefined): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}
export function isFalse(v: Json | undefined): boolean {
  return v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
}
