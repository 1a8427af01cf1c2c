/**
 * API Gateway stage caches are encrypted whenever responses are cached.
 * Catalog HEAR-APIGW-01 (cdk-nag APIGWCacheEnabledAndEncrypted, Config api-gw-cache-enabled-and-
 * encrypted, guard API_GW_CACHE_ENABLED_AND_ENCRYPTED, checkov CKV_AWS_120, cfn_nag W87). The peers
 * demand that caching be on (cdk-nag, checkov) or pass a stage without MethodSettings (guard); this
 * rule asks only that whatever is cached is encrypted: a stage without a cache cluster passes.
 * With a cache cluster, API Gateway caches GET methods by default, unless caching is turned off.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Path } from '../../types';
import { pathStartsWith } from '../../path';
import { setValueOp } from '../util/encryption';

type Flag = 'on' | 'off' | 'absent' | 'unknown';

function flag(o: Outcome): Flag {
  if (!o.known) return 'unknown';
  if (o.value === undefined || o.value === null) return 'absent';
  if (isTrue(o.value)) return 'on';
  if (isFalse(o.value)) return 'off';
  return 'unknown';
}

const KIND: Record<string, string> = {
  'AWS::ApiGateway::Stage': 'stage',
  'AWS::ApiGateway::Deployment': 'deployment stage',
  'AWS::Serverless::Api': 'SAM API',
};

interface Site {
  /** The mapping holding CachingEnabled / CacheDataEncrypted (a MethodSettings entry, or StageDescription). */
  holder: Outcome;
  /** Human name: `GET /items` or `the stage-wide setting`. */
  target: string;
  stageWide: boolean;
}

