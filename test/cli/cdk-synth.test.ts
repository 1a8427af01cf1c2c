/**
 * `cfn-hipaa lint` on real `aws-cdk-lib` synth output: test/fixtures/cdk-synth, the committed cloud
 * assembly of the app in test/fixtures/cdk-app (regenerate: scripts/synth-cdk-fixture.mjs; the
 * slow test cdk-synth-fresh.test.ts checks it is current). No synth here.
 *
 * The app: EhrData (VPC with CDK's default-security-group lock-down and flow logs, a KMS key, S3
 * buckets with and without their secure options, a Kinesis stream on CDK's region condition),
 * EhrApp (uses EhrData's VPC, key and bucket through Export / Fn::ImportValue; RDS, Lambda, logs,
 * SQS, SNS, an AwsCustomResource, a bucket policy for EhrData's bucket; a nested stack with a nested-stack parameter),
 * EhrReports (Fn::GetStackOutput, the reference CDK's recommended flags write).
 *
 * The assembly is linted as one unit: the cross-stack tests at the end pin what resolving
 * Fn::ImportValue, Fn::GetStackOutput and nested-stack parameters gives; the exact list of
 * findings holds only what remains once they are resolved.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertValidSarif } from '../helpers/sarif';
import type { CdkSarifLog } from '../helpers/sarif';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const DIR = 'test/fixtures/cdk-synth';
const FILES = {
  data: `${DIR}/EhrData.template.json`,
  app: `${DIR}/EhrApp.template.json`,
  nested: `${DIR}/EhrAppStorage226B389E.nested.template.json`,
  reports: `${DIR}/EhrReports.template.json`,
};
const NESTED_STACK = 'EhrApp/StorageNestedStackStorageNestedStackResource9807768E';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A copy of the fixture (same relative paths) whose nested stack's DynamoDB table has lost its
 * SSESpecification: the fixture's nested stack is clean, and the output tests need a finding there.
 */
function withNestedFinding(): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cfn-hipaa-cdk-synth-'));
  cpSync(path.join(ROOT, DIR), path.join(tmp, DIR), { recursive: true });
  const file = path.join(tmp, FILES.nested);
  const t = JSON.parse(readFileSync(file, 'utf8')) as Template;
  const table = Object.values(t.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table')!;
  delete table.Properties!.SSESpecification;
  writeFileSync(file, JSON.stringify(t, null, 1));
  return tmp;
}

interface JsonFinding {
  file: string;
  ruleId: string;
  messageId?: string;
  severity: string;
  message: string;
  logicalId: string | null;
  stack?: string;
  constructPath?: string;
  outOfScope?: unknown;
  suppressed?: unknown;
}

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> } & Record<string, unknown>;
const template = (file: string): Template => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Template;

/** The construct paths of the fixture's resources (aws:cdk:path without a trailing /Resource or /Default). */
const CONSTRUCTS = new Set(
  Object.values(FILES).flatMap((f) => Object.values(template(f).Resources).map((r) => String((r.Metadata ?? {})['aws:cdk:path'] ?? '').replace(/\/(Resource|Default)$/, ''))),
);

/** `ruleId severity constructPath`: what a finding is, independent of line numbers and wording. */
const key = (f: JsonFinding) => `${f.ruleId} ${f.severity} ${f.constructPath}`;


