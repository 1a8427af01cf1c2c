/**
 * Shared pieces of the public-exposure rules (RDS, Redshift, DMS, SageMaker, EKS, MQ, MSK, Transfer):
 * reading a yes/no property whose absence means the service default, and the op that writes the
 * value where it is decided (a parameter Default, an Fn::If branch, the property itself, or a
 * nested mapping).
 */
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json } from '../../types';
import type { Outcome } from '../../template/resolve';
import type { Template } from '../../template/model';
import { isFalse, isTrue } from '../../template/resolve';
import { setValueOp } from './encryption';
import { setNestedOps } from './opensearch';

export type FlagState = 'unknown' | 'absent' | 'true' | 'false' | 'invalid';

/** What a boolean property turned out to be in one outcome. */
export function flagState(o: Outcome): FlagState {
  if (!o.known) return 'unknown';
  if (o.value === undefined || o.value === null) return 'absent';
  if (isTrue(o.value)) return 'true';
  if (isFalse(o.value)) return 'false';
  return 'invalid';
}

/** Report an outcome whose value is decided at deploy time (or is not a value the rule understands). */
export function reportUnverifiable(ctx: RuleContext, o: Outcome, what: string): void {
  const reason = !o.known ? (o.reason ?? 'it is decided at deploy time') : `${JSON.stringify(o.value)} is not a value this rule understands`;
  ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason } });
}

/** Words for how a value was written: `PubliclyAccessible: true`, not set, removed under a condition. */
export function how(o: Outcome, name: string): string {
  if (o.noValue) return `${name} is removed under a condition`;
  if (o.value === undefined || o.value === null) return `${name} is not set`;
  return `${name}: ${JSON.stringify(o.value)}`;
}

/**
 * Ops that make the property at `rel` (below Properties; one or two segments) become `value` in the
 * outcome `o`: written values are changed where they are decided; an absent value is added (to its
 * mapping, for a nested key). Undefined when there is no sensible place to write it.
 */
export function flagOps(ctx: RuleContext, o: Outcome, rel: string[], value: Json, extra: Record<string, Json> = {}): FixOp[] | undefined {
  if (rel.length === 1) {
    const ops: FixOp[] = [];
    if (o.value === undefined && !o.noValue) ops.push({ op: 'set', path: ctx.propPath(rel[0]), value });
    else ops.push(setValueOp(ctx, o, value));
    for (const [k, v] of Object.entries(extra)) ops.push({ op: 'set', path: ctx.propPath(k), value: v });
    return ops;
  }
  return setNestedOps(ctx, o, rel.slice(0, -1), rel[rel.length - 1], value, extra as never);
}

/** A fix (safe) or a suggestion built from flagOps, as report fields. */
export function flagFix(ctx: RuleContext, o: Outcome, rel: string[], value: Json, title: string, kind: 'safe' | 'suggest', extra: Record<string, Json> = {}): { fix?: Fix; suggestions?: Fix[] } {
  const ops = flagOps(ctx, o, rel, value, extra);
  if (!ops) return {};
  const fix: Fix = { title, kind, ops };
  return kind === 'safe' ? { fix } : { suggestions: [fix] };
}

/** VPCs of a template with an internet gateway attached: VPC logical id -> attachment logical id. */
const IGW_CACHE = new WeakMap<Template, Map<string, string>>();

export function vpcsWithInternetGateway(ctx: RuleContext): Map<string, string> {
  let m = IGW_CACHE.get(ctx.template);
  if (m) return m;
  m = new Map();
  for (const att of ctx.template.ofType('AWS::EC2::VPCGatewayAttachment')) {
    const igw = ctx.resolver.at([...att.path, 'Properties', 'InternetGatewayId']);
    if (!igw.some((o) => !o.known || (o.value !== undefined && o.value !== null && o.value !== ''))) continue;
    for (const v of ctx.resolver.at([...att.path, 'Properties', 'VpcId'])) {
      if (v.known && v.resource?.type === 'AWS::EC2::VPC' && !m.has(v.resource.logicalId)) m.set(v.resource.logicalId, att.logicalId);
    }
  }
  IGW_CACHE.set(ctx.template, m);
  return m;
}

/**
 * The VPC (of this template) with an internet gateway that a subnet group of this template places a
 * resource in: subnet group -> SubnetIds -> AWS::EC2::Subnet -> VpcId -> AWS::EC2::VPC with an
 * AWS::EC2::VPCGatewayAttachment. Undefined when the chain leaves the template or has no gateway.
 */
export function subnetGroupInternetVpc(ctx: RuleContext, group: Outcome, groupType: string, subnetsProp: string): { vpc: string; attachment: string; group: string } | undefined {
  if (!group.known || group.resource?.type !== groupType) return undefined;
  const igws = vpcsWithInternetGateway(ctx);
  if (igws.size === 0) return undefined;
  const res = ctx.template.resource(group.resource.logicalId);
  if (!res) return undefined;
  for (const list of ctx.resolver.at([...res.path, 'Properties', subnetsProp], group.conditions)) {
    if (!list.known || !Array.isArray(list.value)) continue;
    for (let i = 0; i < list.value.length; i++) {
      for (const s of ctx.resolver.descend(list, [i])) {
        if (!s.known || s.resource?.type !== 'AWS::EC2::Subnet') continue;
        const subnet = ctx.template.resource(s.resource.logicalId);
        if (!subnet) continue;
        for (const v of ctx.resolver.at([...subnet.path, 'Properties', 'VpcId'], s.conditions)) {
          const att = v.known && v.resource ? igws.get(v.resource.logicalId) : undefined;
          if (att) return { vpc: v.resource!.logicalId, attachment: att, group: res.logicalId };
        }
      }
    }
  }
  return undefined;
}
