/**
 * Classic Load Balancer HTTPS/SSL listeners negotiate TLS 1.2 or newer only.
 * Catalog HTRN-CLB-03 (Config elb-predefined-security-policy-ssl-check with its default parameter
 * ELBSecurityPolicy-TLS-1-2-2017-01; guard ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK). A listener
 * without an SSL negotiation policy gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isTrue } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Json } from '../../types';
import { pathStartsWith } from '../../path';
import { setValueOp } from '../util/encryption';
import { entryPath, listeners, protocolOf, SECURE } from '../util/clb';

export const TLS12_POLICY = 'ELBSecurityPolicy-TLS-1-2-2017-01';
/** Predefined Classic Load Balancer policies that accept only TLS 1.2 (and newer). */
const TLS12_ONLY = /^ELBSecurityPolicy-TLS(13)?-1-[23]-/i;
/** Protocol attributes of a custom SSL negotiation policy that accept an outdated protocol. */
const OLD_PROTOCOLS: Record<string, string> = { 'Protocol-SSLv2': 'SSL 2.0', 'Protocol-SSLv3': 'SSL 3.0', 'Protocol-TLSv1': 'TLS 1.0', 'Protocol-TLSv1.1': 'TLS 1.1' };
const SSL_TYPE = 'SSLNegotiationPolicyType';

interface Policy {
  entry: Outcome;
  name?: string;
  type?: string;
}

