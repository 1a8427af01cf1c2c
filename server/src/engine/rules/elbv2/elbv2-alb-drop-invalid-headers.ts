/**
 * Application Load Balancers drop HTTP headers with invalid names instead of passing them on.
 * Catalog HTRN-ALB-04 (cdk-nag ALBHttpDropInvalidHeaderEnabled, Config
 * alb-http-drop-invalid-header-enabled, Guard ALB_HTTP_DROP_INVALID_HEADER_ENABLED, checkov
 * CKV_AWS_131). Unlike Guard, a load balancer without Type is an ALB (the default) and is judged.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import type { Fix, FixOp, Json } from '../../types';
import { setValueOp, underConditions } from '../util/encryption';
import { pathStartsWith } from '../../path';
import { conditionsBeyond, LOAD_BALANCER } from '../util/elbv2';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';
const ENTRY: Json = { Key: KEY, Value: 'true' };

export default defineRule({
  meta: {
    id: 'elbv2-alb-drop-invalid-headers',
    title: 'Application Load Balancers drop HTTP headers with invalid names',
    description:
      'An Application Load Balancer passes HTTP headers whose names are not valid (RFC 7230 token characters) on to the targets unless the load balancer attribute routing.http.drop_invalid_header_fields.enabled is true; it is false by default. Such headers are a vector for request smuggling and header injection against the application that handles PHI.',
    resourceTypes: [LOAD_BALANCER],
    fix: 'safe',
    messages: {
      notSet: {
        text: 'Application Load Balancer {{id}} does not set ' + KEY + ' (default false): headers with invalid names reach the targets.',
        level: 'hardening',
      },
      disabled: {
        text: 'Application Load Balancer {{id}} sets ' + KEY + ' to {{value}}: headers with invalid names reach the targets.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ALBHttpDropInvalidHeaderEnabled'],
      config: ['alb-http-drop-invalid-header-enabled'],
      guard: ['ALB_HTTP_DROP_INVALID_HEADER_ENABLED'],
      checkov: ['CKV_AWS_131'],
    },
  },

  check(_resource, ctx) {
    for (const t of ctx.prop('Type')) {
      if (!t.known) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the load balancer type (Type)', reason: t.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (t.value !== undefined && !(typeof t.value === 'string' && t.value.toLowerCase() === 'application')) continue;
      for (const list of ctx.propWhen(t, 'LoadBalancerAttributes')) {
        if (!list.known) {
          ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the load balancer attributes (LoadBalancerAttributes)', reason: list.reason ?? 'they are decided at deploy time' } });
          continue;
        }
        if (list.value === undefined || list.value === null) {
          ctx.report({ messageId: 'notSet', at: list, fix: fixAdd(ctx, t, list) });
          continue;
        }
        if (!Array.isArray(list.value)) {
          ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the load balancer attributes (LoadBalancerAttributes)', reason: 'they are not a list' } });
          continue;
        }
        checkEntries(ctx, t, list, list.value.length);
      }
    }
  },
});

function checkEntries(ctx: RuleContext, t: Outcome, list: Outcome, length: number): void {
  let found = false;
  let unknownKey: Outcome | undefined;
  for (let i = 0; i < length; i++) {
    for (const k of ctx.below(list, i, 'Key')) {
      if (!k.known) {
        unknownKey ??= k;
        continue;
      }
      if (k.value !== KEY) continue;
      found = true;
      for (const v of ctx.below(list, i, 'Value')) {
        if (!v.known) {
          ctx.report({ messageId: 'unverifiable', at: v, data: { what: `the attribute ${KEY}`, reason: v.reason ?? 'it is decided at deploy time' } });
        } else if (isTrue(v.value)) {
          continue;
        } else if (isFalse(v.value) || v.value === undefined) {
          ctx.report({ messageId: 'disabled', at: v, data: { value: v.value === undefined ? 'nothing' : String(v.value) }, fix: { title: `Drop invalid header fields (${KEY}: 'true')`, kind: 'safe', ops: [setValueOp(ctx, v, 'true')] } });
        } else {
          ctx.report({ messageId: 'unverifiable', at: v, data: { what: `the attribute ${KEY}`, reason: `${JSON.stringify(v.value)} is not a boolean` } });
        }
      }
    }
  }
  if (found) return;
  if (unknownKey) {
    ctx.report({ messageId: 'unverifiable', at: unknownKey, data: { what: `whether ${KEY} is set`, reason: unknownKey.reason ?? 'an attribute key is decided at deploy time' } });
    return;
  }
  ctx.report({ messageId: 'notSet', at: list, fix: fixAdd(ctx, t, list) });
}

/** Add the attribute: append it to the list where it is written, or create the list. */
function fixAdd(ctx: RuleContext, t: Outcome, list: Outcome): Fix {
  let op: FixOp;
  if (Array.isArray(list.value) && pathStartsWith(list.origin, ctx.resource.path)) {
    op = { op: 'set', path: [...list.origin, list.value.length], value: underConditions(ctx, conditionsBeyond(ctx.template, t, list.origin), ENTRY, undefined) };
  } else if (Array.isArray(list.value)) {
    op = { op: 'set', path: ctx.propPath('LoadBalancerAttributes'), value: [...list.value, underConditions(ctx, t, ENTRY, undefined)] };
  } else if (list.noValue && pathStartsWith(list.origin, ctx.resource.path)) {
    op = { op: 'set', path: list.origin, value: [ENTRY] };
  } else {
    op = { op: 'set', path: ctx.propPath('LoadBalancerAttributes'), value: underConditions(ctx, list, [ENTRY], ctx.resource.properties.LoadBalancerAttributes) };
  }
  return { title: `Drop invalid header fields (add ${KEY}: 'true')`, kind: 'safe', ops: [op] };
}
