/** Fix choices the rule tables cannot express: names of new resources, and when no fix is right. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';

describe('fix choices', () => {
  test('a new KMS key never takes a parameter\'s logical id (Ref reaches both)', () => {
    const text = `Parameters:
  BucketKey:
    Type: String
    Default: alias/aws/s3
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref BucketKey
`;
    const [f] = lint(parse(text, { format: 'yaml' })).filter((x) => x.ruleId === 's3-bucket-encryption');
    const add = f.suggestions?.[0].ops.find((o) => o.op === 'addResource');
    assert.ok(add && add.op === 'addResource');
    assert.equal(add.logicalId, 'BucketKey2');
  });

  test('a global table replica in another region gets no key from this template', () => {
    const text = `Resources:
  Key:
    Type: AWS::KMS::Key
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      SSESpecification: {SSEEnabled: true, SSEType: KMS}
      Replicas:
        - Region: !Ref AWS::Region
          SSESpecification: {KMSMasterKeyId: !GetAtt Key.Arn}
        - Region: eu-west-1
`;
    const findings = lint(parse(text, { format: 'yaml' })).filter((x) => x.ruleId === 'dynamodb-table-encryption');
    assert.deepEqual(findings.map((f) => [f.messageId, f.path.join('.'), !!f.fix, f.suggestions?.length ?? 0]), [
      ['awsManagedKey', 'Resources.Table.Properties.Replicas.1.SSESpecification.KMSMasterKeyId', false, 0],
    ]);
  });

  test('a global table whose replicas are all in the stack region gets the safe fix', () => {
    const text = `Resources:
  Key:
    Type: AWS::KMS::Key
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: !Ref AWS::Region
`;
    const [f] = lint(parse(text, { format: 'yaml' })).filter((x) => x.ruleId === 'dynamodb-table-encryption');
    assert.equal(f.fix?.kind, 'safe');
  });

  test('a value from an AllowedValues entry is not called a Default', () => {
    const text = `Parameters:
  On:
    Type: String
    AllowedValues: ['false']
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref On
`;
    const f = lint(parse(text, { format: 'yaml' })).find((x) => x.ruleId === 'sqs-queue-encryption')!;
    assert.match(f.message, /an allowed value of parameter On \(it has no Default\)/);
  });
});

describe('conditional fixes', () => {
  test('a finding that applies under one branch only is fixed for that branch (an optional restore keeps inheriting)', () => {
    const text = `Parameters:
  SnapshotArn:
    Type: String
    Default: ''
Conditions:
  Restore: !Not [!Equals [!Ref SnapshotArn, '']]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSnapshotIdentifier: !If [Restore, !Ref SnapshotArn, !Ref 'AWS::NoValue']
`;
    const f = lint(parse(text, { format: 'yaml' })).find((x) => x.messageId === 'notEncrypted')!;
    const ops = f.suggestions![0].ops;
    assert.deepEqual(ops.map((o) => (o.op === 'set' ? [o.path.join('.'), o.value] : o.op)), [
      ['Resources.Db.Properties.StorageEncrypted', { 'Fn::If': ['Restore', { Ref: 'AWS::NoValue' }, true] }],
      ['Resources.Db.Properties.KmsKeyId', { 'Fn::If': ['Restore', { Ref: 'AWS::NoValue' }, { 'Fn::GetAtt': ['Key', 'Arn'] }] }],
    ]);
  });
});
