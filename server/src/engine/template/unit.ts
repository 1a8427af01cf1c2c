/**
 * Stacks linted as one unit (the stacks and nested stacks of a CDK cloud assembly): what lets the
 * resolver of one template follow `Fn::ImportValue` to the exporting stack's Output,
 * `Fn::GetStackOutput` to the named stack's Output, a nested
 * stack's parameter to the value its parent passes in, and a parent's `Fn::GetAtt Nested.Outputs.X`
 * to the nested stack's Output. Rules then judge the real pair (a key in one stack, the bucket it
 * encrypts in another) instead of reporting the value as unverifiable.
 *
 * Naming: from one template (the "home" stack), its own resources keep their logical ids; a
 * resource of another stack of the unit is named `<stack name>/<logical id>` (logical ids are
 * alphanumeric, so the last '/' separates; nested stack names hold '/' themselves). Such qualified
 * resources answer `template.resource(id)`, take part in `ofType` and `referencesTo`, and their
 * paths (`['Resources', 'EhrData/Key', ...]`) resolve in their own stack. They are never the
 * subject of a finding and no fix may write them (lint.ts drops fixes that would).
 */
import type { Json, Path } from '../types';
import { isObject } from './model';
import { refsIn } from './resolve';
import type { Reference, Resource, Template } from './model';

export interface UnitStack {
  /** Stack name, unique in the unit (a nested stack: `<parent name>/<logical id>`). */
  name: string;
  template: Template;
  /** For a nested stack: the parent stack's name and the logical id of its AWS::CloudFormation::Stack. */
  parent?: { name: string; logicalId: string };
}

/** Where a value lives in another stack of the unit. */
export interface ForeignPath {
  stack: string;
  path: Path;
}

export class StackUnit {
  readonly stacks = new Map<string, UnitStack>();
  private readonly views = new Map<string, UnitView>();
  /** Export name -> the stack and output that export it. */
  private readonly exports = new Map<string, { stack: string; output: string }>();
  /** "<parent>\u0000<logicalId>" -> nested stack name. */
  private readonly nestedByResource = new Map<string, string>();
  /** stack -> logical id -> references to it from other stacks (ids and paths relative to that stack). */
  private crossRefs: Map<string, Map<string, Reference[]>> | undefined;

  constructor(stacks: UnitStack[]) {
    for (const s of stacks) this.stacks.set(s.name, s);
    for (const s of stacks) {
      if (s.parent) this.nestedByResource.set(`${s.parent.name}\u0000${s.parent.logicalId}`, s.name);
      const outputs = s.template.root.Outputs;
      if (!isObject(outputs)) continue;
      for (const [output, o] of Object.entries(outputs)) {
        const name = isObject(o) && isObject(o.Export) ? o.Export.Name : undefined;
        // Only literal export names: CDK writes them so; a computed name is left unresolved.
        if (typeof name === 'string' && !this.exports.has(name)) this.exports.set(name, { stack: s.name, output });
      }
    }
    for (const s of stacks) {
      const view = new UnitView(this, s.name);
      this.views.set(s.name, view);
      s.template.unit = view;
    }
  }

  view(stack: string): UnitView | undefined {
    return this.views.get(stack);
  }

  exportOf(name: string): { stack: string; output: string } | undefined {
    return this.exports.get(name);
  }

  nestedStack(parent: string, logicalId: string): string | undefined {
    return this.nestedByResource.get(`${parent}\u0000${logicalId}`);
  }

  /** References to `logicalId` of `stack` from the other stacks (by import or nested-stack parameter). */
  referencesFromOthers(stack: string, logicalId: string): Reference[] {
    this.crossRefs ??= this.buildCrossRefs();
    return this.crossRefs.get(stack)?.get(logicalId) ?? [];
  }

