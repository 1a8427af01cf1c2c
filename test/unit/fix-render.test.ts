/**
 * The fix renderer on its own: ops -> text edits, in each layout a user's file may have. Each case
 * states the exact output; the helper also checks that it re-parses to the expected model.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, fixAll, renderFix } from '../../server/src/engine/fix';
import { parse } from '../../server/src/engine/parse';
import type { Fix, FixOp, Format } from '../../server/src/engine/types';

function apply(text: string, format: Format, ...ops: FixOp[]): string {
  const doc = parse(text, { format });
  const fix: Fix = { title: 't', kind: 'safe', ops };
  const out = applyEdits(text, renderFix(doc, fix));
  const again = parse(out, { format });
  assert.deepEqual(again.problems, [], `output must re-parse:\n${out}`);
  return out;
}

const GETATT = { 'Fn::GetAtt': ['Key', 'Arn'] };

describe('YAML renderer', () => {
  test('adds a key after the last one, keeping its comment and the next resource', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1 # one\n  R:\n    Type: x\n';
    assert.equal(
      apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'K'], value: GETATT }),
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1 # one\n      K:\n        Fn::GetAtt: [Key, Arn]\n  R:\n    Type: x\n',
    );
  });

  test('writes short tags when the file uses them, keeps 4-space indentation, quotes YAML 1.1 boolean keys', () => {
    const text = 'Resources:\n    Q:\n        Type: AWS::SQS::Queue\n        Properties:\n            Name: !Sub x\n';
    assert.equal(
      apply(text, 'yaml', { op: 'merge', path: ['Resources', 'Q', 'Properties', 'Enc'], value: { On: true, Key: GETATT, List: [{ A: 'b' }] } }),
      "Resources:\n    Q:\n        Type: AWS::SQS::Queue\n        Properties:\n            Name: !Sub x\n            Enc:\n                'On': true\n                Key: !GetAtt Key.Arn\n                List:\n                    - A: b\n",
    );
  });

  test('sequences indented or not, as the file does', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n      - Key: a\n        Value: b\n';
    assert.equal(
      apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'L'], value: ['x', { Y: 1, Z: 2 }] }),
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n      - Key: a\n        Value: b\n      L:\n      - x\n      - 'Y': 1\n        Z: 2\n",
    );
  });

  test('creates Properties when the resource has none', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n';
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A', 'B'], value: 'c' }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A:\n        B: c\n');
  });

  test('fills a key that has no value', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n';
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: 1 }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n');
  });

  test('inserts into flow mappings and sequences', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: 1, L: [x]}\n';
    let out = apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'B'], value: { C: 'd e' } });
    assert.equal(out, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: 1, L: [x], B: {C: d e}}\n');
    out = apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'L', 1], value: 'y, z' });
    assert.equal(out, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: 1, L: [x, 'y, z']}\n");
    out = apply('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {}\n', 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'B'], value: 1 });
    assert.equal(out, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {B: 1}\n');
  });

  test('replaces a value in place, including a tagged one and a Fn::If branch', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: !Ref P   # why\n      B: !If [C, x, y]\n';
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: true }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: true   # why\n      B: !If [C, x, y]\n');
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'B', 'Fn::If', 2], value: 'z' }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: !Ref P   # why\n      B: !If [C, x, z]\n');
    // A scalar replaced by a mapping becomes a block.
    assert.equal(
      apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: { X: 1 } }),
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A:\n        X: 1   # why\n      B: !If [C, x, y]\n',
    );
  });

  test('quotes strings YAML (1.1 or 1.2) would read as something else', () => {
    const text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n";
    const out = apply(text, 'yaml', { op: 'merge', path: ['Resources', 'Q', 'Properties'], value: { S: 'true', Y: 'yes', N: '0755', E: '', W: '*', C: 'a: b', H: 'a #b', V: '2012-10-17', P: 'arn:aws:kms:x' } });
    assert.match(out, /S: 'true'\n\s+'Y': 'yes'\n\s+'N': '0755'\n\s+E: ''\n\s+W: '\*'\n\s+C: 'a: b'\n\s+H: 'a #b'\n\s+V: '2012-10-17'\n\s+P: arn:aws:kms:x\n/);
    const v = parse(out, { format: 'yaml' }).value as any;
    assert.deepEqual([v.Resources.Q.Properties.S, v.Resources.Q.Properties.N, v.Resources.Q.Properties.V], ['true', '0755', '2012-10-17']);
    // The file's own quote character is used.
    const dq = apply('Resources:\n  Q:\n    Type: "AWS::SQS::Queue"\n    Properties:\n      A: "x"\n', 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'B'], value: 'true' });
    assert.match(dq, /B: "true"/);
  });

  test('removes a key: first, middle, last, and only', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n      B:\n        X: 1\n      C: 3\n';
    const p = ['Resources', 'Q', 'Properties'];
    assert.equal(apply(text, 'yaml', { op: 'remove', path: [...p, 'A'] }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      B:\n        X: 1\n      C: 3\n');
    assert.equal(apply(text, 'yaml', { op: 'remove', path: [...p, 'B'] }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n      C: 3\n');
    assert.equal(apply(text, 'yaml', { op: 'remove', path: [...p, 'C'] }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n      B:\n        X: 1\n');
    assert.equal(apply('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n', 'yaml', { op: 'remove', path: [...p, 'A'] }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      {}\n');
    assert.equal(apply('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: 1, B: 2}\n', 'yaml', { op: 'remove', path: [...p, 'A'] }), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {B: 2}\n');
  });

  test('adds a resource at the end of Resources, blank-line separated when the file is', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n\n  B:\n    Type: AWS::SNS::Topic\n\nOutputs:\n  O:\n    Value: x\n';
    assert.equal(
      apply(text, 'yaml', { op: 'addResource', logicalId: 'Key', resource: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } }),
      'Resources:\n  A:\n    Type: AWS::SQS::Queue\n\n  B:\n    Type: AWS::SNS::Topic\n\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n\nOutputs:\n  O:\n    Value: x\n',
    );
  });

  test('keeps CRLF line endings', () => {
    const text = 'Resources:\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n';
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: 1 }), 'Resources:\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n    Properties:\r\n      A: 1\r\n');
  });

  test('several ops in one fix compose into edits on the original text', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n  R:\n    Type: x\n';
    const out = apply(
      text,
      'yaml',
      { op: 'addResource', logicalId: 'Key', resource: { Type: 'AWS::KMS::Key' } },
      { op: 'set', path: ['Resources', 'Q', 'Properties', 'K'], value: GETATT },
      { op: 'set', path: ['Resources', 'Q', 'Properties', 'L'], value: 2 },
      { op: 'remove', path: ['Resources', 'Q', 'Properties', 'A'] },
    );
    assert.equal(out, 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      K:\n        Fn::GetAtt: [Key, Arn]\n      L: 2\n  R:\n    Type: x\n  Key:\n    Type: AWS::KMS::Key\n');
  });

  test('works on a template repaired from under-indented quoted scalars', () => {
    const text = "Outputs:\n  O:\n    Value: 'one\n    two'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n";
    assert.equal(apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: 1 }), "Outputs:\n  O:\n    Value: 'one\n    two'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: 1\n");
  });
});

describe('JSON renderer', () => {
  test('adds a property at the siblings\' indentation (tabs)', () => {
    const text = '{\n\t"Resources": {\n\t\t"Q": {\n\t\t\t"Type": "AWS::SQS::Queue"\n\t\t}\n\t}\n}\n';
    assert.equal(
      apply(text, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties', 'K'], value: GETATT }),
      '{\n\t"Resources": {\n\t\t"Q": {\n\t\t\t"Type": "AWS::SQS::Queue",\n\t\t\t"Properties": {\n\t\t\t\t"K": {\n\t\t\t\t\t"Fn::GetAtt": [\n\t\t\t\t\t\t"Key",\n\t\t\t\t\t\t"Arn"\n\t\t\t\t\t]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n',
    );
  });

  test('cdk synth style (1-space indent), minified, and empty objects', () => {
    const cdk = '{\n "Resources": {\n  "Q": {\n   "Type": "AWS::SQS::Queue",\n   "Properties": {}\n  }\n }\n}';
    assert.equal(apply(cdk, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: true }), '{\n "Resources": {\n  "Q": {\n   "Type": "AWS::SQS::Queue",\n   "Properties": {\n    "A": true\n   }\n  }\n }\n}');
    const min = '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"},"R":{"Type":"x"}}}';
    assert.equal(apply(min, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties'], value: { A: [1] } }), '{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"A":[1]}},"R":{"Type":"x"}}}');
  });

  test('replaces and removes values without reformatting neighbours', () => {
    const text = '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": false, "B": 1}}\n  }\n}\n';
    assert.equal(apply(text, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties', 'A'], value: true }), '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": true, "B": 1}}\n  }\n}\n');
    assert.equal(apply(text, 'json', { op: 'remove', path: ['Resources', 'Q', 'Properties', 'A'] }), '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"B": 1}}\n  }\n}\n');
    assert.equal(apply(text, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties', 'C'], value: 'x' }), '{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue", "Properties": {"A": false, "B": 1, "C": "x"}}\n  }\n}\n');
  });

  test('keeps CRLF', () => {
    const text = '{\r\n  "Resources": {\r\n    "Q": {\r\n      "Type": "AWS::SQS::Queue"\r\n    }\r\n  }\r\n}\r\n';
    const out = apply(text, 'json', { op: 'set', path: ['Resources', 'Q', 'Properties'], value: { A: 1 } });
    assert.equal(out, '{\r\n  "Resources": {\r\n    "Q": {\r\n      "Type": "AWS::SQS::Queue",\r\n      "Properties": {\r\n        "A": 1\r\n      }\r\n    }\r\n  }\r\n}\r\n');
  });
});

describe('fix-all', () => {
  test('applies every safe fix, once, and leaves suggestions alone', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      EnableKeyRotation: true\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: x\n';
    const r = fixAll(text);
    assert.deepEqual(r.fixed.map((f) => f.logicalId), ['A', 'B']);
    assert.deepEqual(
      r.remaining.map((f) => [f.ruleId, f.logicalId]),
      [['sns-topic-ssl-only', 'A'], ['sns-topic-ssl-only', 'B'], ['ebs-volume-encryption', 'V']],
      'the volume needs replacement, a topic policy replaces the default one: only suggestions',
    );
    assert.equal((r.output.match(/KmsMasterKeyId/g) ?? []).length, 2);
    const unsafe = fixAll(text, {}, {}, { unsafe: true });
    assert.deepEqual(unsafe.remaining, []);
  });

  test('is idempotent', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      EnableKeyRotation: true\n  A:\n    Type: AWS::SNS::Topic\n';
    const once = fixAll(text).output;
    assert.equal(fixAll(once).output, once);
  });

  test('never applies a fix to a suppressed finding', () => {
    const text = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      EnableKeyRotation: true\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn-hipaa:\n        suppress:\n          - rule: sns-topic-encryption\n            reason: Public status notifications only\n';
    assert.equal(fixAll(text).output, text);
  });
});

describe('regressions', () => {
  test('appending to a block list whose first item is a tagged sequence (- !If) keeps the list\'s own indentation', () => {
    const text = 'Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Statement:\n        - !If\n          - Strict\n          - Effect: Deny\n          - !Ref AWS::NoValue\n        - Effect: Allow\n      Other: 1\n';
    const out = apply(text, 'yaml', { op: 'set', path: ['Resources', 'P', 'Properties', 'Statement', 2], value: { Sid: 'X', Effect: 'Deny' } });
    assert.equal(out, text.replace('        - Effect: Allow\n', '        - Effect: Allow\n        - Sid: X\n          Effect: Deny\n'));
    const statements = (parse(out, { format: 'yaml' }).value as { Resources: { P: { Properties: { Statement: unknown[] } } } }).Resources.P.Properties.Statement;
    assert.equal(statements.length, 3);
  });

  test('a merge into an existing intrinsic replaces it (JSON and YAML stay valid)', () => {
    const yaml = 'Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      SSESpecification:\n        KMSMasterKeyId: !If [Prod, !GetAtt Key.Arn, alias/aws/dynamodb]\n';
    const json = JSON.stringify(parse(yaml, { format: 'yaml' }).value, null, 2);
    const op: FixOp = { op: 'merge', path: ['Resources', 'T', 'Properties', 'SSESpecification'], value: { SSEEnabled: true, KMSMasterKeyId: GETATT } };
    for (const [text, format] of [[yaml, 'yaml'], [json, 'json']] as [string, Format][]) {
      const out = apply(text, format, op);
      assert.deepEqual((parse(out, { format }).value as any).Resources.T.Properties.SSESpecification, { KMSMasterKeyId: GETATT, SSEEnabled: true }, format);
    }
    const whole = JSON.stringify({ Resources: { T: { Type: 'AWS::S3::Bucket', Properties: { S: { 'Fn::If': ['C', { A: 1 }, { Ref: 'AWS::NoValue' }] } } } } }, null, 2);
    const out = apply(whole, 'json', { op: 'merge', path: ['Resources', 'T', 'Properties', 'S'], value: { B: 2 } });
    assert.deepEqual((parse(out, { format: 'json' }).value as any).Resources.T.Properties.S, { B: 2 });
  });

  test('a long value inside a flow Fn::If is written in flow form rather than failing', () => {
    const text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: !If [Enc, {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]}, !Ref AWS::NoValue]\n";
    const value = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: GETATT }, BucketKeyEnabled: true }] };
    const out = apply(text, 'yaml', { op: 'set', path: ['Resources', 'B', 'Properties', 'BucketEncryption', 'Fn::If', 2], value });
    assert.deepEqual((parse(out, { format: 'yaml' }).value as any).Resources.B.Properties.BucketEncryption['Fn::If'][2], value);
  });
});

describe('nested short-form tags', () => {
  test('an intrinsic whose argument is an intrinsic is written with the outer in long form (one tag per node)', () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: !Ref X\n';
    const value = { 'Fn::ImportValue': { 'Fn::Sub': '${Stack}-KeyId' } };
    const out = apply(text, 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'K'], value }, { op: 'set', path: ['Resources', 'Q', 'Properties', 'L'], value: ['x', value] });
    assert.match(out, /K:\n\s+Fn::ImportValue: !Sub '?\$\{Stack\}-KeyId'?\n/);
    assert.deepEqual((parse(out, { format: 'yaml' }).value as any).Resources.Q.Properties.L, ['x', value]);
    const flow = apply('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: !Ref X}\n', 'yaml', { op: 'set', path: ['Resources', 'Q', 'Properties', 'K'], value });
    assert.deepEqual((parse(flow, { format: 'yaml' }).value as any).Resources.Q.Properties.K, value);
  });
});