export default defineRule({
  meta: {
    id: 'elb-tls-policy',
    title: 'Classic Load Balancer HTTPS/SSL listeners accept only TLS 1.2 or newer',
    description:
      'An HTTPS or SSL listener of a Classic Load Balancer negotiates TLS with the SSL negotiation policy named in its PolicyNames (a Policies entry of type SSLNegotiationPolicyType). Without one, Elastic Load Balancing applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and TLS 1.1. The policy must reference ELBSecurityPolicy-TLS-1-2-2017-01 (Reference-Security-Policy), or enable no protocol older than TLS 1.2.',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    fix: 'safe',
    messages: {
      defaultPolicy: {
        text: 'Listener {{n}} ({{protocol}}) of load balancer {{id}} names no SSL negotiation policy, so Elastic Load Balancing applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and TLS 1.1. Attach a policy that references ELBSecurityPolicy-TLS-1-2-2017-01.',
        level: 'violation',
      },
      weakPolicy: {
        text: 'SSL negotiation policy {{policy}} of load balancer {{id}} (used by listener {{n}}) {{detail}}, so clients can connect with {{versions}}. Use ELBSecurityPolicy-TLS-1-2-2017-01.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      config: ['elb-predefined-security-policy-ssl-check'],
      guard: ['ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK'],
    },
  },

  check(_resource, ctx) {
    const reported = new Set<string>();
    const once = (o: Outcome | readonly (string | number)[], key: string): boolean => {
      const k = JSON.stringify(Array.isArray(o) ? o : (o as Outcome).origin) + key;
      if (reported.has(k)) return false;
      reported.add(k);
      return true;
    };
    for (const { entry, number } of listeners(ctx, 'the listeners (Listeners)')) {
      for (const p of ctx.below(entry, 'Protocol')) {
        if (!p.known) continue; // reported by elb-listener-tls
        const protocol = protocolOf(p);
        if (protocol === undefined || !SECURE.has(protocol)) continue;
        const scoped = { ...entry, conditions: p.conditions };
        for (const policiesList of ctx.propWhen(p, 'Policies')) {
          if (!policiesList.known) {
            if (once(policiesList, 'u')) ctx.report({ messageId: 'unverifiable', at: policiesList, data: { what: 'the SSL negotiation policies (Policies)', reason: policiesList.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          const policies = readPolicies(ctx, policiesList);
          const ports = ctx.below(scoped, 'LoadBalancerPort').filter((o) => o.known).map((o) => String(o.value));
          // Policies attached to this listener: by the listener's PolicyNames, or by the policy's LoadBalancerPorts.
          const attached: (Policy | { predefined: string; at: Outcome })[] = [];
          let unknown = false;
          for (const names of ctx.below({ ...scoped, conditions: policiesList.conditions }, 'PolicyNames')) {
            if (!names.known) {
              ctx.report({ messageId: 'unverifiable', at: names, data: { what: `the policies of listener ${number} (PolicyNames)`, reason: names.reason ?? 'it is decided at deploy time' } });
              unknown = true;
              continue;
            }
            if (!Array.isArray(names.value)) continue;
            for (let i = 0; i < names.value.length; i++) {
              for (const nm of ctx.below(names, i)) {
                if (!nm.known || typeof nm.value !== 'string') {
                  ctx.report({ messageId: 'unverifiable', at: nm, data: { what: `a policy name of listener ${number} (PolicyNames)`, reason: nm.reason ?? 'it is not a string' } });
                  unknown = true;
                  continue;
                }
                const found = policies.filter((x) => x.name === nm.value);
                if (found.length) attached.push(...found);
                else if (/^ELBSecurityPolicy-/i.test(nm.value)) attached.push({ predefined: nm.value, at: nm });
              }
            }
          }
          for (const pol of policies) {
            if (attached.includes(pol)) continue;
            const lbPorts = ctx.below(pol.entry, 'LoadBalancerPorts');
            if (lbPorts.some((lp) => lp.known && Array.isArray(lp.value) && lp.value.some((v) => ports.includes(String(v))))) attached.push(pol);
          }
          const ssl = attached.filter((a) => 'predefined' in a || a.type === undefined || a.type === SSL_TYPE);
          if (ssl.length === 0) {
            if (unknown) continue;
            const fix = defaultFix(ctx, entry, policies, policiesList);
            ctx.report({ messageId: 'defaultPolicy', at: entryPath(ctx, entry, 'PolicyNames'), data: { n: number, protocol }, ...(fix ? { fix } : {}) });
            continue;
          }
          for (const a of ssl) {
            if ('predefined' in a) {
              if (!TLS12_ONLY.test(a.predefined) && once(a.at, 'w')) {
                ctx.report({ messageId: 'weakPolicy', at: a.at, data: { policy: a.predefined, n: number, detail: 'is an outdated predefined policy', versions: versionsOf(a.predefined) }, fix: { title: `Use ${TLS12_POLICY}`, kind: 'safe', ops: [setValueOp(ctx, a.at, TLS12_POLICY)] } });
              }
              continue;
            }
            judgePolicy(ctx, a, number, once);
          }
        }
      }
    }
  },
});

function readPolicies(ctx: RuleContext, list: Outcome): Policy[] {
  if (!Array.isArray(list.value)) return [];
  const out: Policy[] = [];
  for (let i = 0; i < list.value.length; i++) {
    for (const entry of ctx.below(list, i)) {
      if (!entry.known || !isObject(entry.value)) continue;
      const name = ctx.below(entry, 'PolicyName').find((o) => o.known && typeof o.value === 'string')?.value as string | undefined;
      const types = ctx.below(entry, 'PolicyType');
      const type = types.length === 1 && types[0].known && typeof types[0].value === 'string' ? types[0].value : undefined;
      out.push({ entry, name, type });
    }
  }
  return out;
}

/** Judge one SSLNegotiationPolicyType policy: a Reference-Security-Policy, or custom protocol attributes. */
function judgePolicy(ctx: RuleContext, pol: Policy, n: number, once: (o: Outcome, k: string) => boolean): void {
  const label = pol.name ?? 'without a name';
  for (const attrs of ctx.below(pol.entry, 'Attributes')) {
    if (!attrs.known) {
      if (once(attrs, 'u')) ctx.report({ messageId: 'unverifiable', at: attrs, data: { what: `the attributes of SSL negotiation policy ${label}`, reason: attrs.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (!Array.isArray(attrs.value)) continue;
    const reference: Outcome[] = [];
    const old: string[] = [];
    let tls12 = false;
    let unknownAttr: Outcome | undefined;
    for (let i = 0; i < attrs.value.length; i++) {
      for (const a of ctx.below(attrs, i)) {
        if (!a.known || !isObject(a.value)) continue;
        const names = ctx.below(a, 'Name');
        const name = names.length === 1 && names[0].known ? names[0].value : undefined;
        if (typeof name !== 'string') {
          unknownAttr ??= names[0];
          continue;
        }
        const values = ctx.below(a, 'Value');
        if (name === 'Reference-Security-Policy') reference.push(...values);
        else if (name in OLD_PROTOCOLS && values.some((v) => !v.known || isTrue(v.value))) old.push(OLD_PROTOCOLS[name]);
        else if (name === 'Protocol-TLSv1.2' && values.every((v) => v.known && isTrue(v.value))) tls12 = true;
      }
    }
    if (reference.length) {
      for (const r of reference) {
        if (!r.known || typeof r.value !== 'string') {
          if (once(r, 'u')) ctx.report({ messageId: 'unverifiable', at: r, data: { what: `the Reference-Security-Policy of SSL negotiation policy ${label}`, reason: r.reason ?? 'it is not a string' } });
          continue;
        }
        if (TLS12_ONLY.test(r.value) || !once(r, 'w')) continue;
        ctx.report({ messageId: 'weakPolicy', at: r, data: { policy: label, n, detail: `references ${r.value}`, versions: versionsOf(r.value) }, fix: { title: `Reference ${TLS12_POLICY}`, kind: 'safe', ops: [setValueOp(ctx, r, TLS12_POLICY)] } });
      }
      continue;
    }
    if (old.length) {
      if (!once(attrs, 'w')) continue;
      const ops: FixOp[] = pathStartsWith(attrs.origin, ctx.resource.path) ? [{ op: 'set', path: attrs.origin, value: [{ Name: 'Reference-Security-Policy', Value: TLS12_POLICY }] }] : [];
      ctx.report({
        messageId: 'weakPolicy',
        at: attrs,
        data: { policy: label, n, detail: `enables ${old.join(', ')}`, versions: old.join(', ') },
        suggestions: ops.length ? [{ title: `Replace the custom attributes with a reference to ${TLS12_POLICY} (review the cipher list)`, kind: 'suggest', ops }] : [],
      });
      continue;
    }
    if (!tls12 && once(attrs, 'u')) {
      const reason = unknownAttr ? 'an attribute name is decided at deploy time' : 'the custom policy enables no protocol version explicitly';
      ctx.report({ messageId: 'unverifiable', at: attrs, data: { what: `the TLS versions of SSL negotiation policy ${label}`, reason } });
    }
  }
}

function versionsOf(policy: string): string {
  if (/TLS-1-1/i.test(policy)) return 'TLS 1.1';
  if (/^ELBSample-|2011|2014-01/i.test(policy)) return 'SSL 3.0, TLS 1.0 and TLS 1.1';
  return 'TLS 1.0 and TLS 1.1';
}

/**
 * Attach a TLS 1.2 policy to the listener: reuse one the load balancer already defines, or add
 * TLS12Policy (a unique name) to Policies. Only where both lists are written out in the resource.
 */
function defaultFix(ctx: RuleContext, entry: Outcome, policies: Policy[], policiesList: Outcome): Fix | undefined {
  const ops: FixOp[] = [];
  const good = policies.find((p) => p.name && p.type === SSL_TYPE && hasTls12Reference(ctx, p));
  let name = good?.name;
  if (!name) {
    const taken = new Set(policies.map((p) => p.name));
    name = 'TLS12Policy';
    for (let i = 2; taken.has(name); i++) name = `TLS12Policy${i}`;
    const policy: Json = { PolicyName: name, PolicyType: SSL_TYPE, Attributes: [{ Name: 'Reference-Security-Policy', Value: TLS12_POLICY }] };
    const raw = ctx.resource.properties.Policies;
    if (raw === undefined) ops.push({ op: 'set', path: ctx.propPath('Policies'), value: [policy] });
    else if (Array.isArray(raw) && pathStartsWith(policiesList.origin, ctx.resource.path) && policiesList.origin.length === ctx.propPath('Policies').length) {
      ops.push({ op: 'set', path: ctx.propPath('Policies', raw.length), value: policy });
    } else return undefined;
  }
  const listenerPath = entryPath(ctx, entry);
  if (!pathStartsWith(listenerPath, ctx.resource.path)) return undefined;
  const names = isObject(entry.value) ? entry.value.PolicyNames : undefined;
  if (names === undefined) ops.push({ op: 'set', path: [...listenerPath, 'PolicyNames'], value: [name] });
  else if (Array.isArray(names)) ops.push({ op: 'set', path: [...listenerPath, 'PolicyNames', names.length], value: name });
  else return undefined;
  return { title: `Attach an SSL negotiation policy that references ${TLS12_POLICY}`, kind: 'safe', ops };
}

function hasTls12Reference(ctx: RuleContext, p: Policy): boolean {
  const attrs = ctx.below(p.entry, 'Attributes');
  if (attrs.length !== 1 || !attrs[0].known || !Array.isArray(attrs[0].value)) return false;
  return attrs[0].value.some((a) => isObject(a) && a.Name === 'Reference-Security-Policy' && typeof a.Value === 'string' && TLS12_ONLY.test(a.Value));
}
