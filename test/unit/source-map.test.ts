import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/engine/parse';
import type { Format, Path } from '../../server/src/engine/types';

interface Row {
  name: string;
  text: string;
  format: Format;
  path: Path;
  /** Expected slice of the value range; for a missing path, of the nearest ancestor's key. */
  value?: string;
  key?: string;
  /** What rangeFor underlines. */
  underline: string;
  exact: boolean;
}

const BLOCK = `AWSTemplateFormatVersion: '2010-09-09'
# a comment
Resources:
  "Quoted":   # trailing comment
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-data'   # name
      Tags:
        - Key: team
          Value: phi
      KmsKey: !If [Prod, !GetAtt Key.Arn, alias/aws/s3]
      Flow: {A: 1, 'B': [x, y]}
      Nested:
        !If
        - Prod
        - X: 1
        - !Ref AWS::NoValue
`;

const JSON_TEXT = `{
  "Resources": {
    "Quoted": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": {"Fn::Sub": "\${AWS::StackName}-data"},
        "Tags": [{"Key": "team", "Value": "phi"}],
        "KmsKey": {"Fn::If": ["Prod", {"Fn::GetAtt": ["Key", "Arn"]}, "alias/aws/s3"]}
      }
    }
  }
}`;

const P = ['Resources', 'Quoted', 'Properties'];

