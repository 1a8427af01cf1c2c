/**
 * The HIPAA-eligible services table (packs/hipaa-eligible-services.ts): the lookup, config
 * overrides through lint(), and the sanity of the data itself, including how much of the public
 * corpus it covers.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import { eligibility, ELIGIBLE_SERVICES_SOURCE, prefixOf, SERVICES } from '../../server/src/engine/packs/hipaa-eligible-services';
import type { LintConfig } from '../../server/src/engine/types';
import { CORPUS, NO_CORPUS, REPO } from '../helpers/corpus';

const RULE = 'hipaa-eligible-service';

describe('eligibility()', () => {
  test('prefixes, full types, no-data types and unknown namespaces', () => {
    assert.deepEqual(
      [eligibility('AWS::S3::Bucket').status, eligibility('AWS::S3::Bucket').service, eligibility('AWS::S3::Bucket').source],
      ['eligible', 'Amazon S3', 'aws-list'],
    );
    assert.equal(eligibility('AWS::GameLift::Fleet').status, 'not-eligible');
    assert.equal(eligibility('AWS::IAM::Role').status, 'no-data');
    assert.equal(eligibility('AWS::CloudFormation::Stack').status, 'no-data');
    assert.equal(eligibility('AWS::CloudFormation::CustomResource').status, 'no-data');
    assert.equal(eligibility('Custom::Anything').status, 'no-data');
    assert.equal(eligibility('AWS::CDK::Metadata').status, 'no-data');
    assert.equal(eligibility('AWS::ManagedBlockchain::Member').status, 'unknown');
    assert.equal(eligibility('NotAType').status, 'unknown');
    assert.equal(eligibility('My::Org::Network::MODULE').status, 'no-data', 'a module expands into other resources');
    assert.equal(eligibility('MongoDB::Atlas::Cluster').status, 'unknown');
    assert.equal(eligibility('MongoDB::Atlas::Cluster', { 'MongoDB::Atlas::': true }).status, 'eligible', 'a third-party type can be overridden');
    assert.equal(eligibility('AWS::DirectoryService::MicrosoftAD').status, 'eligible');
    assert.equal(eligibility('AWS::DirectoryService::SimpleAD').status, 'not-eligible', 'a full type wins over its prefix');
  });

  test('SAM types map to the service they create', () => {
    const svc = (t: string) => eligibility(t).service;
    assert.equal(svc('AWS::Serverless::Function'), 'AWS Lambda');
    assert.equal(svc('AWS::Serverless::Api'), 'Amazon API Gateway');
    assert.equal(svc('AWS::Serverless::HttpApi'), 'Amazon API Gateway');
    assert.equal(svc('AWS::Serverless::SimpleTable'), 'Amazon DynamoDB');
    assert.equal(svc('AWS::Serverless::StateMachine'), 'AWS Step Functions');
    assert.equal(eligibility('AWS::Serverless::Application').status, 'no-data');
    assert.equal(eligibility('AWS::Serverless::SomethingNew').status, 'unknown', 'no catch-all for SAM');
  });

  test('overrides win over the data; a full type wins over a prefix', () => {
    const o = { 'AWS::GameLift::': true, 'AWS::GameLift::Build': false, 'AWS::S3::': false, 'AWS::ManagedBlockchain::Member': true };
    assert.deepEqual([eligibility('AWS::GameLift::Fleet', o).status, eligibility('AWS::GameLift::Fleet', o).source], ['eligible', 'config']);
    assert.equal(eligibility('AWS::GameLift::Build', o).status, 'not-eligible');
    assert.equal(eligibility('AWS::GameLift::Build', o).key, 'AWS::GameLift::Build');
    assert.equal(eligibility('AWS::S3::Bucket', o).status, 'not-eligible');
    assert.equal(eligibility('AWS::S3::Bucket', o).service, 'Amazon S3');
    assert.equal(eligibility('AWS::ManagedBlockchain::Member', o).status, 'eligible');
    assert.equal(eligibility('AWS::ManagedBlockchain::Node', o).status, 'unknown');
    assert.equal(eligibility('AWS::DirectoryService::SimpleAD', { 'AWS::DirectoryService::': true }).status, 'eligible', 'an override prefix beats a data full type');
    assert.equal(eligibility('AWS::S3::Bucket', {}).source, 'aws-list');
  });
});

describe('through lint() with a config', () => {
  const text = 'Resources:\n  Fleet:\n    Type: AWS::GameLift::Fleet\n  Bucket:\n    Type: AWS::S3::Bucket\n  Member:\n    Type: AWS::ManagedBlockchain::Member\n';
  const run = (config: LintConfig) => lint(parse(text, { format: 'yaml' }), config).filter((f) => f.ruleId === RULE).map((f) => `${f.logicalId} ${f.messageId} ${f.severity}`);

  test('without overrides: GameLift is a violation, the unknown namespace is information, S3 passes', () => {
    assert.deepEqual(run({}), ['Fleet notEligible error', 'Member unknownService info']);
  });

  test('an override makes a non-eligible service pass and an eligible one fail', () => {
    const findings = lint(parse(text, { format: 'yaml' }), { eligibleServices: { 'AWS::GameLift::': true, 'AWS::S3::Bucket': false, 'AWS::ManagedBlockchain::': false } }).filter((f) => f.ruleId === RULE);
    assert.deepEqual(findings.map((f) => `${f.logicalId} ${f.messageId} ${f.severity}`), ['Bucket notEligibleByConfig error', 'Member notEligibleByConfig error']);
    assert.match(findings[0].message, /Amazon S3 is marked not HIPAA-eligible by eligibleServices \(AWS::S3::Bucket: false\)/);
    assert.match(findings[1].message, /AWS::ManagedBlockchain::Member is marked not HIPAA-eligible/);
  });

  test('the phiScope tag rule narrows it: only tagged resources and what they reference', () => {
    const tagged = `Resources:
  Fleet:
    Type: AWS::GameLift::Fleet
  Alias:
    Type: AWS::GameLift::Alias
    Properties:
      Tags: [{ Key: DataClassification, Value: PHI }]
`;
    const findings = lint(parse(tagged, { format: 'yaml' }), { phiScope: { tags: { DataClassification: 'PHI' } } }).filter((f) => f.ruleId === RULE);
    assert.deepEqual(findings.map((f) => [f.logicalId, !!f.outOfScope]), [['Fleet', true], ['Alias', false]]);
  });

  test('severity overrides and off apply', () => {
    assert.deepEqual(run({ rules: { [RULE]: 'warning' } }), ['Fleet notEligible warning', 'Member unknownService info']);
    assert.deepEqual(run({ rules: { [RULE]: 'off' } }), []);
  });
});

describe('the data', () => {
  test('every key is a prefix X::Y:: or a full type X::Y::Z, and every entry names its service and is judged one way', () => {
    for (const [key, e] of Object.entries(SERVICES)) {
      assert.match(key, /^[A-Za-z0-9]+::[A-Za-z0-9]+::([A-Za-z0-9]+)?$/, key);
      assert.ok(e.service.length > 3, `${key} names its service`);
      assert.ok((e.noData === true) !== (typeof e.eligible === 'boolean'), `${key}: either noData or eligible`);
      if (e.eligible === false) assert.ok(e.note && e.note.length > 10, `${key}: a non-eligible entry says why`);
      if (!key.endsWith('::')) assert.equal(prefixOf(key), key.replace(/[A-Za-z0-9]+$/, ''));
    }
  });

  test('the header records the list, its URL and date, and the 2017 reference point', () => {
    const src = readFileSync(path.join(REPO, 'server/src/engine/packs/hipaa-eligible-services.ts'), 'utf8');
    const header = src.slice(0, src.indexOf('*/'));
    assert.match(header, /HIPAA Eligible Services Reference/);
    assert.ok(header.includes(ELIGIBLE_SERVICES_SOURCE.url));
    assert.ok(header.includes(ELIGIBLE_SERVICES_SOURCE.lastUpdated));
    assert.match(ELIGIBLE_SERVICES_SOURCE.lastUpdated, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(header, /2017 list of 32 services/);
  });

  test('the services most templates use are known', () => {
    for (const t of ['AWS::S3::Bucket', 'AWS::EC2::Instance', 'AWS::RDS::DBInstance', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::ECS::Service', 'AWS::EKS::Cluster', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ApiGateway::RestApi', 'AWS::CloudFront::Distribution', 'AWS::WAFv2::WebACL', 'AWS::SecretsManager::Secret', 'AWS::SSM::Parameter', 'AWS::Bedrock::Agent']) {
      assert.equal(eligibility(t).status, 'eligible', t);
    }
  });

  function templates(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? templates(p) : /\.(ya?ml|json|template)$/.test(n) ? [p] : [];
    });
  }

  test('corpus: the namespaces the table does not know are few and rare', { skip: CORPUS ? false : NO_CORPUS }, () => {
    const counts = new Map<string, number>();
    for (const file of templates(CORPUS!)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/"?Type"?\s*:\s*"?((?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+)/g)) {
        if (eligibility(m[1]).status !== 'unknown') continue;
        const p = prefixOf(m[1])!;
        counts.set(p, (counts.get(p) ?? 0) + 1);
      }
    }
    const missing = [...counts].sort((a, b) => b[1] - a[1]);
    console.log(`corpus namespaces not in the table: ${missing.map(([p, n]) => `${p} (${n})`).join(', ') || 'none'}`);
    assert.ok(missing.length <= 10, `too many unknown namespaces: ${missing.length}`);
    for (const [p, n] of missing) assert.ok(n <= 10, `${p} is common in the corpus (${n} resources): verify it and add it to the table`);
  });
});
