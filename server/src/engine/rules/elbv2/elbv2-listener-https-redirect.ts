/**
 * HTTP listeners redirect to HTTPS (or answer with a fixed response); they never forward requests
 * to targets. Catalog HTRN-ALB-01 (cdk-nag ALBHttpToHttpsRedirection, Config
 * alb-http-to-https-redirection-check, checkov CKV_AWS_2, cfn_nag W56). Listener rules on an HTTP
 * listener that forward are reported on the rule. Each Fn::If branch and parameter value is judged.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, Json, RelatedInfo } from '../../types';
import { underConditions } from '../util/encryption';
import { pathStartsWith } from '../../path';
import { actionsOf, conditionsBeyond, hasHttpsSibling, LISTENER, LISTENER_RULE, listenersOf, protocolName } from '../util/elbv2';

const REDIRECT: Json = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }];

export default defineRule({
  meta: {
    id: 'elbv2-listener-https-redirect',
    title: 'HTTP listeners redirect to HTTPS instead of forwarding requests to targets',
    description:
      'A load balancer listener with Protocol HTTP receives requests, with any PHI in their URLs, headers and bodies, in plaintext. Its default actions must redirect to HTTPS (RedirectConfig.Protocol HTTPS) or return a fixed response; they must not forward to target groups. Listener rules attached to an HTTP listener must not forward either.',
    resourceTypes: [LISTENER, LISTENER_RULE],
    fix: 'safe',
    messages: {
      forwards: {
        text: 'HTTP listener {{id}} forwards requests to targets: clients send PHI over the network in plaintext. Redirect HTTP to HTTPS instead.',
        level: 'violation',
      },
      ruleForwards: {
        text: 'Listener rule {{id}} forwards requests arriving on HTTP listener {{listener}} to targets: clients send PHI over the network in plaintext.',
        level: 'violation',
      },
      redirectNotHttps: {
        text: 'HTTP listener {{id}} redirects without switching to HTTPS ({{how}}): clients stay on plaintext HTTP.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-ALBHttpToHttpsRedirection'],
      config: ['alb-http-to-https-redirection-check'],
      checkov: ['CKV_AWS_2'],
      cfnNag: ['W56'],
    },
  },

  check(resource, ctx) {
    if (resource.type === LISTENER_RULE) return checkRule(ctx);
    for (const proto of ctx.prop('Protocol')) {
      if (!proto.known) {
        // Only worth saying when the listener could forward in plaintext.
        if (ctx.propWhen(proto, 'DefaultActions').some((l) => forwardsIn(ctx, l).length > 0)) {
          ctx.report({ messageId: 'unverifiable', at: proto, data: { what: 'the listener protocol (Protocol)', reason: proto.reason ?? 'it is decided at deploy time' } });
        }
        continue;
      }
      if (protocolName(proto.value) !== 'HTTP') continue;
      for (const list of ctx.propWhen(proto, 'DefaultActions')) {
        for (const { action } of actionsOf(ctx.resolver, [list])) {
          if (!action.known) {
            ctx.report({ messageId: 'unverifiable', at: action, data: { what: 'the default actions (DefaultActions)', reason: action.reason ?? 'they are decided at deploy time' } });
            continue;
          }
          for (const t of ctx.below(action, 'Type')) {
            const type = typeof t.value === 'string' ? t.value.toLowerCase() : undefined;
            if (!t.known) {
              ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the default action type (Type)', reason: t.reason ?? 'it is decided at deploy time' } });
            } else if (type === 'forward') {
              const fix = redirectFix(ctx, t, list);
              ctx.report({ messageId: 'forwards', at: t, related: protocolOrigin(ctx, proto), ...(fix.kind === 'safe' ? { fix } : { suggestions: [fix] }) });
            } else if (type === 'redirect') {
              for (const rp of ctx.below(action, 'RedirectConfig', 'Protocol')) {
                if (!rp.known) {
                  ctx.report({ messageId: 'unverifiable', at: rp, data: { what: 'the redirect protocol (RedirectConfig.Protocol)', reason: rp.reason ?? 'it is decided at deploy time' } });
                } else if (protocolName(rp.value) !== 'HTTPS') {
                  const how = rp.value === undefined ? 'RedirectConfig.Protocol is not set, so it keeps #{protocol}' : `RedirectConfig.Protocol: ${String(rp.value)}`;
                  const fix = redirectFix(ctx, rp, list);
                  ctx.report({ messageId: 'redirectNotHttps', at: rp, data: { how }, ...(fix.kind === 'safe' ? { fix } : { suggestions: [fix] }) });
                }
              }
            }
          }
        }
      }
    }
  },
});

/** Where the HTTP protocol was decided, when not on the listener's own Protocol property. */
function protocolOrigin(ctx: RuleContext, proto: Outcome): RelatedInfo[] {
  return pathStartsWith(proto.origin, ctx.resource.path) ? [] : [{ path: proto.origin, message: 'Protocol HTTP comes from here' }];
}

