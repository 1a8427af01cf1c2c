/**
 * The network index: which subnets a data store sits in, and whether a subnet is public.
 *
 *   subnet group (RDS, DocumentDB, Neptune, ElastiCache, Redshift, DMS, MemoryDB, DAX) -> SubnetIds
 *   subnet -> AWS::EC2::SubnetRouteTableAssociation -> route table -> AWS::EC2::Route
 *   route: a default route (0.0.0.0/0 or ::/0) to an internet gateway (GatewayId naming an
 *   AWS::EC2::InternetGateway of the template, or a literal igw-... id)
 *
 * A virtual private gateway (AWS::EC2::VPNGateway, vgw-...) also goes in GatewayId and is not an
 * internet gateway; neither is an egress-only internet gateway (EgressOnlyInternetGatewayId: outbound
 * only). A subnet with no route table association uses its VPC's main route table, which a template
 * cannot add routes to: such a subnet gets no finding from routes.
 *
 * Links are followed by Ref / Fn::GetAtt (and a literal name equal to a group's own name); the
 * association and route indexes are built once per template (module-level WeakMap). Literal
 * subnet-... / rtb-... ids and deploy-time values are outside the template: unknown.
 */
import type { Path } from '../../types';
import type { Resource, Template } from '../../template/model';
import type { Outcome, Resolver } from '../../template/resolve';
import { isTrue } from '../../template/resolve';
import type { RuleContext } from '../rule';

export const SUBNET_GROUP_TYPES: Record<string, string | undefined> = {
  'AWS::RDS::DBSubnetGroup': 'DBSubnetGroupName',
  'AWS::DocDB::DBSubnetGroup': 'DBSubnetGroupName',
  'AWS::Neptune::DBSubnetGroup': 'DBSubnetGroupName',
  'AWS::ElastiCache::SubnetGroup': 'CacheSubnetGroupName',
  'AWS::Redshift::ClusterSubnetGroup': undefined,
  'AWS::DMS::ReplicationSubnetGroup': 'ReplicationSubnetGroupIdentifier',
  'AWS::MemoryDB::SubnetGroup': 'SubnetGroupName',
  'AWS::DAX::SubnetGroup': 'SubnetGroupName',
};

/** Why a subnet is public: where MapPublicIpOnLaunch is true, and the default routes to an internet gateway. */
export interface PublicReason {
  /** The MapPublicIpOnLaunch value that is true (its origin: the subnet, a parameter Default...). */
  mapPublicIp?: Path;
  /** Routes 0.0.0.0/0 or ::/0 to an internet gateway in a route table associated with the subnet. */
  igwRoutes: { route: Resource; table: string; gateway: string }[];
}

export interface SubnetStatus {
  subnet: Resource;
  /** Set when the subnet is public (in some branch). */
  public?: PublicReason;
  /** Why its status is not fully known (MapPublicIpOnLaunch or a route decided at deploy time). */
  unknown?: string;
  /** No route table association in the template: the VPC's main route table applies. */
  mainTable: boolean;
}

/** A subnet a resource names: one of the template's subnets, or something outside the template. */
export type SubnetLink = { kind: 'template'; subnet: Resource; at: Outcome } | { kind: 'outside'; reason: string; at: Outcome };

interface Index {
  /** subnet logical id -> route table logical ids (or '?reason' for a table outside the template) */
  tablesOf: Map<string, string[]>;
  /** route table logical id -> routes */
  routesOf: Map<string, Resource[]>;
  /** subnet group type -> lower-case literal name -> group */
  groupNames: Map<string, Map<string, Resource>>;
  status: Map<string, SubnetStatus>;
}

const indexes = new WeakMap<Template, Index>();

/** Logical ids of template resources a property may name (any branch); strings for things outside. */
function targets(resolver: Resolver, r: Resource, prop: string): { ids: string[]; outside: string[] } {
  const ids: string[] = [];
  const outside: string[] = [];
  for (const o of resolver.at([...r.path, 'Properties', prop])) {
    if (o.known && o.resource) ids.push(o.resource.logicalId);
    else if (o.known && (o.value === undefined || o.value === null)) continue;
    else if (o.known && typeof o.value === 'string') outside.push(`${prop} ${o.value} is not defined in this template`);
    else outside.push(o.reason ?? `${prop} is decided at deploy time`);
  }
  return { ids, outside };
}

