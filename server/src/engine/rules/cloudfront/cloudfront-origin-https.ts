/**
 * CloudFront reaches custom origins over HTTPS with TLS 1.2.
 * Catalog HTRN-CF-01 (checkov CKV2_AWS_72; cdk-nag AwsSolutions-CFR5 outside the HIPAA pack).
 * OriginProtocolPolicy http-only sends every request and response between CloudFront and the origin
 * in plaintext (violation); match-viewer does so for viewers that use HTTP (hardening, unless every
 * behaviour of the distribution requires HTTPS). OriginSSLProtocols that allow SSLv3, TLSv1 or
 * TLSv1.1 (the CloudFormation default is [TLSv1, SSLv3]) are hardening. S3 origins and origins
 * signed with origin access control (OriginAccessControlId) are not judged here. Fixes are
 * suggestions: the origin must serve TLS with a certificate CloudFront trusts.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, FixOp, Json } from '../../types';
import { isSet, setValueOp } from '../util/encryption';
import { isPlainMap, setUnder } from '../util/opensearch';

const VIEWER_HTTPS = new Set(['https-only', 'redirect-to-https']);
const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const CFN_DEFAULT_PROTOCOLS = ['TLSv1', 'SSLv3'];

export default defineRule({
  meta: {
    id: 'cloudfront-origin-https',
    title: 'CloudFront reaches custom origins over HTTPS with TLS 1.2',
    description:
      'Requests and responses between CloudFront and a custom origin (a load balancer, an API, a web server) carry the same PHI as those of viewers. CustomOriginConfig.OriginProtocolPolicy must be https-only (match-viewer passes only when every cache behaviour requires HTTPS), and OriginSSLProtocols should allow only TLSv1.2; CloudFormation defaults it to [TLSv1, SSLv3].',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    fix: 'suggest',
    peers: {
      cdkNag: ['AwsSolutions-CFR5', 'AwsPrototyping-CloudFrontDistributionNoOutdatedSSL'],
      checkov: ['CKV2_AWS_72'],
    },
    messages: {
      httpOnly: {
        text: 'Distribution {{id}} reaches origin {{origin}} over plain HTTP (OriginProtocolPolicy: http-only).',
        level: 'violation',
      },
      matchViewer: {
        text: 'Distribution {{id}} reaches origin {{origin}} over plain HTTP whenever a viewer uses HTTP (OriginProtocolPolicy: match-viewer, and not every cache behaviour requires HTTPS); use https-only.',
        level: 'hardening',
      },
      oldProtocols: {
        text: 'Distribution {{id}} may reach origin {{origin}} with {{protocols}} ({{how}}); allow only TLSv1.2.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    let viewersHttps: boolean | undefined;
    const allViewersHttps = () => (viewersHttps ??= everyBehaviorHttps(ctx));
    for (const list of ctx.prop('DistributionConfig', 'Origins')) {
      if (!list.known) {
        ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the origins (Origins)', reason: list.reason ?? 'they are decided at deploy time' } });
        continue;
      }
      if (!Array.isArray(list.value)) continue;
      list.value.forEach((_, i) => {
        for (const origin of ctx.below(list, i)) {
          if (!origin.known) {
            ctx.report({ messageId: 'unverifiable', at: origin, data: { what: `origin ${i + 1}`, reason: origin.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (!isPlainMap(origin.value)) continue;
          const id = typeof origin.value.Id === 'string' ? origin.value.Id : `${i + 1}`;
          // Signed with origin access control (S3, Lambda function URLs, MediaStore): not judged here.
          if (ctx.below(origin, 'OriginAccessControlId').some((o) => o.known && isSet(o))) continue;
          for (const cfg of ctx.below(origin, 'CustomOriginConfig')) judgeOrigin(ctx, cfg, id, allViewersHttps);
        }
      });
    }
  },
});

function judgeOrigin(ctx: RuleContext, cfg: Outcome, origin: string, allViewersHttps: () => boolean): void {
  if (!cfg.known) {
    ctx.report({ messageId: 'unverifiable', at: cfg, data: { what: `the custom origin settings of origin ${origin}`, reason: cfg.reason ?? 'they are decided at deploy time' } });
    return;
  }
  if (!isPlainMap(cfg.value)) return; // S3 or VPC origin
  for (const p of ctx.below(cfg, 'OriginProtocolPolicy')) {
    if (!p.known) {
      ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the origin protocol policy of origin ${origin}`, reason: p.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (p.value === 'http-only') {
      ctx.report({ messageId: 'httpOnly', at: p, data: { origin }, suggestions: httpsFix(ctx, cfg, p) });
      continue;
    }
    if (p.value === 'match-viewer' && !allViewersHttps()) {
      ctx.report({ messageId: 'matchViewer', at: p, data: { origin }, suggestions: httpsFix(ctx, cfg, p) });
    }
    if (p.value === 'https-only' || p.value === 'match-viewer') judgeProtocols(ctx, cfg, origin);
    else if (p.value !== undefined && p.value !== null) {
      ctx.report({ messageId: 'unverifiable', at: p, data: { what: `the origin protocol policy of origin ${origin}`, reason: `${JSON.stringify(p.value)} is not a known OriginProtocolPolicy` } });
    }
  }
}

function judgeProtocols(ctx: RuleContext, cfg: Outcome, origin: string): void {
  for (const list of ctx.below(cfg, 'OriginSSLProtocols')) {
    if (!list.known) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what: `the TLS versions to origin ${origin} (OriginSSLProtocols)`, reason: list.reason ?? 'they are decided at deploy time' } });
      continue;
    }
    let protocols: string[];
    let how: string;
    if (list.value === undefined || list.value === null) {
      protocols = CFN_DEFAULT_PROTOCOLS;
      how = 'no OriginSSLProtocols: CloudFormation defaults to [TLSv1, SSLv3]';
    } else if (Array.isArray(list.value)) {
      const items = list.value.flatMap((_, j) => ctx.below(list, j));
      const unknown = items.find((x) => !x.known);
      if (unknown) {
        ctx.report({ messageId: 'unverifiable', at: unknown, data: { what: `the TLS versions to origin ${origin} (OriginSSLProtocols)`, reason: unknown.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      protocols = items.map((x) => String(x.value));
      how = `OriginSSLProtocols: [${protocols.join(', ')}]`;
    } else continue;
    const old = protocols.filter((x) => OLD_PROTOCOLS.has(x));
    if (old.length === 0) continue;
    const ops = protocolOps(ctx, cfg, list, ['TLSv1.2']);
    ctx.report({
      messageId: 'oldProtocols',
      at: list,
      data: { origin, protocols: old.join(', '), how },
      suggestions: ops ? [{ title: 'Allow only TLSv1.2 to the origin (the origin must support it)', kind: 'suggest', ops }] : [],
    });
  }
}

function protocolOps(ctx: RuleContext, cfg: Outcome, list: Outcome, value: Json): FixOp[] | undefined {
  if (list.value === undefined || list.value === null) return setUnder(ctx, cfg, { OriginSSLProtocols: value });
  if (list.parameter) return [{ op: 'set', path: list.logical, value }];
  return [setValueOp(ctx, list, value)];
}

function httpsFix(ctx: RuleContext, cfg: Outcome, p: Outcome): Fix[] {
  const ops: FixOp[] = [setValueOp(ctx, p, 'https-only')];
  for (const list of ctx.below(cfg, 'OriginSSLProtocols')) {
    const more = list.known ? protocolOps(ctx, cfg, list, ['TLSv1.2']) : undefined;
    if (more) ops.push(...more);
  }
  return [{ title: 'Use HTTPS to the origin (OriginProtocolPolicy: https-only, TLSv1.2; the origin must serve TLS)', kind: 'suggest', ops }];
}

/** Every cache behaviour (default and CacheBehaviors) has a known https-only or redirect-to-https policy. */
function everyBehaviorHttps(ctx: RuleContext): boolean {
  const policies: Outcome[] = [...ctx.prop('DistributionConfig', 'DefaultCacheBehavior', 'ViewerProtocolPolicy')];
  for (const list of ctx.prop('DistributionConfig', 'CacheBehaviors')) {
    if (!list.known) return false;
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      for (const b of ctx.below(list, i)) policies.push(...ctx.below(b, 'ViewerProtocolPolicy'));
    });
  }
  return policies.every((p) => p.known && typeof p.value === 'string' && VIEWER_HTTPS.has(p.value));
}
