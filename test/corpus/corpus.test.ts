/**
 * Every template of ../shared/corpus (real public templates): no crash, no rule-error, fix-all
 * never breaks a template, and the findings match the reviewed snapshot in corpus-snapshot.json.
 * After a deliberate change, regenerate with `UPDATE_SNAPSHOTS=1 npm test` and review the diff.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixAll } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { Format } from '../../server/src/engine/types';
import { CORPUS, NO_CORPUS, REPO } from '../helpers/corpus';

const SNAPSHOT = path.join(REPO, 'test/corpus/corpus-snapshot.json');

function templates(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...templates(p));
    else if (/\.(ya?ml|json|template)$/.test(name)) out.push(p);
  }
  return out;
}

function formatOf(file: string): Format | undefined {
  return file.endsWith('.json') ? 'json' : file.endsWith('.template') ? undefined : 'yaml';
}

test('corpus: no crash, no rule-error, fixes never break a template, findings match the snapshot', { skip: CORPUS ? false : NO_CORPUS }, () => {
  const files = templates(CORPUS!);
  assert.ok(files.length > 1000, `expected the whole corpus, found ${files.length} files`);
  const snapshot: Record<string, string[]> = {};
  const errors: string[] = [];
  for (const file of files) {
    const rel = path.relative(CORPUS!, file);
    const text = readFileSync(file, 'utf8');
    const format = formatOf(file);
    const doc = parse(text, { format });
    if (!doc.isTemplate) continue;
    const findings = lint(doc);
    for (const f of findings.filter((x) => x.ruleId === 'rule-error')) errors.push(`${rel}: ${f.message}`);
    snapshot[rel] = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId}/${f.messageId}${f.logicalId ? ' ' + f.logicalId : ''}${f.fix ? ' [fix]' : f.suggestions?.length ? ' [suggest]' : ''}`);

    const fixed = fixAll(text, {}, { format }, { unsafe: true });
    const after = parse(fixed.output, { format });
    if (after.problems.filter((p) => p.id === 'parse-error').length > doc.problems.filter((p) => p.id === 'parse-error').length) {
      errors.push(`${rel}: fixing broke the template: ${after.problems[0]?.message}`);
    }
  }
  assert.deepEqual(errors, []);
  if (process.env.UPDATE_SNAPSHOTS) {
    writeFileSync(SNAPSHOT, JSON.stringify(snapshot, null, 1) + '\n');
    return;
  }
  const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
  const changed = Object.keys({ ...expected, ...snapshot }).filter((k) => JSON.stringify(expected[k]) !== JSON.stringify(snapshot[k]));
  assert.deepEqual(
    changed.slice(0, 20).map((k) => ({ file: k, expected: expected[k], actual: snapshot[k] })),
    [],
    `${changed.length} corpus templates changed; if intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff`,
  );
});
