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
import type { Fix, FixOp, Json, Path } from './types';
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
    if (!isObject(block) || !Array.isArray(block.suppress)) {
      problems.push({ messageId: 'malformed', path: blockPath });
      return;
    }
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
