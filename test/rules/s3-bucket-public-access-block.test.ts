import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Bucket', 'Properties'];
const PAB = [...P, 'PublicAccessBlockConfiguration'];

ruleTester('s3-bucket-public-access-block', {
  valid: [
    {
      name: 'all four flags true',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: 'true'
`,
    },
    {
      name: 'flags from a parameter default',
      yaml: `
Parameters:
  Block:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: !Ref Block
        BlockPublicPolicy: !Ref Block
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: cdk-nag treats an absent block as compliant (a warning here, with a safe fix)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-bucket
`,
      findings: [{ messageId: 'noBlock', path: PAB, severity: 'warning', fix: 'safe' }],
      output: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-bucket
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
    },
    {
      name: 'peer mistake: guard fails an absent block as an error (only a warning: S3 blocks by default since 2023)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
      findings: [{ messageId: 'noBlock', path: PAB, severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'a flag turned off is an error with a suggestion',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: false
        IgnorePublicAcls: true
        RestrictPublicBuckets: 'false'
`,
      findings: [
        { messageId: 'flagOff', path: [...PAB, 'BlockPublicPolicy'], severity: 'error', fix: 'suggest' },
        { messageId: 'flagOff', path: [...PAB, 'RestrictPublicBuckets'], severity: 'error', fix: 'suggest' },
      ],
    },
    {
      name: 'a flag left out of the block is false',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
`,
      findings: [{ messageId: 'flagMissing', path: [...PAB, 'RestrictPublicBuckets'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'parameter default false is fixed at the parameter',
      yaml: `
Parameters:
  Block:
    Type: String
    Default: 'false'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: !Ref Block
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'flagOff', path: [...PAB, 'BlockPublicAcls'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter with allowed values only: each is judged',
      yaml: `
Parameters:
  Block:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: !Ref Block
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'flagOff', path: [...PAB, 'IgnorePublicAcls'], severity: 'error' }],
    },
    {
      name: 'parameter without default is unverifiable',
      yaml: `
Parameters:
  Block:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: !Ref Block
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'unverifiable', path: [...PAB, 'BlockPublicPolicy'], severity: 'info' }],
    },
    {
      name: 'ImportValue is unverifiable',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: !ImportValue shared-pab
`,
      findings: [{ messageId: 'unverifiable', path: PAB, severity: 'info' }],
    },
    {
      name: 'peer mistake: checkov #5325 Fn::If with AWS::NoValue around the block (the NoValue branch has none)',
      yaml: `
Conditions:
  IsWebsite: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: !If
        - IsWebsite
        - !Ref AWS::NoValue
        - BlockPublicAcls: true
          BlockPublicPolicy: true
          IgnorePublicAcls: true
          RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'noBlock', path: [...PAB, 'Fn::If', 1], severity: 'warning', fix: 'safe', message: 'AWS::NoValue' }],
    },
    {
      name: 'Fn::If: one branch turns a flag off',
      yaml: `
Conditions:
  IsWebsite: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: !If [IsWebsite, false, true]
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'flagOff', path: [...PAB, 'BlockPublicPolicy', 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
  ],
});

test('a bucket outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Metadata:
  cfn-hipaa:
    phi: false
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 's3-bucket-public-access-block');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