  private buildCrossRefs(): Map<string, Map<string, Reference[]>> {
    const index = new Map<string, Map<string, Reference[]>>();
    const add = (target: string, id: string, ref: Reference) => {
      let m = index.get(target);
      if (!m) index.set(target, (m = new Map()));
      const list = m.get(id);
      if (list) list.push(ref);
      else m.set(id, [ref]);
    };
    /** Resource ids of `stack` that the value mentions. */
    const idsIn = (stack: UnitStack, v: Json | undefined): string[] => (v === undefined ? [] : refsIn(v, stack.template));
    for (const s of this.stacks.values()) {
      const resources = s.template.root.Resources;
      if (!isObject(resources)) continue;
      // The parameters a parent passes to this nested stack, by name.
      const passed = s.parent ? this.passedParameters(s) : undefined;
      const walk = (v: Json, path: Path, from: string) => {
        if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], from));
        if (!isObject(v)) return;
        const keys = Object.keys(v);
        if (keys.length === 1) {
          const k = keys[0];
          const a = v[k];
          const target =
            k === 'Fn::ImportValue' && typeof a === 'string'
              ? this.exports.get(a)
              : k === 'Fn::GetStackOutput' && isObject(a) && typeof a.StackName === 'string' && typeof a.OutputName === 'string'
                ? { stack: a.StackName, output: a.OutputName }
                : undefined;
          if (target) {
            const exporter = this.stacks.get(target.stack);
            const outputs = exporter?.template.root.Outputs;
            const value = isObject(outputs) && isObject(outputs[target.output]) ? (outputs[target.output] as { Value?: Json }).Value : undefined;
            if (exporter && exporter !== s) for (const id of idsIn(exporter, value)) add(exporter.name, id, { from: `${s.name}/${from}`, path: qualifyPath(path, s.name), kind: 'Ref' });
            return;
          }
          if (k === 'Ref' && typeof a === 'string' && passed && a in passed) {
            const parent = this.stacks.get(s.parent!.name)!;
            for (const id of idsIn(parent, passed[a])) add(parent.name, id, { from: `${s.name}/${from}`, path: qualifyPath(path, s.name), kind: 'Ref' });
            return;
          }
        }
        for (const k of keys) walk(v[k], [...path, k], from);
      };
      for (const [id, r] of Object.entries(resources)) walk(r, ['Resources', id], id);
    }
    return index;
  }

  /** The Parameters a nested stack's parent passes to it. */
  passedParameters(s: UnitStack): Record<string, Json> | undefined {
    if (!s.parent) return undefined;
    const parent = this.stacks.get(s.parent.name);
    const r = parent?.template.resource(s.parent.logicalId);
    const params = r?.properties.Parameters;
    return isObject(params) ? params : undefined;
  }
}

/** A resource path of stack `stack` as seen from another stack: the logical id qualified. */
function qualifyPath(path: Path, stack: string): Path {
  return path[0] === 'Resources' && typeof path[1] === 'string' ? ['Resources', `${stack}/${path[1]}`, ...path.slice(2)] : ['Stacks', stack, ...path];
}

/** The unit as seen from one of its stacks (Template.unit). */
export class UnitView {
  private readonly clones = new Map<string, Resource | null>();
  private foreignTypes: Map<string, Resource[]> | undefined;
  private readonly stackNames: string[];

  constructor(
    readonly unit: StackUnit,
    readonly home: string,
  ) {
    this.stackNames = [...unit.stacks.keys()].filter((n) => n !== home);
  }

  /** ['EhrData', 'Key'] for 'EhrData/Key' when EhrData is another stack of the unit. */
  split(id: string): [string, string] | undefined {
    const i = id.lastIndexOf('/');
    if (i <= 0) return undefined;
    const stack = id.slice(0, i);
    return stack !== this.home && this.unit.stacks.has(stack) ? [stack, id.slice(i + 1)] : undefined;
  }

  /** An id as written in `stack` (its own, or qualified relative to it), as seen from home. */
  relative(stack: string, id: string): string {
    if (stack === this.home) return id;
    const i = id.lastIndexOf('/');
    if (i > 0 && this.unit.stacks.has(id.slice(0, i))) return id.slice(0, i) === this.home ? id.slice(i + 1) : id;
    return `${stack}/${id}`;
  }

  /** A path of `stack` (its own, or qualified relative to it) as seen from home. */
  relativePath(stack: string, path: Path): Path {
    if (stack === this.home) return path;
    if (path[0] === 'Resources' && typeof path[1] === 'string') return ['Resources', this.relative(stack, path[1]), ...path.slice(2)];
    if (path[0] === 'Stacks') return path[1] === this.home ? path.slice(2) : path;
    return ['Stacks', stack, ...path];
  }

  /** Is this path in another stack (not placeable in the home document)? */
  isForeignPath(path: Path): boolean {
    return path[0] === 'Stacks' || (path[0] === 'Resources' && typeof path[1] === 'string' && this.split(path[1]) !== undefined);
  }