/** The forward actions' Type outcomes of an action list. */
function forwardsIn(ctx: RuleContext, list: Outcome): Outcome[] {
  const out: Outcome[] = [];
  for (const { action } of actionsOf(ctx.resolver, [list])) {
    if (!action.known) continue;
    for (const t of ctx.below(action, 'Type')) if (t.known && typeof t.value === 'string' && t.value.toLowerCase() === 'forward') out.push(t);
  }
  return out;
}

function checkRule(ctx: RuleContext): void {
  const listeners = listenersOf(ctx.template, ctx.resolver, ctx.resource);
  const lists = ctx.prop('Actions');
  const forwards = lists.flatMap((l) => forwardsIn(ctx, l));
  if (forwards.length === 0) return;
  if (listeners.length === 0) {
    const arn = ctx.prop('ListenerArn')[0];
    const reason = arn && !arn.known ? (arn.reason ?? 'it is decided at deploy time') : 'the listener is not defined in this template';
    ctx.report({ messageId: 'unverifiable', at: forwards[0], data: { what: 'the protocol of the listener it attaches to (ListenerArn)', reason } });
    return;
  }
  for (const l of listeners) {
    const protos = ctx.resolver.at([...l.path, 'Properties', 'Protocol']);
    const http = protos.find((p) => p.known && protocolName(p.value) === 'HTTP');
    const unknown = protos.find((p) => !p.known);
    if (http) {
      for (const t of forwards) {
        ctx.report({
          messageId: 'ruleForwards',
          at: t,
          data: { listener: l.logicalId },
          related: [{ path: http.origin.length > 2 ? http.origin : [...l.path, 'Properties', 'Protocol'], message: `Listener ${l.logicalId} is HTTP` }],
        });
      }
    } else if (unknown) {
      ctx.report({ messageId: 'unverifiable', at: forwards[0], data: { what: `the protocol of listener ${l.logicalId}`, reason: unknown.reason ?? 'its Protocol is decided at deploy time' } });
    }
  }
}

/**
 * Replace the default actions with a redirect to HTTPS, only under the conditions where the
 * listener is HTTP. Safe when the same load balancer has an HTTPS listener in this template.
 */
function redirectFix(ctx: RuleContext, at: Outcome, list: Outcome): Fix {
  const propPath = ctx.propPath('DefaultActions');
  let op;
  if (list.origin.length > propPath.length && pathStartsWith(list.origin, propPath)) {
    // A Fn::If branch of DefaultActions: replace that branch, under the conditions the branch does not already imply.
    op = { op: 'set' as const, path: list.origin, value: underConditions(ctx, conditionsBeyond(ctx.template, at, list.origin), REDIRECT, list.value as Json) };
  } else {
    // `at` carries every condition on the way to the offending action (the protocol's, an Fn::If around the action).
    op = { op: 'set' as const, path: propPath, value: underConditions(ctx, at, REDIRECT, ctx.resource.properties.DefaultActions) };
  }
  const safe = hasHttpsSibling(ctx.template, ctx.resolver, ctx.resource);
  return {
    title: safe ? 'Redirect HTTP to HTTPS (301)' : 'Redirect HTTP to HTTPS (301); the load balancer has no HTTPS listener in this template: add one first',
    kind: safe ? 'safe' : 'suggest',
    ops: [op],
  };
}
