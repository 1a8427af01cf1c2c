/**
 * Security group and network ACL logic: which ports an ingress rule opens, whether a CIDR is the
 * whole internet, and the enumeration of ingress rules (inline SecurityGroupIngress entries and
 * standalone AWS::EC2::SecurityGroupIngress resources) with every Fn::If branch and parameter
 * judged on its own. The pure functions (portCoverage, isWorldCidr, adminPortsCovered) are exported
 * for the property-based tests.
 *
 * Port semantics follow the EC2 API reference (IpPermission.IpProtocol): "-1" means all protocols
 * and all ports; tcp (6) and udp (17) take an inclusive FromPort..ToPort range that must lie in
 * 0..65535 (EC2 rejects a TCP/UDP rule with a port of -1, a missing port or a reversed range with
 * InvalidPermission.Malformed, so such a rule opens nothing); icmp (1) and icmpv6 (58) use the
 * ports for ICMP types and codes and never open a TCP or UDP port; any other protocol number opens
 * that protocol only (no TCP/UDP port).
 */
import type { Json, Path } from '../../types';
import type { Outcome } from '../../template/resolve';
import type { Template } from '../../template/model';
import type { RuleContext } from '../rule';

/** Administration and database ports that must never be reachable from the internet. */
export const ADMIN_PORTS: readonly { port: number; service: string }[] = [
  { port: 20, service: 'FTP data' },
  { port: 21, service: 'FTP' },
  { port: 22, service: 'SSH' },
  { port: 23, service: 'Telnet' },
  { port: 1433, service: 'SQL Server' },
  { port: 1521, service: 'Oracle' },
  { port: 3306, service: 'MySQL' },
  { port: 3309, service: 'MySQL (alternate)' },
  { port: 3389, service: 'RDP' },
  { port: 4333, service: 'mSQL' },
  { port: 5432, service: 'PostgreSQL' },
  { port: 5439, service: 'Redshift' },
  { port: 5900, service: 'VNC' },
  { port: 5985, service: 'WinRM (HTTP)' },
  { port: 5986, service: 'WinRM (HTTPS)' },
  { port: 6379, service: 'Redis' },
  { port: 9042, service: 'Cassandra' },
  { port: 9092, service: 'Kafka' },
  { port: 9200, service: 'Elasticsearch (HTTP)' },
  { port: 9300, service: 'Elasticsearch (transport)' },
  { port: 11211, service: 'Memcached' },
  { port: 27017, service: 'MongoDB' },
];

/** Ports that internet-facing load balancers and web servers exist to serve. */
export const WEB_PORTS: readonly number[] = [80, 443];

/** What an ingress rule opens, in terms of TCP/UDP ports. */
export type PortCoverage =
  /** Every protocol and port (IpProtocol -1). */
  | { kind: 'all' }
  /** An inclusive TCP or UDP port range. */
  | { kind: 'range'; protocol: 'tcp' | 'udp'; from: number; to: number }
  /** ICMP / ICMPv6: no TCP or UDP port. */
  | { kind: 'icmp' }
  /** Another IP protocol (GRE, ESP, ...): all of that protocol, no TCP or UDP port. */
  | { kind: 'other'; protocol: string }
  /** A rule EC2 rejects (bad protocol, missing or out-of-range ports): it opens nothing. */
  | { kind: 'invalid'; why: string };

function asInt(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** The protocol as a canonical name: 'all', 'tcp', 'udp', 'icmp', 'icmpv6', a number, or undefined (not a protocol). */
export function canonicalProtocol(v: Json | undefined): string | undefined {
  const n = asInt(v);
  if (n !== undefined) {
    if (n === -1) return 'all';
    if (n === 6) return 'tcp';
    if (n === 17) return 'udp';
    if (n === 1) return 'icmp';
    if (n === 58) return 'icmpv6';
    return n >= 0 && n <= 255 ? String(n) : undefined;
  }
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'all' || s === 'tcp' || s === 'udp' || s === 'icmp' || s === 'icmpv6') return s;
  return undefined;
}

/** What a rule with these IpProtocol / FromPort / ToPort values opens. */
export function portCoverage(protocol: Json | undefined, fromPort: Json | undefined, toPort: Json | undefined): PortCoverage {
  const p = canonicalProtocol(protocol);
  if (p === undefined) return { kind: 'invalid', why: `IpProtocol ${JSON.stringify(protocol ?? null)} is not a protocol` };
  if (p === 'all') return { kind: 'all' };
  if (p === 'icmp' || p === 'icmpv6') return { kind: 'icmp' };
  if (p !== 'tcp' && p !== 'udp') return { kind: 'other', protocol: p };
  const from = asInt(fromPort);
  const to = asInt(toPort);
  if (from === undefined || to === undefined) return { kind: 'invalid', why: `${p} needs FromPort and ToPort` };
  if (from < 0 || to > 65535 || from > to) return { kind: 'invalid', why: `${from}-${to} is not a ${p} port range` };
  return { kind: 'range', protocol: p, from, to };
}