describe('cfn-hipaa lint on real cdk synth output (test/fixtures/cdk-synth)', () => {
  const json = run(['lint', '--format', 'json', '--include-suppressed', '--include-out-of-scope', DIR]);
  const findings = JSON.parse(json.stdout) as JsonFinding[];
  const on = (constructPath: string) => findings.filter((f) => f.constructPath === constructPath);
  const onId = (logicalId: string) => findings.filter((f) => f.logicalId === logicalId);

  test('reads the assembly: three stacks and the nested stack, paths relative to the working directory', () => {
    assert.equal(json.code, 1, json.stderr); // errors remain (the insecure variants)
    assert.equal(json.stderr, '');
    // The nested stack and EhrReports are clean once cross-stack references resolve.
    assert.deepEqual([...new Set(findings.map((f) => f.file))].sort(), [FILES.app, FILES.data].sort());
    assert.deepEqual([...new Set(findings.map((f) => f.stack))].sort(), ['EhrApp', 'EhrData']);
    assert.match(run(['lint', DIR]).stdout, / in 2 of 4 templates\./);
    for (const f of findings) {
      assert.equal(typeof f.constructPath, 'string', `${f.ruleId} ${f.logicalId} has no constructPath`);
      assert.ok(f.message.includes(` (construct ${f.constructPath})`), f.message);
    }
    assert.deepEqual(findings.filter((f) => f.suppressed || f.outOfScope).map(key), []);
  });

  test('the findings: rule id, severity and construct path', () => {
    const settled = findings.map(key).sort();
    assert.deepEqual(settled, [
      // EhrData: the bucket with none of the L2's secure options.
      's3-bucket-encryption warning EhrData/InsecureBucket',
      's3-bucket-public-access-block warning EhrData/InsecureBucket',
      's3-bucket-ssl-requests-only error EhrData/InsecureBucket',
      // EhrData: Kinesis' default encryption is the AWS managed key (outside China regions).
      'kinesis-stream-encryption warning EhrData/EventStream',
      // EhrApp: the unencrypted DB, and the L2 default secret of the DB (aws/secretsmanager).
      'rds-storage-encryption error EhrApp/InsecureDb',
      'secretsmanager-secret-encryption warning EhrApp/InsecureDb/Secret',
      // EhrApp: the log group the Lambda L2 creates has no KMS key.
      'logs-log-group-encryption warning EhrApp/Handler/LogGroup',
      // EhrApp: so has the one of CDK's AwsCustomResource handler, which logs the SDK responses
      // (Logging.all() by default); AwsCustomResource's logGroup option takes an encrypted one.
      'logs-log-group-encryption warning EhrApp/AWS679f53fac002430cb0da5b7982bd2287/LogGroup',
      // EhrApp: the function with neither VPC nor environment key.
      'lambda-environment-encryption warning EhrApp/LegacyHandler',
      'lambda-in-vpc warning EhrApp/LegacyHandler',
      // EhrApp: the unencrypted queue without enforceSSL, and SSE-SQS (no customer managed key).
      'sqs-queue-encryption error EhrApp/InsecureQueue',
      'sqs-queue-ssl-only warning EhrApp/InsecureQueue',
      'sqs-queue-encryption warning EhrApp/AlertsQueue',
    ].sort());
  });

  test('the L2s with their secure options get no finding', () => {
    // Settled: no cross-stack reference involved.
    for (const c of ['EhrData/SecureBucket', 'EhrData/AccessLogsBucket', 'EhrData/DataKey', 'EhrData/FlowLogGroup', 'EhrData/Vpc', 'EhrData/IntakeQueue', 'EhrApp/AppKey']) {
      assert.ok(CONSTRUCTS.has(c), `${c} is not in the fixture`);
      assert.deepEqual(findings.filter((f) => f.constructPath === c || f.constructPath?.startsWith(`${c}/`)).map(key), [], c);
    }
    // Their keys come from another stack (Fn::ImportValue, Fn::GetStackOutput) or the parent (a
    // nested-stack parameter): resolved across the assembly, they are customer managed keys.
    for (const c of ['EhrApp/SecureDb', 'EhrApp/Handler', 'EhrApp/AuditLogs', 'EhrApp/SecureQueue', 'EhrApp/Alerts', 'EhrApp/Storage/Records', 'EhrApp/Storage/Files', 'EhrReports/ReportLogs']) {
      assert.ok(CONSTRUCTS.has(c), `${c} is not in the fixture`);
      assert.deepEqual(on(c).filter((f) => f.constructPath !== 'EhrApp/Handler/LogGroup').map(key), [], c);
    }
  });

  test("CDK's plumbing gets no finding: custom resources, their handlers and roles, CDKMetadata, bootstrap and asset references", () => {
    const data = template(FILES.data);
    const app = template(FILES.app);
    const types = (t: Template) => Object.values(t.Resources).map((r) => r.Type);
    // The fixture does have them (else this test proves nothing).
    for (const type of ['Custom::VpcRestrictDefaultSG', 'Custom::S3AutoDeleteObjects', 'Custom::S3BucketNotifications', 'AWS::CDK::Metadata']) assert.ok(types(data).includes(type), type);
    for (const type of ['Custom::LogRetention', 'Custom::AWS']) assert.ok(types(app).includes(type), type);
    for (const t of [data, app]) {
      assert.deepEqual(Object.keys(t.Parameters as object), ['BootstrapVersion']);
      assert.ok('CheckBootstrapVersion' in (t.Rules as object));
    }
    assert.match(readFileSync(path.join(ROOT, FILES.app), 'utf8'), /cdk-hnb659fds-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}/);

    const plumbing = [data, app].flatMap((t) =>
      Object.entries(t.Resources)
        .filter(([id, r]) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CDK::Metadata' || (/^(Custom[A-Za-z0-9]+CustomResourceProvider|BucketNotificationsHandler050a0587b7544547bf325f094a3db834|LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a|AWS679f53fac002430cb0da5b7982bd2287)/.test(id) && r.Type !== 'AWS::Logs::LogGroup'))
        .map(([id]) => id),
    );
    // 5 custom resources, CDKMetadata, 5 handlers (2 providers, 3 singletons) with their roles, the log retention role's policy.
    // (Not the AwsCustomResource handler's log group: see the exact findings.)
    assert.equal(plumbing.length, 17, plumbing.join(', '));
    assert.deepEqual(plumbing.flatMap((id) => onId(id).map(key)), []);
    // Nothing at template level (BootstrapVersion, CheckBootstrapVersion, Conditions) and nothing naming bootstrap or asset buckets.
    assert.deepEqual(findings.filter((f) => f.logicalId === null || /BootstrapVersion|cdk-hnb659fds|CDKMetadata/.test(f.message)).map(key), []);
  });

  test("CDK's L2 policies (enforceSSL, autoDeleteObjects, S3 and SNS delivery to queues) pass the TLS and public-policy rules", () => {
    const data = template(FILES.data);
    const statements = (t: Template, id: string) => (t.Resources[id].Properties!.PolicyDocument as { Statement: { Effect: string; Action: unknown; Principal: unknown }[] }).Statement;
    const secure = statements(data, 'SecureBucketPolicy18EDC062');
    assert.equal(secure.length, 2); // enforceSSL's deny + autoDeleteObjects' grant to the handler role
    assert.ok(Array.isArray(secure[1].Action) && (secure[1].Action as string[]).includes('s3:DeleteObject*'));
    const rules = ['s3-bucket-ssl-requests-only', 's3-bucket-policy-public', 'sqs-queue-ssl-only', 'sqs-queue-policy-public', 'sns-topic-ssl-only', 'sns-topic-policy-public'];
    const ids = ['SecureBucket1ED1C5CE', 'SecureBucketPolicy18EDC062', 'AccessLogsBucket83982689', 'AccessLogsBucketPolicy7F77476F', 'IntakeQueue4D8B07A5', 'IntakeQueuePolicy5CB5827F', 'SecureQueue3052056C', 'SecureQueuePolicyB2857D94', 'AlertsQueue4709902F', 'AlertsQueuePolicyC51ADAD1', 'Alerts91F83244', 'AlertsPolicy425C338D', 'SharedBucketPolicyF6691C30'];
    assert.deepEqual(findings.filter((f) => rules.includes(f.ruleId) && f.logicalId !== null && ids.includes(f.logicalId)).map(key), []);
  });

  test('SARIF carries stack and constructPath in properties and the construct as a logical location; valid SARIF', (t) => {
    const copy = withNestedFinding();
    t.after(() => rmSync(copy, { recursive: true, force: true }));
    const r = run(['lint', '--format', 'sarif', DIR], copy);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as CdkSarifLog;
    const results = log.runs[0].results;
    assert.equal(results.length, findings.length + 1);
    assert.ok(results.every((x) => typeof x.properties.constructPath === 'string'));
    const db = results.find((x) => x.ruleId === 'rds-storage-encryption' && x.properties.constructPath === 'EhrApp/InsecureDb')!;
    assert.equal(db.locations[0].physicalLocation.artifactLocation.uri, FILES.app);
    assert.equal(db.properties.stack, 'EhrApp');
    assert.deepEqual(db.locations[0].logicalLocations?.[1], { name: 'InsecureDb', kind: 'module', fullyQualifiedName: 'EhrApp/InsecureDb' });
    const nested = results.find((x) => x.properties.constructPath === 'EhrApp/Storage/Records')!;
    assert.equal(nested.locations[0].physicalLocation.artifactLocation.uri, FILES.nested);
    assert.equal(nested.properties.stack, NESTED_STACK);
    assertValidSarif(log);
  });

  test('--group-by construct: a heading per stack (its template), then per construct', (t) => {
    const copy = withNestedFinding();
    t.after(() => rmSync(copy, { recursive: true, force: true }));
    const r = run(['lint', '--group-by', 'construct', DIR], copy);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const at = (line: string) => {
      const i = lines.indexOf(line);
      assert.ok(i >= 0, `no line ${JSON.stringify(line)} in:\n${r.stdout}`);
      return i;
    };
    const data = at(`EhrData (${FILES.data})`);
    const bucket = at('  EhrData/InsecureBucket');
    assert.ok(bucket > data);
    const rest = lines.slice(bucket + 1);
    const under = rest.slice(0, rest.findIndex((l) => !l.startsWith('    ')));
    assert.deepEqual(under.map((l) => l.trim().split(/\s+/)[2]).sort(), ['s3-bucket-encryption', 's3-bucket-public-access-block', 's3-bucket-ssl-requests-only']);
    assert.ok(at(`${NESTED_STACK} (${FILES.nested})`) > at(`EhrApp (${FILES.app})`));
    assert.ok(at('  EhrApp/Storage/Records') > at(`${NESTED_STACK} (${FILES.nested})`));
    // Every finding is under its construct's heading, once.
    assert.equal(lines.filter((l) => /^ {4}\d+:\d+ {2}(error|warning|info) {2}/.test(l)).length, findings.filter((f) => !f.outOfScope).length + 1);
  });

  test('the tests above can fail: without the custom resource, the TLS deny or the plumbing path, the rules fire', () => {
    const lintJson = (t: unknown) => lint(parse(JSON.stringify(t), { format: 'json' }));
    const data = template(FILES.data);
    const app = template(FILES.app);
    const baseline = lintJson(data);
    const appBaseline = lintJson(app);
    const fired = (t: unknown, ruleId: string, logicalId: string) => lintJson(t).some((f) => f.ruleId === ruleId && f.logicalId === logicalId && !baseline.some((b) => b.ruleId === ruleId && b.logicalId === logicalId));

    const noRestrict = structuredClone(data);
    delete noRestrict.Resources.VpcRestrictDefaultSecurityGroupCustomResourceC73DA2BE;
    assert.ok(fired(noRestrict, 'ec2-vpc-default-security-group', 'Vpc8378EB38'));

    const noTls = structuredClone(data);
    const doc = noTls.Resources.SecureBucketPolicy18EDC062.Properties!.PolicyDocument as { Statement: unknown[] };
    doc.Statement = doc.Statement.slice(1);
    assert.ok(fired(noTls, 's3-bucket-ssl-requests-only', 'SecureBucket1ED1C5CE'));

    const publicDelete = structuredClone(data);
    const st = (publicDelete.Resources.SecureBucketPolicy18EDC062.Properties!.PolicyDocument as { Statement: { Principal: unknown }[] }).Statement;
    st[1].Principal = { AWS: '*' };
    assert.ok(fired(publicDelete, 's3-bucket-policy-public', 'SecureBucketPolicy18EDC062') || fired(publicDelete, 's3-bucket-policy-public', 'SecureBucket1ED1C5CE'));

    const notPlumbing = structuredClone(data);
    notPlumbing.Resources.BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691.Metadata = { 'aws:cdk:path': 'EhrData/MyNotificationsHandler/Resource' };
    assert.ok(fired(notPlumbing, 'lambda-in-vpc', 'BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691'));

    const handler = 'AWS679f53fac002430cb0da5b7982bd22872D164C4C';
    assert.ok(!appBaseline.some((f) => f.ruleId === 'lambda-in-vpc' && f.logicalId === handler));
    const notCdks = structuredClone(app);
    notCdks.Resources[handler].Metadata = { 'aws:cdk:path': 'EhrApp/MyAwsCallHandler/Resource' };
    assert.ok(lintJson(notCdks).some((f) => f.ruleId === 'lambda-in-vpc' && f.logicalId === handler));
  });
});

