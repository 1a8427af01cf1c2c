/**
 * The CLI as users run it: the bundled dist/cli.js in a child process, on copies of the examples.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/engine/parse';
import { runCli } from '../../server/src/cli/run';
import type { CliIO } from '../../server/src/cli/run';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
/** A bare SNS topic also lacks a TLS-only policy: these tests are about the encryption-at-rest finding. */
const ONLY_AT_REST = ['--rule', 'sns-topic-ssl-only=off'];
const EXAMPLE = readFileSync(path.join(ROOT, 'examples/phi-storage.yaml'), 'utf8');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-cli-'));
  cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  logicalId: string | null;
  resourceType: string | null;
  path: (string | number)[];
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  citations: string[];
  fixable: boolean;
  suppressed?: { reason: string; scope?: string; by?: { tool: string; rule: string } };
}

function slice(text: string, r: JsonFinding['range']): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(r.start), offset(r.end));
}

/** The text of one resource (its key line to the line before the next resource). */
function resourceText(text: string, id: string): string {
  const doc = parse(text, { format: 'yaml' });
  const loc = doc.sourceMap.locate(['Resources', id]);
  return text.slice(loc.key.start, loc.value.end);
}

describe('cfn-hipaa CLI', () => {
  test('--help and --version', () => {
    const dir = workdir();
    const help = run(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: cfn-hipaa lint/);
    assert.match(help.stdout, /--format <text\|json\|sarif>/);
    const version = run(['--version'], dir);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  test('usage errors exit 2 with a clear message', () => {
    const dir = workdir();
    for (const [args, pattern] of [
      [[], /Usage/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['lint'], /at least one file/],
      [['lint', '--format', 'xml', 'examples'], /unknown format "xml"/],
      [['lint', '--rule', 'nope=off', 'examples'], /no rule "nope"/],
      [['lint', '--rule', 's3-bucket-encryption=loud', 'examples'], /--rule takes/],
      [['lint', '--unsafe-fixes', 'examples'], /only makes sense with --fix/],
      [['lint', '--bogus', 'examples'], /Unknown option/],
    ] as [string[], RegExp][]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')} should exit 2`);
      assert.match(r.stderr, pattern, args.join(' '));
    }
  });

  test('JSON: exactly the right findings at the right ranges (bucket, Aurora cluster, queue from a parameter default)', () => {
    const dir = workdir();
    const r = run(['lint', '--format', 'json', 'examples/phi-storage.yaml'], dir);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.logicalId, f.resourceType, f.path.join('.'), slice(EXAMPLE, f.range), f.fixable]),
      [
        ['s3-bucket-encryption', 'warning', 'IntakeBucket', 'AWS::S3::Bucket', 'Resources.IntakeBucket.Properties.BucketEncryption', 'Properties', true],
        ['sqs-queue-encryption', 'error', 'IntakeQueue', 'AWS::SQS::Queue', 'Resources.IntakeQueue.Properties.SqsManagedSseEnabled', '!Ref QueueEncryption', true],
        ['rds-storage-encryption', 'error', 'RecordsCluster', 'AWS::RDS::DBCluster', 'Resources.RecordsCluster.Properties.StorageEncrypted', 'Properties', false],
      ],
    );
    for (const f of findings) {
      assert.equal(f.file, 'examples/phi-storage.yaml');
      assert.ok(f.citations.includes('164.312(a)(2)(iv)'));
      assert.equal(f.suppressed, undefined);
    }
    // The Aurora member instance inherits from its cluster: no finding of its own.
    assert.ok(!findings.some((f) => f.logicalId === 'RecordsInstance'));
    assert.match(findings[1].message, /Default of parameter QueueEncryption/);
  });

  test('text format: file:line:col  severity  rule-id  message (citations), and a summary', () => {
    const dir = workdir();
    const r = run(['lint', 'examples'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const findingLines = lines.filter((l) => l.startsWith('examples/'));
    assert.equal(findingLines.length, 3);
    for (const l of findingLines) {
      assert.match(l, /^examples\/phi-storage\.yaml:\d+:\d+ {2}(error|warning|info) {2}[a-z0-9-]+ {2}.+ \(164\.312\(a\)\(2\)\(iv\), 164\.312\(e\)\(2\)\(ii\)(, 164\.312\(c\)\(2\))?\)$/);
    }
    assert.equal(findingLines[1].split('  ')[0], 'examples/phi-storage.yaml:33:29');
    assert.match(lines[lines.length - 1], /3 problems \(2 errors, 1 warning, 0 info\) in 1 of 2 templates\. 2 fixable with --fix\. 1 more with --unsafe-fixes/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colors when stdout is not a terminal');
  });

  test('--fix applies safe fixes in place, touches nothing else, and reports what remains', () => {
    const dir = workdir();
    const file = path.join(dir, 'examples/phi-storage.yaml');
    const r = run(['lint', '--fix', '--format', 'json', 'examples/phi-storage.yaml'], dir);
    assert.equal(r.code, 1, 'the Aurora cluster (replacement) remains an error');
    const remaining = JSON.parse(r.stdout) as JsonFinding[];
    assert.deepEqual(remaining.map((f) => f.ruleId), ['rds-storage-encryption']);
    const fixed = readFileSync(file, 'utf8');
    assert.deepEqual(parse(fixed, { format: 'yaml' }).problems, []);
    // Everything outside the two fixed resources is byte-for-byte the same.
    const strip = (t: string) => t.replace(resourceText(t, 'IntakeBucket'), '<bucket>').replace(resourceText(t, 'IntakeQueue'), '<queue>');
    assert.equal(strip(fixed), strip(EXAMPLE));
    assert.match(resourceText(fixed, 'IntakeBucket'), /SSEAlgorithm: aws:kms\n\s+KMSMasterKeyID: !GetAtt PhiKey\.Arn/);
    assert.match(resourceText(fixed, 'IntakeQueue'), /KmsMasterKeyId: !GetAtt PhiKey\.Arn/);

    // --unsafe-fixes also applies the replacement, after which the template is clean.
    const r2 = run(['lint', '--fix', '--unsafe-fixes', 'examples/phi-storage.yaml'], dir);
    assert.equal(r2.code, 0, r2.stdout);
    assert.match(r2.stdout, /Fixed 1 problem\. No problems in 1 template\./);
    assert.match(r2.stdout, /^examples\/phi-storage\.yaml:45:5  fixed  rds-storage-encryption  Encrypt with customer managed KMS key PhiKey \(replaces the resource if it is already deployed\)$/m);
    const clean = run(['lint', '--format', 'json', 'examples/phi-storage.yaml'], dir);
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);

    // A clean file is not rewritten.
    const before = statSync(file).mtimeMs;
    const again = run(['lint', '--fix', 'examples/phi-storage.yaml'], dir);
    assert.equal(again.code, 0);
    assert.equal(statSync(file).mtimeMs, before);
    assert.doesNotMatch(again.stdout, /Fixed/);
  });

  test('--fix keeps a JSON template\'s indentation', () => {
    const dir = workdir();
    const file = path.join(dir, 'q.json');
    const original = '{\n    "Resources": {\n        "Key": { "Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": { "EnableKeyRotation": true } },\n        "Topic": {\n            "Type": "AWS::SNS::Topic"\n        }\n    }\n}\n';
    writeFileSync(file, original);
    const r = run(['lint', '--fix', 'q.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(
      readFileSync(file, 'utf8'),
      '{\n    "Resources": {\n        "Key": { "Type": "AWS::KMS::Key", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": { "EnableKeyRotation": true } },\n        "Topic": {\n            "Type": "AWS::SNS::Topic",\n            "Properties": {\n                "KmsMasterKeyId": {\n                    "Fn::GetAtt": [\n                        "Key",\n                        "Arn"\n                    ]\n                }\n            }\n        }\n    }\n}\n',
    );
  });

  test('an unreadable or missing file is named, exit 2, and the other files are still linted', () => {
    const dir = workdir();
    const locked = path.join(dir, 'locked.yaml');
    writeFileSync(locked, EXAMPLE);
    chmodSync(locked, 0o000);
    const canRead = (() => {
      try {
        readFileSync(locked);
        return true; // running as root: permissions don't apply
      } catch {
        return false;
      }
    })();
    const r = run(['lint', '--format', 'json', 'missing.yaml', 'examples/phi-storage.yaml', ...(canRead ? [] : ['locked.yaml'])], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read missing\.yaml|Cannot read missing\.yaml/);
    if (!canRead) assert.match(r.stderr, /cannot read locked\.yaml: EACCES/);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.equal(findings.length, 3, 'phi-storage.yaml was still linted');
  });

  test('directories are walked: node_modules, hidden folders and non-templates are skipped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-walk-'));
    const bad = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n';
    mkdirSync(path.join(dir, 'infra/nested'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, 'infra/nested/topic.yml'), bad);
    writeFileSync(path.join(dir, 'infra/topic.template'), JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }));
    writeFileSync(path.join(dir, 'node_modules/pkg/t.yaml'), bad);
    writeFileSync(path.join(dir, '.git/t.yaml'), bad);
    writeFileSync(path.join(dir, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x","version":"1.0.0"}');
    writeFileSync(path.join(dir, 'workflow.yml'), 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.code, 1);
    const files = [...new Set((JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.file))].sort();
    assert.deepEqual(files, ['infra/nested/topic.yml', 'infra/topic.template']);
    assert.equal(r.stderr, '', 'non-templates found by walking are skipped silently');
    const globbed = run(['lint', '--format', 'json', 'infra/**/*.yml'], dir);
    assert.deepEqual([...new Set((JSON.parse(globbed.stdout) as JsonFinding[]).map((f) => f.file))], ['infra/nested/topic.yml']);
    const named = run(['lint', 'deployment.yaml'], dir);
    assert.equal(named.code, 0);
    assert.match(named.stderr, /deployment\.yaml is not a CloudFormation template; skipped/);
  });

  test('a broken template yields a parse finding at the error; other files are still linted', () => {
    const dir = workdir();
    writeFileSync(path.join(dir, 'broken.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: "x"\n');
    const r = run(['lint', '--format', 'json', 'broken.yaml', 'examples/compliant.yaml'], dir);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const parseErrors = findings.filter((f) => f.ruleId === 'parse-error');
    assert.ok(parseErrors.length >= 1);
    assert.equal(parseErrors[0].file, 'broken.yaml');
    // The unclosed flow mapping is reported where it opens (line 4, column 17), not at the end of the file.
    assert.deepEqual(parseErrors[0].range.start, { line: 3, character: 16 });
    assert.match(parseErrors[0].message, /opens here/);
  });

  test('suppressed findings are hidden, shown with --include-suppressed (with their reason)', () => {
    const dir = workdir();
    writeFileSync(
      path.join(dir, 's.yaml'),
      'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-hipaa:\n        suppress:\n          - rule: sns-topic-encryption\n            reason: Public status page notifications, no PHI\n',
    );
    const hidden = run(['lint', '--format', 'json', ...ONLY_AT_REST, 's.yaml'], dir);
    assert.equal(hidden.code, 0);
    assert.deepEqual(JSON.parse(hidden.stdout), []);
    const shown = run(['lint', '--format', 'json', '--include-suppressed', ...ONLY_AT_REST, 's.yaml'], dir);
    assert.equal(shown.code, 0, 'suppressed errors do not fail the run');
    const findings = JSON.parse(shown.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.ruleId, f.suppressed]), [['sns-topic-encryption', { reason: 'Public status page notifications, no PHI', scope: 'resource' }]]);
    const text = run(['lint', ...ONLY_AT_REST, 's.yaml'], dir);
    assert.match(text.stdout, /1 suppressed \(--include-suppressed to show\)/);
  });

  test('a cdk-nag suppression of the equivalent rule applies, and every format says which one', () => {
    const dir = workdir();
    writeFileSync(
      path.join(dir, 'n.yaml'),
      'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: HIPAA.Security-SNSEncryptedKMS\n            reason: Build notifications only, no PHI\n',
    );
    assert.deepEqual(JSON.parse(run(['lint', '--format', 'json', ...ONLY_AT_REST, 'n.yaml'], dir).stdout), []);
    const shown = run(['lint', '--format', 'json', '--include-suppressed', ...ONLY_AT_REST, 'n.yaml'], dir);
    assert.deepEqual((JSON.parse(shown.stdout) as JsonFinding[]).map((f) => f.suppressed), [
      { reason: 'Build notifications only, no PHI', scope: 'resource', by: { tool: 'cdk-nag', rule: 'HIPAA.Security-SNSEncryptedKMS' } },
    ]);
    const sarif = JSON.parse(run(['lint', '--format', 'sarif', '--include-suppressed', ...ONLY_AT_REST, 'n.yaml'], dir).stdout);
    assert.deepEqual(sarif.runs[0].results[0].suppressions, [{ kind: 'inSource', justification: 'Build notifications only, no PHI', properties: { tool: 'cdk-nag', rule: 'HIPAA.Security-SNSEncryptedKMS' } }]);
    assert.match(run(['lint', '--include-suppressed', '--no-color', ...ONLY_AT_REST, 'n.yaml'], dir).stdout, /suppressed by cdk-nag HIPAA\.Security-SNSEncryptedKMS: Build notifications only/);
  });

  test('findings outside PHI scope are left out (and do not fail the run) unless --include-out-of-scope', () => {
    const dir = workdir();
    // A security group in a stack marked as holding no PHI: the default-VPC finding is out of scope.
    writeFileSync(
      path.join(dir, 'tools.yaml'),
      'Metadata:\n  cfn-hipaa:\n    phi: false\nResources:\n  Build:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      StorageEncrypted: true\n      KmsKeyId: alias/build-key\n      DBParameterGroupName: !ImportValue shared-pg\n',
    );
    const hidden = run(['lint', '--format', 'json', 'tools.yaml'], dir);
    const visible = (JSON.parse(hidden.stdout) as JsonFinding[]).map((f) => f.ruleId);
    assert.ok(!visible.includes('vpc-default-vpc-placement'), visible.join(', '));
    const text = run(['lint', '--no-color', 'tools.yaml'], dir);
    assert.match(text.stdout, /\d+ outside PHI scope \(--include-out-of-scope to show\)/);
    assert.equal(text.code, 0, 'out-of-scope errors do not fail the run');
    const shown = JSON.parse(run(['lint', '--format', 'json', '--include-out-of-scope', 'tools.yaml'], dir).stdout) as (JsonFinding & { outOfScope?: string })[];
    const placement = shown.find((f) => f.ruleId === 'vpc-default-vpc-placement');
    assert.match(placement?.outOfScope ?? '', /template is marked phi: false/);
    const sarif = JSON.parse(run(['lint', '--format', 'sarif', '--include-out-of-scope', 'tools.yaml'], dir).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'vpc-default-vpc-placement');
    assert.equal(result.suppressions[0].kind, 'external');
    assert.match(run(['lint', '--no-color', '--include-out-of-scope', 'tools.yaml'], dir).stdout, /out of scope {2}vpc-default-vpc-placement .*\[outside PHI scope: the template is marked phi: false in its Metadata\]/);
  });

  test('--rule overrides severity or turns a rule off', () => {
    const dir = workdir();
    const off = run(['lint', '--format', 'json', '--rule', 'rds-storage-encryption=off', '--rule', 'sqs-queue-encryption=warning', 'examples/phi-storage.yaml'], dir);
    assert.equal(off.code, 0);
    assert.deepEqual((JSON.parse(off.stdout) as JsonFinding[]).map((f) => [f.ruleId, f.severity]), [
      ['s3-bucket-encryption', 'warning'],
      ['sqs-queue-encryption', 'warning'],
    ]);
  });

  test('a UTF-8 byte order mark is accepted and kept by --fix', () => {
    const dir = workdir();
    const file = path.join(dir, 'bom.yaml');
    writeFileSync(file, '\ufeffResources:\n  Key:\n    Type: AWS::KMS::Key\n  Topic:\n    Type: AWS::SNS::Topic\n');
    const r = run(['lint', '--fix', 'bom.yaml'], dir);
    assert.equal(r.code, 0, r.stdout);
    const out = readFileSync(file, 'utf8');
    assert.ok(out.startsWith('\ufeffResources:'));
    assert.match(out, /KmsMasterKeyId:/);
  });

  test('-o writes the report to a file', () => {
    const dir = workdir();
    const r = run(['lint', '--format', 'sarif', '-o', 'report.sarif', 'examples'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 3);
  });
});