export default defineRule({
  meta: {
    id: 'apigateway-cache-encryption',
    title: 'API Gateway caches are encrypted whenever responses are cached',
    description:
      'An API Gateway stage with a cache cluster stores endpoint responses, which can hold PHI, in the cache: GET methods by default, and any method whose MethodSettings entry sets CachingEnabled: true. Whatever is cached must be encrypted (CacheDataEncrypted: true on the stage-wide setting and on each method setting that enables caching). Caching itself is not required: a stage without a cache cluster passes.',
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::Serverless::Api'],
    fix: 'safe',
    messages: {
      stageCacheUnencrypted: {
        text: 'API Gateway {{kind}} {{id}} has a cache cluster, so it caches the responses of its GET methods (the stage-wide setting), but does not set CacheDataEncrypted: true: cached responses are stored unencrypted.',
        level: 'violation',
      },
      methodCacheUnencrypted: {
        text: 'API Gateway {{kind}} {{id}} caches the responses of {{target}} (CachingEnabled: true) without CacheDataEncrypted: true: cached responses are stored unencrypted.',
        level: 'violation',
      },
      cachingWithoutCluster: {
        text: 'API Gateway {{kind}} {{id}} enables caching for {{target}} without CacheDataEncrypted: true. It has no cache cluster, so nothing is cached now, but turning the cluster on would cache responses unencrypted.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: {
      cdkNag: ['HIPAA.Security-APIGWCacheEnabledAndEncrypted'],
      config: ['api-gw-cache-enabled-and-encrypted'],
      guard: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'],
      checkov: ['CKV_AWS_120'],
      cfnNag: ['W87'],
    },
  },

  check(resource, ctx) {
    const kind = KIND[resource.type] ?? 'stage';
    if (resource.type === 'AWS::ApiGateway::Deployment') {
      for (const sd of ctx.prop('StageDescription')) {
        if (!sd.known) {
          ctx.report({ messageId: 'unverifiable', at: sd, data: { what: 'the stage settings (StageDescription)', reason: sd.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (!isObject(sd.value)) continue;
        judgeStage(ctx, sd, kind, true);
      }
      return;
    }
    // The Properties outcome carries SAM Globals (Globals.Api) as its fallback.
    for (const props of ctx.prop()) if (props.known && isObject(props.value)) judgeStage(ctx, props, kind, false);
  },
});

/** One stage's settings: `scope` holds CacheClusterEnabled and MethodSettings (and, for a Deployment, CachingEnabled/CacheDataEncrypted). */
function judgeStage(ctx: RuleContext, scope: Outcome, kind: string, deployment: boolean): void {
  for (const cluster of ctx.below(scope, 'CacheClusterEnabled')) {
    const clusterState = flag(cluster);
    for (const list of ctx.below({ ...scope, conditions: cluster.conditions }, 'MethodSettings')) {
      if (!list.known) {
        if (clusterState !== 'off' && clusterState !== 'absent') ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'the method settings (MethodSettings)', reason: list.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      const sites: Site[] = [];
      const entries: Outcome[] = [];
      if (Array.isArray(list.value)) {
        for (let i = 0; i < list.value.length; i++) {
          for (const e of ctx.below(list, i)) if (e.known && isObject(e.value)) entries.push(e);
        }
      }
      let stageWide: Site | undefined;
      for (const e of entries) {
        const method = single(ctx, e, 'HttpMethod');
        const path = single(ctx, e, 'ResourcePath');
        const isWide = method === '*' && path === '/*';
        const site = { holder: e, target: isWide ? 'every method (HttpMethod "*", ResourcePath "/*")' : `${method ?? '?'} ${path ?? '?'}`, stageWide: isWide && !deployment };
        if (site.stageWide && !stageWide) stageWide = site;
        else sites.push(site);
      }
      if (deployment) stageWide = { holder: { ...scope, conditions: list.conditions }, target: 'the stage-wide setting', stageWide: true };

      // The stage-wide setting: GET methods are cached by default when there is a cache cluster.
      const wideCaching = stageWide ? ctx.below(stageWide.holder, 'CachingEnabled') : [{ ...list, value: undefined, known: true }];
      for (const c of wideCaching) {
        const caching = flag(c);
        if (caching === 'off') continue;
        const encs = stageWide ? ctx.below({ ...stageWide.holder, conditions: c.conditions }, 'CacheDataEncrypted') : [undefined];
        for (const enc of encs) {
          const encState = enc ? flag(enc) : 'absent';
          if (encState === 'on') continue;
          const at: Outcome | Path = enc ?? cluster;
          const what = 'encryption of the stage cache (CacheDataEncrypted)';
          if (encState === 'unknown') {
            if (clusterState !== 'off' && clusterState !== 'absent') ctx.report({ messageId: 'unverifiable', at: enc!, data: { what, reason: enc!.reason ?? 'it is not a boolean' } });
            continue;
          }
          if (clusterState === 'unknown') {
            ctx.report({ messageId: 'unverifiable', at: cluster, data: { what: 'whether the stage has a cache cluster (CacheClusterEnabled)', reason: cluster.reason ?? 'it is not a boolean' } });
            continue;
          }
          if (clusterState === 'on') {
            if (caching === 'unknown') {
              ctx.report({ messageId: 'unverifiable', at: c, data: { what: 'whether the stage caches responses (CachingEnabled)', reason: c.reason ?? 'it is not a boolean' } });
              continue;
            }
            const fix = wideFix(ctx, scope, list, stageWide, enc);
            ctx.report({ messageId: 'stageCacheUnencrypted', at, data: { kind }, ...(fix ? { fix } : {}) });
          } else if (caching === 'on') {
            const fix = wideFix(ctx, scope, list, stageWide, enc);
            ctx.report({ messageId: 'cachingWithoutCluster', at: enc ?? c, data: { kind, target: stageWide?.target ?? 'the stage' }, ...(fix ? { fix } : {}) });
          }
        }
      }

      // Method settings that turn caching on for one method.
      for (const site of sites) {
        for (const c of ctx.below(site.holder, 'CachingEnabled')) {
          const caching = flag(c);
          if (caching === 'off' || caching === 'absent') continue;
          for (const enc of ctx.below({ ...site.holder, conditions: c.conditions }, 'CacheDataEncrypted')) {
            const encState = flag(enc);
            // Each override must encrypt itself: AWS does not document that it inherits the stage-wide CacheDataEncrypted.
            if (encState === 'on') continue;
            if (encState === 'unknown' || caching === 'unknown' || clusterState === 'unknown') {
              if (clusterState === 'off' || clusterState === 'absent') continue;
              const bad = encState === 'unknown' ? enc : caching === 'unknown' ? c : cluster;
              ctx.report({ messageId: 'unverifiable', at: bad, data: { what: `caching of ${site.target}`, reason: bad.reason ?? 'it is not a boolean' } });
              continue;
            }
            const fix = encryptFix(ctx, site.holder, enc);
            const messageId = clusterState === 'on' ? 'methodCacheUnencrypted' : 'cachingWithoutCluster';
            ctx.report({ messageId, at: enc, data: { kind, target: site.target }, ...(fix ? { fix } : {}) });
          }
        }
      }
    }
  }
}

function single(ctx: RuleContext, e: Outcome, key: string): string | undefined {
  const outs = ctx.below(e, key);
  return outs.length === 1 && outs[0].known && typeof outs[0].value === 'string' ? outs[0].value : undefined;
}

const TITLE = 'Encrypt the API cache (CacheDataEncrypted: true)';

/** CacheDataEncrypted: true on a holder (where it is decided, or added to the holder as written in this resource). */
function encryptFix(ctx: RuleContext, holder: Outcome, enc: Outcome): Fix | undefined {
  if (enc.origin[0] === 'Globals' || holder.origin[0] === 'Globals') return undefined; // SAM Globals: fix by hand
  let op: FixOp;
  if (enc.value !== undefined || enc.noValue) op = setValueOp(ctx, enc, true);
  else if (pathStartsWith(holder.origin, ctx.resource.path)) op = { op: 'set', path: [...holder.origin, 'CacheDataEncrypted'], value: true };
  else return undefined;
  return { title: TITLE, kind: 'safe', ops: [op] };
}

/** The stage-wide setting: encrypt it, or add a stage-wide method setting that encrypts the cache. */
function wideFix(ctx: RuleContext, scope: Outcome, list: Outcome, stageWide: Site | undefined, enc: Outcome | undefined): Fix | undefined {
  if (stageWide && enc) return encryptFix(ctx, stageWide.holder, enc);
  const entry = { ResourcePath: '/*', HttpMethod: '*', CacheDataEncrypted: true };
  if (!pathStartsWith(scope.origin, ctx.resource.path)) return undefined;
  if (list.value === undefined && !list.noValue && !list.fallback) return { title: TITLE, kind: 'safe', ops: [{ op: 'set', path: [...scope.origin, 'MethodSettings'], value: [entry] }] };
  if (Array.isArray(list.value) && pathStartsWith(list.origin, ctx.resource.path) && !list.fallback) {
    return { title: TITLE, kind: 'safe', ops: [{ op: 'set', path: [...list.origin, list.value.length], value: entry }] };
  }
  return undefined;
}
