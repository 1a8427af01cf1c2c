/**
 * Cases whose safe fix only adds a resource: the same checks as the rule tester (both formats,
 * findings, severity, fix kind, re-parse, finding cleared, no new findings of any rule, exact YAML
 * output), with the edits allowed between the last resource and the end of Resources.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, renderFix } from '../../server/src/engine/fix';
import { parse } from '../../server/src/engine/parse';
import type { Finding } from '../../server/src/engine/types';
import { lintText, toJson } from './rule-tester';
import type { InvalidCase } from './rule-tester';

const key = (f: Finding) => `${f.ruleId}:${f.messageId}:${JSON.stringify(f.path)}`;
const same = (f: Finding) => `${f.ruleId}:${f.messageId}:${f.message}`;

export function newResourceCases(ruleId: string, cases: InvalidCase[]): void {
  describe(`${ruleId} (fixes that add a resource)`, () => {
    for (const c of cases) {
      test(`invalid: ${c.name}`, () => {
        for (const format of ['yaml', 'json'] as const) {
          const text = format === 'yaml' ? c.yaml : toJson(c.yaml);
          const { doc, findings } = lintText(text, format);
          assert.deepEqual(doc.problems, []);
          assert.deepEqual(findings.filter((f) => f.ruleId === 'rule-error').map((f) => f.message), []);
          const mine = findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
          assert.deepEqual(
            mine.map((f) => ({ messageId: f.messageId, path: f.path })),
            c.findings.map((e) => ({ messageId: e.messageId, path: e.path })),
          );
          mine.forEach((f, i) => {
            const e = c.findings[i];
            if (e.severity) assert.equal(f.severity, e.severity);
            if (e.message) assert.ok(f.message.includes(e.message), f.message);
            if (e.fix === 'safe') assert.equal(f.fix?.kind, 'safe');
            if (e.fix === 'suggest') assert.ok(!f.fix && (f.suggestions ?? []).length > 0);
            for (const fx of [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])]) {
              assert.ok(fx.ops.every((o) => o.op === 'addResource'), 'only addResource fixes are checked here');
              const edits = renderFix(doc, fx);
              assert.ok(edits.length > 0);
              const res = doc.sourceMap.locate(['Resources']);
              const lastId = Object.keys((doc.value as { Resources: Record<string, unknown> }).Resources).pop()!;
              const last = doc.sourceMap.locate(['Resources', lastId]);
              for (const ed of edits) assert.ok(ed.start >= last.value.end && ed.end <= res.value.end + 1, `[${format}] edit outside the end of Resources`);
              const output = applyEdits(text, edits);
              const after = parse(output, { format });
              assert.deepEqual(after.problems.map((p) => p.message), [], output);
              const afterFindings = lintText(output, format).findings;
              assert.ok(!afterFindings.some((x) => key(x) === key(f)), `[${format}] not cleared:\n${output}`);
              const before = new Set([...findings.map(key), ...findings.map(same)]);
              const added = afterFindings.filter((x) => !before.has(key(x)) && !before.has(same(x)));
              assert.deepEqual(added.map((x) => `${key(x)} ${x.message}`), [], `[${format}] added findings:\n${output}`);
              if (format === 'yaml' && i === 0 && fx === f.fix && c.output !== undefined) assert.equal(output, c.output);
            }
          });
        }
      });
    }
  });
}