/**
 * What a correct cross-stack resolution gives on this fixture (issue 7 item 3: Fn::ImportValue
 * through the producer's Outputs/Export, nested-stack parameters through the parent's
 * AWS::CloudFormation::Stack Parameters, and Fn::GetStackOutput).
 */
describe('cross-stack', () => {
  const json = run(['lint', '--format', 'json', DIR]);
  const findings = JSON.parse(json.stdout) as JsonFinding[];
  const on = (constructPath: string, ruleId?: string) => findings.filter((f) => f.constructPath === constructPath && (!ruleId || f.ruleId === ruleId)).map(key);

  test('the fixture has the three kinds of reference', () => {
    const app = readFileSync(path.join(ROOT, FILES.app), 'utf8');
    const nested = template(FILES.nested);
    const data = template(FILES.data);
    assert.match(app, /"Fn::ImportValue": "EhrData:ExportsOutputFnGetAttDataKey17AFBB84ArnCE2A1BC6"/);
    assert.deepEqual((data.Outputs as Record<string, { Export?: unknown }>).ExportsOutputFnGetAttDataKey17AFBB84ArnCE2A1BC6.Export, { Name: 'EhrData:ExportsOutputFnGetAttDataKey17AFBB84ArnCE2A1BC6' });
    assert.deepEqual(nested.Parameters, { referencetoEhrAppAppKeyB66E299AArn: { Type: 'String' } });
    assert.match(readFileSync(path.join(ROOT, FILES.reports), 'utf8'), /"Fn::GetStackOutput"/);
    assert.equal((data.Outputs as Record<string, { Export?: unknown }>).PublishOutputFnGetAttDataKey17AFBB84Arn5D1EA6C9.Export, undefined);
  });

  test("Fn::ImportValue of EhrData's key (a customer managed key, rotation on): no finding on the EhrApp resources encrypted with it", () => {
    for (const c of ['EhrApp/SecureDb', 'EhrApp/SecureDb/Secret', 'EhrApp/Handler', 'EhrApp/AuditLogs', 'EhrApp/SecureQueue', 'EhrApp/Alerts']) assert.deepEqual(on(c).filter((k) => !k.startsWith('logs-log-group-encryption warning EhrApp/Handler/LogGroup')), [], c);
  });

  test("Fn::ImportValue inside a nested template: EFS encrypted with EhrData's key gets no finding", () => {
    assert.deepEqual(on('EhrApp/Storage/Files'), []);
  });

  test("a nested-stack parameter: the table encrypted with the parent's AppKey (passed as referencetoEhrAppAppKeyB66E299AArn) gets no finding", () => {
    assert.deepEqual(on('EhrApp/Storage/Records'), []);
  });

  test("Fn::GetStackOutput of EhrData's key (an Output without Export): the EhrReports log group gets no finding", () => {
    assert.deepEqual(on('EhrReports/ReportLogs'), []);
  });

  test("EhrApp's s3.BucketPolicy denies plain HTTP on EhrData's SharedBucket: the bucket passes s3-bucket-ssl-requests-only", () => {
    assert.deepEqual(on('EhrData/SharedBucket', 's3-bucket-ssl-requests-only'), []);
  });

  test('still flagged: the bucket that has no policy in any stack', () => {
    assert.deepEqual(on('EhrData/InsecureBucket', 's3-bucket-ssl-requests-only'), ['s3-bucket-ssl-requests-only error EhrData/InsecureBucket']);
  });
});

