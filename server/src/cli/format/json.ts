/** JSON output: one object per finding, ranges 0-based (LSP style). */
import type { FileReport } from '../report';
import { isFixable } from '../report';

export function formatJson(reports: FileReport[], includeSuppressed: boolean): string {
  const out = reports.flatMap((r) =>
    r.findings
      .filter((f) => includeSuppressed || !f.suppressed)
      .map((f) => ({
        file: r.display,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        logicalId: f.logicalId ?? null,
        resourceType: f.resourceType ?? null,
        ...(r.stack ? { stack: r.stack } : {}),
        ...(f.constructPath ? { constructPath: f.constructPath } : {}),
        path: f.path,
        range: f.range,
        citations: f.citations,
        fixable: isFixable(f),
        ...(f.suggestions?.length ? { suggestions: f.suggestions.map((s) => s.title) } : {}),
        ...(f.outOfScope ? { outOfScope: f.outOfScope } : {}),
        ...(f.suppressed ? { suppressed: { reason: f.suppressed.reason, scope: f.suppressed.scope, ...(f.suppressed.peer ? { by: f.suppressed.peer } : {}) } } : {}),
        docs: f.docsUrl,
      })),
  );
  return JSON.stringify(out, null, 2) + '\n';
}