/** The admin/database ports a coverage opens. */
export function adminPortsCovered(c: PortCoverage): { port: number; service: string }[] {
  if (c.kind === 'all') return [...ADMIN_PORTS];
  if (c.kind !== 'range') return [];
  return ADMIN_PORTS.filter((a) => c.from <= a.port && a.port <= c.to);
}

/** The coverage opens something other than the web ports 80/443 (any TCP/UDP port, or another non-ICMP protocol). */
export function opensNonWebPorts(c: PortCoverage): boolean {
  if (c.kind === 'all' || c.kind === 'other') return true;
  if (c.kind !== 'range') return false;
  for (let p = c.from; p <= c.to; p++) if (!WEB_PORTS.includes(p)) return true;
  return false;
}

/** A CIDR with prefix length 0 (0.0.0.0/0, ::/0, or any address written with /0): the whole internet. */
export function isWorldCidr(v: Json | undefined): boolean {
  if (typeof v !== 'string') return false;
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d+)\s*$/.exec(v);
  return !!m && Number(m[2]) === 0;
}

/** Words for a coverage: 'all ports and protocols', 'tcp 22', 'tcp 0-65535'. */
export function describeCoverage(c: PortCoverage): string {
  if (c.kind === 'all') return 'all protocols and ports';
  if (c.kind === 'range') return c.from === c.to ? `${c.protocol} ${c.from}` : `${c.protocol} ${c.from}-${c.to}`;
  if (c.kind === 'other') return `IP protocol ${c.protocol}`;
  return c.kind === 'icmp' ? 'ICMP' : 'nothing';
}

export function describeAdmin(ports: { port: number; service: string }[]): string {
  if (ports.length > 4) return `${ports.slice(0, 4).map((a) => `${a.port} (${a.service})`).join(', ')} and ${ports.length - 4} more admin/database ports`;
  return ports.map((a) => `${a.port} (${a.service})`).join(', ');
}

/** One way an ingress rule turns out: its coverage, and one world-open or unknown source. */
export interface IngressCase {
  coverage: PortCoverage;
  /** The source: its outcome (CidrIp or CidrIpv6). */
  source: Outcome;
  sourceKey: 'CidrIp' | 'CidrIpv6';
  /** Where the ingress entry is written (for fixes): a path inside the resource. */
  entryPath: Path;
}

export interface IngressUnknown {
  /** The outcome that is only known at deploy time. */
  at: Outcome;
  what: string;
}

export interface IngressFields {
  protocol: string;
  from: string;
  to: string;
  /** Source keys: [CIDR IPv4 key, CIDR IPv6 key]. */
  cidr: string;
  cidrv6: string;
}

export const SG_FIELDS: IngressFields = { protocol: 'IpProtocol', from: 'FromPort', to: 'ToPort', cidr: 'CidrIp', cidrv6: 'CidrIpv6' };

/**
 * Every way one ingress entry (at `entry`, an outcome whose logical path is the entry) turns out:
 * calls `onCase` for each combination of protocol / ports / CIDR source that is known, and
 * `onUnknown` for values decided at deploy time. Fields are read under the conditions the previous
 * field assumed, so Fn::If branches are combined consistently.
 */
export function eachIngressCase(
  ctx: RuleContext,
  entry: Outcome,
  entryPath: Path,
  onCase: (c: IngressCase) => void,
  onUnknown: (u: IngressUnknown, c?: PortCoverage) => void,
  fields: IngressFields = SG_FIELDS,
  fieldPath: (key: string) => Path = (key) => [...entry.logical, key],
): void {
  const at = (key: string, conds: Outcome['conditions']) => ctx.resolver.at(fieldPath(key), conds);
  for (const key of [fields.cidr, fields.cidrv6]) {
    for (const s of at(key, entry.conditions)) {
      // Only a world-open source (or one decided at deploy time) matters.
      if (s.known && !isWorldCidr(s.value)) continue;
      for (const p of at(fields.protocol, s.conditions)) {
        if (!p.known) {
          onUnknown(s.known ? { at: p, what: `the protocol (${fields.protocol})` } : { at: s, what: `the source (${key})` });
          continue;
        }
        for (const f of at(fields.from, p.conditions)) {
          for (const t of at(fields.to, f.conditions)) {
            const coverage = portCoverage(p.value, f.value, t.value);
            const needsPorts = coverage.kind === 'invalid' || coverage.kind === 'range';
            if (needsPorts && (!f.known || !t.known)) {
              onUnknown(s.known ? { at: !f.known ? f : t, what: `the port range (${fields.from}/${fields.to})` } : { at: s, what: `the source (${key})` });
              continue;
            }
            if (coverage.kind === 'invalid') continue;
            // The source, under every condition assumed on the way (for the message).
            const src: Outcome = { ...s, conditions: t.conditions };
            if (!s.known) onUnknown({ at: src, what: `the source (${key})` }, coverage);
            else onCase({ coverage, source: src, sourceKey: key === fields.cidr ? 'CidrIp' : 'CidrIpv6', entryPath });
          }
        }
      }
    }
  }
}

