import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/engine/parse';
import { isTemplateValue, mightBeTemplate } from '../../server/src/engine/parse/detect';
import { lint } from '../../server/src/engine/lint';
import type { Json } from '../../server/src/engine/types';

import { CORPUS, NO_CORPUS } from '../helpers/corpus';

function valueOf(yamlValue: string): Json | undefined {
  const doc = parse(`AWSTemplateFormatVersion: '2010-09-09'\nX: ${yamlValue}\n`, { format: 'yaml' });
  assert.deepEqual(doc.problems, [], yamlValue);
  return (doc.value as { X: Json }).X;
}

describe('YAML short-form tags become long form', () => {
  const table: [string, Json][] = [
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ["!Ref 'AWS::Region'", { Ref: 'AWS::Region' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Key.Arn', { 'Fn::GetAtt': ['Key', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Key, Arn]', { 'Fn::GetAtt': ['Key', 'Arn'] }],
    ["!Sub '${AWS::StackName}-x'", { 'Fn::Sub': '${AWS::StackName}-x' }],
    ['!Sub [\'${A}\', {A: !Ref B}]', { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] }],
    ['!If [C, a, !Ref AWS::NoValue]', { 'Fn::If': ['C', 'a', { Ref: 'AWS::NoValue' }] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, !Ref AWS::Region, Ami]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!ImportValue shared-key', { 'Fn::ImportValue': 'shared-key' }],
    ['!ImportValue {"Fn::Sub": "${Stack}-Key"}', { 'Fn::ImportValue': { 'Fn::Sub': '${Stack}-Key' } }],
    ['!GetAZs {Ref: "AWS::Region"}', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Not [!Condition B]]', { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] }],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
  ];
  for (const [src, expected] of table) test(src, () => assert.deepEqual(valueOf(src), expected));

  test('block sequence form', () => {
    const doc = parse('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: !If\n      - C\n      - !GetAtt\n        - K\n        - Arn\n      - !Ref AWS::NoValue\n', { format: 'yaml' });
    assert.deepEqual((doc.value as any).Resources.B.Condition, { 'Fn::If': ['C', { 'Fn::GetAtt': ['K', 'Arn'] }, { Ref: 'AWS::NoValue' }] });
  });

  test('an unknown tag is a finding, not a crash, and its value is treated as unknown', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: !Rain::S3 key.txt\n';
    const doc = parse(text, { format: 'yaml' });
    assert.deepEqual(doc.problems.map((p) => [p.id, text.slice(p.start, p.end)]), [['unknown-tag', '!Rain::S3']]);
    const findings = lint(doc, { rules: { 'sns-topic-ssl-only': 'off', 'sqs-queue-ssl-only': 'off' } });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [
      ['unknown-tag', 'warning'],
      ['sqs-queue-encryption', 'info'],
    ]);
    assert.match(findings[1].message, /unknown tag !Rain::S3/);
  });

  test('scalars: booleans, numbers and version strings', () => {
    assert.equal(valueOf('true'), true);
    assert.equal(valueOf("'true'"), 'true');
    assert.equal(valueOf('yes'), 'yes');
    assert.equal(valueOf('5'), 5);
    assert.equal(valueOf('2010-09-09'), '2010-09-09');
  });
});

describe('duplicate keys are reported in both formats, with the key\'s range', () => {
  test('YAML', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n';
    const doc = parse(text, { format: 'yaml' });
    assert.deepEqual(doc.problems.map((p) => [p.id, text.slice(p.start, p.end), doc.lines.position(p.start).line]), [['duplicate-key', 'Q', 3]]);
  });
  test('JSON', () => {
    const text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Q": {"Type": "AWS::SNS::Topic"}}}';
    const doc = parse(text, { format: 'json' });
    assert.deepEqual(doc.problems.map((p) => [p.id, text.slice(p.start, p.end)]), [['duplicate-key', '"Q"']]);
    assert.equal((doc.value as any).Resources.Q.Type, 'AWS::SNS::Topic', 'the model keeps the last, as the source map does');
  });
});

describe('syntax errors', () => {
  test('YAML: a precise range, and the rest of the template is still linted', () => {
    const text = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n   Properties:\n      TopicName: x\n  Queue:\n    Type: AWS::SQS::Queue\n';
    const doc = parse(text, { format: 'yaml' });
    const findings = lint(doc);
    const err = findings.find((f) => f.ruleId === 'parse-error')!;
    assert.deepEqual(err.range.start, { line: 3, character: 0 });
    assert.ok(findings.some((f) => f.ruleId === 'sqs-queue-encryption' && f.logicalId === 'Queue'), 'the queue after the error is linted');
  });

  test('JSON: trailing comma is named as such, once, and the rest is linted', () => {
    const text = '{"Resources": {"T": {"Type": "AWS::SNS::Topic",}, "Q": {"Type": "AWS::SQS::Queue"}}}';
    const findings = lint(parse(text, { format: 'json' }));
    const errs = findings.filter((f) => f.ruleId === 'parse-error');
    assert.equal(errs.length, 1);
    assert.match(errs[0].message, /trailing comma/);
    assert.equal(text.slice(errs[0].offsets.start, errs[0].offsets.end), ',');
    assert.ok(findings.some((f) => f.logicalId === 'Q'));
  });

  test('JSON comments are errors (CloudFormation rejects them)', () => {
    const findings = lint(parse('{"Resources": {"T": {"Type": "AWS::SNS::Topic"}} // x\n}', { format: 'json' }));
    assert.ok(findings.some((f) => f.ruleId === 'parse-error' && /comments/.test(f.message)));
  });

  test('an unterminated quote is reported where it opens', () => {
    const text = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: "x\n';
    const err = lint(parse(text, { format: 'yaml' })).find((f) => f.ruleId === 'parse-error')!;
    assert.deepEqual(err.range.start, { line: 4, character: 17 });
  });
});

