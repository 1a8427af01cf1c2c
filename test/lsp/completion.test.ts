/**
 * Snippet completion: the pure part (where snippets are offered, companions, ids, parameters)
 * with sample definitions, the LSP items it becomes, and the real server over stdio.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from '../../server/src/engine/parse';
import type { JsonObject } from '../../server/src/engine/types';
import { snippetCompletionItems } from '../../server/src/lsp/completion';
import { SNIPPETS } from '../../server/src/snippets';
import { snippetCompletions } from '../../server/src/snippets/complete';
import type { OffsetEdit, SnippetCompletion } from '../../server/src/snippets/complete';
import { expandTemplate } from '../../server/src/snippets/types';
import { BUCKET, expandSnippet, INSTANCE, SAMPLES, STARTER } from '../unit/snippet-samples';
import { applyLspEdits, TestClient } from './client';
import type { TextEdit } from './client';

/** `text` with `|` marking the cursor: completions there. */
function at(marked: string, format: 'yaml' | 'json', snippets = SAMPLES): { text: string; items: SnippetCompletion[] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, items: snippetCompletions(text, offset, format, snippets) };
}

/** The document after accepting an item, its tab stops at their defaults. */
function accept(text: string, c: SnippetCompletion): string {
  const edits: OffsetEdit[] = [{ ...c.edit, newText: expandSnippet(c.edit.newText) }, ...c.additionalEdits];
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function valueOf(text: string, format: 'yaml' | 'json'): JsonObject {
  const p = parse(text, { format });
  assert.deepEqual(p.problems, [], `parses cleanly:\n${text}`);
  assert.equal(p.isTemplate, true);
  return p.value as JsonObject;
}

const YAML_DOC = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: q
  |
  Topic:
    Type: AWS::SNS::Topic
`;

describe('snippet completion (pure)', () => {
  test('YAML: at a resource key of Resources, every non-starter snippet; accepting gives a template that parses', () => {
    for (const marked of [YAML_DOC, YAML_DOC.replace('  |', '  hipaa|'), YAML_DOC.replace('  |\n', '') + '  hip|']) {
      const { text, items } = at(marked, 'yaml');
      assert.deepEqual(items.map((i) => i.label), ['hipaa-test-bucket', 'hipaa-test-instance'], marked);
      const bucket = items[0];
      assert.equal(bucket.detail, BUCKET.title);
      assert.match(bucket.documentation, /- SSE-KMS with a customer managed key\n- TLS-only bucket policy/);
      const v = valueOf(accept(text, bucket), 'yaml');
      const expected = expandTemplate(BUCKET);
      assert.deepEqual(v.Resources, { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } }, Topic: { Type: 'AWS::SNS::Topic' }, ...(expected.Resources as JsonObject) });
      assert.deepEqual(v.Parameters, expected.Parameters, 'a Parameters section is created');
    }
    const { text, items } = at(YAML_DOC, 'yaml');
    const accepted = accept(text, items[1]);
    assert.match(accepted, /^Parameters:\n {2}VpcId:\n {4}Type: AWS::EC2::VPC::Id\nResources:/m, 'before Resources');
    assert.deepEqual(Object.keys(valueOf(accepted, 'yaml').Resources as JsonObject), ['Queue', 'AppSubnet', 'AppTemplate', 'Topic']);
  });

  test('YAML: nothing inside a resource, at the top level, at another indentation, in Parameters, or in a non-template', () => {
    const base = YAML_DOC.replace('  |\n', '');
    const none = [
      base.replace('      QueueName: q\n', '      QueueName: q\n      |\n'),
      base.replace('    Properties:\n', '    |\n    Properties:\n'),
      base + '|',
      base + 'hipaa|',
      YAML_DOC.replace('  |', '    |'),
      base.replace('    Properties:\n', '  |\n    Properties:\n'),
      YAML_DOC.replace('  |', '  hipaa| x'),
      YAML_DOC.replace('  |', '  Name: |'),
      `Parameters:\n  |\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n`,
      `name: app\nsteps:\n  |\n`,
    ];
    for (const marked of none) assert.deepEqual(at(marked, 'yaml').items, [], marked);
  });

  test("YAML: the document's indentation (4 spaces) for the resources and the parameters; existing parameters are kept, not repeated", () => {
    const marked = `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n    Env:\n        Type: String\nResources:\n    Queue:\n        Type: AWS::SQS::Queue\n    |\n`;
    const { text, items } = at(marked, 'yaml');
    const accepted = accept(text, items[0]);
    assert.match(accepted, /^ {4}PhiKey:\n {8}Type: AWS::KMS::Key\n {8}Properties:\n {12}EnableKeyRotation: true$/m);
    assert.match(accepted, /^ {8}Type: String\n {4}LogBucketName:\n {8}Type: String\n/m, 'added at the end of Parameters');
    assert.deepEqual(Object.keys(valueOf(accepted, 'yaml').Parameters as JsonObject), ['Env', 'LogBucketName']);
    const has = at(marked.replace('    Env:', '    LogBucketName:'), 'yaml');
    assert.deepEqual(has.items[0].additionalEdits, [], 'LogBucketName exists');
    assert.doesNotMatch(has.items[0].documentation, /Adds to Parameters/);
  });

  test('companions: an existing KMS key is referenced instead of adding a second one', () => {
    const marked = `Resources:\n  AppKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  OtherKey:\n    Type: AWS::KMS::Key\n  hipaa|\n`;
    const { text, items } = at(marked, 'yaml');
    const bucket = items[0];
    assert.doesNotMatch(bucket.edit.newText, /PhiKey|AWS::KMS::Key/);
    assert.match(bucket.edit.newText, /KMSMasterKeyID: !GetAtt AppKey\.Arn/, 'the first key of that type');
    assert.match(bucket.documentation, /Uses the template's `AppKey` \(AWS::KMS::Key\)/);
    const r = valueOf(accept(text, bucket), 'yaml').Resources as JsonObject;
    assert.deepEqual(Object.keys(r), ['AppKey', 'OtherKey', 'PhiBucket', 'PhiBucketPolicy']);
    assert.deepEqual(((r.PhiBucket as JsonObject).Properties as JsonObject).BucketEncryption, {
      ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['AppKey', 'Arn'] } } }],
    });
  });

  test('logical ids the template has already get a fresh default, with every reference', () => {
    const marked = `Resources:\n  PhiBucket:\n    Type: AWS::S3::Bucket\n  |\n`;
    const { text, items } = at(marked, 'yaml');
    assert.match(items[0].edit.newText, /^ {2}\$\{1:PhiBucket2\}:$/m);
    const r = valueOf(accept(text, items[0]), 'yaml').Resources as JsonObject;
    assert.deepEqual(Object.keys(r), ['PhiBucket', 'PhiKey', 'PhiBucket2', 'PhiBucket2Policy']);
    assert.deepEqual(((r.PhiBucket2Policy as JsonObject).Properties as JsonObject).Bucket, { Ref: 'PhiBucket2' });
  });

  test('JSON: between members of Resources (commas added), a Parameters member created or extended; not inside a resource', () => {
    const doc = (resources: string, params = '') => `{\n  "AWSTemplateFormatVersion": "2010-09-09",${params}\n  "Resources": {\n${resources}\n  }\n}\n`;
    const cases = [
      doc('    "Queue": { "Type": "AWS::SQS::Queue" },\n    "hip|"'),
      doc('    "Queue": { "Type": "AWS::SQS::Queue" }\n    hip|'),
      doc('    |\n    "Queue": { "Type": "AWS::SQS::Queue" }'),
      doc('    "Queue": { "Type": "AWS::SQS::Queue" },\n    |', '\n  "Parameters": {\n    "Env": { "Type": "String" }\n  },'),
      doc('    |', '\n  "Parameters": {},'),
    ];
    for (const marked of cases) {
      const { text, items } = at(marked, 'json');
      assert.deepEqual(items.map((i) => i.label), ['hipaa-test-bucket', 'hipaa-test-instance'], marked);
      for (const [i, def] of [BUCKET, INSTANCE].entries()) {
        const accepted = accept(text, items[i]);
        const v = valueOf(accepted, 'json');
        assert.deepEqual(JSON.parse(accepted), v);
        for (const [id, r] of Object.entries(expandTemplate(def).Resources as JsonObject)) assert.deepEqual((v.Resources as JsonObject)[id], r, `${def.prefix} ${id} in\n${accepted}`);
        assert.ok((v.Parameters as JsonObject)[Object.keys(def.parameters!)[0]]);
      }
    }
    const quoted = at(cases[0], 'json').items[0];
    assert.equal(quoted.filterText, '"hipaa-test-bucket"'.slice(0, -1), 'filters on the typed quote');
    for (const marked of [
      doc('    "Queue": { "Type": "AWS::SQS::Queue", "Properties": {\n      |\n    } }'),
      doc('    "Queue": { "Type": "AWS::SQS::Queue" }').replace('"2010-09-09",', '"2010-09-09",\n  |'),
    ]) {
      assert.deepEqual(at(marked, 'json').items, [], marked);
    }
  });

  test('an empty document gets the starters only, as a whole template (YAML and JSON)', () => {
    for (const format of ['yaml', 'json'] as const) {
      for (const marked of ['|', 'hipaa|', ...(format === 'yaml' ? ['# a new template\n|\n'] : [])]) {
        const { text, items } = at(marked, format);
        assert.deepEqual(items.map((i) => i.label), ['hipaa-test-starter']);
        assert.deepEqual(valueOf(accept(text, items[0]), format), { ...expandTemplate(STARTER), Description: STARTER.title });
      }
    }
  });
});

describe('snippet completion items (LSP)', () => {
  test('kind Snippet, snippet text, markdown documentation, a one-line range at the cursor', () => {
    const text = YAML_DOC.replace('  |', '  hipaa-te');
    const doc = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const position = { line: 6, character: 10 };
    const items = snippetCompletionItems(doc, position, SAMPLES);
    assert.deepEqual(items.map((i) => [i.label, i.kind, i.insertTextFormat, i.insertTextMode]), [
      ['hipaa-test-bucket', 15, 2, 1],
      ['hipaa-test-instance', 15, 2, 1],
    ]);
    const first = items[0];
    assert.deepEqual((first.textEdit as TextEdit).range, { start: { line: 6, character: 2 }, end: position });
    assert.deepEqual(first.documentation, { kind: 'markdown', value: snippetCompletions(doc.getText(), doc.offsetAt(position), 'yaml', SAMPLES)[0].documentation });
    const accepted = applyLspEdits(text, [{ ...(first.textEdit as TextEdit), newText: expandSnippet((first.textEdit as TextEdit).newText) }, ...(first.additionalTextEdits as TextEdit[])]);
    assert.ok(((valueOf(accepted, 'yaml').Resources as JsonObject).PhiBucketPolicy as JsonObject).Type);
    assert.deepEqual(snippetCompletionItems(doc, position, []), []);
  });
});

describe('snippet completion over the protocol', () => {
  let c: TestClient;
  let caps: Record<string, unknown>;
  before(async () => {
    c = new TestClient();
    caps = (await c.initialize()).capabilities;
  });
  after(async () => c.shutdown());

  async function complete(uri: string, text: string, languageId: string, marker: string): Promise<{ items: { label: string; kind: number; textEdit: TextEdit; additionalTextEdits?: TextEdit[] }[]; text: string }> {
    const offset = text.indexOf(marker);
    const clean = text.replace(marker, '');
    await c.open(uri, clean, languageId);
    const doc = TextDocument.create(uri, languageId, 1, clean);
    const r = await c.conn.sendRequest<unknown>('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(offset) });
    const items = Array.isArray(r) ? r : ((r as { items?: unknown[] } | null)?.items ?? []);
    return { items: items as never, text: clean };
  }

  test('completionProvider advertised; the server answers with the registered snippets, none inside a resource', async () => {
    assert.ok(caps.completionProvider, 'completionProvider');
    const expected = SNIPPETS.filter((d) => !d.starter).map((d) => d.prefix);
    for (const [uri, languageId, text] of [
      ['file:///ws/c.yaml', 'yaml', YAML_DOC],
      ['file:///ws/c.json', 'json', `{\n  "Resources": {\n    "Queue": { "Type": "AWS::SQS::Queue" },\n    |\n  }\n}\n`],
    ] as const) {
      const { items, text: clean } = await complete(uri, text, languageId, '|');
      assert.deepEqual(items.map((i) => i.label), expected, uri);
      for (const it of items) {
        assert.equal(it.kind, 15);
        const accepted = applyLspEdits(clean, [{ ...it.textEdit, newText: expandSnippet(it.textEdit.newText) }, ...(it.additionalTextEdits ?? [])]);
        valueOf(accepted, languageId);
      }
    }
    const inside = await complete('file:///ws/props.yaml', YAML_DOC.replace('      QueueName: q\n', '      QueueName: q\n      |\n').replace('  |\n', ''), 'yaml', '|');
    assert.deepEqual(inside.items, []);
    const empty = await complete('file:///ws/new.yaml', '|', 'yaml', '|');
    assert.deepEqual(empty.items.map((i) => i.label), SNIPPETS.filter((d) => d.starter).map((d) => d.prefix));
    assert.deepEqual(c.logs.filter((l) => /completion failed/.test(l)), [], 'no handler error');
  });
});
