/**
 * Database -> parameter group lookups (RDS, Aurora, DocumentDB, Neptune, Redshift): which group a
 * cluster or instance uses, read through the resolver, and how the group's parameters turn out.
 * Names of the template's groups are indexed once per template (module-level WeakMap), so a rule
 * never scans all resources per resource.
 */
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json, Path } from '../../types';
import type { Resource, Template } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import { pathStartsWith } from '../../path';

export interface GroupKind {
  /** Group resource types, e.g. ['AWS::RDS::DBParameterGroup']. */
  types: readonly string[];
  /** Properties that carry a group's own name, e.g. ['DBParameterGroupName'] or ['Name']. */
  nameProps: readonly string[];
}

export type GroupLookup =
  /** A group of this template (by Ref, or by a literal name equal to the group's own name). */
  | { kind: 'template'; group: Resource; at: Outcome }
  /** No group named: the service's default group applies. */
  | { kind: 'absent'; at: Outcome }
  /** A literal name: an AWS default group (`default.*`) or a group defined elsewhere. */
  | { kind: 'named'; name: string; isDefault: boolean; at: Outcome }
  /** Decided at deploy time, or a reference to something that is not a group. */
  | { kind: 'unknown'; reason: string; at: Outcome };

const nameIndexes = new WeakMap<Template, Map<string, Map<string, Resource>>>();

/** Template groups of a kind by their literal name (lower case: RDS stores names in lower case). */
function nameIndex(template: Template, kind: GroupKind): Map<string, Resource> {
  let perKind = nameIndexes.get(template);
  if (!perKind) {
    perKind = new Map();
    nameIndexes.set(template, perKind);
  }
  const key = `${kind.types.join('|')}#${kind.nameProps.join('|')}`;
  let index = perKind.get(key);
  if (!index) {
    index = new Map();
    for (const g of template.ofType(...kind.types)) {
      for (const p of kind.nameProps) {
        const v = g.properties[p];
        if (typeof v === 'string' && v !== '' && !index.has(v.toLowerCase())) index.set(v.toLowerCase(), g);
      }
    }
    perKind.set(key, index);
  }
  return index;
}

/** What a group-name property outcome names. */
export function lookupGroup(template: Template, kind: GroupKind, o: Outcome): GroupLookup {
  if (!o.known) {
    const g = o.refs.map((id) => template.resource(id)).find((r): r is Resource => r !== undefined && kind.types.includes(r.type));
    if (g) return { kind: 'template', group: g, at: o };
    return { kind: 'unknown', reason: o.reason ?? 'it is decided at deploy time', at: o };
  }
  if (o.value === undefined || o.value === null || o.value === '') return { kind: 'absent', at: o };
  if (o.resource) {
    const r = template.resource(o.resource.logicalId);
    if (r && kind.types.includes(r.type)) return { kind: 'template', group: r, at: o };
    return { kind: 'unknown', reason: `it is a reference to ${o.resource.type} ${o.resource.logicalId}, not to a parameter group`, at: o };
  }
  if (typeof o.value === 'string') {
    const g = nameIndex(template, kind).get(o.value.toLowerCase());
    if (g) return { kind: 'template', group: g, at: o };
    return { kind: 'named', name: o.value, isDefault: o.value.toLowerCase().startsWith('default.'), at: o };
  }
  return { kind: 'unknown', reason: `${JSON.stringify(o.value)} is not a parameter group name`, at: o };
}

/**
 * Outcomes of a group property (e.g. ['Parameters', 'rds.force_ssl']) under the conditions the
 * database assumed. Each outcome's `logical` is moved to `reportAt` (the database's property) so
 * that findings land on the database, with related information pointing into the group.
 */
export function groupValue(ctx: RuleContext, group: Resource, under: Outcome, rel: (string | number)[], reportAt: Path): Outcome[] {
  return ctx.resolver.at([...group.path, 'Properties', ...rel], under.conditions).map((o) => ({ ...o, logical: reportAt }));
}

/** The op that makes a group's value `value`, written where it is decided (parameter Default, Fn::If branch, the group). */
export function setGroupValueOp(ctx: RuleContext, group: Resource, o: Outcome, value: Json, fallback: Path): FixOp {
  const [section, name] = o.origin;
  if (section === 'Parameters' && o.origin[2] === 'Default') {
    const p = ctx.template.parameters.get(String(name));
    const allowed = p?.allowedValues?.map(String);
    if (!allowed || allowed.includes(String(value))) return { op: 'set', path: o.origin, value };
  }
  if (pathStartsWith(o.origin, group.path) && o.origin.length > group.path.length + 1) return { op: 'set', path: o.origin, value };
  return { op: 'set', path: fallback, value };
}

/**
 * A suggestion that adds a parameter group and points the database at it (Ref). The new group
 * takes the database's Condition, so that it exists exactly when the database does.
 */
export function addGroupFix(ctx: RuleContext, opts: { title: string; logicalId: string; type: string; properties: Record<string, Json>; nameProp: string }): Fix {
  const resource: Record<string, Json> = { Type: opts.type };
  if (ctx.resource.condition) resource.Condition = ctx.resource.condition;
  resource.Properties = opts.properties;
  return {
    title: opts.title,
    kind: 'suggest',
    ops: [
      { op: 'addResource', logicalId: opts.logicalId, resource },
      { op: 'set', path: ctx.propPath(opts.nameProp), value: { Ref: opts.logicalId } },
    ],
  };
}
