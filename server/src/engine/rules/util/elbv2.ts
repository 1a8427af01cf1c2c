/**
 * Elastic Load Balancing v2 as the elbv2 rules see it: which listeners (and listener rules) send
 * traffic to which target groups, what protocol a listener speaks, and which load balancer it
 * belongs to. The sender index is built once per template and cached in a WeakMap.
 */
import type { Json, Path } from '../../types';
import type { Resource, Template } from '../../template/model';
import type { Outcome, Resolver } from '../../template/resolve';

export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const LISTENER_CERTIFICATE = 'AWS::ElasticLoadBalancingV2::ListenerCertificate';

/** A listener or listener rule action that sends to a target group of the template. */
export interface Sender {
  /** The listener whose traffic it is. */
  listener: Resource;
  /** The listener rule the action belongs to, when it is not a default action. */
  rule?: Resource;
  /** Path of the TargetGroupArn value naming the target group. */
  path: Path;
}

const senderIndex = new WeakMap<Template, Map<string, Sender[]>>();

/** The listeners and rules that forward to target group `logicalId` (in this template). */
export function sendersTo(template: Template, resolver: Resolver, logicalId: string): Sender[] {
  let index = senderIndex.get(template);
  if (!index) {
    index = buildSenders(template, resolver);
    senderIndex.set(template, index);
  }
  return index.get(logicalId) ?? [];
}

function buildSenders(template: Template, resolver: Resolver): Map<string, Sender[]> {
  const index = new Map<string, Sender[]>();
  const add = (tg: string, s: Sender) => {
    const list = index.get(tg);
    if (!list) index.set(tg, [s]);
    else if (!list.some((x) => x.listener === s.listener && x.rule === s.rule)) list.push(s);
  };
  const collect = (owner: Resource, prop: string, listener: Resource, rule?: Resource) => {
    for (const arn of actionTargetGroups(resolver, resolver.at([...owner.path, 'Properties', prop]))) {
      if (arn.resource?.type === TARGET_GROUP) add(arn.resource.logicalId, { listener, rule, path: arn.logical });
    }
  };
  for (const l of template.ofType(LISTENER)) collect(l, 'DefaultActions', l);
  for (const r of template.ofType(LISTENER_RULE)) {
    for (const l of listenersOf(template, resolver, r)) collect(r, 'Actions', l, r);
  }
  return index;
}

/** Outcomes of the listener a ListenerRule or ListenerCertificate attaches to, when it is a listener of this template. */
export function listenersOf(template: Template, resolver: Resolver, r: Resource): Resource[] {
  const out: Resource[] = [];
  for (const o of resolver.at([...r.path, 'Properties', 'ListenerArn'])) {
    const l = o.resource && template.resource(o.resource.logicalId);
    if (l && l.type === LISTENER && !out.includes(l)) out.push(l);
  }
  return out;
}

/** Every action of an action-list outcome, one outcome per way each action turns out. */
export function actionsOf(resolver: Resolver, lists: Outcome[]): { list: Outcome; action: Outcome }[] {
  const out: { list: Outcome; action: Outcome }[] = [];
  for (const list of lists) {
    if (!list.known || !Array.isArray(list.value)) {
      out.push({ list, action: list });
      continue;
    }
    for (let i = 0; i < list.value.length; i++) {
      for (const action of resolver.descend(list, [i])) out.push({ list, action });
    }
  }
  return out;
}

/** The TargetGroupArn outcomes an action list names (TargetGroupArn and ForwardConfig.TargetGroups[*].TargetGroupArn). */
export function actionTargetGroups(resolver: Resolver, lists: Outcome[]): Outcome[] {
  const out: Outcome[] = [];
  for (const { action } of actionsOf(resolver, lists)) {
    if (!action.known) continue;
    out.push(...resolver.descend(action, ['TargetGroupArn']).filter((o) => o.value !== undefined || !o.known));
    for (const tgs of resolver.descend(action, ['ForwardConfig', 'TargetGroups'])) {
      if (!tgs.known || !Array.isArray(tgs.value)) continue;
      for (let i = 0; i < tgs.value.length; i++) out.push(...resolver.descend(tgs, [i, 'TargetGroupArn']).filter((o) => o.value !== undefined || !o.known));
    }
  }
  return out;
}

/** Does an action send requests to targets (forward, or TargetGroupArn/ForwardConfig without a Type)? */
export function actionForwards(resolver: Resolver, action: Outcome): boolean | undefined {
  const types = resolver.descend(action, ['Type']);
  if (types.some((t) => !t.known)) return undefined;
  return types.some((t) => t.value === 'forward');
}

/** A listener protocol value, upper-cased; undefined when it is not a string. */
export function protocolName(v: Json | undefined): string | undefined {
  return typeof v === 'string' ? v.toUpperCase() : undefined;
}

export function isSecureProtocol(v: Json | undefined): boolean {
  const p = protocolName(v);
  return p === 'HTTPS' || p === 'TLS';
}

/** The load balancer of this template a listener belongs to, or a stable text of its LoadBalancerArn. */
export function loadBalancerKeys(resolver: Resolver, listener: Resource): string[] {
  return resolver.at([...listener.path, 'Properties', 'LoadBalancerArn']).map((o) => (o.resource ? `res:${o.resource.logicalId}` : o.known ? `val:${JSON.stringify(o.value)}` : `unknown:${o.text ?? ''}`));
}

/** Does the load balancer of `listener` have another listener in this template that is HTTPS in every branch (and exists whenever `listener` does)? */
export function hasHttpsSibling(template: Template, resolver: Resolver, listener: Resource): boolean {
  const keys = loadBalancerKeys(resolver, listener).filter((k) => !k.startsWith('unknown:'));
  if (keys.length === 0) return false;
  return template.ofType(LISTENER).some((l) => {
    if (l === listener) return false;
    // A sibling that exists only under a condition of its own may not be there to redirect to.
    if (l.condition && l.condition !== listener.condition) return false;
    const lk = loadBalancerKeys(resolver, l);
    if (!keys.every((k) => lk.includes(k))) return false;
    const protos = resolver.at([...l.path, 'Properties', 'Protocol']);
    return protos.length > 0 && protos.every((p) => p.known && protocolName(p.value) === 'HTTPS');
  });
}

/** Names of the conditions of the Fn::If branches a path runs through (in the template as written). */
export function conditionsOnPath(template: Template, path: Path): string[] {
  const out: string[] = [];
  let v: Json | undefined = template.root;
  for (let i = 0; i < path.length; i++) {
    if (v === undefined || v === null || typeof v !== 'object') break;
    if (path[i] === 'Fn::If' && !Array.isArray(v)) {
      const args = (v as { [k: string]: Json })['Fn::If'];
      if (Array.isArray(args) && typeof args[0] === 'string') out.push(args[0]);
    }
    v = Array.isArray(v) ? (typeof path[i] === 'number' ? v[path[i] as number] : undefined) : (v as { [k: string]: Json })[String(path[i])];
  }
  return out;
}

/** An outcome's conditions minus those a fix written at `path` already sits under. */
export function conditionsBeyond<T extends { conditions: { name: string; value: boolean }[] }>(template: Template, o: T, path: Path): T {
  const on = conditionsOnPath(template, path);
  return { ...o, conditions: o.conditions.filter((c) => !on.includes(c.name)) };
}
