/**
 * OpenSearch (and legacy Elasticsearch) domains accept only HTTPS, with TLS 1.2 or later.
 * Catalog HTRN-OS-02 (Config opensearch-https-required, Guard OPENSEARCH_HTTPS_REQUIRED, checkov
 * CKV_AWS_83). EnforceHTTPS defaults to false and TLSSecurityPolicy to Policy-Min-TLS-1-0-2019-07;
 * DomainEndpointOptions updates cause no interruption, so both fixes are safe. checkov checks only
 * EnforceHTTPS, and only on AWS::Elasticsearch::Domain.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import type { Json, JsonObject } from '../../types';
import { howOff, setNestedOps } from '../util/opensearch';

const OPTIONS = 'DomainEndpointOptions';
/** TLS 1.2 only; accepted by both resource types and every engine version. */
const OPENSEARCH_TLS_POLICY = 'Policy-Min-TLS-1-2-2019-07';
const STRONG = /^Policy-Min-TLS-1-([2-9]|[1-9]\d)-/;
const WEAK = /^Policy-Min-TLS-1-[01]-/;

export default defineRule({
  meta: {
    id: 'opensearch-https-required',
    title: 'OpenSearch domains accept only HTTPS with TLS 1.2 or later',
    description:
      'Requests to an OpenSearch Service (or legacy Elasticsearch) domain carry queries and documents with PHI. The domain endpoint accepts plain HTTP unless DomainEndpointOptions.EnforceHTTPS is true, and accepts TLS 1.0 and 1.1 unless DomainEndpointOptions.TLSSecurityPolicy is a TLS 1.2 policy (Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10).',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    fix: 'safe',
    peers: {
      config: ['opensearch-https-required'],
      guard: ['OPENSEARCH_HTTPS_REQUIRED'],
      checkov: ['CKV_AWS_83'],
    },
    messages: {
      httpAllowed: {
        text: 'Domain {{id}} ({{type}}) accepts plain HTTP ({{how}}): set DomainEndpointOptions.EnforceHTTPS: true.',
        level: 'violation',
      },
      weakTls: {
        text: 'Domain {{id}} ({{type}}) accepts TLS 1.0 and 1.1 ({{how}}): use TLS security policy Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const e of ctx.prop(OPTIONS, 'EnforceHTTPS')) {
      const what = 'HTTPS enforcement (DomainEndpointOptions.EnforceHTTPS)';
      if (!e.known) {
        ctx.report({ messageId: 'unverifiable', at: e, data: { what, reason: e.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(e.value)) continue;
      const absent = e.value === undefined || e.value === null;
      if (!absent && !isFalse(e.value)) {
        ctx.report({ messageId: 'unverifiable', at: e, data: { what, reason: `${JSON.stringify(e.value)} is not a boolean` } });
        continue;
      }
      ctx.report({ messageId: 'httpAllowed', at: e, data: { how: howOff(e, 'EnforceHTTPS') }, ...fixTo(ctx, e, 'EnforceHTTPS', true, 'Require HTTPS (DomainEndpointOptions.EnforceHTTPS: true)') });
    }
    for (const t of ctx.prop(OPTIONS, 'TLSSecurityPolicy')) {
      const what = 'the TLS security policy (DomainEndpointOptions.TLSSecurityPolicy)';
      if (!t.known) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what, reason: t.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const absent = t.value === undefined || t.value === null;
      if (typeof t.value === 'string' && STRONG.test(t.value)) continue;
      if (!absent && !(typeof t.value === 'string' && WEAK.test(t.value))) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what, reason: `${JSON.stringify(t.value)} is not a known TLS security policy` } });
        continue;
      }
      const how = absent ? (t.noValue ? 'TLSSecurityPolicy is removed under a condition, so the default Policy-Min-TLS-1-0-2019-07 applies' : 'no TLSSecurityPolicy: the default is Policy-Min-TLS-1-0-2019-07') : `TLSSecurityPolicy: ${String(t.value)}`;
      ctx.report({ messageId: 'weakTls', at: t, data: { how }, ...fixTo(ctx, t, 'TLSSecurityPolicy', OPENSEARCH_TLS_POLICY, `Require TLS 1.2 (TLSSecurityPolicy: ${OPENSEARCH_TLS_POLICY})`) });
    }
  },
});

/** Set one key; where DomainEndpointOptions is absent, write the whole compliant mapping (both fixes then agree). */
function fixTo(ctx: RuleContext, o: Outcome, key: string, value: Json, title: string) {
  const none = ctx.propWhen(o, OPTIONS).every((p) => p.known && (p.value === undefined || p.value === null));
  const full: JsonObject = { EnforceHTTPS: true, TLSSecurityPolicy: OPENSEARCH_TLS_POLICY };
  const ops = none ? setNestedOps(ctx, o, [OPTIONS], key, value, Object.fromEntries(Object.entries(full).filter(([k]) => k !== key))) : setNestedOps(ctx, o, [OPTIONS], key, value);
  return ops ? { fix: { title, kind: 'safe' as const, ops } } : {};
}