/** CDK's region conditions: China regions are outside AWS's BAA, so their branch is ruled out. */
describe('CDK region conditions', () => {
  const json = run(['lint', '--format', 'json', DIR]);
  const findings = JSON.parse(json.stdout) as JsonFinding[];

  test('the fixture has the conditions CDK writes for an environment-agnostic stack', () => {
    const conditions = template(FILES.data).Conditions as Record<string, unknown>;
    assert.deepEqual(Object.keys(conditions).sort(), ['AwsCdkKinesisEncryptedStreamsUnsupportedRegions', 'CDKMetadataAvailable']);
    assert.deepEqual(conditions.AwsCdkKinesisEncryptedStreamsUnsupportedRegions, {
      'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-north-1'] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-northwest-1'] }],
    });
  });

  test("Kinesis' default encryption, off only in China regions (AwsCdkKinesisEncryptedStreamsUnsupportedRegions): no error, the AWS managed key warning stays", () => {
    assert.deepEqual(findings.filter((f) => f.constructPath === 'EhrData/EventStream').map(key), ['kinesis-stream-encryption warning EhrData/EventStream']);
  });
});

test('the text summary counts no --fix work for assembly templates (--fix leaves them alone)', () => {
  const r = run(['lint', DIR]);
  assert.match(r.stdout, /13 problems \(3 errors, 10 warnings, 0 info\) in 2 of 4 templates\.\n$/);
  assert.doesNotMatch(r.stdout, /fixable with --fix|--unsafe-fixes/);
  const plain = run(['lint', 'examples/phi-storage.yaml']);
  assert.match(plain.stdout, /fixable with --fix/, 'a plain template still says what --fix would do');
});
