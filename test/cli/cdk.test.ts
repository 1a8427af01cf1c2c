/**
 * `cfn-hipaa lint cdk.out`: a directory holding manifest.json is read as a CDK cloud assembly
 * (stacks, a stage's nested assembly, nested stacks), findings name their construct (message,
 * JSON constructPath, SARIF properties and logical location), CDK's own custom-resource handlers
 * are not flagged, cdk-nag suppressions apply, and a recursive search still skips cdk.out.
 * The bundled dist/cli.js runs in a child process on a copy of test/fixtures/cdk-out.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertValidSarif } from '../helpers/sarif';
import type { CdkSarifLog } from '../helpers/sarif';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/cdk-out');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project: lib/app.yaml (one finding) and the synthesized cdk.out. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-cdk-'));
  cpSync(FIXTURE, path.join(dir, 'cdk.out'), { recursive: true });
  mkdirSync(path.join(dir, 'lib'));
  writeFileSync(path.join(dir, 'lib/app.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n');
  return dir;
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  logicalId: string | null;
  stack?: string;
  constructPath?: string;
  suppressed?: { reason: string; by?: { tool: string; rule: string } };
}

const NESTED = path.join('cdk.out', 'EhrStackAudit1A2B3C4D.nested.template.json');
const MAIN = path.join('cdk.out', 'EhrStack.template.json');
const PROD = path.join('cdk.out', 'assembly-Prod', 'ProdEhrStack1A2B3C4D.template.json');

describe('cfn-hipaa lint cdk.out', () => {
  const dir = project();
  const json = run(['lint', '--format', 'json', '--include-suppressed', 'cdk.out'], dir);
  const findings = JSON.parse(json.stdout) as JsonFinding[];
  const on = (id: string) => findings.filter((f) => f.logicalId === id);

  test('lints every template of the assembly, paths relative to the working directory', () => {
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stderr, '');
    assert.deepEqual([...new Set(findings.map((f) => f.file))].sort(), [MAIN, NESTED, PROD].sort());
    assert.deepEqual([...new Set(findings.map((f) => f.stack))].sort(), ['EhrStack', 'EhrStack/AuditNestedStackAuditNestedStackResource5A6B7C8D', 'Prod-EhrStack']);
  });

  test('the expected findings, each with its construct path in the message and in JSON', () => {
    const summary = findings
      .filter((f) => !f.suppressed)
      .map((f) => `${f.ruleId} ${f.logicalId} ${f.constructPath}`)
      .sort();
    assert.deepEqual(summary, [
      'lambda-environment-encryption IntakeHandler9A8B7C6D EhrStack/IntakeHandler',
      'lambda-in-vpc IntakeHandler9A8B7C6D EhrStack/IntakeHandler',
      'lambda-permission-public IntakeHandlerInvokeAny EhrStack/IntakeHandler',
      's3-bucket-encryption ArchiveStore EhrStack/Archive',
      's3-bucket-encryption RawBucket0C3EE094 EhrStack/RawBucket',
      's3-bucket-encryption UploadsBucket5C6D7E8F Prod/EhrStack/Uploads',
      's3-bucket-public-access-block RawBucket0C3EE094 EhrStack/RawBucket',
      's3-bucket-public-access-block UploadsBucket5C6D7E8F Prod/EhrStack/Uploads',
      's3-bucket-ssl-requests-only ArchiveStore EhrStack/Archive',
      's3-bucket-ssl-requests-only RawBucket0C3EE094 EhrStack/RawBucket',
      's3-bucket-ssl-requests-only UploadsBucket5C6D7E8F Prod/EhrStack/Uploads',
      'sqs-queue-encryption AuditQueue4E5F6A7B EhrStack/Audit/AuditQueue',
      'sqs-queue-ssl-only AuditQueue4E5F6A7B EhrStack/Audit/AuditQueue',
    ]);
    for (const f of findings) assert.ok(f.message.includes(` (construct ${f.constructPath})`), f.message);
  });

  test('tree.json names the L2 construct the user wrote', () => {
    // ArchiveStore's aws:cdk:path is EhrStack/Archive/Store, a CfnBucket inside the user's ArchiveStore construct.
    assert.ok(on('ArchiveStore').every((f) => f.constructPath === 'EhrStack/Archive'));
    // Without the tree, the path itself (no trailing /Resource to drop).
    const text = readFileSync(path.join(FIXTURE, 'EhrStack.template.json'), 'utf8');
    const alone = lint(parse(text, { format: 'json' })).filter((f) => f.logicalId === 'ArchiveStore');
    assert.ok(alone.length > 0 && alone.every((f) => f.constructPath === 'EhrStack/Archive/Store'));
  });

  test("CDK's custom-resource handlers get no lambda-* finding; the user's function does", () => {
    for (const id of ['CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F', 'CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092', 'SingletonLambdaA1B2C3D4E5F6', 'SingletonLambdaInvokeAny']) {
      assert.deepEqual(on(id).map((f) => f.ruleId), [], id);
    }
    assert.deepEqual(on('IntakeHandler9A8B7C6D').map((f) => f.ruleId).sort(), ['lambda-environment-encryption', 'lambda-in-vpc']);
    assert.deepEqual(on('IntakeHandlerInvokeAny').map((f) => f.ruleId), ['lambda-permission-public']);
  });

  test('CDKMetadata and the BootstrapVersion parameter produce no finding', () => {
    assert.deepEqual(findings.filter((f) => f.logicalId === 'CDKMetadata' || f.logicalId === null || f.message.includes('BootstrapVersion')), []);
  });

  test('the cdk-nag suppression applies and says so', () => {
    const s = on('ReportsBucketA1B2C3D4');
    assert.deepEqual(s.map((f) => f.ruleId), ['s3-bucket-ssl-requests-only']);
    assert.deepEqual(s[0].suppressed?.by, { tool: 'cdk-nag', rule: 'HIPAA.Security-S3BucketSSLRequestsOnly' });
    assert.match(s[0].suppressed!.reason, /SEC-311/);
  });

  test('SARIF: template locations, constructPath in properties and as a logical location; valid SARIF', () => {
    const r = run(['lint', '--format', 'sarif', 'cdk.out'], dir);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as CdkSarifLog;
    const results = log.runs[0].results;
    assert.equal(results.length, 13);
    const q = results.find((x) => x.ruleId === 'sqs-queue-encryption')!;
    assert.equal(q.locations[0].physicalLocation.artifactLocation.uri, 'cdk.out/EhrStackAudit1A2B3C4D.nested.template.json');
    assert.equal(q.properties.constructPath, 'EhrStack/Audit/AuditQueue');
    assert.equal(q.properties.stack, 'EhrStack/AuditNestedStackAuditNestedStackResource5A6B7C8D');
    assert.deepEqual(q.locations[0].logicalLocations?.[1], { name: 'AuditQueue', kind: 'module', fullyQualifiedName: 'EhrStack/Audit/AuditQueue' });
    assert.ok(results.every((x) => typeof x.properties.constructPath === 'string'));
    assertValidSarif(log);
  });

  test('text output shows the construct; a recursive lint of the project still skips cdk.out', () => {
    const text = run(['lint', 'cdk.out'], dir);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^cdk\.out\/EhrStack\.template\.json:\d+:\d+ {2}error {2}s3-bucket-ssl-requests-only {2}.*\(construct EhrStack\/RawBucket\)/m);
    assert.match(text.stdout, /13 problems .* in 3 of 3 templates\./);
    const all = run(['lint', '--format', 'json', '.'], dir);
    assert.deepEqual([...new Set((JSON.parse(all.stdout) as JsonFinding[]).map((f) => f.file))], [path.join('lib', 'app.yaml')]);
    // From elsewhere: paths relative to the working directory; a directory with manifest.json inside the named one is still skipped.
    const outside = run(['lint', '--format', 'json', path.join(dir, 'cdk.out', 'assembly-Prod')], path.dirname(dir));
    assert.deepEqual([...new Set((JSON.parse(outside.stdout) as JsonFinding[]).map((f) => f.file))], [path.join(path.basename(dir), PROD)]);
  });

  test('--group-by construct: findings under their stack and construct', () => {
    const r = run(['lint', '--group-by', 'construct', 'cdk.out'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    const at = (s: string) => lines.indexOf(s);
    assert.ok(at(`EhrStack (${MAIN})`) >= 0, r.stdout);
    assert.ok(at('  EhrStack/IntakeHandler') > at(`EhrStack (${MAIN})`));
    assert.match(lines[at('  EhrStack/IntakeHandler') + 1], /^ {4}\d+:\d+ {2}warning {2}lambda-environment-encryption {2}/);
    assert.ok(at(`Prod-EhrStack (${PROD})`) > at(`EhrStack/AuditNestedStackAuditNestedStackResource5A6B7C8D (${NESTED})`));
    assert.ok(at('  Prod/EhrStack/Uploads') > at(`Prod-EhrStack (${PROD})`));
    assert.match(r.stdout, /13 problems .* in 3 of 3 templates\./);
    const bad = run(['lint', '--group-by', 'file', 'cdk.out'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--group-by takes "construct"/);
  });

  test('without aws:cdk:path Metadata (path metadata off), the manifest names the construct', () => {
    const bare = project();
    const file = path.join(bare, MAIN);
    const t = JSON.parse(readFileSync(file, 'utf8')) as { Resources: Record<string, { Metadata?: Record<string, unknown> }> };
    for (const r of Object.values(t.Resources)) delete r.Metadata?.['aws:cdk:path'];
    writeFileSync(file, JSON.stringify(t, null, 1));
    const r = run(['lint', '--format', 'json', 'cdk.out'], bare);
    const raw = (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.logicalId === 'RawBucket0C3EE094');
    assert.ok(raw.length > 0 && raw.every((f) => f.constructPath === 'EhrStack/RawBucket'), r.stdout);
    const archive = (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.logicalId === 'ArchiveStore');
    assert.ok(archive.length > 0 && archive.every((f) => f.constructPath === 'EhrStack/Archive'));
  });

  test('--fix leaves the synthesized templates alone (cdk synth rewrites them) and says so', () => {
    const fixDir = project();
    const before = readFileSync(path.join(fixDir, MAIN), 'utf8');
    const r = run(['lint', '--fix', '--format', 'json', 'cdk.out'], fixDir);
    assert.match(r.stderr, /--fix leaves cloud assembly templates alone/);
    assert.equal(readFileSync(path.join(fixDir, MAIN), 'utf8'), before);
    assert.ok((JSON.parse(r.stdout) as JsonFinding[]).length > 0, 'the findings are still reported');
  });

  test('a broken assembly is an I/O error (exit 2) naming the missing template', () => {
    const broken = project();
    const manifest = path.join(broken, 'cdk.out', 'assembly-Prod', 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('ProdEhrStack1A2B3C4D.template.json', 'Missing.template.json'));
    const r = run(['lint', 'cdk.out'], broken);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cloud assembly cdk\.out: assembly-Prod\/Missing\.template\.json \(template of stack Prod-EhrStack\) does not exist\./);
    assert.match(r.stdout, /in 2 of 2 templates/);
  });
});