describe('what CloudFormation accepts, yaml rejects by default: under-indented quoted continuation lines', () => {
  for (const rel of [
    'awslabs-aws-cloudformation-templates-2023/aws/services/CloudFormation/FindInMap_Inside_Sub.yaml',
    'quickstart-compliance-hipaa/templates/compliance-hipaa-entrypoint.template.yaml',
  ]) {
    test(rel, { skip: CORPUS ? false : NO_CORPUS }, () => {
      const text = readFileSync(path.join(CORPUS!, rel), 'utf8');
      const doc = parse(text, { format: 'yaml' });
      assert.deepEqual(doc.problems, []);
      assert.ok(doc.isTemplate);
      // Ranges after the repaired scalar still point at the original text.
      const resources = Object.keys((doc.value as any).Resources);
      const last = resources[resources.length - 1];
      const loc = doc.sourceMap.locate(['Resources', last]);
      assert.equal(text.slice(loc.key.start, loc.key.end), last);
      const outputs = (doc.value as any).Outputs ?? {};
      for (const name of Object.keys(outputs)) {
        const o = doc.sourceMap.locate(['Outputs', name]);
        assert.equal(text.slice(o.key.start, o.key.end), name);
      }
    });
  }

  test('the folded value is what PyYAML reads', () => {
    const text = "Outputs:\n  O:\n    Value: 'one\n    two'\n    Description: x\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    const doc = parse(text, { format: 'yaml' });
    assert.deepEqual(doc.problems, []);
    assert.equal((doc.value as any).Outputs.O.Value, 'one two');
    const d = doc.sourceMap.locate(['Outputs', 'O', 'Description']);
    assert.equal(text.slice(d.key.start, d.key.end), 'Description');
  });
});

describe('hostile input is bounded', () => {
  test('alias expansion (billion laughs) stops with a finding', () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:\n  Q:\n    Type: AWS::SQS::Queue');
    const started = Date.now();
    const doc = parse(lines.join('\n') + '\n', { format: 'yaml' });
    assert.ok(Date.now() - started < 2000);
    assert.ok(doc.problems.some((p) => p.id === 'parse-error' && /alias/.test(p.message)));
    assert.ok(lint(doc).some((f) => f.logicalId === 'Q'), 'the resources are still linted');
  });

  test('nesting depth is limited in YAML and JSON', () => {
    const deepYaml = 'AWSTemplateFormatVersion: x\nX: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const y = parse(deepYaml, { format: 'yaml' });
    assert.ok(y.problems.some((p) => p.id === 'parse-error'));
    const deepJson = '{"AWSTemplateFormatVersion": "x", "X": ' + '['.repeat(100000) + ']'.repeat(100000) + '}';
    const j = parse(deepJson, { format: 'json' });
    assert.ok(j.problems.some((p) => p.id === 'parse-error' && /nest/i.test(p.message)));
  });

  test('a template above the size limit gets one clear finding instead of a parse', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '  # padding\n'.repeat(1000);
    const doc = parse(text, { format: 'yaml', maxSize: 1024 });
    const findings = lint(doc);
    assert.deepEqual(findings.map((f) => f.ruleId), ['template-too-large']);
    assert.match(findings[0].message, /above the limit of 1\.0 KB/);
  });
});

describe('template detection', () => {
  const yes = [
    'AWSTemplateFormatVersion: "2010-09-09"\n',
    'Transform: AWS::Serverless-2016-10-31\nResources: {}\n',
    'Resources:\n  Thing:\n    Type: Custom::Thing\n',
    '{"Resources": {"Skill": {"Type": "Alexa::ASK::Skill"}}}',
  ];
  const no = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    '{"name": "x", "version": "1.0.0", "dependencies": {"yaml": "^2"}}',
    'Resources:\n  Thing:\n    Type: Some::Other::Type\n',
    'openapi: 3.0.0\ninfo:\n  title: AWS::Thing docs\n',
  ];
  for (const t of yes) test(`template: ${JSON.stringify(t.slice(0, 40))}`, () => assert.ok(parse(t).isTemplate));
  for (const t of no) test(`not a template: ${JSON.stringify(t.slice(0, 40))}`, () => {
    const doc = parse(t);
    assert.equal(doc.isTemplate, false);
    assert.deepEqual(lint(doc), []);
  });
  test('the text pre-check skips parsing for documents that cannot be templates', () => {
    assert.equal(mightBeTemplate('apiVersion: v1\nkind: ConfigMap\n'), false);
    assert.equal(parse('apiVersion: v1\nkind: ConfigMap\n').value, undefined, 'not parsed at all');
    assert.equal(isTemplateValue({ Resources: { A: { Type: 'AWS::S3::Bucket' } } }), true);
  });
});