/**
 * Every ingress entry of the resource being checked: the inline SecurityGroupIngress list of an
 * AWS::EC2::SecurityGroup (each entry, each Fn::If branch), or the AWS::EC2::SecurityGroupIngress
 * resource itself. Unknown lists/entries go to onUnknown.
 */
export function eachIngressEntry(ctx: RuleContext, onEntry: (entry: Outcome, entryPath: Path) => void, onUnknown: (u: IngressUnknown) => void): void {
  const r = ctx.resource;
  if (r.type === 'AWS::EC2::SecurityGroupIngress') {
    const scope: Outcome = { value: r.properties, known: true, conditions: r.condition ? [{ name: r.condition, value: true }] : [], origin: ctx.propPath(), logical: ctx.propPath(), refs: [] };
    onEntry(scope, ctx.propPath());
    return;
  }
  for (const list of ctx.prop('SecurityGroupIngress')) {
    if (!list.known) {
      onUnknown({ at: list, what: 'the ingress rules (SecurityGroupIngress)' });
      continue;
    }
    if (!Array.isArray(list.value)) continue;
    for (let i = 0; i < list.value.length; i++) {
      for (const e of ctx.below(list, i)) {
        if (!e.known) {
          onUnknown({ at: e, what: 'an ingress rule (SecurityGroupIngress)' });
          continue;
        }
        if (e.value === null || typeof e.value !== 'object' || Array.isArray(e.value)) continue;
        const inside = e.origin[0] === 'Resources' && e.origin[1] === r.logicalId;
        onEntry(e, inside ? e.origin : e.logical);
      }
    }
  }
}

const albOnlyCache = new WeakMap<Template, Map<string, boolean>>();

/**
 * The security group (logical id) is attached only to application load balancers of the template:
 * every reference to it comes from an AWS::ElasticLoadBalancingV2::LoadBalancer of type
 * application (the default) or from security group rules that name it as a peer, and at least one
 * load balancer uses it. An ALB answers only on its listener ports, so the group's world-open rules
 * expose no other port of the ALB. Exported (Outputs) or otherwise used groups are not.
 */
export function attachedOnlyToAlbs(template: Template, sgId: string): boolean {
  let cache = albOnlyCache.get(template);
  if (!cache) albOnlyCache.set(template, (cache = new Map()));
  const hit = cache.get(sgId);
  if (hit !== undefined) return hit;
  let albs = 0;
  let other = false;
  for (const ref of template.referencesTo(sgId)) {
    const from = ref.from === undefined ? undefined : template.resource(ref.from);
    if (!from) {
      other = true;
      break;
    }
    if (from.type === 'AWS::EC2::SecurityGroupIngress' || from.type === 'AWS::EC2::SecurityGroupEgress' || from.type === 'AWS::EC2::SecurityGroup') continue;
    const lbType = from.properties.Type;
    if (from.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && (lbType === undefined || lbType === 'application')) {
      albs++;
      continue;
    }
    other = true;
    break;
  }
  const result = !other && albs > 0;
  cache.set(sgId, result);
  return result;
}

/** The logical id of the security group an ingress rule belongs to (itself, or the GroupId of a standalone ingress), when it is in the template. */
export function ownerGroup(ctx: RuleContext): string | undefined {
  const r = ctx.resource;
  if (r.type === 'AWS::EC2::SecurityGroup') return r.logicalId;
  const outs = ctx.prop('GroupId');
  const ids = new Set(outs.map((o) => (o.resource?.type === 'AWS::EC2::SecurityGroup' ? o.resource.logicalId : '')));
  return ids.size === 1 && !ids.has('') ? [...ids][0] : undefined;
}