export function networkIndex(template: Template, resolver: Resolver): Index {
  let idx = indexes.get(template);
  if (idx) return idx;
  const tablesOf = new Map<string, string[]>();
  for (const a of template.ofType('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnets = targets(resolver, a, 'SubnetId').ids;
    const tables = targets(resolver, a, 'RouteTableId');
    for (const s of subnets) {
      const list = tablesOf.get(s) ?? [];
      list.push(...tables.ids, ...tables.outside.map((x) => `?${x}`));
      tablesOf.set(s, list);
    }
  }
  const routesOf = new Map<string, Resource[]>();
  for (const r of template.ofType('AWS::EC2::Route')) {
    for (const t of targets(resolver, r, 'RouteTableId').ids) {
      const list = routesOf.get(t) ?? [];
      list.push(r);
      routesOf.set(t, list);
    }
  }
  const groupNames = new Map<string, Map<string, Resource>>();
  for (const [type, nameProp] of Object.entries(SUBNET_GROUP_TYPES)) {
    const m = new Map<string, Resource>();
    if (nameProp) {
      for (const g of template.ofType(type)) {
        const v = g.properties[nameProp];
        if (typeof v === 'string' && v !== '' && !m.has(v.toLowerCase())) m.set(v.toLowerCase(), g);
      }
    }
    groupNames.set(type, m);
  }
  idx = { tablesOf, routesOf, groupNames, status: new Map() };
  indexes.set(template, idx);
  return idx;
}

/** Is a route a default route to an internet gateway? `unknown` carries why it cannot be told. */
export function igwDefaultRoute(resolver: Resolver, route: Resource): { gateway?: string; unknown?: string } {
  const base = [...route.path, 'Properties'];
  const dest = [...resolver.at([...base, 'DestinationCidrBlock']), ...resolver.at([...base, 'DestinationIpv6CidrBlock'])];
  const isDefault = dest.some((d) => d.known && (d.value === '0.0.0.0/0' || d.value === '::/0'));
  const destUnknown = dest.find((d) => !d.known);
  let unknown: string | undefined;
  for (const g of resolver.at([...base, 'GatewayId'])) {
    let igw: string | undefined;
    if (g.known && g.resource) {
      if (g.resource.type === 'AWS::EC2::InternetGateway') igw = g.resource.logicalId;
    } else if (g.known && typeof g.value === 'string') {
      if (/^igw-/i.test(g.value)) igw = g.value;
    } else if (!g.known) {
      unknown ??= `the GatewayId of route ${route.logicalId} ${g.reason ? `is unknown: ${g.reason}` : 'is decided at deploy time'}`;
      continue;
    }
    if (!igw) continue;
    if (isDefault) return { gateway: igw };
    if (destUnknown) unknown ??= `the destination of route ${route.logicalId} to internet gateway ${igw} ${destUnknown.reason ? `is unknown: ${destUnknown.reason}` : 'is decided at deploy time'}`;
  }
  return isDefault ? { unknown } : { unknown: unknown && destUnknown ? unknown : undefined };
}

/** Whether a subnet of the template is public (cached per template). */
export function subnetStatus(template: Template, resolver: Resolver, subnet: Resource): SubnetStatus {
  const idx = networkIndex(template, resolver);
  const cached = idx.status.get(subnet.logicalId);
  if (cached) return cached;
  const reason: PublicReason = { igwRoutes: [] };
  let unknown: string | undefined;
  for (const m of resolver.at([...subnet.path, 'Properties', 'MapPublicIpOnLaunch'])) {
    if (!m.known) unknown ??= `MapPublicIpOnLaunch of subnet ${subnet.logicalId} ${m.reason ? `is unknown: ${m.reason}` : 'is decided at deploy time'}`;
    else if (isTrue(m.value) && !reason.mapPublicIp) reason.mapPublicIp = m.origin;
  }
  const tables = idx.tablesOf.get(subnet.logicalId) ?? [];
  for (const t of tables) {
    if (t.startsWith('?')) {
      unknown ??= `the route table of subnet ${subnet.logicalId} is not in this template (${t.slice(1)})`;
      continue;
    }
    for (const route of idx.routesOf.get(t) ?? []) {
      const r = igwDefaultRoute(resolver, route);
      if (r.gateway) reason.igwRoutes.push({ route, table: t, gateway: r.gateway });
      else if (r.unknown) unknown ??= r.unknown;
    }
  }
  const isPublic = reason.mapPublicIp !== undefined || reason.igwRoutes.length > 0;
  const status: SubnetStatus = { subnet, public: isPublic ? reason : undefined, unknown: isPublic ? undefined : unknown, mainTable: tables.length === 0 };
  idx.status.set(subnet.logicalId, status);
  return status;
}

/** A sentence on why a subnet is public, e.g. "MapPublicIpOnLaunch is true; route table Rt has a default route to internet gateway Igw". */
export function publicWhy(s: SubnetStatus): string {
  const parts: string[] = [];
  if (s.public?.mapPublicIp) parts.push('MapPublicIpOnLaunch is true');
  for (const r of s.public?.igwRoutes ?? []) parts.push(`route table ${r.table} has a default route (${r.route.logicalId}) to internet gateway ${r.gateway}`);
  return parts.join('; ');
}

/** Related information for a public subnet: the subnet (its MapPublicIpOnLaunch) and each route. */
export function publicRelated(s: SubnetStatus): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  if (s.public?.mapPublicIp) out.push({ path: s.public.mapPublicIp, message: `Subnet ${s.subnet.logicalId} gives every network interface a public IP address.` });
  else out.push({ path: s.subnet.path, message: `Subnet ${s.subnet.logicalId}.` });
  for (const r of s.public?.igwRoutes ?? []) out.push({ path: r.route.path, message: `Route ${r.route.logicalId}: 0.0.0.0/0 (or ::/0) to internet gateway ${r.gateway} in route table ${r.table}, which subnet ${s.subnet.logicalId} uses.` });
  return out;
}

