/**
 * The SARIF output is checked against the official SARIF 2.1.0 JSON schema (OASIS, as published
 * by Microsoft's SARIF SDK in @microsoft/jest-sarif: a draft-04 schema, validated with ajv-draft-04)
 * and against what GitHub code scanning reads from an upload ("SARIF support for code scanning":
 * tool.driver.name, rules[].id, result message.text, a physicalLocation with a relative
 * artifactLocation.uri and a 1-based region, security-severity as a string score in 0..10).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ErrorObject } from 'ajv';
import { compileSarifSchema, SARIF_SCHEMA_FILE } from '../helpers/sarif';
import { parse } from '../../server/src/engine/parse';
import { lint } from '../../server/src/engine/lint';
import { HIPAA_PACK } from '../../server/src/engine/packs/hipaa';
import type { Finding, Format, LintConfig, Range } from '../../server/src/engine/types';
import type { FileReport } from '../../server/src/cli/report';
import { formatSarif, ruleDescriptors } from '../../server/src/cli/format/sarif';

const SCHEMA_FILE = SARIF_SCHEMA_FILE;

/** A YAML template with several findings: one whose value comes from a parameter (related location),
 * one suppressed with a reason, an invalid suppression and an unknown tag (engine findings). */
const YAML_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  P:
    Type: String
    Default: 'false'
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref P
  Scratch:
    Type: AWS::EC2::Volume
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: ebs-volume-encryption
            reason: Scratch volume for build caches, no PHI (SEC-123)
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      StorageEncrypted: false
  Topic:
    Type: AWS::SNS::Topic
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: no-such-rule
            reason: typo in the rule id
  Other: !Foo bar
