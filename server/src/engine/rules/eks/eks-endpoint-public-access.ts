/**
 * EKS cluster API endpoints are not open to the internet.
 * Catalog HNET-EKS-01 (Guard EKS_ENDPOINT_NO_PUBLIC_ACCESS; cdk-nag AwsSolutions-EKS1 in another
 * pack). EndpointPublicAccess defaults to true and PublicAccessCidrs to 0.0.0.0/0: by default the
 * Kubernetes API (which can read every secret and exec into every pod) is reachable from anywhere.
 * Public and open to the world: violation; public but limited to listed CIDRs: hardening. The
 * fix switches to a private endpoint: an in-place update, but kubectl and CI from outside the VPC
 * stop working, so it is a suggestion.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { flagFix, flagState, how, reportUnverifiable } from '../util/public-endpoint';

const CFG = 'ResourcesVpcConfig';
const WORLD = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  meta: {
    id: 'eks-endpoint-public-access',
    title: 'EKS cluster API endpoints are private, or public only to listed networks',
    description:
      'The Kubernetes API of an EKS cluster controls every workload, secret and volume in it, PHI included. EKS makes the API endpoint public (EndpointPublicAccess defaults to true) and open to 0.0.0.0/0 (PublicAccessCidrs) unless the template says otherwise. A private endpoint (EndpointPublicAccess: false, EndpointPrivateAccess: true) is preferred; a public one must at least be limited to known networks.',
    resourceTypes: ['AWS::EKS::Cluster'],
    fix: 'suggest',
    phiScoped: true,
    peers: { cdkNag: ['AwsSolutions-EKS1'], guard: ['EKS_ENDPOINT_NO_PUBLIC_ACCESS'] },
    messages: {
      publicOpen: {
        text: 'EKS cluster {{id}} has a public API endpoint ({{how}}) open to {{cidrs}}: anyone on the internet can reach the Kubernetes API.',
        level: 'violation',
      },
      publicRestricted: {
        text: 'EKS cluster {{id}} has a public API endpoint ({{how}}), limited to {{cidrs}}: prefer a private endpoint reached through the VPC.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop(CFG, 'EndpointPublicAccess')) {
      const state = flagState(o);
      if (state === 'false') continue;
      if (state === 'unknown' || state === 'invalid') {
        reportUnverifiable(ctx, o, 'public access to the API endpoint (ResourcesVpcConfig.EndpointPublicAccess)');
        continue;
      }
      const h = state === 'absent' ? 'EndpointPublicAccess is not set and defaults to true' : how(o, 'EndpointPublicAccess');
      const fix = flagFix(ctx, o, [CFG, 'EndpointPublicAccess'], false, 'Make the API endpoint private (EndpointPublicAccess: false, EndpointPrivateAccess: true; kubectl and CI from outside the VPC stop working)', 'suggest', { EndpointPrivateAccess: true });
      for (const c of ctx.propWhen(o, CFG, 'PublicAccessCidrs')) {
        const r = judgeCidrs(ctx, c);
        if (r.kind === 'unknown') {
          reportUnverifiable(ctx, r.at, 'who can reach the public API endpoint (ResourcesVpcConfig.PublicAccessCidrs)');
          continue;
        }
        ctx.report({ messageId: r.kind === 'open' ? 'publicOpen' : 'publicRestricted', at: o, data: { how: h, cidrs: r.label }, ...fix });
      }
    }
  },
});

function judgeCidrs(ctx: RuleContext, c: Outcome): { kind: 'open' | 'restricted'; label: string } | { kind: 'unknown'; at: Outcome } {
  if (!c.known) return { kind: 'unknown', at: c };
  if (c.value === undefined || c.value === null) return { kind: 'open', label: '0.0.0.0/0 (PublicAccessCidrs defaults to it)' };
  if (!Array.isArray(c.value)) return { kind: 'unknown', at: { ...c, known: false, reason: `${JSON.stringify(c.value)} is not a list of CIDR blocks` } };
  if (c.value.length === 0) return { kind: 'open', label: '0.0.0.0/0 (an empty PublicAccessCidrs means the default)' };
  const listed: string[] = [];
  let unknown: Outcome | undefined;
  for (let i = 0; i < c.value.length; i++) {
    for (const e of ctx.below(c, i)) {
      if (!e.known || typeof e.value !== 'string') {
        unknown ??= e.known ? { ...e, known: false, reason: `${JSON.stringify(e.value)} is not a CIDR block` } : e;
        continue;
      }
      if (WORLD.has(e.value.trim())) return { kind: 'open', label: e.value.trim() };
      listed.push(e.value.trim());
    }
  }
  if (unknown) return { kind: 'unknown', at: unknown };
  return { kind: 'restricted', label: [...new Set(listed)].join(', ') };
}
