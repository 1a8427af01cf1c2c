/**
 * Rule tables. Every case is written once in YAML and run twice: as written, and converted to JSON
 * through the engine's own model (so the JSON has long-form intrinsics). Both must give the same
 * findings at the same paths. Every fix and suggestion is rendered in both formats and must:
 * re-parse cleanly, clear its finding, add no new finding, and change no byte outside the entities
 * its ops own (the resource or parameter it edits, and the end of Resources for a new resource).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { ParsedDocument } from '../../server/src/engine/parse';
import { applyEdits, renderFix } from '../../server/src/engine/fix';
import { ruleById } from '../../server/src/engine/rules';
import type { Finding, Fix, Format, Path, Severity, TextEdit } from '../../server/src/engine/types';

export interface ExpectedFinding {
  messageId: string;
  path: Path;
  severity?: Severity;
  /** The fix kind expected on this finding: 'safe' (a fix), 'suggest' (suggestions only), 'none'. */
  fix?: 'safe' | 'suggest' | 'none';
  /** Substring the message must contain. */
  message?: string;
}

export interface ValidCase {
  name: string;
  yaml: string;
}

export interface InvalidCase {
  name: string;
  yaml: string;
  findings: ExpectedFinding[];
  /** Exact YAML text after applying the first finding's safe fix (checks formatting byte for byte). */
  output?: string;
}

export interface RuleTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export function toJson(yamlText: string): string {
  const doc = parse(yamlText, { format: 'yaml' });
  assert.ok(doc.value !== undefined, 'test YAML must parse');
  return JSON.stringify(doc.value, null, 2) + '\n';
}

export function lintText(text: string, format: Format): { doc: ParsedDocument; findings: Finding[] } {
  const doc = parse(text, { format });
  return { doc, findings: lint(doc) };
}

function key(f: { ruleId: string; messageId: string; path: Path }): string {
  return `${f.ruleId}:${f.messageId}:${JSON.stringify(f.path)}`;
}

/** Text ranges a fix may change: each entity its ops touch, plus the end of Resources for new resources. */
function ownedRanges(doc: ParsedDocument, fix: Fix): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const text = doc.text;
  const lineEnd = (o: number) => {
    const i = text.indexOf('\n', o);
    return i < 0 ? text.length : i;
  };
  for (const op of fix.ops) {
    if (op.op === 'addResource') {
      // A new resource goes after the last one: from the end of that resource's value (where JSON
      // needs its separating comma) to the end of the Resources section.
      const res = doc.sourceMap.locate(['Resources']);
      const ids = doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? Object.keys((doc.value as Record<string, Record<string, unknown>>).Resources ?? {}) : [];
      const lastEnd = ids.reduce((m, id) => Math.max(m, doc.sourceMap.locate(['Resources', id]).value.end), res.value.start);
      ranges.push({ start: lastEnd, end: lineEnd(res.value.end) + 1 });
      continue;
    }
    const owner = op.path.slice(0, 2);
    const loc = doc.sourceMap.locate(owner);
    assert.ok(loc.exact, `fix op edits ${JSON.stringify(owner)}, which does not exist`);
    ranges.push({ start: loc.key.start, end: lineEnd(loc.value.end) + 1 });
  }
  return ranges;
}

function checkFix(format: Format, doc: ParsedDocument, before: Finding[], target: Finding, fix: Fix, ruleId: string): string {
  let edits: TextEdit[];
  try {
    edits = renderFix(doc, fix);
  } catch (err) {
    throw new Error(`[${format}] fix "${fix.title}" could not be rendered: ${(err as Error).message}`);
  }
  assert.ok(edits.length > 0, `[${format}] fix "${fix.title}" changes nothing`);
  const owned = ownedRanges(doc, fix);
  for (const e of edits) {
    assert.ok(
      owned.some((r) => e.start >= r.start && e.end <= r.end),
      `[${format}] fix "${fix.title}" edits text it does not own: ${JSON.stringify(doc.text.slice(e.start, e.end))} at ${e.start}-${e.end}`,
    );
  }
  const output = applyEdits(doc.text, edits);
  const after = parse(output, { format });
  assert.deepEqual(
    after.problems.map((p) => p.message),
    [],
    `[${format}] output of "${fix.title}" does not re-parse cleanly:\n${output}`,
  );
  const afterFindings = lint(after);
  const afterKeys = new Set(afterFindings.map(key));
  assert.ok(!afterKeys.has(key(target)), `[${format}] "${fix.title}" did not clear ${key(target)}:\n${output}`);
  // A finding that was there before but moved (a fix wrapped its property in Fn::If, say) is not
  // new: same rule, message id and message, apart from the "This applies when ..." suffix.
  const same = (f: Finding) => `${f.ruleId}:${f.messageId}:${f.message.replace(/ This applies when .*$/, '')}`;
  const beforeKeys = new Set([...before.map(key), ...before.map(same)]);
  const added = afterFindings.filter((f) => !beforeKeys.has(key(f)) && !beforeKeys.has(same(f)));
  assert.deepEqual(
    added.map((f) => `${key(f)} ${f.message}`),
    [],
    `[${format}] "${fix.title}" (rule ${ruleId}) added findings:\n${output}`,
  );
  return output;
}