  template(stack: string): Template | undefined {
    return this.unit.stacks.get(stack)?.template;
  }

  /** A resource of another stack, under its qualified id (no condition: that names the other stack's conditions). */
  resource(qualified: string): Resource | undefined {
    const cached = this.clones.get(qualified);
    if (cached !== undefined) return cached ?? undefined;
    const s = this.split(qualified);
    const r = s ? this.template(s[0])?.resource(s[1]) : undefined;
    const clone: Resource | null = r ? { ...r, logicalId: qualified, path: ['Resources', qualified], condition: undefined, dependsOn: r.dependsOn.map((d) => `${s![0]}/${d}`) } : null;
    this.clones.set(qualified, clone);
    return clone ?? undefined;
  }

  /** The other stacks' resources of these types (qualified). */
  ofType(types: readonly string[]): Resource[] {
    if (!this.foreignTypes) {
      this.foreignTypes = new Map();
      for (const name of this.stackNames) {
        for (const r of this.template(name)!.resources.values()) {
          const clone = this.resource(`${name}/${r.logicalId}`)!;
          const list = this.foreignTypes.get(r.type);
          if (list) list.push(clone);
          else this.foreignTypes.set(r.type, [clone]);
        }
      }
    }
    return types.flatMap((t) => this.foreignTypes!.get(t) ?? []);
  }

  /** References from the other stacks to a home resource, or every reference to another stack's resource. */
  referencesTo(id: string): Reference[] {
    const s = this.split(id);
    const [stack, local] = s ?? [this.home, id];
    const out: Reference[] = [];
    const rel = (r: Reference): Reference => ({
      ...r,
      from: r.from === undefined ? undefined : this.relative(stack, r.from),
      path: this.relativePath(stack, r.path),
    });
    if (s) for (const r of this.template(stack)!.localReferencesTo(local)) out.push(rel(r));
    for (const r of this.unit.referencesFromOthers(stack, local)) out.push(rel(r));
    return out;
  }

  /** The Output value an export name stands for. */
  exportValue(name: string): ForeignPath | undefined {
    const e = this.unit.exportOf(name);
    if (!e) return undefined;
    return { stack: e.stack, path: ['Outputs', e.output, 'Value'] };
  }

  /** `Fn::GetStackOutput { StackName, OutputName }`: the Output of the stack of that name. */
  stackOutput(stackName: string, output: string): ForeignPath | undefined {
    const t = stackName === this.home ? undefined : this.template(stackName);
    const outputs = t?.root.Outputs;
    if (!isObject(outputs) || !isObject(outputs[output])) return undefined;
    return { stack: stackName, path: ['Outputs', output, 'Value'] };
  }

  /** For a nested stack: where the parent passes a value to parameter `name`. */
  parentParameter(name: string): ForeignPath | undefined {
    const me = this.unit.stacks.get(this.home);
    const passed = me ? this.unit.passedParameters(me) : undefined;
    if (!passed || !(name in passed)) return undefined;
    return { stack: me!.parent!.name, path: ['Resources', me!.parent!.logicalId, 'Properties', 'Parameters', name] };
  }

  /** For `Fn::GetAtt [NestedStack, Outputs.X]` in the home stack: the nested stack's Output X. */
  nestedOutput(logicalId: string, output: string): ForeignPath | undefined {
    const nested = this.unit.nestedStack(this.home, logicalId);
    const outputs = nested ? this.template(nested)?.root.Outputs : undefined;
    if (!isObject(outputs) || !isObject(outputs[output])) return undefined;
    return { stack: nested!, path: ['Outputs', output, 'Value'] };
  }

  /** Does this JSON (a fix) name another stack's resource? */
  mentionsForeign(v: unknown): boolean {
    if (this.stackNames.length === 0) return false;
    const names = this.stackNames;
    const foreign = (s: string) => s.includes('/') && names.some((n) => s.startsWith(`${n}/`) || s.includes(`{${n}/`));
    const walk = (x: unknown): boolean => {
      if (typeof x === 'string') return foreign(x);
      if (Array.isArray(x)) return x.some(walk);
      if (typeof x === 'object' && x !== null) {
        for (const [k, y] of Object.entries(x)) if (foreign(k) || walk(y)) return true;
      }
      return false;
    };
    return walk(v);
  }
}
