/**
 * The incremental YAML parser (the editor's) must give exactly what the full parser (the CLI's)
 * gives: same model, same problems, same findings at the same offsets, same fix edits; on every
 * YAML template of the corpus, and after edits with a state reused across them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { renderFix } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { parse, YamlIncrementalState } from '../../server/src/engine/parse';
import { parseYamlIncremental, splitResources } from '../../server/src/engine/parse/incremental';
import type { ParsedDocument } from '../../server/src/engine/parse';
import { CORPUS, NO_CORPUS } from '../helpers/corpus';


function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

function summary(doc: ParsedDocument) {
  const findings = lint(doc);
  return {
    value: doc.value,
    problems: [...doc.problems].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id)).map((p) => `${p.id}@${p.start}-${p.end}:${p.message}`),
    findings: findings.map((f) => `${f.ruleId}/${f.messageId} ${f.path.join('.')} ${f.offsets.start}-${f.offsets.end} ${f.message}`),
    related: findings.map((f) => (f.related ?? []).map((r) => `${r.range.start.line}:${r.range.start.character}`).join(',')),
    edits: findings.flatMap((f) => [f.fix, ...(f.suggestions ?? [])].filter((x) => !!x).map((fx) => JSON.stringify(renderFix(doc, fx!)))),
  };
}

function check(text: string, state: YamlIncrementalState, label: string): boolean {
  const full = parse(text, { format: 'yaml' });
  const fast = parseYamlIncremental(text, { maxAliasCount: 100, maxDepth: 200 }, state) !== undefined;
  const inc = parse(text, { format: 'yaml', incremental: state });
  assert.deepEqual(summary(inc), summary(full), label);
  return fast;
}

describe('incremental YAML parsing', () => {
  test('splits a template at resource boundaries, and declines what it cannot split with certainty', () => {
    const t = 'AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::SQS::Queue\n  # comment\n\n  B:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: x\n';
    const layout = splitResources(t)!;
    assert.ok(splitResources('# c\n---\n' + t), 'a leading document marker is fine');
    assert.deepEqual(layout.starts.map((s) => t.slice(s, s + 3)), ['  A', '  B']);
    assert.equal(t.slice(layout.tailStart, layout.tailStart + 8), 'Outputs:');
    for (const bad of [
      'Resources:\n  A: &a\n    Type: x\n  B: *a\n',
      'Resources:\n  A:\n    Type: x\n---\nX: 1\n',
      'Resources:\n  A:\n    Type: x\n...\n',
      'Resources:\n    A:\n      Type: x\n  B:\n    Type: y\n',
      'Resources: {A: {Type: x}}\n',
      'Resources:\n\tA:\n',
    ]) {
      assert.equal(splitResources(bad), undefined, bad);
    }
  });

  test('edits with one state: only touched resources are re-parsed, results equal the full parse', () => {
    const state = new YamlIncrementalState();
    let text = 'AWSTemplateFormatVersion: x\nResources:\n  Key:\n    Type: AWS::KMS::Key\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${AWS::StackName}-t"\n';
    assert.ok(check(text, state, 'initial'));
    text = text.replace('TopicName', 'KmsMasterKeyId: !GetAtt Key.Arn\n      TopicName');
    assert.ok(check(text, state, 'edit in the last resource'));
    text = text.replace('  Q:\n', '  Q:\n    Condition: Prod\n');
    assert.ok(check(text, state, 'edit in the middle shifts later resources'));
    text = text.replace('  Key:\n', '  Extra:\n    Type: AWS::S3::Bucket\n  Key:\n');
    assert.ok(check(text, state, 'a new resource'));
    text = text.replace('    Type: AWS::S3::Bucket\n', '    Type: AWS::S3::Bucket\n    Properties: {oops\n');
    assert.equal(check(text, state, 'a syntax error falls back to the full parse'), false);
    text = text.replace('    Properties: {oops\n', '');
    assert.ok(check(text, state, 'and recovers'));
    text = text.replace('  Q:\n', '  Key:\n');
    assert.equal(check(text, state, 'duplicate logical ids fall back'), false);
  });

  test('every YAML corpus template: the same model, problems, findings and fixes', { skip: CORPUS ? false : NO_CORPUS }, () => {
    let fast = 0;
    let total = 0;
    for (const file of yamlFiles(CORPUS!)) {
      const text = readFileSync(file, 'utf8');
      const state = new YamlIncrementalState();
      total++;
      if (check(text, state, path.relative(CORPUS!, file))) fast++;
      // Edit each resource once (insert a tag, then take it back) with the same state.
      const layout = splitResources(text);
      if (!layout || total % 7 !== 0) continue;
      for (const start of layout.starts.slice(0, 5)) {
        const lineEnd = text.indexOf('\n', start);
        const edited = text.slice(0, lineEnd) + ' # edited' + text.slice(lineEnd);
        check(edited, state, `${path.relative(CORPUS!, file)} edited at ${start}`);
      }
      check(text, state, `${path.relative(CORPUS!, file)} restored`);
    }
    assert.ok(fast > total * 0.6, `the fast path applies to most templates (${fast} of ${total})`);
  });
});