/** What one subnet outcome names. */
export function subnetLink(template: Template, o: Outcome): SubnetLink {
  if (o.known && o.resource) {
    const r = template.resource(o.resource.logicalId);
    if (r && r.type === 'AWS::EC2::Subnet') return { kind: 'template', subnet: r, at: o };
    return { kind: 'outside', reason: `it is a reference to ${o.resource.type} ${o.resource.logicalId}, not to a subnet`, at: o };
  }
  if (o.known && typeof o.value === 'string') return { kind: 'outside', reason: `subnet ${o.value} is not defined in this template`, at: o };
  return { kind: 'outside', reason: o.reason ?? 'it is decided at deploy time', at: o };
}

/** Subnet outcomes of a list-valued outcome (each element; an unknown list stays one unknown outcome). */
export function listElements(ctx: Pick<RuleContext, 'below'>, o: Outcome): Outcome[] {
  if (!o.known) return [o];
  if (o.value === undefined || o.value === null) return [];
  if (!Array.isArray(o.value)) return [o];
  const out: Outcome[] = [];
  for (let i = 0; i < o.value.length; i++) out.push(...ctx.below(o, i));
  return out;
}

/**
 * The subnets a subnet-group property outcome (e.g. DBSubnetGroupName) leads to. Undefined when the
 * property is absent; `outside` with a reason when the group is not a subnet group of the template.
 */
export function groupSubnets(ctx: RuleContext, o: Outcome): { group?: Resource; subnets: SubnetLink[]; outside?: string } | undefined {
  if (o.known && (o.value === undefined || o.value === null || o.value === '')) return undefined;
  const idx = networkIndex(ctx.template, ctx.resolver);
  let group: Resource | undefined;
  if (o.known && o.resource) {
    const r = ctx.template.resource(o.resource.logicalId);
    if (r && r.type in SUBNET_GROUP_TYPES) group = r;
    else return { subnets: [], outside: `it is a reference to ${o.resource.type} ${o.resource.logicalId}, not to a subnet group` };
  } else if (o.known && typeof o.value === 'string') {
    const name = o.value.toLowerCase();
    for (const m of idx.groupNames.values()) group ??= m.get(name);
    if (!group) return { subnets: [], outside: `subnet group ${o.value} is not defined in this template` };
  } else {
    return { subnets: [], outside: o.reason ?? 'it is decided at deploy time' };
  }
  const subnets: SubnetLink[] = [];
  for (const list of ctx.resolver.at([...group.path, 'Properties', 'SubnetIds'], o.conditions)) {
    for (const e of listElements(ctx, { ...list, logical: o.logical })) subnets.push(subnetLink(ctx.template, { ...e, logical: o.logical }));
  }
  return { group, subnets };
}
