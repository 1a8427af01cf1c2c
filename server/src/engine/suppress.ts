/**
 * Suppression with a mandatory reason, written in the template so that it is reviewed with it:
 *
 *   Metadata:
 *     cfn-hipaa:
 *       suppress:
 *         - rule: s3-bucket-encryption
 *           reason: Public website assets, no PHI (ticket SEC-123)
 *
 * on a resource (that resource only) or at the template's top level (the whole file). An entry
 * without a real reason, or naming an unknown rule, suppresses nothing and is itself a finding.
 */
import type { Fix, FixOp, Json, Path, PeerTool } from './types';
import type { Peers } from './rules/rule';
import { isObject } from './template/model';
import type { Template } from './template/model';

export const METADATA_KEY = 'cfn-hipaa';
/** What an editor inserts when the user has not typed a reason yet: flagged until replaced. */
export const PLACEHOLDER_REASON = 'TODO: explain why this finding is acceptable';

export interface Suppression {
  rule: string;
  reason: string;
  scope: 'resource' | 'template';
  /** Logical id for resource-scoped entries. */
  logicalId?: string;
  path: Path;
}

export interface SuppressionProblem {
  messageId: 'missingReason' | 'placeholderReason' | 'unknownRule' | 'malformed';
  path: Path;
  rule?: string;
}

export function isPlaceholderReason(reason: string): boolean {
  const r = reason.trim();
  return /^(todo|tbd|fixme|xxx)\b/i.test(r) || /^<[^>]*>$/.test(r) || r === '...';
}

export interface SuppressionIndex {
  valid: Suppression[];
  problems: SuppressionProblem[];
  find(ruleId: string, logicalId: string | undefined): Suppression | undefined;
}

export function collectSuppressions(template: Template, knownRules: ReadonlySet<string>): SuppressionIndex {
  const valid: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  const read = (metadata: Json | undefined, metaPath: Path, scope: 'resource' | 'template', logicalId?: string) => {
    if (!isObject(metadata)) return;
    const block = metadata[METADATA_KEY];
    if (block === undefined) return;
    const blockPath = [...metaPath, METADATA_KEY];
    // { suppress: [...] } and/or { phi: true | false } (PHI scope, engine/scope.ts).
    const phiOk = isObject(block) && (block.phi === undefined || typeof block.phi === 'boolean');
    if (!isObject(block) || !phiOk || (block.suppress === undefined ? block.phi === undefined : !Array.isArray(block.suppress))) {
      problems.push({ messageId: 'malformed', path: blockPath });
      return;
    }
    if (!Array.isArray(block.suppress)) return;
    block.suppress.forEach((entry, i) => {
      const path = [...blockPath, 'suppress', i];
      if (!isObject(entry) || typeof entry.rule !== 'string') {
        problems.push({ messageId: 'malformed', path });
        return;
      }
      const rule = entry.rule;
      if (!knownRules.has(rule)) {
        problems.push({ messageId: 'unknownRule', path: [...path, 'rule'], rule });
        return;
      }
      const reason = typeof entry.reason === 'string' ? entry.reason : '';
      if (reason.trim() === '') {
        problems.push({ messageId: 'missingReason', path: entry.reason === undefined ? path : [...path, 'reason'], rule });
        return;
      }
      if (isPlaceholderReason(reason)) {
        problems.push({ messageId: 'placeholderReason', path: [...path, 'reason'], rule });
        return;
      }
      valid.push({ rule, reason: reason.trim(), scope, logicalId, path });
    });
  };
  read(template.metadata, ['Metadata'], 'template');
  for (const r of template.resources.values()) read(r.metadata, [...r.path, 'Metadata'], 'resource', r.logicalId);

  return {
    valid,
    problems,
    find(ruleId, logicalId) {
      return (
        valid.find((s) => s.rule === ruleId && s.scope === 'resource' && logicalId !== undefined && s.logicalId === logicalId) ??
        valid.find((s) => s.rule === ruleId && s.scope === 'template')
      );
    },
  };
}

/**
 * The fix that suppresses `ruleId` on resource `logicalId` with `reason`: appended to an existing
 * cfn-hipaa suppress list, or a new Metadata block. An editor that cannot ask for a reason passes
 * PLACEHOLDER_REASON, which is itself flagged until replaced.
 */
export function suppressionFix(template: Template, logicalId: string, ruleId: string, reason: string): Fix {
  const entry = { rule: ruleId, reason };
  const r = template.resource(logicalId);
  const metaPath: Path = ['Resources', logicalId, 'Metadata'];
  const block = r?.metadata?.[METADATA_KEY];
  const ops: FixOp[] =
    isObject(block) && Array.isArray(block.suppress)
      ? [{ op: 'set', path: [...metaPath, METADATA_KEY, 'suppress', block.suppress.length], value: entry }]
      : [{ op: 'merge', path: metaPath, value: { [METADATA_KEY]: { suppress: [entry] } } }];
  return { title: `Suppress ${ruleId} for ${logicalId}`, kind: 'suggest', ops };
}