`;

/** A JSON template in a sub-directory whose name needs URI escaping; SNS is lowered to info (note). */
const JSON_TEMPLATE = `{
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket" },
    "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": "t" } }
  }
}
`;

function report(display: string, text: string, format: Format, config: LintConfig = {}): FileReport {
  const findings = lint(parse(text, { format }), config);
  return { file: `/tmp/x/${display}`, display, findings, fixed: [] };
}

const reports: FileReport[] = [
  report('stacks/phi.yaml', YAML_TEMPLATE, 'yaml'),
  report('cdk out/Stack #1.template.json', JSON_TEMPLATE, 'json', { rules: { 'sns-topic-encryption': 'info' } }),
];
const findings: Finding[] = reports.flatMap((r) => r.findings);

// The shapes read below (only what the assertions need).
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: Region;
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: PhysicalLocation }[];
  suppressions?: { kind: string; justification?: string }[];
}
interface Rule {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration?: { level?: string };
  properties?: { tags?: string[]; citations?: unknown; 'security-severity'?: unknown; precision?: string };
}
interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; semanticVersion?: string; rules: Rule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: Result[];
  }[];
}

const sarifText = formatSarif(reports, { cwd: '/tmp/x', version: '1.2.3', includeSuppressed: true });
const log = JSON.parse(sarifText) as Log;
const run = log.runs[0];

const compileSchema = compileSarifSchema;

function errorsText(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify(errors ?? [], null, 2);
}

/** Resolves a SARIF artifact URI the way a consumer does: against its uriBaseId. */
function resolveUri(a: PhysicalLocation['artifactLocation']): string {
  const base = a.uriBaseId ? run.originalUriBaseIds?.[a.uriBaseId]?.uri : undefined;
  return new URL(a.uri, base).href;
}

describe('SARIF output', () => {
  test('the test template produces the findings the checks below rely on', () => {
    const ids = findings.map((f) => f.ruleId);
    for (const id of ['sqs-queue-encryption', 'ebs-volume-encryption', 'rds-storage-encryption', 'invalid-suppression', 'unknown-tag', 's3-bucket-encryption', 'sns-topic-encryption']) {
      assert.ok(ids.includes(id), `expected a ${id} finding, got ${ids.join(', ')}`);
    }
    assert.ok(findings.some((f) => f.related && f.related.length > 0), 'a finding with related information');
    assert.ok(findings.some((f) => f.suppressed), 'a suppressed finding');
    assert.ok(findings.some((f) => f.severity === 'info'), 'a finding at info severity');
    assert.equal(run.results.length, findings.length, 'includeSuppressed keeps every finding');
  });

  test('is valid against the OASIS SARIF 2.1.0 JSON schema', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { id?: string; title?: string };
    assert.match(schema.id ?? '', /sarif-2\.1\.0/, 'the schema file is the SARIF 2.1.0 schema');
    const validate = compileSchema();
    const ok = validate(log);
    assert.ok(ok, `SARIF schema errors:\n${errorsText(validate.errors)}`);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
  });

  test('the schema check is not vacuous: broken logs are rejected', () => {
    const validate = compileSchema();
    const broken: [string, (l: Log) => void][] = [
      ['result without a message', (l) => delete (l.runs[0].results[0] as Partial<Result>).message],
      ['unknown result level', (l) => (l.runs[0].results[0].level = 'fatal')],
      ['region starting at line 0', (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['unknown property on a result', (l) => ((l.runs[0].results[0] as unknown as Record<string, unknown>).severity = 'high')],
      ['wrong version', (l) => (l.version = '2.0.0')],
    ];
    for (const [name, mutate] of broken) {
      const copy = JSON.parse(sarifText) as Log;
      mutate(copy);
      assert.equal(validate(copy), false, `${name} should fail schema validation`);
    }
  });

  test('has what GitHub code scanning needs from the tool and its rules', () => {
    assert.equal(log.runs.length, 1);
    const driver = run.tool.driver;
    assert.equal(driver.name, 'cfn-hipaa');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.semanticVersion, '1.2.3');
    assert.ok(Array.isArray(driver.rules) && driver.rules.length > 0, 'rules[]');
    const ids = driver.rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const id of Object.keys(HIPAA_PACK.rules)) assert.ok(ids.includes(id), `descriptor for ${id}`);
    assert.deepEqual(driver.rules, JSON.parse(JSON.stringify(ruleDescriptors())), 'the log carries ruleDescriptors()');

    for (const rule of driver.rules) {
      const where = `rule ${rule.id}`;
      assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${where}: id`);
      // Required by GitHub, and not the empty string.
      assert.ok(rule.shortDescription?.text, `${where}: shortDescription.text`);
      assert.ok(rule.fullDescription?.text, `${where}: fullDescription.text`);
      assert.ok(rule.help?.text, `${where}: help.text`);
      assert.ok((rule.name ?? '').length <= 255, `${where}: name within 255 characters`);
      assert.ok(rule.shortDescription.text.length <= 1024 && rule.fullDescription.text.length <= 1024, `${where}: descriptions within 1024 characters`);
      assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration?.level ?? ''), `${where}: defaultConfiguration.level`);
      assert.ok(rule.helpUri, `${where}: helpUri`);
      assert.doesNotThrow(() => new URL(rule.helpUri ?? ''), `${where}: helpUri is an absolute URI`);
      assert.ok(Array.isArray(rule.properties?.citations), `${where}: properties.citations is an array`);
      assert.ok(Array.isArray(rule.properties?.tags), `${where}: properties.tags is an array`);

      if (rule.id in HIPAA_PACK.rules) {
        const citations = rule.properties?.citations as unknown[];
        assert.ok(citations.length > 0, `${where}: HIPAA rule cites the Security Rule`);
        assert.deepEqual(citations, [...HIPAA_PACK.rules[rule.id].citations], `${where}: citations from the pack`);
        for (const c of citations) assert.match(String(c), /^164\.3\d\d/, `${where}: citation ${String(c)}`);
        const sev = rule.properties?.['security-severity'];
        assert.equal(typeof sev, 'string', `${where}: security-severity is a string`);
        const score = Number(sev);
        assert.ok(Number.isFinite(score) && score > 0 && score <= 10, `${where}: security-severity ${String(sev)} in (0, 10]`);
        assert.ok(rule.properties?.tags?.includes('security'), `${where}: tagged security (GitHub treats it as a security rule)`);
      }
    }
  });

  test('has what GitHub code scanning needs from every result', () => {
    const rules = run.tool.driver.rules;
    for (const [i, r] of run.results.entries()) {
      const where = `result ${i} (${r.ruleId})`;
      assert.ok(r.ruleId, `${where}: ruleId`);
      assert.ok(typeof r.message?.text === 'string' && r.message.text.length > 0, `${where}: message.text`);
      assert.ok(['error', 'warning', 'note', 'none'].includes(r.level ?? ''), `${where}: level ${String(r.level)}`);
      assert.ok(Number.isInteger(r.ruleIndex) && (r.ruleIndex ?? -1) >= 0, `${where}: ruleIndex ${String(r.ruleIndex)}`);
      assert.equal(rules[r.ruleIndex ?? -1]?.id, r.ruleId, `${where}: ruleIndex points at the descriptor with the same id`);

      assert.ok(Array.isArray(r.locations) && r.locations.length >= 1 && r.locations.length <= 10, `${where}: 1..10 locations`);
      const locs = [...r.locations.map((l) => l.physicalLocation), ...(r.relatedLocations ?? []).map((l) => l.physicalLocation)];
      for (const pl of locs) {
        const uri = pl?.artifactLocation?.uri;
        assert.ok(typeof uri === 'string' && uri.length > 0, `${where}: artifactLocation.uri`);
        assert.ok(!uri.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(uri), `${where}: uri ${uri} is relative`);
        assert.ok(!uri.split('/').includes('..'), `${where}: uri ${uri} stays under the root`);
        assert.equal(pl.artifactLocation.uriBaseId, '%SRCROOT%', `${where}: uriBaseId`);
        const { startLine, startColumn, endLine, endColumn } = pl.region;
        assert.ok(Number.isInteger(startLine) && startLine >= 1, `${where}: startLine ${startLine}`);
        assert.ok(Number.isInteger(startColumn) && startColumn >= 1, `${where}: startColumn ${startColumn}`);
        assert.ok(endLine !== undefined && endLine >= startLine, `${where}: endLine`);
        assert.ok(endColumn !== undefined && endColumn >= 1 && (endLine > startLine || endColumn >= startColumn), `${where}: endColumn`);
      }
      for (const [k, rl] of (r.relatedLocations ?? []).entries()) {
        assert.equal(rl.id, k + 1, `${where}: related location ids`);
        assert.ok(rl.message?.text, `${where}: related location message`);
      }
    }
  });

  test('artifact URIs are relative to %SRCROOT% (the working directory) and resolve to the files', () => {
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///tmp/x/');
    const byDisplay = new Map(reports.map((r) => [r.display, r]));
    for (const r of run.results) {
      const a = r.locations[0].physicalLocation.artifactLocation;
      const file = decodeURIComponent(new URL(resolveUri(a)).pathname);
      const rep = [...byDisplay.values()].find((x) => x.file === file);
      assert.ok(rep, `${a.uri} resolves to ${file}, one of the linted files`);
    }
    const jsonUris = run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri).filter((u) => u.startsWith('cdk'));
    assert.ok(jsonUris.length > 0);
    for (const u of jsonUris) assert.equal(u, 'cdk%20out/Stack%20%231.template.json');
  });

  test("a result's region is the finding's 0-based range plus one", () => {
    const plusOne = (range: Range): Region => ({
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    });
    assert.equal(run.results.length, findings.length);
    for (const [i, f] of findings.entries()) {
      const r = run.results[i];
      assert.equal(r.ruleId, f.ruleId);
      assert.deepEqual(r.locations[0].physicalLocation.region, plusOne(f.range), `${f.ruleId} region`);
      assert.equal(r.relatedLocations?.length ?? 0, f.related?.length ?? 0, `${f.ruleId} related count`);
      for (const [k, rel] of (f.related ?? []).entries()) {
        assert.deepEqual(r.relatedLocations?.[k].physicalLocation.region, plusOne(rel.range), `${f.ruleId} related ${k} region`);
        assert.equal(r.relatedLocations?.[k].message.text, rel.message);
      }
    }

    // Spot-check against the template text: the result points at the value `!Ref P` (1-based).
    const sqs = run.results.find((r) => r.ruleId === 'sqs-queue-encryption');
    assert.ok(sqs);
    const lines = YAML_TEMPLATE.split('\n');
    const line = lines.findIndex((l) => l.includes('SqsManagedSseEnabled: !Ref P'));
    assert.equal(sqs.locations[0].physicalLocation.region.startLine, line + 1);
    assert.equal(sqs.locations[0].physicalLocation.region.startColumn, lines[line].indexOf('!Ref P') + 1);
    // ... and its related location points into Parameters.P (lines 3-5), where the Default 'false' is.
    const rel = sqs.relatedLocations?.[0];
    assert.ok(rel, 'the parameter default is a related location');
    assert.match(rel.message.text, /parameter P/);
    assert.ok(rel.physicalLocation.region.startLine >= 3 && rel.physicalLocation.region.startLine <= 5, `related startLine ${rel.physicalLocation.region.startLine}`);
    assert.equal(rel.physicalLocation.artifactLocation.uri, sqs.locations[0].physicalLocation.artifactLocation.uri);
  });

  test('levels follow severities, and suppressed findings carry an in-source suppression', () => {
    const expected = { error: 'error', warning: 'warning', info: 'note' } as const;
    for (const [i, f] of findings.entries()) assert.equal(run.results[i].level, expected[f.severity], f.ruleId);

    const suppressed = run.results.filter((r) => r.suppressions && r.suppressions.length > 0);
    assert.equal(suppressed.length, findings.filter((f) => f.suppressed).length);
    const ebs = suppressed.find((r) => r.ruleId === 'ebs-volume-encryption');
    assert.ok(ebs, 'the suppressed EBS finding is reported');
    assert.deepEqual(ebs.suppressions, [{ kind: 'inSource', justification: 'Scratch volume for build caches, no PHI (SEC-123)' }]);

    const without = JSON.parse(formatSarif(reports, { cwd: '/tmp/x', version: '1.2.3', includeSuppressed: false })) as Log;
    assert.equal(without.runs[0].results.length, findings.filter((f) => !f.suppressed).length);
    assert.ok(without.runs[0].results.every((r) => !r.suppressions));
    const validate = compileSchema();
    assert.ok(validate(without), `SARIF schema errors:\n${errorsText(validate.errors)}`);
  });

  test('an empty run is still a valid log', () => {
    const empty = JSON.parse(formatSarif([], { cwd: '/tmp/x/', version: '0.0.0', includeSuppressed: false })) as Log;
    assert.deepEqual(empty.runs[0].results, []);
    assert.equal(empty.runs[0].originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///tmp/x/');
    const validate = compileSchema();
    assert.ok(validate(empty), `SARIF schema errors:\n${errorsText(validate.errors)}`);
  });
});
