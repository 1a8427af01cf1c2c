/**
 * Classic Load Balancer listeners accept only HTTPS or SSL from clients.
 * Catalog HTRN-CLB-01 (cdk-nag ELBTlsHttpsListenersOnly, Config elb-tls-https-listeners-only, guard
 * ELB_TLS_HTTPS_LISTENERS_ONLY). cdk-nag inspects only the back end of HTTPS/SSL listeners and
 * passes an HTTP or TCP listener; this rule (like Config and Guard) flags every plaintext listener.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { listeners, PLAIN, protocolOf, SECURE } from '../util/clb';

export default defineRule({
  meta: {
    id: 'elb-listener-tls',
    title: 'Classic Load Balancer listeners accept only HTTPS or SSL',
    description:
      'Every listener of a Classic Load Balancer (Listeners[*].Protocol) must use HTTPS or SSL, so that PHI sent by clients is encrypted on the network. An HTTP or TCP listener accepts plaintext; Classic Load Balancers cannot redirect HTTP to HTTPS, so the listener has to be removed or changed to HTTPS/SSL with a certificate.',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    messages: {
      plaintextListener: {
        text: 'Listener {{n}} of load balancer {{id}} accepts {{protocol}}{{port}}: clients send data to it unencrypted. Use HTTPS or SSL with a certificate.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ELBTlsHttpsListenersOnly'],
      config: ['elb-tls-https-listeners-only'],
      guard: ['ELB_TLS_HTTPS_LISTENERS_ONLY'],
    },
  },

  check(_resource, ctx) {
    for (const { entry, number } of listeners(ctx, 'the listeners (Listeners)')) {
      for (const p of ctx.below(entry, 'Protocol')) {
        if (!p.known) {
          ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the protocol of listener ${number} (Protocol)`, reason: p.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const protocol = protocolOf(p);
        if (protocol === undefined || SECURE.has(protocol)) continue;
        if (!PLAIN.has(protocol)) {
          ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the protocol of listener ${number} (Protocol)`, reason: `${JSON.stringify(p.value)} is not HTTP, HTTPS, TCP or SSL` } });
          continue;
        }
        const ports = ctx.below({ ...entry, conditions: p.conditions }, 'LoadBalancerPort');
        const port = ports.length === 1 && ports[0].known && (typeof ports[0].value === 'string' || typeof ports[0].value === 'number') ? ` on port ${ports[0].value}` : '';
        ctx.report({ messageId: 'plaintextListener', at: p, data: { n: number, protocol, port } });
      }
    }
  },
});