export function ruleTester(ruleId: string, table: RuleTable): void {
  describe(ruleId, () => {
    test('is registered', () => assert.ok(ruleById(ruleId), `rule ${ruleId} is not in the registry`));
    const names = new Set<string>();
    for (const c of [...table.valid, ...table.invalid]) {
      assert.ok(!names.has(c.name), `duplicate case name ${c.name}`);
      names.add(c.name);
    }

    for (const c of table.valid) {
      test(`valid: ${c.name}`, () => {
        for (const format of ['yaml', 'json'] as const) {
          const text = format === 'yaml' ? c.yaml : toJson(c.yaml);
          const { doc, findings } = lintText(text, format);
          assert.deepEqual(doc.problems, [], `[${format}] case must parse cleanly`);
          const mine = findings.filter((f) => (f.ruleId === ruleId || f.ruleId === 'rule-error') && !f.suppressed);
          assert.deepEqual(mine.map((f) => `${f.messageId} ${JSON.stringify(f.path)}: ${f.message}`), [], `[${format}] expected no findings`);
        }
      });
    }

    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const meta = ruleById(ruleId)!.meta;
        for (const e of c.findings) assert.ok(e.messageId in meta.messages, `unknown messageId ${e.messageId}`);
        for (const format of ['yaml', 'json'] as const) {
          const text = format === 'yaml' ? c.yaml : toJson(c.yaml);
          const { doc, findings } = lintText(text, format);
          assert.deepEqual(doc.problems, [], `[${format}] case must parse cleanly`);
          assert.deepEqual(findings.filter((f) => f.ruleId === 'rule-error').map((f) => f.message), []);
          const mine = findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
          assert.deepEqual(
            mine.map((f) => ({ messageId: f.messageId, path: f.path })),
            c.findings.map((e) => ({ messageId: e.messageId, path: e.path })),
            `[${format}] findings differ:\n${mine.map((f) => f.message).join('\n')}`,
          );
          mine.forEach((f, i) => {
            const e = c.findings[i];
            assert.ok(!/\{\{/.test(f.message), `unfilled placeholder in "${f.message}"`);
            assert.ok(f.range.start.line >= 0 && f.offsets.end >= f.offsets.start, 'finding has a range');
            if (e.severity) assert.equal(f.severity, e.severity, `[${format}] severity of ${e.messageId}`);
            if (e.message) assert.ok(f.message.includes(e.message), `[${format}] message "${f.message}" lacks "${e.message}"`);
            if (e.fix === 'safe') assert.equal(f.fix?.kind, 'safe', `[${format}] ${e.messageId} should have a safe fix`);
            if (e.fix === 'suggest') {
              assert.equal(f.fix, undefined, `[${format}] ${e.messageId} should have no safe fix`);
              assert.ok((f.suggestions ?? []).length > 0, `[${format}] ${e.messageId} should have suggestions`);
            }
            if (e.fix === 'none') assert.ok(!f.fix && !(f.suggestions ?? []).length, `[${format}] ${e.messageId} should have no fix`);
            for (const s of f.suggestions ?? []) assert.equal(s.kind, 'suggest');
            const fixes = [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])];
            fixes.forEach((fx, j) => {
              const out = checkFix(format, doc, findings, f, fx, ruleId);
              if (format === 'yaml' && i === 0 && j === 0 && c.output !== undefined && f.fix) {
                assert.equal(out, c.output, 'YAML output of the first fix');
              }
            });
          });
        }
      });
    }
  });
}
