/**
 * Traffic that a load balancer decrypts (HTTPS or TLS listener) is encrypted again on its way to
 * the targets: the target group speaks HTTPS (ALB) or TLS (NLB). No peer tool checks this.
 * Target groups reached only by HTTP/TCP listeners are elbv2-listener-https-redirect's business;
 * a target group no listener of the template reaches is not judged. Lambda targets (invoked
 * through the Lambda API) and ALB targets of an NLB (the ALB terminates TLS itself) are skipped.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, FixOp, RelatedInfo } from '../../types';
import { setValueOp } from '../util/encryption';
import { isSecureProtocol, protocolName, sendersTo, TARGET_GROUP } from '../util/elbv2';
import type { Sender } from '../util/elbv2';

const PLAIN: Record<string, string> = { HTTP: 'HTTPS', TCP: 'TLS', UDP: 'TLS', TCP_UDP: 'TLS' };

export default defineRule({
  meta: {
    id: 'elbv2-target-group-encryption',
    title: 'Target groups behind HTTPS or TLS listeners use HTTPS or TLS to reach their targets',
    description:
      'A load balancer with an HTTPS or TLS listener decrypts the traffic it receives. If the target group it forwards to uses HTTP (or TCP/UDP behind an NLB TLS listener), PHI crosses the VPC network from the load balancer to the targets in plaintext. The target group must use HTTPS (Application Load Balancer) or TLS (Network Load Balancer), so that the data is encrypted again on the last hop. Lambda targets and ALB targets of an NLB are not judged.',
    resourceTypes: [TARGET_GROUP],
    fix: 'suggest',
    messages: {
      plaintextToTargets: {
        text: 'Target group {{id}} uses {{protocol}} to its targets, but {{listener}} terminates {{listenerProtocol}} in front of it: PHI decrypted at the load balancer reaches the targets in plaintext.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const senders = sendersTo(ctx.template, ctx.resolver, ctx.resource.logicalId);
    if (senders.length === 0) return;
    // Which listeners terminate TLS in front of this target group (per listener, any branch)?
    const secure: { sender: Sender; protocol: string; at: Outcome }[] = [];
    const unknown: { sender: Sender; at: Outcome }[] = [];
    for (const s of senders) {
      for (const p of ctx.resolver.at([...s.listener.path, 'Properties', 'Protocol'])) {
        if (!p.known) unknown.push({ sender: s, at: p });
        else if (p.value === undefined && !p.noValue && namesCertificates(ctx, s, p)) unknown.push({ sender: s, at: { ...p, reason: 'it names certificates but sets no Protocol' } });
        else if (isSecureProtocol(p.value)) secure.push({ sender: s, protocol: protocolName(p.value)!, at: p });
      }
    }
    if (secure.length === 0 && unknown.length === 0) return;

    for (const tt of ctx.prop('TargetType')) {
      if (!tt.known) {
        ctx.report({ messageId: 'unverifiable', at: tt, data: { what: 'the target type (TargetType)', reason: tt.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const type = typeof tt.value === 'string' ? tt.value.toLowerCase() : 'instance';
      if (type === 'lambda' || type === 'alb') continue;
      for (const proto of ctx.propWhen(tt, 'Protocol')) {
        if (!proto.known) {
          if (secure.length > 0) ctx.report({ messageId: 'unverifiable', at: proto, data: { what: 'the protocol to the targets (Protocol)', reason: proto.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const name = protocolName(proto.value);
        if (!name || !(name in PLAIN)) continue; // HTTPS, TLS, GENEVE, or absent (rejected by CloudFormation)
        // Only listener branches that can hold together with this branch of the target group.
        const compatible = secure.filter((x) => consistent(x.at, proto));
        const maybe = unknown.filter((x) => consistent(x.at, proto));
        if (compatible.length > 0) {
          const secure = compatible;
          const first = secure[0];
          ctx.report({
            messageId: 'plaintextToTargets',
            at: proto,
            data: { protocol: name, listener: describe(first.sender), listenerProtocol: first.protocol },
            related: related(secure.map((x) => ({ sender: x.sender, at: x.at, text: `${describe(x.sender)} terminates ${x.protocol} here` }))),
            suggestions: [fix(ctx, proto, PLAIN[name])],
          });
        } else if (maybe.length > 0) {
          const unknown = maybe;
          const u = unknown[0];
          ctx.report({
            messageId: 'unverifiable',
            at: proto,
            data: { what: `whether ${describe(u.sender)} terminates TLS in front of this ${name} target group`, reason: `the listener's Protocol is unknown: ${u.at.reason ?? 'it is decided at deploy time'}` },
            related: related(unknown.map((x) => ({ sender: x.sender, at: x.at, text: `Protocol of ${describe(x.sender)}` }))),
          });
        }
      }
    }
  },
});

/** Does the listener name certificates under the conditions of its Protocol outcome? */
function namesCertificates(ctx: RuleContext, s: Sender, p: Outcome): boolean {
  return ctx.resolver.at([...s.listener.path, 'Properties', 'Certificates'], p.conditions).some((c) => !c.known || (Array.isArray(c.value) && c.value.length > 0));
}

/** Two outcomes assume no condition both true and false. */
function consistent(a: Outcome, b: Outcome): boolean {
  return !a.conditions.some((x) => b.conditions.some((y) => y.name === x.name && y.value !== x.value));
}

function describe(s: Sender): string {
  return s.rule ? `listener ${s.listener.logicalId} (rule ${s.rule.logicalId})` : `listener ${s.listener.logicalId}`;
}

function related(items: { sender: Sender; at: Outcome; text: string }[]): RelatedInfo[] {
  const seen = new Set<string>();
  const out: RelatedInfo[] = [];
  for (const x of items) {
    const path = x.at.origin.length > 2 ? x.at.origin : [...x.sender.listener.path, 'Properties', 'Protocol'];
    const k = JSON.stringify(path);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ path, message: x.text });
    if (x.sender.rule) out.push({ path: x.sender.path, message: `${x.sender.rule.logicalId} forwards to this target group` });
  }
  return out;
}

/** Protocol HTTPS/TLS; health checks likewise when they spoke the plaintext protocol; port 80 -> 443. */
function fix(ctx: RuleContext, proto: Outcome, secure: string): Fix {
  const ops: FixOp[] = [setValueOp(ctx, proto, secure)];
  const hcPorts = ctx.propWhen(proto, 'HealthCheckPort');
  const trafficPort = hcPorts.every((p) => p.known && (p.value === undefined || p.value === 'traffic-port'));
  for (const hc of ctx.propWhen(proto, 'HealthCheckProtocol')) {
    if (!hc.known) continue;
    const hcName = protocolName(hc.value);
    if (hcName === undefined && hc.value === undefined && trafficPort) ops.push({ op: 'set', path: ctx.propPath('HealthCheckProtocol'), value: secure });
    else if (hcName && hcName in PLAIN && trafficPort) ops.push(setValueOp(ctx, hc, secure));
  }
  for (const port of ctx.propWhen(proto, 'Port')) {
    if (port.known && (port.value === 80 || port.value === '80')) ops.push(setValueOp(ctx, port, 443));
  }
  const unique = ops.filter((op, i) => ops.findIndex((o) => JSON.stringify(o) === JSON.stringify(op)) === i);
  return { title: `Use ${secure} to the targets (replaces the target group; the targets must serve TLS)`, kind: 'suggest', ops: unique };
}
