/**
 * The language server over stdio, driven with JSON-RPC as any LSP client would.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { applyLspEdits, TestClient } from './client';
import type { Diagnostic, TextEdit } from './client';

const BUCKET = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  QueueSse:
    Type: String
    Default: 'false'
Resources:
  Key:
    { Type: AWS::KMS::Key, DeletionPolicy: Retain,
      UpdateReplacePolicy: Retain,
      Properties: { EnableKeyRotation: true } }
  PhiBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref QueueSse
`;

interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { documentChanges?: { textDocument: { uri: string; version: number }; edits: TextEdit[] }[]; changes?: Record<string, TextEdit[]> };
  command?: { command: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
}

function editsOf(a: CodeAction | { documentChanges?: { edits: TextEdit[] }[]; changes?: Record<string, TextEdit[]> }, uri: string): TextEdit[] {
  const edit = 'edit' in a ? (a as CodeAction).edit! : (a as { documentChanges?: { edits: TextEdit[] }[]; changes?: Record<string, TextEdit[]> });
  if (edit.documentChanges) return edit.documentChanges.flatMap((d) => d.edits);
  return edit.changes?.[uri] ?? [];
}

describe('language server protocol', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    const init = await c.initialize();
    const caps = init.capabilities as { textDocumentSync: { change: number }; codeActionProvider: { codeActionKinds: string[] }; hoverProvider: boolean };
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.cfn-hipaa']);
    assert.equal(caps.hoverProvider, true);
  });
  after(async () => c.shutdown());

  test('diagnostics on open: source, code, docs link, citation, related information', async () => {
    const uri = 'file:///ws/open.yaml';
    await c.open(uri, BUCKET);
    const diags = await c.diagnostics(uri, 1);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.range.start.line]), [
      ['s3-bucket-encryption', 2, 12],
      ['sqs-queue-encryption', 1, 18],
    ]);
    for (const d of diags) {
      assert.equal(d.source, 'cfn-hipaa');
      assert.match(d.codeDescription!.href, new RegExp(`docs/rules/${d.code}\\.md$`));
      assert.match(d.message, /\(45 CFR 164\.312\(a\)\(2\)\(iv\).*\)$/);
      assert.match(d.message, /PhiBucket|Queue/);
    }
    const sqs = diags[1];
    assert.deepEqual(sqs.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[uri, 4]], 'points at the parameter Default');
  });

  test('as the user types: incremental edits, diagnostics for the right version, stale versions never published after newer ones', async () => {
    const uri = 'file:///ws/typing.yaml';
    await c.open(uri, BUCKET);
    await c.diagnostics(uri, 1);
    const start = c.published.length;
    // Type "      BucketEncryption:" quickly, one character at a time, then fix it properly.
    const insert = '\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: !GetAtt Key.Arn';
    let version = 1;
    let line = 12;
    let col = '    Properties:'.length;
    for (const ch of insert) {
      version++;
      await c.change(uri, version, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }]);
      if (ch === '\n') {
        line++;
        col = 0;
      } else col++;
    }
    const diags = await c.diagnostics(uri, version);
    assert.deepEqual(diags.map((d) => d.code), ['sqs-queue-encryption'], 'the bucket finding is gone once encryption is typed');
    const versions = c.published.slice(start).filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions only move forward: ${versions.join(',')}`);
    assert.ok(versions.length < 20, `debounced: ${versions.length} publishes for ${version - 1} keystrokes`);
  });

  test('a quick fix from a code action applies and clears the finding', async () => {
    const uri = 'file:///ws/fix.yaml';
    await c.open(uri, BUCKET);
    const diags = await c.diagnostics(uri, 1);
    const bucket = diags.find((d) => d.code === 's3-bucket-encryption')!;
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: bucket.range, context: { diagnostics: [bucket] } });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /SSE-KMS and customer managed key Key/);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.edit!.documentChanges![0].textDocument.version, 1);
    const suppress = actions.find((a) => a.title.startsWith('Suppress s3-bucket-encryption for PhiBucket'));
    assert.ok(suppress, 'every finding offers suppress-with-reason');
    const fixed = applyLspEdits(BUCKET, editsOf(fix, uri));
    await c.change(uri, 2, [{ text: fixed }]);
    const after2 = await c.diagnostics(uri, 2);
    assert.deepEqual(after2.map((d) => d.code), ['sqs-queue-encryption']);
  });

  test('fix-all (source.fixAll.cfn-hipaa) clears every safe finding', async () => {
    const uri = 'file:///ws/fixall.yaml';
    await c.open(uri, BUCKET);
    await c.diagnostics(uri, 1);
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.cfn-hipaa']);
    const fixed = applyLspEdits(BUCKET, editsOf(actions[0], uri));
    await c.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(await c.diagnostics(uri, 2), []);
  });

  test('hover on a finding: rule, citation in plain words, why, and the fix', async () => {
    const uri = 'file:///ws/hover.yaml';
    await c.open(uri, BUCKET);
    const [bucket] = await c.diagnostics(uri, 1);
    const h = await c.conn.sendRequest<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: bucket.range.start });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /S3 buckets encrypt objects with a customer managed KMS key/);
    assert.match(h.contents.value, /45 CFR 164\.312\(a\)\(2\)\(iv\) \(Encryption and decryption of ePHI\)/);
    assert.match(h.contents.value, /Why it matters/);
    assert.match(h.contents.value, /Quick fix:.*safe/);
    assert.doesNotMatch(h.contents.value, /sets no default encryption/, 'on a flagged range the editor shows the message itself');
    // On the resource's logical id too.
    const onId = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 4 } });
    assert.match(onId!.contents.value, /s3-bucket-encryption/);
    assert.match(onId!.contents.value, /S3 bucket PhiBucket sets no default encryption/, 'on the resource name, the messages too');
    const nothing = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(nothing, null);
  });

  test('a parse error mid-document: one diagnostic there, the rest still linted, other documents still served', async () => {
    const uri = 'file:///ws/broken.yaml';
    const broken = BUCKET.replace('    Type: AWS::S3::Bucket\n', '    Type: AWS::S3::Bucket\n   Oops: [\n');
    await c.open(uri, broken);
    const diags = await c.diagnostics(uri, 1);
    const parse = diags.filter((d) => d.code === 'parse-error');
    assert.ok(parse.length >= 1);
    assert.equal(parse[0].range.start.line, 12);
    const other = 'file:///ws/other.json';
    await c.open(other, JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }), 'json');
    assert.deepEqual((await c.diagnostics(other, 1)).map((d) => d.code), ['sns-topic-encryption']);
  });

  test('a non-template YAML or JSON document gets no diagnostics', async () => {
    const uri = 'file:///ws/deploy.yaml';
    await c.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    assert.deepEqual(await c.diagnostics(uri, 1), []);
    const pkg = 'file:///ws/package.json';
    await c.open(pkg, '{"name": "x", "version": "1.0.0"}', 'json');
    assert.deepEqual(await c.diagnostics(pkg, 1), []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///ws/close.yaml';
    await c.open(uri, BUCKET);
    assert.ok((await c.diagnostics(uri, 1)).length > 0);
    const n = c.published.length;
    await c.close(uri);
    await c.until(() => c.published.slice(n).find((p) => p.uri === uri && p.diagnostics.length === 0), 'cleared diagnostics');
  });

  test('a malformed request gets an error reply and the server lives on', async () => {
    await assert.rejects(c.conn.sendRequest('cfnHipaa/noSuchMethod', {}), /Unhandled method|not found/i);
    const bad = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///ws/none.yaml' } });
    assert.deepEqual(bad, []);
    const badHover = await c.conn.sendRequest('textDocument/hover', { textDocument: {}, position: null });
    assert.equal(badHover, null);
    const uri = 'file:///ws/alive.yaml';
    await c.open(uri, BUCKET);
    assert.equal((await c.diagnostics(uri, 1)).length, 2);
  });

  test('without a reason prompt, suppress inserts a placeholder reason that is flagged until filled', async () => {
    const uri = 'file:///ws/suppress.yaml';
    await c.open(uri, BUCKET);
    const diags = await c.diagnostics(uri, 1);
    const bucket = diags.find((d) => d.code === 's3-bucket-encryption')!;
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: bucket.range, context: { diagnostics: [bucket] } });
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    const text = applyLspEdits(BUCKET, editsOf(suppress, uri));
    assert.match(text, /cfn-hipaa:\n\s+suppress:\n\s+- rule: s3-bucket-encryption\n\s+reason: 'TODO: explain why this finding is acceptable'/);
    await c.change(uri, 2, [{ text }]);
    const after2 = await c.diagnostics(uri, 2);
    assert.deepEqual(after2.map((d) => d.code).sort(), ['invalid-suppression', 's3-bucket-encryption', 'sqs-queue-encryption']);
    const filled = text.replace("'TODO: explain why this finding is acceptable'", 'Static website assets, no PHI');
    await c.change(uri, 3, [{ text: filled }]);
    assert.deepEqual((await c.diagnostics(uri, 3)).map((d) => d.code), ['sqs-queue-encryption']);
  });
});

describe('language server: VS Code-style suppression prompt, settings and config file', () => {
  let c: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-lsp-'));
    mkdirSync(path.join(dir, 'infra'));
    writeFileSync(path.join(dir, 'infra/unopened.yaml'), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(path.join(dir, 'k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    c = new TestClient();
    await c.initialize({ rootUri: pathToFileURL(dir).href, initializationOptions: { suppressPrompt: true } });
  });
  after(async () => c.shutdown());

  test('suppress offers a command; the server command applies the reason as a workspace edit', async () => {
    const uri = pathToFileURL(path.join(dir, 'prompt.yaml')).href;
    await c.open(uri, BUCKET);
    const diags = await c.diagnostics(uri, 1);
    const bucket = diags.find((d) => d.code === 's3-bucket-encryption')!;
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: bucket.range, context: { diagnostics: [bucket] } });
    const suppress = actions.find((a) => a.title.startsWith('Suppress'))!;
    assert.equal(suppress.edit, undefined);
    assert.equal(suppress.command!.command, 'cfnHipaa.suppressWithReason');
    const args = suppress.command!.arguments![0] as Record<string, unknown>;
    await c.conn.sendRequest('workspace/executeCommand', { command: 'cfnHipaa.server.applySuppression', arguments: [{ ...args, reason: 'Static assets only (SEC-9)' }] });
    const edit = await c.until(() => c.appliedEdits[c.appliedEdits.length - 1], 'workspace/applyEdit');
    const text = applyLspEdits(BUCKET, editsOf(edit as never, uri));
    assert.match(text, /reason: Static assets only \(SEC-9\)/);
    await c.change(uri, 2, [{ text }]);
    assert.deepEqual((await c.diagnostics(uri, 2)).map((d) => d.code), ['sqs-queue-encryption']);
  });

  test('rule settings: off and severity overrides', async () => {
    c.configuration = { rules: { 'sqs-queue-encryption': 'off', 's3-bucket-encryption': 'error' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = pathToFileURL(path.join(dir, 'settings.yaml')).href;
    await c.open(uri, BUCKET);
    assert.deepEqual((await c.diagnostics(uri, 1)).map((d) => [d.code, d.severity]), [['s3-bucket-encryption', 1]]);
    c.configuration = {};
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  test('onSave mode publishes only when the file is saved', async () => {
    c.configuration = { run: 'onSave' };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = pathToFileURL(path.join(dir, 'onsave.yaml')).href;
    await c.open(uri, BUCKET);
    await c.diagnostics(uri, 1);
    await c.change(uri, 2, [{ text: BUCKET.replace("Default: 'false'", "Default: 'true'") }]);
    // A save makes the server lint; an edit alone must not have.
    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await c.diagnostics(uri, 2);
    const forV2 = c.published.filter((p) => p.uri === uri && p.version === 2);
    assert.equal(forV2.length, 1);
    c.configuration = {};
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  test('the workspace config file applies, is re-read on change, and a malformed one is reported on itself', async () => {
    const cfg = path.join(dir, '.cfn-hipaa.yaml');
    writeFileSync(cfg, 'rules:\n  s3-bucket-encryption: off\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 1 }] });
    const uri = pathToFileURL(path.join(dir, 'cfg.yaml')).href;
    await c.open(uri, BUCKET);
    assert.deepEqual((await c.diagnostics(uri, 1)).map((d) => d.code), ['sqs-queue-encryption']);

    writeFileSync(cfg, 'rules:\n  s3-bucket-encryption: loud\n  nope: off\nexclud: []\n');
    const n = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
    const cfgDiags = await c.until(() => c.published.slice(n).find((p) => p.uri === pathToFileURL(cfg).href && p.diagnostics.length > 0), 'config diagnostics');
    assert.deepEqual(cfgDiags.diagnostics.map((d) => d.message), [
      'Unknown setting "exclud" (expected rules, exclude, maxSize, phiScope, eligibleServices, regions).',
      's3-bucket-encryption: use error, warning, info or off.',
      'There is no rule "nope".',
    ]);
    assert.deepEqual(cfgDiags.diagnostics.map((d) => d.range.start.line), [3, 1, 2]);
    // The invalid rule setting is ignored: the bucket finding is back.
    await c.until(() => c.published.slice(n).find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 's3-bucket-encryption')), 'bucket finding back');
    writeFileSync(cfg, 'exclude: ["infra/**"]\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
  });

  test('lint workspace: templates that are not open get diagnostics; excluded and non-templates do not', async () => {
    const cfg = path.join(dir, '.cfn-hipaa.yaml');
    writeFileSync(cfg, 'rules: {}\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
    const r = await c.conn.sendRequest<{ files: number; findings: number }>('workspace/executeCommand', { command: 'cfnHipaa.server.lintWorkspace', arguments: [] });
    assert.ok(r.files >= 1);
    const unopened = pathToFileURL(path.join(dir, 'infra/unopened.yaml')).href;
    assert.deepEqual((await c.diagnostics(unopened)).map((d) => d.code), ['sns-topic-encryption']);
    assert.equal(c.latest(pathToFileURL(path.join(dir, 'k8s.yaml')).href), undefined);

    writeFileSync(cfg, 'exclude: ["infra/**"]\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
    const n = c.published.length;
    await c.conn.sendRequest('workspace/executeCommand', { command: 'cfnHipaa.server.lintWorkspace', arguments: [] });
    await c.until(() => c.published.slice(n).find((p) => p.uri === unopened && p.diagnostics.length === 0), 'excluded file cleared');
  });
});

describe('language server: fix all from the light bulb', () => {
  test('offered as a command (computed only when chosen), which applies every safe fix', async () => {
    const c = new TestClient();
    await c.initialize();
    try {
      const uri = 'file:///ws/bulb.yaml';
      const text = BUCKET.replace('  Queue:', '  Topic:\n    Type: AWS::SNS::Topic\n  Queue:');
      await c.open(uri, text);
      const diags = await c.diagnostics(uri, 1);
      const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]] } });
      const all = actions.find((a) => a.kind === 'source.fixAll.cfn-hipaa')!;
      assert.equal(all.edit, undefined, 'no edit computed for the light bulb');
      assert.equal(all.command!.command, 'cfnHipaa.server.fixAll');
      await c.conn.sendRequest('workspace/executeCommand', { command: all.command!.command, arguments: all.command!.arguments });
      const edit = await c.until(() => c.appliedEdits[0], 'workspace/applyEdit');
      const fixed = applyLspEdits(text, editsOf(edit as never, uri));
      await c.change(uri, 2, [{ text: fixed }]);
      assert.deepEqual(await c.diagnostics(uri, 2), []);
    } finally {
      await c.shutdown();
    }
  });
});
