/**
 * HTTPS and TLS listeners use a security policy that accepts only TLS 1.2 and later.
 * Catalog HTRN-ALB-03 (Guard ELBV2_LISTENER_SSL_POLICY_RULE, checkov CKV_AWS_103, cfn_nag W55).
 * An absent SslPolicy is not a pass: CloudFormation, the CLI and the CDK create the listener with
 * ELBSecurityPolicy-2016-08 (TLS 1.0 to 1.2); only the console defaults to a TLS 1.2+ policy.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { FixOp } from '../../types';
import { setValueOp, underConditions } from '../util/encryption';
import { isSecureProtocol, LISTENER, protocolName } from '../util/elbv2';

export const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** The lowest TLS version a predefined ELB security policy accepts; undefined for a name we don't know. */
export function minTlsVersion(name: string): '1.0' | '1.1' | '1.2' | '1.3' | undefined {
  const n = name.trim();
  const legacy: Record<string, '1.0' | '1.1'> = {
    'ELBSecurityPolicy-2016-08': '1.0',
    'ELBSecurityPolicy-2015-05': '1.0',
    'ELBSecurityPolicy-TLS-1-0-2015-04': '1.0',
    'ELBSecurityPolicy-FS-2018-06': '1.0',
    'ELBSecurityPolicy-TLS-1-1-2017-01': '1.1',
    'ELBSecurityPolicy-FS-1-1-2019-08': '1.1',
  };
  if (legacy[n]) return legacy[n];
  // The names of current policies state the lowest version: TLS13-1-2-..., TLS-1-2-..., FS-1-2-...
  const m = /^ELBSecurityPolicy-(?:TLS13|TLS|FS)-1-([0-3])-[A-Za-z0-9-]+$/.exec(n);
  if (m) return (`1.${m[1]}` as '1.0' | '1.1' | '1.2' | '1.3');
  return undefined;
}

export default defineRule({
  meta: {
    id: 'elbv2-listener-tls-policy',
    title: 'HTTPS and TLS listeners use a security policy that accepts only TLS 1.2 or later',
    description:
      'The security policy (SslPolicy) of an HTTPS or TLS listener decides which TLS versions clients may use. TLS 1.0 and 1.1 are deprecated (RFC 8996) and NIST SP 800-52 Rev. 2 requires TLS 1.2 or later. When SslPolicy is not set, CloudFormation uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1. Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
    resourceTypes: [LISTENER],
    fix: 'safe',
    messages: {
      weakPolicy: {
        text: '{{protocol}} listener {{id}} uses security policy {{policy}}, which accepts TLS {{min}}: clients can negotiate a deprecated TLS version.',
        level: 'violation',
      },
      defaultPolicy: {
        text: '{{protocol}} listener {{id}} sets no SslPolicy: CloudFormation uses ' + DEFAULT_POLICY + ', which accepts TLS 1.0 and 1.1.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      guard: ['ELBV2_LISTENER_SSL_POLICY_RULE'],
      checkov: ['CKV_AWS_103'],
      cfnNag: ['W55'],
    },
  },

  check(_resource, ctx) {
    for (const proto of ctx.prop('Protocol')) {
      if (!proto.known) {
        if (hasCertificates(ctx, proto)) ctx.report({ messageId: 'unverifiable', at: proto, data: { what: 'the listener protocol (Protocol)', reason: proto.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (proto.value === undefined && !proto.noValue) {
        if (hasCertificates(ctx, proto)) ctx.report({ messageId: 'unverifiable', at: proto, data: { what: 'whether the listener is HTTPS or TLS', reason: 'it names certificates but sets no Protocol' } });
        continue;
      }
      if (!isSecureProtocol(proto.value)) continue;
      const protocol = protocolName(proto.value)!;
      for (const sp of ctx.propWhen(proto, 'SslPolicy')) {
        if (!sp.known) {
          ctx.report({ messageId: 'unverifiable', at: sp, data: { what: 'the security policy (SslPolicy)', reason: sp.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (sp.value === undefined || sp.value === null || sp.value === '') {
          ctx.report({ messageId: 'defaultPolicy', at: sp, data: { protocol }, fix: fixOf(ctx, sp) });
          continue;
        }
        if (typeof sp.value !== 'string') {
          ctx.report({ messageId: 'unverifiable', at: sp, data: { what: 'the security policy (SslPolicy)', reason: 'it is not a policy name' } });
          continue;
        }
        const min = minTlsVersion(sp.value);
        if (min === undefined) {
          ctx.report({ messageId: 'unverifiable', at: sp, data: { what: 'the security policy (SslPolicy)', reason: `${sp.value} is not a predefined ELB security policy cfn-hipaa knows` } });
        } else if (min === '1.0' || min === '1.1') {
          ctx.report({ messageId: 'weakPolicy', at: sp, data: { protocol, policy: sp.value, min }, fix: fixOf(ctx, sp) });
        }
      }
    }
  },
});

function hasCertificates(ctx: RuleContext, proto: Outcome): boolean {
  return ctx.propWhen(proto, 'Certificates').some((c) => !c.known || (Array.isArray(c.value) && c.value.length > 0));
}

function fixOf(ctx: RuleContext, sp: Outcome) {
  const op: FixOp =
    sp.value === undefined && !sp.noValue
      ? { op: 'set', path: ctx.propPath('SslPolicy'), value: underConditions(ctx, sp, RECOMMENDED_POLICY, ctx.resource.properties.SslPolicy) }
      : setValueOp(ctx, sp, RECOMMENDED_POLICY);
  return { title: `Use security policy ${RECOMMENDED_POLICY} (TLS 1.2 and 1.3)`, kind: 'safe' as const, ops: [op] };
}
