/**
 * CloudFront distributions accept viewer connections only with TLS 1.2 or later.
 * Catalog HTRN-CF-01 (Guard CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE, checkov CKV_AWS_174, cfn_nag W70;
 * cdk-nag AwsSolutions-CFR4 outside the HIPAA pack). With a custom certificate (ACM or IAM) the
 * security policy is ViewerCertificate.MinimumProtocolVersion (CloudFront's default: TLSv1). With the
 * default *.cloudfront.net certificate CloudFront always uses TLSv1 whatever is written, so that is a
 * hardening finding: only a custom domain and certificate can raise the minimum.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import { isSet } from '../util/encryption';
import { isPlainMap, setNestedOps } from '../util/opensearch';

const VC = ['DistributionConfig', 'ViewerCertificate'];
const TARGET = 'TLSv1.2_2021';
/** Security policies that accept TLS 1.0/1.1 or SSLv3. */
const WEAK = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);
/** TLS 1.2 minimum, but ciphers (CBC, SHA-1 MACs) later policies dropped. */
const OLD = new Set(['TLSv1.2_2018']);
const STRONG = /^TLSv1\.(2_(2019|20[2-9]\d)|[3-9]_\d{4})$/;

export default defineRule({
  meta: {
    id: 'cloudfront-minimum-tls',
    title: 'CloudFront distributions require TLS 1.2 or later from viewers',
    description:
      'Viewers of a CloudFront distribution send and receive PHI over TLS. With a custom certificate (AcmCertificateArn or IamCertificateId), ViewerCertificate.MinimumProtocolVersion must be TLSv1.2_2019 or newer (TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025). The default *.cloudfront.net certificate always accepts TLS 1.0, so PHI workloads should use their own domain and certificate.',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    fix: 'safe',
    peers: {
      cdkNag: ['AwsSolutions-CFR4', 'AwsPrototyping-CloudFrontDistributionHttpsViewerNoOutdatedSSL'],
      guard: ['CLOUDFRONT_MINIMUM_PROTOCOL_VERSION_RULE'],
      checkov: ['CKV_AWS_174'],
      cfnNag: ['W70'],
    },
    messages: {
      weakPolicy: {
        text: 'Distribution {{id}} accepts viewer connections with outdated protocols ({{how}}); set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 or newer.',
        level: 'violation',
      },
      oldPolicy: {
        text: 'Distribution {{id}} uses security policy TLSv1.2_2018, which still offers ciphers later policies dropped; use TLSv1.2_2021 or newer.',
        level: 'hardening',
      },
      defaultCertificate: {
        text: 'Distribution {{id}} uses the default *.cloudfront.net certificate ({{how}}), for which CloudFront accepts TLS 1.0; serve PHI from your own domain with an ACM certificate and MinimumProtocolVersion TLSv1.2_2021.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const vc of ctx.prop(...VC)) {
      if (!vc.known) {
        ctx.report({ messageId: 'unverifiable', at: vc, data: { what: 'the viewer certificate (ViewerCertificate)', reason: vc.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (vc.value !== undefined && vc.value !== null && !isPlainMap(vc.value)) continue;
      const custom = [...ctx.below(vc, 'AcmCertificateArn'), ...ctx.below(vc, 'IamCertificateId')];
      // A certificate chosen at deploy time still is a custom certificate (an unknown value names one).
      if (custom.some(isSet)) {
        for (const m of ctx.below(vc, 'MinimumProtocolVersion')) judge(ctx, m);
        continue;
      }
      const dflt = ctx.below(vc, 'CloudFrontDefaultCertificate');
      // No certificate named, yet an outdated policy written (and the default certificate not asked
      // for): judge what the template asks for.
      const written = ctx.below(vc, 'MinimumProtocolVersion').filter((m) => m.known && typeof m.value === 'string' && (WEAK.has(m.value) || OLD.has(m.value)));
      if (written.length > 0 && !dflt.some((d) => isTrue(d.value))) {
        for (const m of written) judge(ctx, m, false);
        continue;
      }
      const how = vc.value === undefined || vc.value === null ? 'no ViewerCertificate' : dflt.some((d) => isTrue(d.value)) ? 'CloudFrontDefaultCertificate: true' : 'no AcmCertificateArn or IamCertificateId';
      ctx.report({ messageId: 'defaultCertificate', at: vc.value === undefined || vc.value === null ? vc : (dflt[0] ?? vc), data: { how } });
    }
  },
});

/** withFix: false where no certificate is named (raising the policy alone leaves the default certificate). */
function judge(ctx: RuleContext, m: Outcome, withFix = true): void {
  const what = 'the minimum TLS version (ViewerCertificate.MinimumProtocolVersion)';
  if (!m.known) {
    ctx.report({ messageId: 'unverifiable', at: m, data: { what, reason: m.reason ?? 'it is decided at deploy time' } });
    return;
  }
  const v = m.value;
  if (typeof v === 'string' && STRONG.test(v)) return;
  const ops = withFix ? setNestedOps(ctx, m, VC, 'MinimumProtocolVersion', TARGET) : undefined;
  const fix = ops ? { fix: { title: `Require TLS 1.2 (MinimumProtocolVersion: ${TARGET})`, kind: 'safe' as const, ops } } : {};
  if (typeof v === 'string' && OLD.has(v)) {
    ctx.report({ messageId: 'oldPolicy', at: m, ...fix });
    return;
  }
  if (v === undefined || v === null || (typeof v === 'string' && WEAK.has(v))) {
    const how = v === undefined || v === null ? 'no MinimumProtocolVersion with a custom certificate: CloudFront defaults to TLSv1' : `MinimumProtocolVersion: ${v}`;
    ctx.report({ messageId: 'weakPolicy', at: m, data: { how }, ...fix });
    return;
  }
  ctx.report({ messageId: 'unverifiable', at: m, data: { what, reason: `${JSON.stringify(v)} is not a known CloudFront security policy` } });
}
