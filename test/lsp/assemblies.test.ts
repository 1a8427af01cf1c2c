/**
 * CDK cloud assemblies in the workspace, as an editor sees them: the server finds every
 * `cdk.out/manifest.json`, lints the assembly in a background worker and publishes findings for its
 * templates without them being opened; a synth (file change + didChangeWatchedFiles) replaces them,
 * a newer synth cancels a running lint, an unchanged assembly is not linted again, the setting
 * `cfnHipaa.cdk.lintAssemblies` turns it off, hover names the construct, and a broken manifest is
 * reported, not fatal. The bundled server (dist/) runs over stdio on a copy of test/fixtures/cdk-out.
 */
import assert from 'node:assert/strict';
import type { AssemblyStatus } from '../../server/src/lsp/protocol';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { generate } from '../bench/generate';
import { TestClient } from './client';
import type { Diagnostic } from './client';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/cdk-out');

type Status = AssemblyStatus;

/** A workspace folder with the fixture assembly at <app>/cdk.out for each app. */
function workspace(apps = ['app']): string {
  const ws = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-asm-'));
  for (const a of apps) {
    mkdirSync(path.join(ws, a), { recursive: true });
    cpSync(FIXTURE, path.join(ws, a, 'cdk.out'), { recursive: true });
  }
  // Not an assembly of the workspace: never looked at.
  mkdirSync(path.join(ws, 'node_modules/pkg/cdk.out'), { recursive: true });
  cpSync(path.join(FIXTURE, 'manifest.json'), path.join(ws, 'node_modules/pkg/cdk.out/manifest.json'));
  return ws;
}

const uriOf = (file: string) => pathToFileURL(file).href;
const summary = (ds: Diagnostic[]) =>
  [...ds].sort((a, b) => a.range.start.line - b.range.start.line || a.code.localeCompare(b.code)).map((d) => `${d.range.start.line}:${d.code}`);

async function status(c: TestClient): Promise<Status[]> {
  return c.conn.sendRequest<Status[]>('cfnHipaa/assemblies');
}

/** Poll the server's assembly status until `pred` holds (a condition, with a deadline). */
async function untilStatus(c: TestClient, pred: (s: Status[]) => boolean, what: string, ms = 20_000): Promise<Status[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await status(c);
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}; stderr: ${c.stderr.slice(-2000)}; logs: ${c.logs.slice(-5).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function of(s: Status[], dir: string): Status {
  const found = s.find((x) => x.dir === dir);
  assert.ok(found, `status for ${dir} in ${JSON.stringify(s)}`);
  return found;
}

function changed(c: TestClient, files: string[], type = 2): Promise<void> {
  return c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uriOf(f), type })) });
}

async function start(ws: string, configuration: Record<string, unknown> = {}): Promise<TestClient> {
  const c = new TestClient();
  c.configuration = configuration;
  await c.initialize({ rootUri: uriOf(ws) });
  return c;
}

