/** Engine findings and fixes as LSP diagnostics, text edits and hover text. */
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { ParsedDocument } from '../engine/parse';
import { CONTROL_TITLES } from '../engine/packs/hipaa';
import { ENGINE_META, ruleById } from '../engine/rules';
import type { Finding, Severity, TextEdit } from '../engine/types';
import type { DiagnosticData } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function citationSuffix(f: Finding): string {
  return f.citations.length ? ` (45 CFR ${f.citations.join(', ')})` : '';
}

export function toDiagnostic(f: Finding, uri: string, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, messageId: f.messageId, path: [...f.path], logicalId: f.logicalId, version };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'cfn-hipaa',
    code: f.ruleId,
    codeDescription: { href: f.docsUrl },
    message: f.message + citationSuffix(f),
    ...(f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
    data,
  };
}

export function toLspEdits(doc: ParsedDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: doc.lines.range({ start: e.start, end: e.end }), newText: e.newText }));
}

/** One edit turning `before` into `after` (common prefix and suffix kept). */
export function wholeDiff(doc: ParsedDocument, after: string): LspTextEdit[] {
  const before = doc.text;
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return toLspEdits(doc, [{ start, end: endB, newText: after.slice(start, endA) }]);
}

/**
 * Hover for findings: rule, citation in plain words, why, and what the fix does. The message itself
 * only when asked (hovering a resource's name): on a flagged range the editor shows it already.
 */
export function hoverMarkdown(findings: Finding[], withMessage: boolean): string {
  return findings
    .map((f) => {
      const rule = ruleById(f.ruleId);
      const title = rule?.meta.title ?? ENGINE_META[f.ruleId as keyof typeof ENGINE_META]?.title ?? f.ruleId;
      const why = rule?.meta.description ?? ENGINE_META[f.ruleId as keyof typeof ENGINE_META]?.description ?? '';
      const lines = [`**cfn-hipaa · ${title}** \`${f.ruleId}\` · ${f.suppressed ? 'suppressed' : f.severity}`];
      if (withMessage) lines.push('', f.message);
      if (f.constructPath) lines.push('', `**CDK construct:** \`${f.constructPath}\``);
      if (f.citations.length) {
        lines.push('', '**HIPAA Security Rule:** ' + f.citations.map((c) => `45 CFR ${c}${CONTROL_TITLES[c] ? ` (${CONTROL_TITLES[c]})` : ''}`).join('; '));
      }
      if (why) lines.push('', `**Why it matters:** ${why}`);
      if (f.fix) lines.push('', `**Quick fix:** ${f.fix.title} (safe: applied by Fix all).`);
      for (const s of f.suggestions ?? []) lines.push('', `**Suggested fix:** ${s.title} (review before applying).`);
      if (f.suppressed) lines.push('', `**Suppressed${f.suppressed.peer ? ` by ${f.suppressed.peer.tool} rule ${f.suppressed.peer.rule}` : ''}:** ${f.suppressed.reason}`);
      lines.push('', `[Rule documentation](${f.docsUrl})`);
      return lines.join('\n');
    })
    .join('\n\n---\n\n');
}
