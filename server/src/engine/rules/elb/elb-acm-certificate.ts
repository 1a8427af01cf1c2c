/**
 * Classic Load Balancer HTTPS/SSL listeners use certificates from AWS Certificate Manager.
 * Catalog HTRN-CLB-02 (cdk-nag ELBACMCertificateRequired, Config elb-acm-certificate-required,
 * guard ELB_ACM_CERTIFICATE_REQUIRED, cfn-lint E3679). cdk-nag checks every listener (HTTP ones
 * fail for lacking a certificate) and cannot resolve a Ref to a certificate resource; this rule
 * judges only HTTPS/SSL listeners and follows Ref, Fn::Sub and parameters.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Template } from '../../template/model';
import { listeners, protocolOf, SECURE } from '../util/clb';

const ACM_ARN = /^arn:(\$\{[^}]*\}|[^:]*):acm:/;
const IAM_ARN = /^arn:(\$\{[^}]*\}|[^:]*):iam::(\$\{[^}]*\}|[^:]*):server-certificate\//;
const ACM_TYPE = 'AWS::CertificateManager::Certificate';
const IAM_TYPE = 'AWS::IAM::ServerCertificate';

type Kind = 'acm' | 'iam' | 'absent' | 'unknown';

export default defineRule({
  meta: {
    id: 'elb-acm-certificate',
    title: 'Classic Load Balancer HTTPS/SSL listeners use an ACM certificate',
    description:
      'The certificate of an HTTPS or SSL listener (SSLCertificateId) should come from AWS Certificate Manager: an ACM ARN, a Ref to an AWS::CertificateManager::Certificate, or a parameter whose Default is an ACM ARN. ACM renews the certificates it issues before they expire and keeps their private keys in AWS. An IAM server certificate still encrypts, but its key was handled outside AWS and it must be renewed by hand, so it is hardening.',
    resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
    messages: {
      iamCertificate: {
        text: 'Listener {{n}} of load balancer {{id}} uses the IAM server certificate {{cert}}. Use a certificate from AWS Certificate Manager, which renews it automatically and keeps its private key in AWS.',
        level: 'hardening',
      },
      missingCertificate: {
        text: 'Listener {{n}} ({{protocol}}) of load balancer {{id}} sets no SSLCertificateId; CloudFormation cannot create an HTTPS or SSL listener without a certificate.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ELBACMCertificateRequired'],
      config: ['elb-acm-certificate-required'],
      guard: ['ELB_ACM_CERTIFICATE_REQUIRED'],
      cfnLint: ['E3679'],
    },
  },

  check(_resource, ctx) {
    for (const { entry, number } of listeners(ctx, 'the listeners (Listeners)')) {
      for (const p of ctx.below(entry, 'Protocol')) {
        if (!p.known) continue; // reported by elb-listener-tls
        const protocol = protocolOf(p);
        if (protocol === undefined || !SECURE.has(protocol)) continue;
        for (const c of ctx.below({ ...entry, conditions: p.conditions }, 'SSLCertificateId')) {
          const { kind, label, reason } = classify(ctx.template, c);
          if (kind === 'acm') continue;
          if (kind === 'iam') ctx.report({ messageId: 'iamCertificate', at: c, data: { n: number, cert: label } });
          else if (kind === 'absent') ctx.report({ messageId: 'missingCertificate', at: c, data: { n: number, protocol } });
          else ctx.report({ messageId: 'unverifiable', at: c, data: { what: `the certificate of listener ${number} (SSLCertificateId)`, reason: reason ?? 'it is decided at deploy time' } });
        }
      }
    }
  },
});

function classify(template: Template, c: Outcome): { kind: Kind; label: string; reason?: string } {
  if (c.known && (c.value === undefined || c.value === null || c.value === '')) return { kind: 'absent', label: '' };
  if (c.resource) {
    if (c.resource.type === ACM_TYPE) return { kind: 'acm', label: c.resource.logicalId };
    if (c.resource.type === IAM_TYPE) return { kind: 'iam', label: c.resource.logicalId };
    return { kind: 'unknown', label: c.resource.logicalId, reason: `it comes from ${c.resource.type} ${c.resource.logicalId}, whose output is known only at deploy time` };
  }
  const text = c.known ? (typeof c.value === 'string' ? c.value : undefined) : c.text;
  if (text !== undefined && ACM_ARN.test(text)) return { kind: 'acm', label: text };
  if (text !== undefined && IAM_ARN.test(text)) return { kind: 'iam', label: text };
  // A string built around a certificate resource of this template (Fn::Sub/Join).
  const types = c.refs.map((id) => template.resource(id)?.type);
  if (types.includes(ACM_TYPE)) return { kind: 'acm', label: text ?? 'the certificate' };
  if (types.includes(IAM_TYPE)) return { kind: 'iam', label: text ?? 'the certificate' };
  if (!c.known) return { kind: 'unknown', label: text ?? '', reason: c.reason };
  return { kind: 'unknown', label: String(text), reason: `${JSON.stringify(c.value)} is neither an ACM nor an IAM certificate ARN` };
}