describe('config file', () => {
  test('the nearest .cfn-hipaa.yaml applies; --rule flags win; exclude skips files; --no-config ignores it', () => {
    const dir = workdir();
    writeFileSync(path.join(dir, '.cfn-hipaa.yaml'), 'rules:\n  s3-bucket-encryption: off\n  sqs-queue-encryption: warning\nexclude:\n  - "legacy/**"\n');
    mkdirSync(path.join(dir, 'legacy'));
    writeFileSync(path.join(dir, 'legacy/old.yaml'), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    const rules = (args: string[]) => (JSON.parse(run(['lint', '--format', 'json', ...args], dir).stdout) as JsonFinding[]).map((f) => `${f.ruleId}:${f.severity}`);
    assert.deepEqual(rules(['examples/phi-storage.yaml', 'legacy']), ['sqs-queue-encryption:warning', 'rds-storage-encryption:error']);
    assert.deepEqual(rules(['--rule', 'sqs-queue-encryption=error', 'examples/phi-storage.yaml']), ['sqs-queue-encryption:error', 'rds-storage-encryption:error']);
    assert.deepEqual(rules(['--no-config', 'legacy']), ['sns-topic-encryption:error', 'sns-topic-ssl-only:warning']);
    // A config in a sub-folder governs the templates below it.
    writeFileSync(path.join(dir, 'examples/.cfn-hipaa.json'), '{"rules": {"rds-storage-encryption": "off"}}');
    assert.deepEqual(rules(['examples/phi-storage.yaml']), ['s3-bucket-encryption:warning', 'sqs-queue-encryption:error']);
  });

  test('a malformed config file is reported with its line and exits 2', () => {
    const dir = workdir();
    writeFileSync(path.join(dir, '.cfn-hipaa.yaml'), 'rules:\n  s3-bucket-encryption: loud\n');
    const r = run(['lint', 'examples/phi-storage.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.cfn-hipaa\.yaml:2: s3-bucket-encryption: use error, warning, info or off\./);
    const explicit = run(['lint', '--config', 'nope.yaml', 'examples'], dir);
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /cannot read config nope\.yaml: ENOENT/);
  });
});

describe('colors', () => {
  const io = (env: Record<string, string | undefined>, out: string[]): CliIO => ({
    cwd: ROOT,
    env,
    stdout: (s) => out.push(s),
    stderr: () => undefined,
    stdoutIsTTY: true,
    stderrIsTTY: false,
    version: '0.0.0',
  });

  test('colors on a terminal, none with NO_COLOR or --no-color', async () => {
    const colored: string[] = [];
    assert.equal(await runCli(['lint', 'examples/phi-storage.yaml'], io({}, colored)), 1);
    assert.match(colored.join(''), /\x1b\[31merror/);
    const plain: string[] = [];
    await runCli(['lint', 'examples/phi-storage.yaml'], io({ NO_COLOR: '1' }, plain));
    assert.doesNotMatch(plain.join(''), /\x1b\[/);
    const flag: string[] = [];
    await runCli(['lint', '--no-color', 'examples/phi-storage.yaml'], io({}, flag));
    assert.doesNotMatch(flag.join(''), /\x1b\[/);
  });
});
