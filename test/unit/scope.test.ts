/**
 * PHI scope (engine/scope.ts): Metadata phi flags and the config's tag rule decide which resources
 * the PHI-scoped rules (network isolation, eligible services) report on; the config file reads
 * phiScope and eligibleServices.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseConfig, mergeConfigs } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import { ruleById } from '../../server/src/engine/rules';
import { phiScope } from '../../server/src/engine/scope';
import { buildTemplate } from '../../server/src/engine/template/model';
import type { LintConfig } from '../../server/src/engine/types';

const template = (text: string) => buildTemplate(parse(text, { format: 'yaml' }).value)!;

const TAGGED = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBSubnetGroupName: !Ref Subnets
      Tags:
        - Key: DataClassification
          Value: PHI
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      SubnetIds: [!Ref SubnetA]
  SubnetA:
    Type: AWS::EC2::Subnet
  Web:
    Type: AWS::EC2::Instance
    Properties:
      Tags:
        - Key: DataClassification
          Value: Public
  Logs:
    Type: AWS::S3::Bucket
    DependsOn: Db
`;

describe('PHI scope', () => {
  test('by default every resource is in scope', () => {
    const s = phiScope(template(TAGGED), undefined);
    for (const id of ['Db', 'Subnets', 'SubnetA', 'Web', 'Logs']) assert.equal(s.outOfScope(id), undefined);
  });

  test('a tag rule keeps the tagged resources and everything they reference, transitively', () => {
    const s = phiScope(template(TAGGED), { tags: { DataClassification: 'PHI' } });
    assert.equal(s.outOfScope('Db'), undefined);
    assert.equal(s.outOfScope('Subnets'), undefined, 'referenced by the database');
    assert.equal(s.outOfScope('SubnetA'), undefined, 'referenced by the subnet group');
    assert.match(s.outOfScope('Web') ?? '', /not tagged DataClassification=PHI/);
    assert.match(s.outOfScope('Logs') ?? '', /not tagged/, 'depending on a PHI resource does not bring it in');
  });

  test("a tag value of * matches any value; every listed tag must match", () => {
    assert.equal(phiScope(template(TAGGED), { tags: { DataClassification: '*' } }).outOfScope('Web'), undefined);
    assert.match(phiScope(template(TAGGED), { tags: { DataClassification: 'PHI', Owner: '*' } }).outOfScope('Db') ?? '', /not tagged/);
  });

  test('SAM-style tag maps count too', () => {
    const t = template('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Tags:\n        DataClassification: PHI\n');
    assert.equal(phiScope(t, { tags: { DataClassification: 'PHI' } }).outOfScope('Fn'), undefined);
  });

  test('Metadata: phi false on the template or a resource; a resource phi true wins over both', () => {
    const t = template(`Metadata:
  cfn-hipaa:
    phi: false
Resources:
  A:
    Type: AWS::S3::Bucket
  B:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-hipaa:
        phi: true
`);
    assert.match(phiScope(t, undefined).outOfScope('A') ?? '', /template is marked phi: false/);
    assert.equal(phiScope(t, undefined).outOfScope('B'), undefined);
    assert.equal(phiScope(t, { tags: { DataClassification: 'PHI' } }).outOfScope('B'), undefined, 'an explicit phi: true wins over the tag rule');
    const r = template('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cfn-hipaa:\n        phi: false\n  B:\n    Type: AWS::S3::Bucket\n');
    assert.match(phiScope(r, undefined).outOfScope('A') ?? '', /resource A is marked phi: false/);
    assert.equal(phiScope(r, undefined).outOfScope('B'), undefined);
  });

  describe('in lint: findings of PHI-scoped rules only', () => {
    // No network rule exists yet in this file's reach: make one rule PHI-scoped for the test.
    const rule = ruleById('sns-topic-encryption')!;
    before(() => {
      (rule.meta as { phiScoped?: boolean }).phiScoped = true;
    });
    after(() => {
      delete (rule.meta as { phiScoped?: boolean }).phiScoped;
    });
    const text = 'Resources:\n  Status:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-hipaa:\n        phi: false\n  Alerts:\n    Type: AWS::SNS::Topic\n  Queue:\n    Type: AWS::SQS::Queue\n    Metadata:\n      cfn-hipaa:\n        phi: false\n';
    const run = (config: LintConfig = {}) => lint(parse(text, { format: 'yaml' }), config);

    test('are marked outOfScope on resources outside PHI scope, with the reason; other rules are unaffected', () => {
      const f = run();
      const status = f.find((x) => x.ruleId === 'sns-topic-encryption' && x.logicalId === 'Status');
      assert.match(status?.outOfScope ?? '', /resource Status is marked phi: false/);
      assert.equal(f.find((x) => x.ruleId === 'sns-topic-encryption' && x.logicalId === 'Alerts')?.outOfScope, undefined);
      assert.equal(f.find((x) => x.ruleId === 'sqs-queue-encryption' && x.logicalId === 'Queue')?.outOfScope, undefined, 'encryption rules apply to every resource');
      assert.deepEqual(f.filter((x) => x.ruleId === 'invalid-suppression'), [], 'phi: false alone is valid cfn-hipaa Metadata');
    });

    test('the tag rule from the config applies', () => {
      const f = run({ phiScope: { tags: { DataClassification: 'PHI' } } });
      assert.match(f.find((x) => x.ruleId === 'sns-topic-encryption' && x.logicalId === 'Alerts')?.outOfScope ?? '', /not tagged/);
    });
  });

  test('phi must be a boolean: anything else is malformed cfn-hipaa Metadata', () => {
    const f = lint(parse('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-hipaa:\n        phi: maybe\n', { format: 'yaml' }));
    assert.ok(f.some((x) => x.ruleId === 'invalid-suppression' && /phi: true \| false/.test(x.message)));
  });
});

describe('config file: phiScope and eligibleServices', () => {
  test('are read, and merged layer by layer', () => {
    const { config, problems } = parseConfig('phiScope:\n  tags:\n    DataClassification: PHI\neligibleServices:\n  "AWS::Bedrock::": true\n  AWS::GameLift::Fleet: false\n', '.cfn-hipaa.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.phiScope, { tags: { DataClassification: 'PHI' } });
    assert.deepEqual(config.eligibleServices, { 'AWS::Bedrock::': true, 'AWS::GameLift::Fleet': false });
    const merged = mergeConfigs({ eligibleServices: { 'AWS::A::': true } }, config);
    assert.deepEqual(merged.eligibleServices, { 'AWS::A::': true, 'AWS::Bedrock::': true, 'AWS::GameLift::Fleet': false });
    assert.deepEqual(merged.phiScope, config.phiScope);
  });

  test('malformed entries are reported where they are', () => {
    const text = 'phiScope:\n  tags: [PHI]\neligibleServices:\n  bedrock: true\n  "AWS::Bedrock::": yes please\n';
    const { problems } = parseConfig(text, '.cfn-hipaa.yaml');
    assert.deepEqual(problems.map((p) => p.message), [
      'phiScope must be { tags: { <tag key>: <value, or * for any> } }.',
      '"bedrock" is not a resource-type prefix (AWS::Service::) or type (AWS::Service::Resource).',
      'AWS::Bedrock::: use true (eligible under your BAA) or false.',
    ]);
    assert.equal(text.slice(problems[1].start, problems[1].end), 'bedrock');
  });
});
