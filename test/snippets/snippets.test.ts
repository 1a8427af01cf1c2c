/**
 * The compliant snippets keep their promise (issue 6, item 4). Every SnippetDef of SNIPPETS is
 * expanded alone with its default values (expandTemplate), rendered as YAML (the `yaml` package's
 * stringify of the expanded JSON: long-form intrinsics are valid CloudFormation YAML) and as JSON,
 * and
 *   (a) cfn-hipaa reports no finding at all on it: lint() with the default config, counting
 *       out-of-scope findings and suppressed ones too (a snippet must not hide behind either);
 *   (b) AWS's offline validator (@aws/cloudformation-validate) reports no schema error
 *       (best-practice notes may remain; they are printed on failure for context).
 * A starter snippet is a whole template, so its check "alone" is the check of the starter as a
 * whole. All non-starter snippets are also checked together in one template, under this rule for
 * logical ids (and parameter names) that several snippets use:
 *   - a resource id may be shared only by snippets that all declare it as a companion (the KMS key
 *     or log bucket that a template may already have) and that define it identically once
 *     expanded; any other shared resource id is a collision (a user inserting both snippets would
 *     get a duplicate key, or the second silently replacing the first);
 *   - a parameter may be shared when its definitions are identical (a VpcId, a subnet list);
 *   - so the union has exactly as many resources (parameters) as the parts, minus one per extra
 *     occurrence of a shared id, and that count is asserted (expandTemplate merges by id and would
 *     otherwise drop a colliding resource without a word).
 * Structural checks over SNIPPETS: prefixes unique and starting with `hipaa-`; titles unique;
 * compliance lines present; tab stops well formed and mirrored stops identical everywhere in a
 * snippet; every companion naming a resource of the snippet with the given type. And the issue's
 * list of resources is covered.
 *
 * The harness itself is proven able to fail on sample definitions written here (a compliant KMS
 * key and log group; a bucket without encryption and with an unknown property; findings hidden
 * behind a suppression or outside PHI scope; structural mistakes; colliding ids).
 *
 * AWS's validator takes a second or two to start: one per test run (before/after at file level).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import * as YAML from 'yaml';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { Finding, Json, JsonObject } from '../../server/src/engine/types';
import { SNIPPETS, expandString, expandTemplate, expandValue } from '../../server/src/snippets';
import type { SnippetDef } from '../../server/src/snippets';
import { CfnValidator, formatDiagnostic } from '../helpers/cfn-validate';
import type { StandardDiagnostic } from '../helpers/cfn-validate';

type Format = 'yaml' | 'json';
const FORMATS: readonly Format[] = ['yaml', 'json'];

let validator: CfnValidator;
before(() => {
  validator = new CfnValidator();
});
after(() => {
  validator?.free();
});

// ---------------------------------------------------------------------------------------------
// The harness: checks run on the real registry and, to prove they can fail, on samples below.

function render(template: JsonObject, format: Format): string {
  return format === 'yaml' ? YAML.stringify(template) : `${JSON.stringify(template, null, 2)}\n`;
}

interface CheckResult {
  /** Every finding of cfn-hipaa with the default config: suppressed and out-of-scope ones included. */
  findings: Finding[];
  /** Schema errors of AWS's validator. */
  schema: StandardDiagnostic[];
  /** Other diagnostics of AWS's validator (best practice), for context. */
  notes: StandardDiagnostic[];
}

function checkTemplate(template: JsonObject, format: Format, name: string): CheckResult {
  const text = render(template, format);
  const findings = lint(parse(text, { format }));
  const { schema, notes } = validator.validate(text, format, name);
  return { findings, schema, notes };
}

function formatFinding(f: Finding): string {
  const flags = [f.suppressed ? 'suppressed' : '', f.outOfScope ? 'out of PHI scope' : ''].filter(Boolean);
  return `${f.ruleId} ${f.logicalId ?? '-'}${flags.length ? ` [${flags.join(', ')}]` : ''}: ${f.message}`;
}

/** What is wrong with a check (empty when clean), as lines for a failure message. */
function failures(r: CheckResult): string[] {
  return [...r.findings.map((f) => `cfn-hipaa ${formatFinding(f)}`), ...r.schema.map((d) => `schema ${formatDiagnostic(d)}`)];
}