describe('CDK cloud assemblies in the workspace', () => {
  const clients: TestClient[] = [];
  const dirs: string[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const setup = async (apps?: string[], configuration?: Record<string, unknown>) => {
    const ws = workspace(apps);
    dirs.push(ws);
    const c = await start(ws, configuration);
    clients.push(c);
    return { ws, c };
  };

  test('after initialize: findings for every template of the assembly, unopened, at the resource, naming the construct', async () => {
    const { ws, c } = await setup();
    const out = path.join(ws, 'app/cdk.out');
    const stack = path.join(out, 'EhrStack.template.json');
    const nested = path.join(out, 'EhrStackAudit1A2B3C4D.nested.template.json');
    const stage = path.join(out, 'assembly-Prod/ProdEhrStack1A2B3C4D.template.json');
    const d = await c.diagnostics(uriOf(stack));
    assert.deepEqual(summary(d), ['2:s3-bucket-encryption', '12:s3-bucket-encryption', '262:lambda-environment-encryption', '262:lambda-in-vpc', '297:lambda-permission-public']);
    const raw = d.find((x) => x.range.start.line === 2)!;
    assert.equal(readFileSync(stack, 'utf8').split('\n')[2].slice(raw.range.start.character, raw.range.end.character), '"RawBucket0C3EE094"', 'the range is the resource');
    assert.match(raw.message, /\(construct EhrStack\/RawBucket\)/);
    assert.equal(raw.source, 'cfn-hipaa');
    assert.deepEqual(summary(await c.diagnostics(uriOf(nested))), ['5:sqs-queue-encryption']);
    assert.deepEqual(summary(await c.diagnostics(uriOf(stage))), ['2:s3-bucket-encryption']);
    const s = await untilStatus(c, (x) => x.length === 1 && x[0].completed === 1, 'first run');
    assert.equal(s[0].dir, out, 'node_modules is not searched');
    assert.equal(s[0].templates, 3);
    assert.equal(s[0].cancelled, 0);
  });

  test('a synth (files rewritten, manifest change notified) replaces the findings; templates gone from the assembly are cleared', async () => {
    const { ws, c } = await setup();
    const out = path.join(ws, 'app/cdk.out');
    const stack = path.join(out, 'EhrStack.template.json');
    const stage = path.join(out, 'assembly-Prod/ProdEhrStack1A2B3C4D.template.json');
    await untilStatus(c, (x) => x[0]?.completed === 1, 'first run');
    assert.equal((await c.diagnostics(uriOf(stage))).length, 1);
    // The new synth: RawBucket gets encryption, the Prod stage is gone.
    const t = JSON.parse(readFileSync(stack, 'utf8'));
    t.Resources.RawBucket0C3EE094.Properties = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } };
    writeFileSync(stack, JSON.stringify(t, null, 1));
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    delete m.artifacts['assembly-Prod'];
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(m, null, 1));
    const before = c.published.length;
    await changed(c, [path.join(out, 'manifest.json')]);
    await untilStatus(c, (x) => x[0].completed === 2, 'second run');
    const after = c.published.slice(before);
    const latest = (f: string) => after.filter((p) => p.uri === uriOf(f)).at(-1)?.diagnostics;
    assert.ok(!summary(latest(stack)!).includes('2:s3-bucket-encryption'), 'RawBucket is encrypted now');
    assert.ok(summary(latest(stack)!).some((x) => x.endsWith(':s3-bucket-encryption')), 'ArchiveStore is not');
    assert.deepEqual(latest(stage), [], 'the stage left the assembly: its findings are cleared');
    assert.equal((await status(c))[0].templates, 2);
  });

  test('a burst of change events is one run; a newer synth cancels the running lint and only its result is published', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-asm-big-'));
    dirs.push(ws);
    const out = path.join(ws, 'cdk.out');
    mkdirSync(out);
    const manifest = path.join(out, 'manifest.json');
    const template = path.join(out, 'Big.template.json');
    writeFileSync(manifest, JSON.stringify({ version: '36.0.0', artifacts: { Big: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Big.template.json' } } } }));
    const small = (bucket: string) => JSON.stringify({ Resources: { [bucket]: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': `Big/${bucket}/Resource` } } } }, null, 1);
    writeFileSync(template, small('First'));
    const c = await start(ws);
    clients.push(c);
    await untilStatus(c, (x) => x[0]?.completed === 1, 'first run');

    // Three events within a few milliseconds (synth writes many files): one lint.
    writeFileSync(template, small('Second'));
    await changed(c, [manifest]);
    await changed(c, [template]);
    await changed(c, [manifest]);
    let s = await untilStatus(c, (x) => x[0].completed === 2, 'the burst run');
    assert.equal(s[0].started, 2, 'the burst started one run');
    assert.match((await c.diagnostics(uriOf(template)))[0].message, /Second/);

    // A large synth is being linted when a newer one lands: the first is cancelled.
    writeFileSync(template, JSON.stringify(generate(2500, true), null, 1));
    const before = c.published.length;
    await changed(c, [manifest]);
    await untilStatus(c, (x) => x[0].running, 'the large lint to run');
    writeFileSync(template, small('Third'));
    await changed(c, [manifest]);
    s = await untilStatus(c, (x) => x[0].completed === 3 && !x[0].running && !x[0].pending, 'the last run', 60_000);
    assert.equal(s[0].cancelled, 1, 'the superseded run was cancelled');
    assert.equal(s[0].started, 4);
    const published = c.published.slice(before).filter((p) => p.uri === uriOf(template));
    assert.equal(published.length, 1, 'nothing of the cancelled run was published');
    assert.deepEqual(published[0].diagnostics.map((d) => d.code), ['s3-bucket-encryption']);
    assert.match(published[0].diagnostics[0].message, /Third/);
  });

  test('only the assemblies that changed are linted again', async () => {
    const { ws, c } = await setup(['one', 'two']);
    const one = path.join(ws, 'one/cdk.out');
    const two = path.join(ws, 'two/cdk.out');
    await untilStatus(c, (x) => x.length === 2 && x.every((a) => a.completed === 1), 'both assemblies');
    const twoStack = uriOf(path.join(two, 'EhrStack.template.json'));
    const before = c.published.length;
    // A synth rewrites one/ (changed) and two/ (same output): both manifests are notified.
    const stack = path.join(one, 'EhrStack.template.json');
    writeFileSync(stack, readFileSync(stack, 'utf8').replace('"RawBucket0C3EE094"', '"RawBucketRenamed"'));
    writeFileSync(path.join(two, 'manifest.json'), readFileSync(path.join(two, 'manifest.json')));
    await changed(c, [path.join(one, 'manifest.json'), path.join(two, 'manifest.json')]);
    const s = await untilStatus(c, (x) => of(x, one).completed === 2 && of(x, two).unchanged === 1, 'one re-linted, two checked');
    assert.equal(of(s, two).completed, 1, 'two was not linted again');
    assert.ok(!c.published.slice(before).some((p) => p.uri === twoStack), 'nor republished');
    assert.ok(c.published.slice(before).some((p) => p.uri === uriOf(stack) && p.diagnostics.some((d) => /RawBucketRenamed/.test(d.message))));

    // A workspace config file change: every assembly is checked, and re-linted since its config changed.
    writeFileSync(path.join(ws, '.cfn-hipaa.yaml'), 'rules:\n  s3-bucket-encryption: off\n');
    await changed(c, [path.join(ws, '.cfn-hipaa.yaml')], 1);
    await untilStatus(c, (x) => of(x, one).completed === 3 && of(x, two).completed === 2, 'both re-linted with the new config');
    assert.ok(!(await c.diagnostics(twoStack)).some((d) => d.code === 's3-bucket-encryption'), 'the workspace config applies to assembly templates');
  });

  test('cfnHipaa.cdk.lintAssemblies off clears the published findings; on publishes them again; cfnHipaa.exclude leaves templates out', async () => {
    const { ws, c } = await setup();
    const stack = uriOf(path.join(ws, 'app/cdk.out/EhrStack.template.json'));
    assert.equal((await c.diagnostics(stack)).length, 5);
    c.configuration = { cdk: { lintAssemblies: false } };
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.until(() => c.published.slice(before).some((p) => p.uri === stack && p.diagnostics.length === 0), 'cleared');
    c.configuration = {};
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.until(() => c.published.slice(before).some((p) => p.uri === stack && p.diagnostics.length === 5), 'published again');

    // cfnHipaa.exclude applies to assembly templates one by one.
    const stage = uriOf(path.join(ws, 'app/cdk.out/assembly-Prod/ProdEhrStack1A2B3C4D.template.json'));
    await untilStatus(c, (x) => x[0].completed === 2 && !x[0].running && !x[0].pending, 'the run after turning it on');
    const mark = c.published.length;
    c.configuration = { exclude: ['**/assembly-Prod/**'] };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await untilStatus(c, (x) => x[0].completed === 3, 'the run with the exclude');
    assert.deepEqual(c.latest(stage)?.diagnostics, [], 'the excluded stage template is cleared');
    assert.ok(!c.published.slice(mark).some((p) => p.uri === stack && p.diagnostics.length !== 5), 'the others keep their findings');
  });

  test('opening an assembly template shows the same findings (no flicker); hover names the construct; closing keeps them', async () => {
    const { ws, c } = await setup();
    const file = path.join(ws, 'app/cdk.out/EhrStack.template.json');
    const uri = uriOf(file);
    const background = await c.diagnostics(uri);
    await untilStatus(c, (x) => x[0]?.completed === 1, 'first run');
    await c.open(uri, readFileSync(file, 'utf8'), 'json', 1);
    const opened = await c.diagnostics(uri, 1);
    assert.deepEqual(opened.map((d) => [d.code, d.message, d.range]), background.map((d) => [d.code, d.message, d.range]));

    const hover = (line: number, character: number) => c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const onFinding = await hover(2, 5); // "RawBucket0C3EE094"
    assert.match(onFinding!.contents.value, /\*\*CDK construct:\*\* `EhrStack\/RawBucket`/);
    // A resource without findings: the hover still says which construct made it.
    const lines = readFileSync(file, 'utf8').split('\n');
    const keyLine = lines.findIndex((l) => l.includes('"ReportsKey5E8F1A2B": {'));
    assert.ok(keyLine > 0);
    const clean = await hover(keyLine, lines[keyLine].indexOf('ReportsKey') + 2);
    assert.match(clean!.contents.value, /no HIPAA findings on `ReportsKey5E8F1A2B`[\s\S]*\*\*CDK construct:\*\* `EhrStack\/ReportsKey`/);

    const before = c.published.length;
    await c.close(uri);
    const closed = (await c.until(() => c.published.slice(before).find((p) => p.uri === uri), 'diagnostics after close')).diagnostics;
    assert.deepEqual(summary(closed), summary(background), 'the Problems panel keeps the assembly findings');
  });

  test('a malformed manifest.json is reported on the file and in the log; the server keeps serving; deleting it clears', async () => {
    const { ws, c } = await setup();
    const out = path.join(ws, 'app/cdk.out');
    const manifest = path.join(out, 'manifest.json');
    const stack = uriOf(path.join(out, 'EhrStack.template.json'));
    await untilStatus(c, (x) => x[0]?.completed === 1, 'first run');
    writeFileSync(manifest, '{ "version": "36.0.0", "artifacts": {');
    const before = c.published.length;
    await changed(c, [manifest]);
    const d = await c.until(() => c.published.slice(before).find((p) => p.uri === uriOf(manifest))?.diagnostics, 'a diagnostic on manifest.json');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 1);
    assert.match(d[0].message, /manifest\.json is not valid JSON/);
    assert.ok(c.logs.some((l) => /cloud assembly .*manifest\.json is not valid JSON/.test(l)));
    assert.deepEqual(c.latest(stack)?.diagnostics, [], 'no stale findings for an assembly that cannot be read');
    // Still serving: a document is linted.
    await c.open('file:///elsewhere/q.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n');
    assert.deepEqual((await c.diagnostics('file:///elsewhere/q.yaml', 1)).map((x) => x.code), ['sqs-queue-encryption']);
    assert.equal((await status(c))[0].failed, 0);

    // Fixed by the next synth, then cdk.out removed.
    cpSync(path.join(FIXTURE, 'manifest.json'), manifest);
    await changed(c, [manifest]);
    await c.until(() => (c.latest(uriOf(manifest))?.diagnostics.length === 0 && (c.latest(stack)?.diagnostics.length ?? 0) > 0) || undefined, 'fixed');
    // rm -rf cdk.out: a file watcher reports the folder's deletion only.
    rmSync(out, { recursive: true });
    await changed(c, [out], 3);
    await c.until(() => c.latest(stack)?.diagnostics.length === 0 || undefined, 'cleared after delete');
    await untilStatus(c, (x) => x.length === 0, 'the assembly forgotten');
  });
});
