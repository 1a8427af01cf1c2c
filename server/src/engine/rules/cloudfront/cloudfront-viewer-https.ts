/**
 * CloudFront distributions serve viewers over HTTPS only (every cache behaviour's ViewerProtocolPolicy
 * is https-only or redirect-to-https). Catalog HTRN-CF-01 (Guard CLOUDFRONT_VIEWER_POLICY_HTTPS,
 * checkov CKV_AWS_34). allow-all lets a viewer send and receive PHI in plaintext; the fix
 * (redirect-to-https) is a distribution update without interruption.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { setValueOp } from '../util/encryption';

const HTTPS = new Set(['https-only', 'redirect-to-https']);

export default defineRule({
  meta: {
    id: 'cloudfront-viewer-https',
    title: 'CloudFront distributions serve viewers over HTTPS only',
    description:
      'A CloudFront cache behaviour with ViewerProtocolPolicy allow-all answers plain HTTP, so PHI in requests and responses crosses the internet unencrypted. Every behaviour (DefaultCacheBehavior and each CacheBehaviors entry) must use https-only or redirect-to-https.',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    fix: 'safe',
    peers: {
      guard: ['CLOUDFRONT_VIEWER_POLICY_HTTPS'],
      checkov: ['CKV_AWS_34'],
    },
    messages: {
      httpAllowed: {
        text: 'Distribution {{id}}: {{behavior}} allows plain HTTP (ViewerProtocolPolicy: allow-all); use redirect-to-https or https-only.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const p of ctx.prop('DistributionConfig', 'DefaultCacheBehavior', 'ViewerProtocolPolicy')) judge(ctx, p, 'the default cache behavior');
    for (const list of ctx.prop('DistributionConfig', 'CacheBehaviors')) {
      if (!list.known) {
        ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the cache behaviors (CacheBehaviors)', reason: list.reason ?? 'they are decided at deploy time' } });
        continue;
      }
      if (!Array.isArray(list.value)) continue;
      list.value.forEach((_, i) => {
        for (const b of ctx.below(list, i)) {
          if (!b.known) {
            ctx.report({ messageId: 'unverifiable', at: b, data: { what: `cache behavior ${i + 1}`, reason: b.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          const pattern = b.value && typeof b.value === 'object' && !Array.isArray(b.value) && typeof b.value.PathPattern === 'string' ? ` (${b.value.PathPattern})` : '';
          for (const p of ctx.below(b, 'ViewerProtocolPolicy')) judge(ctx, p, `cache behavior ${i + 1}${pattern}`);
        }
      });
    }
  },
});

function judge(ctx: RuleContext, p: Outcome, behavior: string): void {
  if (!p.known) {
    ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the viewer protocol policy of ${behavior}`, reason: p.reason ?? 'it is decided at deploy time' } });
    return;
  }
  // Absent: ViewerProtocolPolicy is required, CloudFormation rejects the template.
  if (p.value === undefined || p.value === null) return;
  if (typeof p.value === 'string' && HTTPS.has(p.value)) return;
  if (p.value !== 'allow-all') {
    ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the viewer protocol policy of ${behavior}`, reason: `${JSON.stringify(p.value)} is not a known ViewerProtocolPolicy` } });
    return;
  }
  ctx.report({
    messageId: 'httpAllowed',
    at: p,
    data: { behavior },
    fix: { title: 'Redirect HTTP to HTTPS (ViewerProtocolPolicy: redirect-to-https)', kind: 'safe', ops: [setValueOp(ctx, p, 'redirect-to-https')] },
  });
}
