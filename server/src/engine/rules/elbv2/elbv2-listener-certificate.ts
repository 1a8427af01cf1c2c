/**
 * HTTPS and TLS listeners (and their extra ListenerCertificate lists) use ACM certificates, not
 * IAM server certificates. Catalog HTRN-ALB-02 (cdk-nag ELBv2ACMCertificateRequired, Config
 * elbv2-acm-certificate-required, Guard ELBV2_ACM_CERTIFICATE_REQUIRED, cfn-lint E3676).
 * Unlike cdk-nag, HTTP listeners are not judged: they have no certificate to check.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isSecureProtocol, LISTENER, LISTENER_CERTIFICATE, protocolName } from '../util/elbv2';

const ACM = /^arn:aws[a-z-]*:acm:/;
/** A part of an ARN: plain text or a ${...} placeholder (which may hold colons, like ${AWS::Partition}). */
const PART = '(?:\\$\\{[^}]*\\}|[^:$])*';
const ACM_TEXT = new RegExp(`^arn:${PART}:acm:`);
const IAM = new RegExp(`^arn:${PART}:iam::${PART}:server-certificate/`);

type CertKind = { kind: 'acm' } | { kind: 'iam'; label: string } | { kind: 'unknown'; reason: string };

/** What a CertificateArn value is: an ACM certificate, an IAM server certificate, or unknown. */
export function classifyCertificate(o: Outcome): CertKind {
  if (o.resource) {
    if (o.resource.type === 'AWS::CertificateManager::Certificate') return { kind: 'acm' };
    return { kind: 'unknown', reason: `it comes from ${o.resource.type} ${o.resource.logicalId}, known only at deploy time` };
  }
  if (!o.known) {
    if (o.text && ACM_TEXT.test(o.text)) return { kind: 'acm' };
    if (o.text && IAM.test(o.text)) return { kind: 'iam', label: o.text };
    return { kind: 'unknown', reason: o.reason ?? 'it is decided at deploy time' };
  }
  if (typeof o.value !== 'string' || o.value === '') return { kind: 'unknown', reason: 'it is not a certificate ARN' };
  if (ACM.test(o.value)) return { kind: 'acm' };
  if (IAM.test(o.value)) return { kind: 'iam', label: o.value };
  return { kind: 'unknown', reason: `${o.value} is neither an ACM nor an IAM certificate ARN` };
}

export default defineRule({
  meta: {
    id: 'elbv2-listener-certificate',
    title: 'HTTPS and TLS listeners use certificates from AWS Certificate Manager',
    description:
      'The certificate of an HTTPS or TLS listener authenticates the load balancer to clients that send it PHI. Certificates from AWS Certificate Manager (ACM) are renewed and deployed automatically; IAM server certificates must be rotated by hand and expire silently, which breaks TLS or pushes clients to accept invalid certificates. Listener certificates (Certificates of the listener and of AWS::ElasticLoadBalancingV2::ListenerCertificate resources) should be ACM certificates.',
    resourceTypes: [LISTENER, LISTENER_CERTIFICATE],
    messages: {
      iamCertificate: {
        text: '{{what}} {{id}} uses the IAM server certificate {{certificate}}: IAM certificates are not renewed automatically. Use an ACM certificate.',
        level: 'hardening',
      },
      noCertificate: {
        text: '{{protocol}} listener {{id}} names no certificate (Certificates): CloudFormation rejects it, and the certificate cannot be checked.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ELBv2ACMCertificateRequired'],
      config: ['elbv2-acm-certificate-required'],
      guard: ['ELBV2_ACM_CERTIFICATE_REQUIRED'],
      cfnLint: ['E3676'],
    },
  },

  check(resource, ctx) {
    if (resource.type === LISTENER_CERTIFICATE) {
      for (const list of ctx.prop('Certificates')) checkList(ctx, list, 'Listener certificate list');
      return;
    }
    for (const proto of ctx.prop('Protocol')) {
      if (!proto.known || !isSecureProtocol(proto.value)) continue; // unknown protocol: elbv2-listener-tls-policy says so
      for (const list of ctx.propWhen(proto, 'Certificates')) {
        if (list.known && (list.value === undefined || (Array.isArray(list.value) && list.value.length === 0))) {
          ctx.report({ messageId: 'noCertificate', at: list, data: { protocol: protocolName(proto.value)! } });
          continue;
        }
        checkList(ctx, list, `${protocolName(proto.value)} listener`);
      }
    }
  },
});

function checkList(ctx: RuleContext, list: Outcome, what: string): void {
  if (!list.known || !Array.isArray(list.value)) {
    if (list.value === undefined && list.known) return;
    ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the certificates (Certificates)', reason: list.reason ?? 'they are not a list' } });
    return;
  }
  for (let i = 0; i < list.value.length; i++) {
    for (const arn of ctx.below(list, i, 'CertificateArn')) {
      const c = classifyCertificate(arn);
      if (c.kind === 'iam') ctx.report({ messageId: 'iamCertificate', at: arn, data: { what, certificate: c.label } });
      else if (c.kind === 'unknown') ctx.report({ messageId: 'unverifiable', at: arn, data: { what: 'the certificate (CertificateArn)', reason: c.reason } });
    }
  }
}
