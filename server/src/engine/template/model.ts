/**
 * The template model: resources (logical id, type, properties, condition, metadata, policies),
 * parameters, conditions, mappings, SAM globals, and a lazy index of references between resources.
 */
import type { Json, JsonObject, Path } from '../types';
import type { UnitView } from './unit';

export interface Resource {
  logicalId: string;
  type: string;
  /** ['Resources', logicalId] */
  path: Path;
  /** The resource's own Properties (empty when absent). SAM Globals are layered in by resolution. */
  properties: JsonObject;
  hasProperties: boolean;
  condition?: string;
  metadata?: JsonObject;
  deletionPolicy?: Json;
  updateReplacePolicy?: Json;
  dependsOn: string[];
  /** For SAM resources: the Globals section that applies (e.g. Globals.Function). */
  globals?: { value: JsonObject; path: Path };
}

export interface Parameter {
  name: string;
  type: string;
  default?: Json;
  allowedValues?: Json[];
  noEcho: boolean;
  path: Path;
}

/** A reference from somewhere in the template to a resource. */
export interface Reference {
  /** Logical id of the referring resource, or undefined for Outputs etc. */
  from?: string;
  /** Path of the Ref / Fn::GetAtt / Fn::Sub value. */
  path: Path;
  kind: 'Ref' | 'GetAtt' | 'Sub';
  attribute?: string;
}

/** SAM Globals sections and the resource types they apply to. */
const SAM_GLOBALS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
  'AWS::Serverless::CapacityProvider': 'CapacityProvider',
};

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * Marks the model object the YAML reader makes for an unknown tag (`!Rain::Embed x` becomes
 * `{"!Rain::Embed": "x"}`): a non-enumerable symbol, invisible to JSON, cheap to test.
 */
