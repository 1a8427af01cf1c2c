import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Bucket', 'Properties'];
const AC = [...P, 'AccessControl'];

ruleTester('s3-bucket-public-acl', {
  valid: [
    {
      name: 'no AccessControl',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
    },
    {
      name: 'Private with ACLs disabled',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: Private
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
`,
    },
    {
      name: 'Private (the default owner-only ACL) without OwnershipControls',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: Private
`,
    },
  ],
  invalid: [
    {
      name: 'PublicRead is an error (checkov CKV_AWS_20, cfn_nag W31)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error', fix: 'suggest', message: 'anyone on the internet' }],
    },
    {
      name: 'PublicReadWrite is an error (checkov CKV_AWS_57, cfn_nag F14)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicReadWrite
      OwnershipControls:
        Rules:
          - ObjectOwnership: ObjectWriter
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error', fix: 'suggest', message: 'write and delete' }],
    },
    {
      name: 'peer mistake: checkov and cfn_nag ignore AuthenticatedRead (every AWS account)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: AuthenticatedRead
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'public ACL neutralised by Block Public Access is a warning',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'publicAclBlocked', path: AC, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cdk-nag passes PublicRead when only BlockPublicAcls is set (IgnorePublicAcls false keeps old public ACLs)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: false
        RestrictPublicBuckets: true
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error' }],
    },
    {
      name: 'legacy ACL (cfn-lint W3045) is a warning',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: LogDeliveryWrite
`,
      findings: [{ messageId: 'legacyAcl', path: AC, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'parameter default',
      yaml: `
Parameters:
  Acl:
    Type: String
    Default: PublicRead
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter allowed values: each judged',
      yaml: `
Parameters:
  Acl:
    Type: String
    AllowedValues: [Private, PublicReadWrite]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
`,
      findings: [{ messageId: 'publicAcl', path: AC, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter without default is unverifiable',
      yaml: `
Parameters:
  Acl:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl
`,
      findings: [{ messageId: 'unverifiable', path: AC, severity: 'info' }],
    },
    {
      name: 'ImportValue is unverifiable',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !ImportValue acl
`,
      findings: [{ messageId: 'unverifiable', path: AC, severity: 'info' }],
    },
    {
      name: 'Fn::If: the public branch only; Block Public Access in the other branch',
      yaml: `
Conditions:
  IsWebsite: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !If [IsWebsite, PublicRead, !Ref AWS::NoValue]
      OwnershipControls:
        Rules:
          - ObjectOwnership: ObjectWriter
`,
      findings: [{ messageId: 'publicAcl', path: [...AC, 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
  ],
});

test('a bucket outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      AccessControl: PublicRead
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 's3-bucket-public-acl');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