const rows: Row[] = [
  { name: 'quoted key (YAML)', format: 'yaml', text: BLOCK, path: ['Resources', 'Quoted'], key: '"Quoted"', underline: '"Quoted"', exact: true },
  { name: 'scalar value', format: 'yaml', text: BLOCK, path: ['Resources', 'Quoted', 'Type'], value: 'AWS::S3::Bucket', key: 'Type', underline: 'AWS::S3::Bucket', exact: true },
  { name: 'short tag value includes the tag, not the comment', format: 'yaml', text: BLOCK, path: [...P, 'BucketName'], value: "!Sub '${AWS::StackName}-data'", underline: "!Sub '${AWS::StackName}-data'", exact: true },
  { name: 'inside a short tag', format: 'yaml', text: BLOCK, path: [...P, 'BucketName', 'Fn::Sub'], value: "'${AWS::StackName}-data'", key: '!Sub', underline: "'${AWS::StackName}-data'", exact: true },
  { name: 'Fn::If branch in flow', format: 'yaml', text: BLOCK, path: [...P, 'KmsKey', 'Fn::If', 2], value: 'alias/aws/s3', underline: 'alias/aws/s3', exact: true },
  { name: '!GetAtt A.B scalar holds both items', format: 'yaml', text: BLOCK, path: [...P, 'KmsKey', 'Fn::If', 1, 'Fn::GetAtt', 1], value: 'Key.Arn', underline: 'Key.Arn', exact: true },
  { name: 'block sequence item mapping', format: 'yaml', text: BLOCK, path: [...P, 'Tags', 0, 'Value'], value: 'phi', key: 'Value', underline: 'phi', exact: true },
  { name: 'block mapping value: underline its key', format: 'yaml', text: BLOCK, path: [...P, 'Tags'], key: 'Tags', underline: 'Tags', exact: true },
  { name: 'flow mapping quoted key', format: 'yaml', text: BLOCK, path: [...P, 'Flow', 'B', 1], value: 'y', underline: 'y', exact: true },
  { name: 'flow mapping value underlined whole', format: 'yaml', text: BLOCK, path: [...P, 'Flow'], value: "{A: 1, 'B': [x, y]}", underline: "{A: 1, 'B': [x, y]}", exact: true },
  { name: 'tag on its own line (block If)', format: 'yaml', text: BLOCK, path: [...P, 'Nested', 'Fn::If', 1, 'X'], value: '1', underline: '1', exact: true },
  { name: 'missing property falls back to the nearest key', format: 'yaml', text: BLOCK, path: [...P, 'BucketEncryption', 'ServerSideEncryptionConfiguration'], key: 'Properties', underline: 'Properties', exact: false },
  { name: 'missing resource property path with no Properties', format: 'yaml', text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', path: ['Resources', 'Q', 'Properties', 'KmsMasterKeyId'], key: 'Q', underline: 'Q', exact: false },
  { name: 'key with empty value', format: 'yaml', text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n', path: ['Resources', 'Q', 'Properties', 'X'], key: 'Properties', underline: 'Properties', exact: false },
  { name: 'CRLF line endings', format: 'yaml', text: 'Resources:\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n', path: ['Resources', 'Q', 'Type'], value: 'AWS::SQS::Queue', underline: 'AWS::SQS::Queue', exact: true },
  { name: 'JSON key', format: 'json', text: JSON_TEXT, path: ['Resources', 'Quoted'], key: '"Quoted"', underline: '"Quoted"', exact: true },
  { name: 'JSON scalar', format: 'json', text: JSON_TEXT, path: ['Resources', 'Quoted', 'Type'], value: '"AWS::S3::Bucket"', key: '"Type"', underline: '"AWS::S3::Bucket"', exact: true },
  { name: 'JSON intrinsic underlined whole', format: 'json', text: JSON_TEXT, path: [...P, 'BucketName'], value: '{"Fn::Sub": "${AWS::StackName}-data"}', underline: '{"Fn::Sub": "${AWS::StackName}-data"}', exact: true },
  { name: 'JSON If branch', format: 'json', text: JSON_TEXT, path: [...P, 'KmsKey', 'Fn::If', 2], value: '"alias/aws/s3"', underline: '"alias/aws/s3"', exact: true },
  { name: 'JSON array item', format: 'json', text: JSON_TEXT, path: [...P, 'Tags', 0, 'Key'], value: '"team"', underline: '"team"', exact: true },
  { name: 'JSON object value: underline its key', format: 'json', text: JSON_TEXT, path: [...P], key: '"Properties"', underline: '"Properties"', exact: true },
  { name: 'JSON missing falls back', format: 'json', text: JSON_TEXT, path: [...P, 'Nope', 'Deeper'], key: '"Properties"', underline: '"Properties"', exact: false },
];

describe('source map: (text, path) -> slice', () => {
  for (const r of rows) {
    test(`${r.format}: ${r.name}`, () => {
      const doc = parse(r.text, { format: r.format });
      assert.deepEqual(doc.problems, []);
      const loc = doc.sourceMap.locate(r.path);
      assert.equal(loc.exact, r.exact, 'exact');
      if (r.value !== undefined) assert.equal(r.text.slice(loc.value.start, loc.value.end), r.value, 'value slice');
      if (r.key !== undefined) assert.equal(r.text.slice(loc.key.start, loc.key.end), r.key, 'key slice');
      const u = doc.sourceMap.rangeFor(r.path);
      assert.equal(r.text.slice(u.start, u.end), r.underline, 'underline');
    });
  }
});

describe('line index', () => {
  test('UTF-16 positions, CRLF and astral characters', () => {
    const text = 'a: 😀x\r\nb: y\n';
    const doc = parse(text, { format: 'yaml' });
    assert.deepEqual(doc.lines.position(text.indexOf('x')), { line: 0, character: 5 }, '😀 is two UTF-16 units');
    assert.deepEqual(doc.lines.position(text.indexOf('b')), { line: 1, character: 0 });
    assert.equal(doc.lines.offset({ line: 1, character: 3 }), text.indexOf('y'));
  });
});

describe('JSON: the batched path index agrees with the tree', () => {
  for (const r of rows.filter((x) => x.format === 'json')) {
    test(r.name, () => {
      const viaTree = parse(r.text, { format: 'json' }).sourceMap;
      const viaIndex = parse(r.text, { format: 'json' }).sourceMap;
      viaIndex.prepare!([r.path, r.path.slice(0, 2), ['Resources', 'Missing', 'X']]);
      for (const p of [r.path, r.path.slice(0, 2), ['Resources', 'Missing', 'X']]) {
        assert.deepEqual(viaIndex.locate(p), viaTree.locate(p), `locate ${p.join('.')}`);
        assert.deepEqual(viaIndex.rangeFor(p), viaTree.rangeFor(p), `rangeFor ${p.join('.')}`);
      }
    });
  }
});