function assertClean(r: CheckResult, label: string): void {
  const bad = failures(r);
  if (bad.length === 0) return;
  const notes = r.notes.length ? `\n  validator notes (context, not failures):\n${r.notes.map((d) => `    ${formatDiagnostic(d)}`).join('\n')}` : '';
  assert.fail(`${label}: ${r.findings.length} cfn-hipaa finding(s), ${r.schema.length} schema error(s)\n${bad.map((l) => `  ${l}`).join('\n')}${notes}`);
}

/** Every string of a value: object keys and string values. */
function strings(v: Json | undefined, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

/** The tab-stop grammar of snippets/types.ts: {{n}}, {{n:default}}, {{n|a,b|}}. */
const TAB_STOP = /\{\{(\d+)(?::([^{}]*)|\|([^{}|]*)\|)?\}\}/g;
/** CloudFormation dynamic references ({{resolve:secretsmanager:...}}) are not tab stops. */
const DYNAMIC_REFERENCE = /\{\{resolve:(?:[^{}]|\$\{[^{}]*\})*\}\}/g;

function tabStopProblems(d: SnippetDef): string[] {
  const problems: string[] = [];
  const specs = new Map<string, string>();
  let finals = 0;
  for (const s of strings({ parameters: d.parameters ?? {}, resources: d.resources })) {
    const text = s.replace(DYNAMIC_REFERENCE, '');
    for (const m of text.matchAll(TAB_STOP)) {
      const [spec, n, def, choices] = m;
      if (!/^(0|[1-9]\d*)$/.test(n)) problems.push(`${d.prefix}: tab stop ${spec} has a malformed number`);
      if (n === '0') finals++;
      else if (def === undefined && choices === undefined) problems.push(`${d.prefix}: tab stop ${spec} has no default value`);
      else if (def !== undefined && def.trim() === '') problems.push(`${d.prefix}: tab stop ${spec} has an empty default`);
      else if (choices !== undefined && choices.split(',').some((c) => c.trim() === '')) problems.push(`${d.prefix}: choice tab stop ${spec} has an empty choice`);
      const prev = specs.get(n);
      if (prev === undefined) specs.set(n, spec);
      else if (prev !== spec) problems.push(`${d.prefix}: mirrored tab stop ${n} differs: ${prev} vs ${spec}`);
    }
    const rest = text.replace(TAB_STOP, '');
    if (/\{\{/.test(rest)) problems.push(`${d.prefix}: malformed tab stop in ${JSON.stringify(s)}`);
  }
  if (finals > 1) problems.push(`${d.prefix}: {{0}} (the final cursor) appears ${finals} times`);
  return problems;
}

/**
 * The expanded logical id of a companion, or undefined when it names no resource of the snippet.
 * types.ts does not say whether `logicalId` is the key as written ('{{1:LogBucket}}') or as
 * expanded ('LogBucket'): both are accepted.
 */
function companionId(d: SnippetDef, logicalId: string): string | undefined {
  const key = Object.keys(d.resources).find((k) => k === logicalId || expandString(k) === logicalId);
  return key === undefined ? undefined : expandString(key);
}

/** Structural problems of a list of snippet definitions (empty when all is well). */
function structureProblems(defs: readonly SnippetDef[]): string[] {
  const problems: string[] = [];
  const prefixes = new Set<string>();
  const titles = new Set<string>();
  for (const d of defs) {
    if (!/^hipaa-\S+$/.test(d.prefix)) problems.push(`prefix ${JSON.stringify(d.prefix)} does not start with hipaa- (or holds a space)`);
    if (prefixes.has(d.prefix)) problems.push(`prefix ${d.prefix} is used twice`);
    prefixes.add(d.prefix);
    if (!d.title.trim()) problems.push(`${d.prefix}: empty title`);
    if (titles.has(d.title)) problems.push(`${d.prefix}: title ${JSON.stringify(d.title)} is used twice`);
    titles.add(d.title);
    if (d.compliance.length === 0 || d.compliance.some((l) => !l.trim())) problems.push(`${d.prefix}: no compliance lines (or an empty one)`);
    const ids = Object.keys(d.resources);
    if (ids.length === 0) problems.push(`${d.prefix}: no resources`);
    if (new Set(ids.map(expandString)).size !== ids.length) problems.push(`${d.prefix}: two resources expand to the same logical id`);
    problems.push(...tabStopProblems(d));
    for (const c of d.companions ?? []) {
      const id = companionId(d, c.logicalId);
      if (id === undefined) {
        problems.push(`${d.prefix}: companion ${c.logicalId} names no resource of the snippet`);
        continue;
      }
      const type = (expandValue(d.resources) as JsonObject)[id] as JsonObject;
      if (type.Type !== c.type) problems.push(`${d.prefix}: companion ${c.logicalId} is a ${String(type.Type)}, not a ${c.type}`);
    }
  }
  return problems;
}

function paramShape(v: Json): Json {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const { Description: _d, Default: _def, ...shape } = v as JsonObject;
  void _d;
  void _def;
  return shape;
}

interface UnionPlan {
  problems: string[];
  resources: number;
  parameters: number;
}

/** How many resources and parameters the union of `defs` must have, and the ids that collide (see the rule in unionPlan). */
function unionPlan(defs: readonly SnippetDef[]): UnionPlan {
  const problems: string[] = [];
  const resources = new Map<string, { prefix: string; value: Json; companion: boolean }>();
  const parameters = new Map<string, { prefix: string; value: Json }>();
  for (const d of defs) {
    const companions = new Set((d.companions ?? []).map((c) => companionId(d, c.logicalId)));
    for (const [id, value] of Object.entries(expandValue(d.resources) as JsonObject)) {
      const companion = companions.has(id);
      const prev = resources.get(id);
      // A shared id is a companion everywhere except, at most, in the one snippet that is about it
      // (hipaa-kms-key's key is the companion PhiKey of the others), and is defined identically.
      if (!prev) resources.set(id, { prefix: d.prefix, value, companion });
      else if (!prev.companion && !companion) problems.push(`resource ${id} of ${prev.prefix} and ${d.prefix} is a companion of neither`);
      else if (!isDeepStrictEqual(prev.value, value)) problems.push(`companion ${id} of ${prev.prefix} and ${d.prefix} has two different definitions`);
      else if (!companion) resources.set(id, { prefix: d.prefix, value, companion });
    }
    for (const [id, value] of Object.entries(expandValue(d.parameters ?? {}) as JsonObject)) {
      const prev = parameters.get(id);
      if (!prev) parameters.set(id, { prefix: d.prefix, value });
      // The same parameter may be described differently and suggest another Default in each
      // snippet (one is kept in a combined template); its type and constraints must agree.
      else if (!isDeepStrictEqual(paramShape(prev.value), paramShape(value))) problems.push(`parameter ${id} of ${prev.prefix} and ${d.prefix} has two different definitions`);
    }
  }
  return { problems, resources: resources.size, parameters: parameters.size };
}

function assertUnionCounts(defs: readonly SnippetDef[], union: JsonObject): void {
  const plan = unionPlan(defs);
  assert.deepEqual(plan.problems, [], 'logical ids collide between snippets');
  assert.equal(Object.keys(union.Resources as JsonObject).length, plan.resources, 'resources in the union');
  assert.equal(Object.keys((union.Parameters ?? {}) as JsonObject).length, plan.parameters, 'parameters in the union');
}

// The issue's list of resources: each must be in (the default expansion of) some snippet.
type Resource = { Type?: Json; Properties?: JsonObject };
const resourcesOf = (t: JsonObject): Resource[] => Object.values(t.Resources as JsonObject) as Resource[];
const has = (t: JsonObject, type: string, ok: (p: JsonObject) => boolean = () => true) => resourcesOf(t).some((r) => r.Type === type && ok(r.Properties ?? {}));
const lower = (v: Json | undefined) => (typeof v === 'string' ? v.toLowerCase() : '');
const listenerWith = (protocol: string, actionType?: string) => (p: JsonObject) =>
  p.Protocol === protocol && (actionType === undefined || (Array.isArray(p.DefaultActions) && p.DefaultActions.some((a) => lower((a as JsonObject)?.Type) === actionType)));

const REQUIRED: { what: string; ok: (t: JsonObject, d: SnippetDef) => boolean }[] = [
  { what: 'S3 bucket with access logging and a bucket policy', ok: (t) => has(t, 'AWS::S3::Bucket', (p) => p.LoggingConfiguration !== undefined) && has(t, 'AWS::S3::BucketPolicy') },
  { what: 'KMS key with rotation and a key policy', ok: (t) => has(t, 'AWS::KMS::Key', (p) => p.EnableKeyRotation === true && p.KeyPolicy !== undefined) },
  { what: 'RDS PostgreSQL instance', ok: (t) => has(t, 'AWS::RDS::DBInstance', (p) => lower(p.Engine) === 'postgres') },
  { what: 'RDS MySQL instance', ok: (t) => has(t, 'AWS::RDS::DBInstance', (p) => lower(p.Engine) === 'mysql') },
  { what: 'Aurora cluster', ok: (t) => has(t, 'AWS::RDS::DBCluster', (p) => lower(p.Engine).startsWith('aurora')) },
  { what: 'DynamoDB table', ok: (t) => has(t, 'AWS::DynamoDB::Table') },
  { what: 'SQS queue with a dead-letter queue', ok: (t) => has(t, 'AWS::SQS::Queue', (p) => p.RedrivePolicy !== undefined) },
  { what: 'SNS topic', ok: (t) => has(t, 'AWS::SNS::Topic') },
  { what: 'Kinesis stream', ok: (t) => has(t, 'AWS::Kinesis::Stream') },
  { what: 'EFS file system', ok: (t) => has(t, 'AWS::EFS::FileSystem') },
  { what: 'ElastiCache replication group', ok: (t) => has(t, 'AWS::ElastiCache::ReplicationGroup') },
  { what: 'OpenSearch domain', ok: (t) => has(t, 'AWS::OpenSearchService::Domain') },
  { what: 'Redshift cluster', ok: (t) => has(t, 'AWS::Redshift::Cluster') },
  {
    what: 'ALB with an HTTPS listener, an HTTP->HTTPS redirect listener and an HTTPS target group',
    ok: (t) =>
      has(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer') &&
      has(t, 'AWS::ElasticLoadBalancingV2::Listener', listenerWith('HTTPS')) &&
      has(t, 'AWS::ElasticLoadBalancingV2::Listener', listenerWith('HTTP', 'redirect')) &&
      has(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', (p) => p.Protocol === 'HTTPS'),
  },
  { what: 'CloudFront distribution', ok: (t) => has(t, 'AWS::CloudFront::Distribution') },
  { what: 'API Gateway stage', ok: (t) => has(t, 'AWS::ApiGateway::Stage') },
  { what: 'Lambda function', ok: (t) => has(t, 'AWS::Lambda::Function') },
  { what: 'EC2 launch template', ok: (t) => has(t, 'AWS::EC2::LaunchTemplate') },
  { what: 'security group', ok: (t) => has(t, 'AWS::EC2::SecurityGroup') },
  { what: 'VPC with subnets, NAT and flow logs', ok: (t) => ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway', 'AWS::EC2::FlowLog'].every((x) => has(t, x)) },
  { what: 'CloudTrail trail', ok: (t) => has(t, 'AWS::CloudTrail::Trail') },
  { what: 'log group', ok: (t) => has(t, 'AWS::Logs::LogGroup') },
  { what: 'Secrets Manager secret with rotation', ok: (t) => has(t, 'AWS::SecretsManager::Secret') && has(t, 'AWS::SecretsManager::RotationSchedule') },
  { what: 'AWS Backup plan, vault and selection', ok: (t) => ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupSelection'].every((x) => has(t, x)) },
  {
    what: 'starter template (VPC + ALB + database)',
    ok: (t, d) => d.starter === true && has(t, 'AWS::EC2::VPC') && has(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer') && (has(t, 'AWS::RDS::DBInstance') || has(t, 'AWS::RDS::DBCluster')),
  },
];

/** Requirements of the issue's list that no snippet meets. */
function missingRequirements(defs: readonly SnippetDef[]): string[] {
  const expanded = defs.map((d) => ({ d, t: expandTemplate(d) }));
  return REQUIRED.filter((r) => !expanded.some(({ d, t }) => r.ok(t, d))).map((r) => r.what);
}

// ---------------------------------------------------------------------------------------------
// The real registry.

describe('snippets (SNIPPETS)', () => {
  test('the registry is not empty', () => {
    assert.ok(SNIPPETS.length > 0, 'SNIPPETS is empty: server/src/snippets/defs/data.ts and defs/network.ts define no snippet');
  });

  test('structure: prefixes, titles, compliance lines, tab stops, companions', () => {
    assert.deepEqual(structureProblems(SNIPPETS), []);
  });

  test('every resource of the issue\'s list is in some snippet, and there is a starter', { skip: SNIPPETS.length === 0 ? 'no snippets yet' : false }, () => {
    assert.deepEqual(missingRequirements(SNIPPETS), []);
  });

  for (const d of SNIPPETS) {
    for (const format of FORMATS) {
      const label = d.starter ? `starter ${d.prefix} as a whole template (${format})` : `${d.prefix} alone (${format})`;
      test(`${label}: no cfn-hipaa finding, no schema error`, () => {
        assertClean(checkTemplate(expandTemplate(d), format, d.prefix), label);
      });
    }
  }

  const parts = SNIPPETS.filter((d) => !d.starter);
  const skipUnion = parts.length === 0 ? 'no snippets yet' : false;
  test(`all ${parts.length} non-starter snippets in one template: ids do not collide`, { skip: skipUnion }, () => {
    assertUnionCounts(parts, expandTemplate(parts));
  });
  for (const format of FORMATS) {
    test(`all ${parts.length} non-starter snippets in one template (${format}): no cfn-hipaa finding, no schema error`, { skip: skipUnion }, () => {
      assertClean(checkTemplate(expandTemplate(parts), format, 'all-snippets'), `all non-starter snippets (${format})`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The harness can fail: sample definitions, one compliant pair and several broken ones.

const KEY_ID = '{{1:DataKey}}';
const keyPolicy: JsonObject = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AccountAdministers',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'CloudWatchLogsUse',
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' } } },
    },
  ],
};
const key: JsonObject = {
  Type: 'AWS::KMS::Key',
  DeletionPolicy: 'Retain',
  UpdateReplacePolicy: 'Retain',
  Properties: { Description: '{{2:Key for PHI at rest}}', EnableKeyRotation: true, KeyPolicy: keyPolicy },
};

const GOOD_KEY: SnippetDef = {
  prefix: 'hipaa-sample-kms-key',
  title: 'Sample KMS key (rotation, retained, key policy)',
  compliance: ['Customer managed key with yearly rotation', 'Retained when the stack is deleted'],
  resources: {
    [KEY_ID]: key,
    '{{3:DataKeyAlias}}': { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/{{4:phi-data}}', TargetKeyId: { Ref: KEY_ID } } },
  },
  companions: [{ logicalId: KEY_ID, type: 'AWS::KMS::Key' }],
};

const GOOD_LOGS: SnippetDef = {
  prefix: 'hipaa-sample-log-group',
  title: 'Sample log group (KMS, retention)',
  compliance: ['Encrypted with a customer managed key', 'Kept for years, not forever'],
  resources: {
    '{{5:AppLogs}}': {
      Type: 'AWS::Logs::LogGroup',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { KmsKeyId: { 'Fn::GetAtt': [KEY_ID, 'Arn'] }, RetentionInDays: '{{6|2557,3653,365|}}' },
    },
    [KEY_ID]: key,
  },
  companions: [{ logicalId: 'DataKey', type: 'AWS::KMS::Key' }],
};

const BAD_BUCKET: SnippetDef = {
  prefix: 'hipaa-sample-bad-bucket',
  title: 'Sample bucket without encryption, with an unknown property',
  compliance: ['none'],
  resources: { '{{1:Bucket}}': { Type: 'AWS::S3::Bucket', Properties: { NoSuchProperty: '{{2:x}}' } } },
};

/** Findings that exist but are suppressed (with a reason) or outside PHI scope: still findings. */
const HIDDEN: SnippetDef = {
  prefix: 'hipaa-sample-hidden',
  title: 'Sample findings behind a suppression and outside PHI scope',
  compliance: ['none'],
  resources: {
    Topic: {
      Type: 'AWS::SNS::Topic',
      Metadata: { 'cfn-hipaa': { suppress: [{ rule: 'sns-topic-encryption', reason: 'Sample: test of the snippet harness' }, { rule: 'sns-topic-ssl-only', reason: 'Sample: test of the snippet harness' }] } },
    },
    OpenGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Metadata: { 'cfn-hipaa': { phi: false } },
      Properties: {
        GroupDescription: 'open',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
      },
    },
  },
};

describe('snippet harness (sample definitions)', () => {
  for (const format of FORMATS) {
    test(`a compliant sample passes both checks (${format})`, () => {
      for (const d of [GOOD_KEY, GOOD_LOGS]) assertClean(checkTemplate(expandTemplate(d), format, d.prefix), `${d.prefix} (${format})`);
      assertClean(checkTemplate(expandTemplate([GOOD_KEY, GOOD_LOGS]), format, 'good-union'), `good union (${format})`);
    });

    test(`a bucket without encryption and with an unknown property fails both checks (${format})`, () => {
      const r = checkTemplate(expandTemplate(BAD_BUCKET), format, BAD_BUCKET.prefix);
      assert.ok(r.findings.some((f) => f.ruleId === 's3-bucket-encryption' && f.logicalId === 'Bucket'), failures(r).join('\n'));
      assert.ok(r.schema.some((d) => d.entity?.logicalId === 'Bucket' && d.propertyPath === 'Properties.NoSuchProperty'), failures(r).join('\n'));
      assert.throws(() => assertClean(r, 'bad'), /cfn-hipaa s3-bucket-encryption Bucket[\s\S]*schema .*Properties\.NoSuchProperty/);
    });

    test(`suppressed and out-of-scope findings still fail (${format})`, () => {
      const r = checkTemplate(expandTemplate(HIDDEN), format, HIDDEN.prefix);
      assert.deepEqual(r.schema, []);
      assert.ok(r.findings.some((f) => f.logicalId === 'Topic' && f.suppressed), failures(r).join('\n'));
      assert.ok(r.findings.some((f) => f.logicalId === 'OpenGroup' && f.outOfScope), failures(r).join('\n'));
      assert.throws(() => assertClean(r, 'hidden'), /\[suppressed\][\s\S]*\[out of PHI scope\]|\[out of PHI scope\][\s\S]*\[suppressed\]/);
    });
  }

  test('structure checks pass on the samples and catch each kind of mistake', () => {
    assert.deepEqual(structureProblems([GOOD_KEY, GOOD_LOGS, BAD_BUCKET, HIDDEN]), []);
    const broken = (over: Partial<SnippetDef>): SnippetDef => ({ ...GOOD_KEY, prefix: 'hipaa-broken', title: 'Broken', ...over });
    const cases: [SnippetDef[], RegExp][] = [
      [[GOOD_KEY, broken({ prefix: GOOD_KEY.prefix })], /prefix hipaa-sample-kms-key is used twice/],
      [[broken({ prefix: 'kms-key' })], /prefix "kms-key" does not start with hipaa-/],
      [[GOOD_KEY, broken({ title: GOOD_KEY.title })], /title .* is used twice/],
      [[broken({ compliance: [] })], /no compliance lines/],
      [[broken({ resources: { '{{1:A}}': key, B: { Type: 'AWS::KMS::Alias', Properties: { TargetKeyId: { Ref: '{{1:Other}}' } } } }, companions: [] })], /mirrored tab stop 1 differs/],
      [[broken({ resources: { '{{1:A}}': key, B: { Type: 'AWS::SNS::Topic', Properties: { TopicName: '{{2}}' } } }, companions: [] })], /tab stop \{\{2\}\} has no default/],
      [[broken({ resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: '{{x:name}}' } } }, companions: [] })], /malformed tab stop/],
      [[broken({ resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: '{{01:name}}' } } }, companions: [] })], /malformed number/],
      [[broken({ companions: [{ logicalId: 'NoSuchKey', type: 'AWS::KMS::Key' }] })], /companion NoSuchKey names no resource/],
      [[broken({ companions: [{ logicalId: 'DataKeyAlias', type: 'AWS::KMS::Key' }] })], /companion DataKeyAlias is a AWS::KMS::Alias, not a AWS::KMS::Key/],
      [[broken({ resources: { '{{1:A}}': key, A: key }, companions: [] })], /two resources expand to the same logical id/],
    ];
    for (const [defs, expected] of cases) {
      const problems = structureProblems(defs);
      assert.ok(problems.some((p) => expected.test(p)), `${expected} not in ${JSON.stringify(problems)}`);
    }
    // A dynamic reference is not a tab stop.
    const dyn = broken({ resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: '{{resolve:ssm:/app/${Env}/topic}}' } } }, companions: [] });
    assert.deepEqual(structureProblems([dyn]), []);
  });

  test('union: shared identical companions count once; other shared ids collide', () => {
    const plan = unionPlan([GOOD_KEY, GOOD_LOGS]);
    assert.deepEqual(plan, { problems: [], resources: 3, parameters: 0 });
    assertUnionCounts([GOOD_KEY, GOOD_LOGS], expandTemplate([GOOD_KEY, GOOD_LOGS]));

    // The same id, a companion of neither: a collision (and expandTemplate would drop one).
    const notCompanion: SnippetDef = { ...GOOD_LOGS, prefix: 'hipaa-sample-logs-2', companions: [] };
    const notCompanion2: SnippetDef = { ...notCompanion, prefix: 'hipaa-sample-logs-4', resources: { [KEY_ID]: notCompanion.resources[KEY_ID] } };
    assert.match(unionPlan([notCompanion, notCompanion2]).problems.join('\n'), /resource DataKey of hipaa-sample-logs-2 and hipaa-sample-logs-4 is a companion of neither/);
    // A companion of both, defined differently.
    const otherKey: SnippetDef = { ...GOOD_LOGS, prefix: 'hipaa-sample-logs-3', resources: { ...GOOD_LOGS.resources, [KEY_ID]: { ...key, DeletionPolicy: 'Delete' } } };
    assert.match(unionPlan([GOOD_KEY, otherKey]).problems.join('\n'), /companion DataKey of .* has two different definitions/);
    // Parameters: identical ones are shared, different ones collide.
    const p = (prefix: string, type: string): SnippetDef => ({ ...BAD_BUCKET, prefix, parameters: { VpcId: { Type: type } } });
    assert.deepEqual(unionPlan([p('hipaa-a', 'AWS::EC2::VPC::Id'), p('hipaa-b', 'AWS::EC2::VPC::Id')]).problems, ['resource Bucket of hipaa-a and hipaa-b is a companion of neither']);
    assert.match(unionPlan([p('hipaa-a', 'AWS::EC2::VPC::Id'), p('hipaa-b', 'String')]).problems.join('\n'), /parameter VpcId of hipaa-a and hipaa-b has two different definitions/);
    // The count assertion catches a union that lost a resource.
    assert.throws(() => assertUnionCounts([GOOD_KEY, GOOD_LOGS], expandTemplate([GOOD_KEY])), /resources in the union/);
  });

  test('coverage: names the resources of the issue\'s list that no snippet has', () => {
    const missing = missingRequirements([GOOD_KEY, GOOD_LOGS]);
    assert.ok(!missing.includes('KMS key with rotation and a key policy'));
    assert.ok(!missing.includes('log group'));
    assert.ok(missing.includes('RDS MySQL instance') && missing.includes('starter template (VPC + ALB + database)'));
    assert.equal(missing.length, REQUIRED.length - 2);
  });
});

describe('README lists every snippet', () => {
  test('each prefix appears in the README snippet table', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const missing = SNIPPETS.filter((d) => !readme.includes(`| \`${d.prefix}\` |`)).map((d) => d.prefix);
    assert.deepEqual(missing, [], 'add these to the README table (## Snippets)');
  });
});