export const UNKNOWN_TAG: unique symbol = Symbol('cfn-hipaa.unknownTag');

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Template {
  readonly resources = new Map<string, Resource>();
  readonly parameters = new Map<string, Parameter>();
  readonly conditions: JsonObject;
  readonly mappings: JsonObject;
  readonly transforms: string[];
  readonly isSam: boolean;
  readonly metadata?: JsonObject;
  /** Set when the template is linted with the other stacks of a unit (a CDK cloud assembly): see unit.ts. */
  unit: UnitView | undefined;
  private byType: Map<string, Resource[]> | undefined;
  private refIndex: Map<string, Reference[]> | undefined;

  constructor(readonly root: JsonObject) {
    const t = root.Transform;
    this.transforms = (Array.isArray(t) ? t : t === undefined ? [] : [t]).filter((x): x is string => typeof x === 'string');
    this.isSam = this.transforms.some((x) => x.startsWith('AWS::Serverless'));
    this.conditions = isObject(root.Conditions) ? root.Conditions : {};
    this.mappings = isObject(root.Mappings) ? root.Mappings : {};
    this.metadata = isObject(root.Metadata) ? root.Metadata : undefined;

    if (isObject(root.Parameters)) {
      for (const [name, p] of Object.entries(root.Parameters)) {
        if (!isObject(p)) continue;
        this.parameters.set(name, {
          name,
          type: typeof p.Type === 'string' ? p.Type : 'String',
          default: p.Default,
          allowedValues: Array.isArray(p.AllowedValues) ? p.AllowedValues : undefined,
          noEcho: p.NoEcho === true || p.NoEcho === 'true',
          path: ['Parameters', name],
        });
      }
    }

    const globals = isObject(root.Globals) ? root.Globals : undefined;
    if (isObject(root.Resources)) {
      for (const [logicalId, r] of Object.entries(root.Resources)) {
        if (!isObject(r) || typeof r.Type !== 'string') continue;
        const section = SAM_GLOBALS[r.Type];
        const g = section && globals && isObject(globals[section]) ? (globals[section] as JsonObject) : undefined;
        const dependsOn = Array.isArray(r.DependsOn) ? r.DependsOn : r.DependsOn === undefined ? [] : [r.DependsOn];
        this.resources.set(logicalId, {
          logicalId,
          type: r.Type,
          path: ['Resources', logicalId],
          properties: isObject(r.Properties) ? r.Properties : {},
          hasProperties: isObject(r.Properties),
          condition: typeof r.Condition === 'string' ? r.Condition : undefined,
          metadata: isObject(r.Metadata) ? r.Metadata : undefined,
          deletionPolicy: r.DeletionPolicy,
          updateReplacePolicy: r.UpdateReplacePolicy,
          dependsOn: dependsOn.filter((d): d is string => typeof d === 'string'),
          globals: g ? { value: g, path: ['Globals', section] } : undefined,
        });
      }
    }
  }

  /** A resource of this template; in a unit, also another stack's under its qualified id (`EhrData/Key`). */
  resource(logicalId: string): Resource | undefined {
    return this.resources.get(logicalId) ?? this.unit?.resource(logicalId);
  }

  /** The resource's object as written (for value resolution), if it is a mapping. */
  rawResource(logicalId: string): JsonObject | undefined {
    const section = this.root.Resources;
    if (!isObject(section) || !Object.prototype.hasOwnProperty.call(section, logicalId)) return undefined;
    const r = section[logicalId];
    return isObject(r) ? r : undefined;
  }

  /** Resources of these types; in a unit, the other stacks' too (qualified ids). */
  ofType(...types: string[]): Resource[] {
    const own = this.ofTypeLocal(types);
    return this.unit ? [...own, ...this.unit.ofType(types)] : own;
  }

  private ofTypeLocal(types: string[]): Resource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const r of this.resources.values()) {
        const list = this.byType.get(r.type);
        if (list) list.push(r);
        else this.byType.set(r.type, [r]);
      }
    }
    return types.flatMap((t) => this.byType!.get(t) ?? []);
  }

  /** Every Ref / Fn::GetAtt / Fn::Sub reference to `logicalId`, found by walking the model once. */
  /** In a unit, also references from the other stacks (by Fn::ImportValue or a nested stack's parameter). */
  referencesTo(logicalId: string): Reference[] {
    if (!this.unit) return this.localReferencesTo(logicalId);
    const own = this.resources.has(logicalId) ? this.localReferencesTo(logicalId) : [];
    return [...own, ...this.unit.referencesTo(logicalId)];
  }

  /** References within this template only. */
  localReferencesTo(logicalId: string): Reference[] {
    if (!this.refIndex) this.refIndex = this.buildRefIndex();
    return this.refIndex.get(logicalId) ?? [];
  }

  private buildRefIndex(): Map<string, Reference[]> {
    const index = new Map<string, Reference[]>();
    const add = (target: string, ref: Reference) => {
      const list = index.get(target);
      if (list) list.push(ref);
      else index.set(target, [ref]);
    };
    const walk = (v: Json, path: (string | number)[], from: string | undefined) => {
      if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, [...path, i], from));
        return;
      }
      if (!isObject(v)) return;
      const keys = Object.keys(v);
      if (keys.length === 1) {
        const k = keys[0];
        const arg = v[k];
        if (k === 'Ref' && typeof arg === 'string') {
          if (this.resources.has(arg)) add(arg, { from, path, kind: 'Ref' });
          return;
        }
        if (k === 'Fn::GetAtt') {
          const target = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
          const attribute = Array.isArray(arg) && typeof arg[1] === 'string' ? arg[1] : typeof arg === 'string' ? arg.split('.').slice(1).join('.') : undefined;
          if (typeof target === 'string' && this.resources.has(target)) add(target, { from, path, kind: 'GetAtt', attribute });
          if (Array.isArray(arg)) arg.forEach((x, i) => walk(x, [...path, k, i], from));
          return;
        }
        if (k === 'Fn::Sub') {
          const str = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
          const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
          if (str) {
            for (const name of subVariables(str)) {
              const target = name.split('.')[0];
              if (!(name in vars) && this.resources.has(target)) add(target, { from, path, kind: 'Sub', attribute: name.split('.').slice(1).join('.') || undefined });
            }
          }
          if (Array.isArray(arg) && isObject(arg[1])) walk(arg[1], [...path, k, 1], from);
          return;
        }
      }
      for (const k of keys) walk(v[k], [...path, k], from);
    };
    for (const [section, value] of Object.entries(this.root)) {
      if (section === 'Resources' && isObject(value)) {
        for (const [id, r] of Object.entries(value)) walk(r, ['Resources', id], id);
      } else if (section === 'Outputs' || section === 'Conditions') {
        walk(value, [section], undefined);
      }
    }
    return index;
  }
}

/** `${Name}` and `${Name.Attr}` variables of a Fn::Sub string (not `${!Literal}`). */
export function subVariables(s: string): string[] {
  const out: string[] = [];
  const re = /\$\{([^}!][^}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1].trim());
  return out;
}

export function buildTemplate(value: Json | undefined): Template | undefined {
  return isObject(value) ? new Template(value) : undefined;
}
