/** Text output: `file:line:col  severity  rule-id  message (citations)`, then a summary line. */
import type { Severity } from '../../engine/types';
import type { FileReport } from '../report';
import { citationText, isFixable } from '../report';

export interface TextOptions {
  color: boolean;
  includeSuppressed: boolean;
  /**
   * 'construct': findings under a heading per template (its stack name for a CDK cloud assembly),
   * then per construct (`constructPath`, else the logical id), each line `line:col  severity ...`.
   */
  groupBy?: 'construct';
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'green', [string, string]> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  info: ['\x1b[36m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  green: ['\x1b[32m', '\x1b[39m'],
};

export function formatText(reports: FileReport[], opts: TextOptions): string {
  const paint = (kind: keyof typeof COLORS, s: string) => (opts.color ? COLORS[kind][0] + s + COLORS[kind][1] : s);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let fixable = 0;
  let suggestable = 0;
  let suppressed = 0;
  let outOfScope = 0;
  let fixedCount = 0;
  for (const r of reports) {
    fixedCount += r.fixed.length;
    for (const f of r.fixed) {
      const fix = f.fix?.kind === 'safe' ? f.fix : f.suggestions?.[0];
      lines.push(`${r.display}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${paint('green', 'fixed')}  ${paint('dim', f.ruleId)}  ${fix?.title ?? f.message}`);
    }
    const shown = r.findings.filter((f) => opts.includeSuppressed || !f.suppressed);
    suppressed += r.findings.filter((f) => f.suppressed).length;
    outOfScope += r.outOfScope ?? 0;
    if (shown.length > 0) files++;
    const groups = new Map<string, string[]>();
    if (opts.groupBy && shown.length > 0) lines.push(paint('bold', r.stack ? `${r.stack} (${r.display})` : r.display));
    for (const f of shown) {
      if (!f.suppressed && !f.outOfScope) {
        counts[f.severity]++;
        // --fix leaves cloud assembly templates alone (cdk synth rewrites them): not counted as fixable.
        if (r.stack === undefined) {
          if (isFixable(f)) fixable++;
          else if ((f.suggestions ?? []).length > 0) suggestable++;
        }
      }
      const where = `${r.display}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const sev = f.suppressed ? paint('dim', 'suppressed') : f.outOfScope ? paint('dim', 'out of scope') : paint(f.severity, f.severity);
      const note = f.suppressed
        ? paint('dim', ` [suppressed${f.suppressed.peer ? ` by ${f.suppressed.peer.tool} ${f.suppressed.peer.rule}` : ''}: ${f.suppressed.reason}]`)
        : f.outOfScope
          ? paint('dim', ` [outside PHI scope: ${f.outOfScope}]`)
          : '';
      const text = `${sev}  ${paint('dim', f.ruleId)}  ${f.message}${citationText(f)}${note}`;
      if (!opts.groupBy) {
        lines.push(`${where}  ${text}`);
        continue;
      }
      const key = f.constructPath ?? f.logicalId ?? '(template)';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(`    ${f.range.start.line + 1}:${f.range.start.character + 1}  ${text}`);
    }
    for (const [key, items] of groups) lines.push(`  ${key}`, ...items);
  }
  const total = counts.error + counts.warning + counts.info;
  const parts: string[] = [];
  if (fixedCount > 0) parts.push(paint('green', `Fixed ${fixedCount} problem${fixedCount === 1 ? '' : 's'}.`));
  if (total === 0) {
    parts.push(paint('green', `No problems in ${reports.length} template${reports.length === 1 ? '' : 's'}.`));
  } else {
    const detail = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`].join(', ');
    parts.push(paint('bold', `${total} problem${total === 1 ? '' : 's'} (${detail}) in ${files} of ${reports.length} template${reports.length === 1 ? '' : 's'}.`));
    if (fixable > 0) parts.push(`${fixable} fixable with --fix.`);
    if (suggestable > 0) parts.push(`${suggestable} more with --unsafe-fixes (replaces resources, adds keys or changes permissions: review the diff).`);
  }
  if (suppressed > 0 && !opts.includeSuppressed) parts.push(paint('dim', `${suppressed} suppressed (--include-suppressed to show).`));
  if (outOfScope > 0) parts.push(paint('dim', `${outOfScope} outside PHI scope (--include-out-of-scope to show).`));
  if (lines.length > 0) lines.push('');
  lines.push(parts.join(' '));
  return lines.join('\n') + '\n';
}
