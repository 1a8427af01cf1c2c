/**
 * Classic Load Balancer listeners that terminate TLS re-encrypt to the instances.
 * No catalog row of its own: cdk-nag's ELBTlsHttpsListenersOnly checks exactly this (an HTTPS/SSL
 * listener's InstanceProtocol), but only as part of its listener rule and it passes an absent
 * InstanceProtocol. AWS does not document the back-end protocol used when InstanceProtocol is
 * omitted, so that case is reported as unverifiable rather than passed.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, FixOp } from '../../types';
import { pathStartsWith } from '../../path';
import { setValueOp } from '../util/encryption';
import { entryPath, listeners, PLAIN, protocolOf, SECURE } from '../util/clb';

export default defineRule({
  meta: {
    id: 'elb-backend-encryption',
    title: 'Classic Load Balancer HTTPS/SSL listeners encrypt traffic to the instances',
    description:
      'A Classic Load Balancer listener that accepts HTTPS or SSL decrypts the traffic. Unless its InstanceProtocol is HTTPS or SSL as well, the load balancer forwards the decrypted PHI to the instances in plaintext across the VPC. An HTTP or TCP back end behind an HTTPS or SSL front end is a violation; an omitted InstanceProtocol is reported as unverifiable, since AWS does not document which back-end protocol is then used.',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    fix: 'suggest',
    messages: {
      plaintextBackend: {
        text: 'Listener {{n}} of load balancer {{id}} accepts {{front}} but forwards to the instances over {{back}}: data decrypted at the load balancer travels to the instances in plaintext.',
        level: 'violation',
      },
      backendUnset: {
        text: 'Listener {{n}} of load balancer {{id}} accepts {{front}} but does not set InstanceProtocol, and AWS does not document which back-end protocol is then used. Set InstanceProtocol: {{secure}} so that traffic to the instances is encrypted.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ELBTlsHttpsListenersOnly'],
    },
  },

  check(_resource, ctx) {
    for (const { entry, number } of listeners(ctx, 'the listeners (Listeners)')) {
      for (const p of ctx.below(entry, 'Protocol')) {
        if (!p.known) {
          ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the front-end protocol of listener ${number} (Protocol)`, reason: p.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const front = protocolOf(p);
        if (front === undefined || !SECURE.has(front)) continue; // plaintext front ends: elb-listener-tls
        const secure = front === 'HTTPS' ? 'HTTPS' : 'SSL';
        const scoped = { ...entry, conditions: p.conditions };
        for (const ip of ctx.below(scoped, 'InstanceProtocol')) {
          if (!ip.known) {
            ctx.report({ messageId: 'unverifiable', at: ip, data: { what: `the back-end protocol of listener ${number} (InstanceProtocol)`, reason: ip.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (ip.value === undefined || ip.value === null) {
            ctx.report({ messageId: 'backendUnset', at: ip, data: { n: number, front, secure }, suggestions: [fix(ctx, entry, ip, secure)] });
            continue;
          }
          const back = protocolOf(ip);
          if (back !== undefined && SECURE.has(back)) continue;
          if (back === undefined || !PLAIN.has(back)) {
            ctx.report({ messageId: 'unverifiable', at: ip, data: { what: `the back-end protocol of listener ${number} (InstanceProtocol)`, reason: `${JSON.stringify(ip.value)} is not HTTP, HTTPS, TCP or SSL` } });
            continue;
          }
          ctx.report({ messageId: 'plaintextBackend', at: ip, data: { n: number, front, back }, suggestions: [fix(ctx, entry, ip, secure)] });
        }
      }
    }
  },
});

/** InstanceProtocol HTTPS/SSL where it is decided; instance port 80 (written in the entry) becomes 443. */
function fix(ctx: RuleContext, entry: Outcome, ip: Outcome, secure: string): Fix {
  const ops: FixOp[] = [ip.value === undefined && !ip.noValue ? { op: 'set', path: entryPath(ctx, entry, 'InstanceProtocol'), value: secure } : setValueOp(ctx, ip, secure)];
  let port = '';
  for (const o of ctx.below({ ...entry, conditions: ip.conditions }, 'InstancePort')) {
    if (o.known && String(o.value) === '80' && pathStartsWith(o.origin, ctx.resource.path)) {
      ops.push({ op: 'set', path: o.origin, value: typeof o.value === 'number' ? 443 : '443' });
      port = ', instance port 443';
    }
  }
  return { title: `Encrypt to the instances (InstanceProtocol ${secure}${port}; the instances must serve TLS)`, kind: 'suggest', ops };
}