/**
 * A suppression written for another tool's rule, honoured for the cfn-hipaa rules that declare that
 * rule as a peer (RuleMeta.peers), so that users migrating from cdk-nag, Guard, cfn_nag or checkov
 * don't suppress the same finding twice:
 *
 *   cdk_nag:  { rules_to_suppress: [ { id: HIPAA.Security-S3BucketSSLRequestsOnly, reason, applies_to?, is_reason_encoded? } ] }
 *   guard:    { SuppressedRules: [ S3_BUCKET_SSL_REQUESTS_ONLY ] }            (Guard has no reason field)
 *   cfn_nag:  { rules_to_suppress: [ { id: W51, reason } ] }
 *   checkov:  { skip: [ { id: CKV_AWS_19, comment } ] }                       (also under bridgecrew:)
 *
 * in a resource's Metadata, or at the template's top level (cdk-nag stack suppressions).
 */
export interface PeerSuppression {
  tool: PeerTool;
  rule: string;
  reason: string;
  scope: 'resource' | 'template';
  logicalId?: string;
}

/** cdk-nag NagPack rule ids are `<pack>-<RuleName>`; the same rule name in another pack is the same check. */
const NAG_PACK = /^(HIPAA\.Security|NIST\.800\.53\.R[45]|PCI\.DSS\.321)-/;

function decodeReason(reason: string, encoded: boolean): string {
  if (!encoded) return reason;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(reason), (c) => c.charCodeAt(0)));
  } catch {
    return reason;
  }
}

export function collectPeerSuppressions(template: Template): PeerSuppression[] {
  const out: PeerSuppression[] = [];
  const read = (metadata: Json | undefined, scope: 'resource' | 'template', logicalId?: string) => {
    if (!isObject(metadata)) return;
    const add = (tool: PeerTool, rule: Json | undefined, reason: string) => {
      if (typeof rule === 'string' && rule.trim() !== '') out.push({ tool, rule: rule.trim(), reason, scope, logicalId });
    };
    const nag = metadata.cdk_nag;
    if (isObject(nag) && Array.isArray(nag.rules_to_suppress)) {
      for (const e of nag.rules_to_suppress) {
        if (!isObject(e)) continue;
        const reason = typeof e.reason === 'string' ? decodeReason(e.reason, e.is_reason_encoded === true) : '';
        const appliesTo = Array.isArray(e.applies_to) ? ` (applies_to: ${e.applies_to.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')})` : '';
        add('cdk-nag', e.id, (reason || 'no reason given') + appliesTo);
      }
    }
    const guard = metadata.guard;
    if (isObject(guard) && Array.isArray(guard.SuppressedRules)) {
      for (const name of guard.SuppressedRules) add('guard', name, 'no reason given (Guard suppressions have no reason field)');
    }
    const cfnNag = metadata.cfn_nag;
    if (isObject(cfnNag) && Array.isArray(cfnNag.rules_to_suppress)) {
      for (const e of cfnNag.rules_to_suppress) if (isObject(e)) add('cfn_nag', e.id, typeof e.reason === 'string' && e.reason.trim() ? e.reason.trim() : 'no reason given');
    }
    for (const key of ['checkov', 'bridgecrew']) {
      const ck = metadata[key];
      if (isObject(ck) && Array.isArray(ck.skip)) {
        for (const e of ck.skip) if (isObject(e)) add('checkov', e.id, typeof e.comment === 'string' && e.comment.trim() ? e.comment.trim() : 'no reason given');
      }
    }
  };
  read(template.metadata, 'template');
  for (const r of template.resources.values()) read(r.metadata, 'resource', r.logicalId);
  return out;
}

const PEER_FIELDS: Record<Exclude<PeerTool, 'cdk-validations'>, keyof Peers> = { 'cdk-nag': 'cdkNag', guard: 'guard', cfn_nag: 'cfnNag', checkov: 'checkov' };
/** The tools whose rule ids the peers of a rule name. */
export const PEER_TOOLS = Object.keys(PEER_FIELDS) as Exclude<PeerTool, 'cdk-validations'>[];

/** Does a suppression of another tool's `rule` cover a cfn-hipaa rule with these peers? */
export function peerMatches(peers: Peers | undefined, tool: PeerTool, rule: string): boolean {
  if (tool === 'cdk-validations') return PEER_TOOLS.some((t) => peerMatches(peers, t, rule));
  const ids = peers?.[PEER_FIELDS[tool]];
  if (!ids) return false;
  if (tool === 'cdk-nag') {
    const name = NAG_PACK.test(rule) ? rule.replace(NAG_PACK, '') : undefined;
    return ids.some((id) => id === rule || (name !== undefined && NAG_PACK.test(id) && id.replace(NAG_PACK, '') === name));
  }
  const norm = (x: string) => x.toUpperCase();
  return ids.some((id) => norm(id) === norm(rule));
}

/** The peer suppression that covers a finding of a rule on a resource: the resource's own first, then the template's. */
export function findPeerSuppression(list: readonly PeerSuppression[], peers: Peers | undefined, logicalId: string | undefined): PeerSuppression | undefined {
  if (!peers || list.length === 0) return undefined;
  return (
    list.find((s) => s.scope === 'resource' && logicalId !== undefined && s.logicalId === logicalId && peerMatches(peers, s.tool, s.rule)) ??
    list.find((s) => s.scope === 'template' && peerMatches(peers, s.tool, s.rule))
  );
}
