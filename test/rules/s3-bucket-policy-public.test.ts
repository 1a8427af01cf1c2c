import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const S = ['Resources', 'Policy', 'Properties', 'PolicyDocument', 'Statement'];

const policy = (statement: string, extra = '') => `
${extra}Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statement}`;

ruleTester('s3-bucket-policy-public', {
  valid: [
    {
      name: 'TLS-only Deny for everyone is not public',
      yaml: policy(`          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`),
    },
    {
      name: 'peer mistake: cfn_nag F16 fails Principal * limited to a VPC endpoint',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              StringEquals:
                aws:SourceVpce: vpce-1a2b3c4d
`),
    },
    {
      name: 'Principal * limited to the organisation',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              StringEquals:
                aws:PrincipalOrgID: !Ref OrgId
`, `Parameters:
  OrgId:
    Type: String
`),
    },
    {
      name: 'Principal * limited to an office IP range',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              IpAddress:
                aws:SourceIp: [203.0.113.0/24]
`),
    },
    {
      name: 'CloudFront origin access control (service principal with SourceArn)',
      yaml: policy(`          - Effect: Allow
            Principal:
              Service: cloudfront.amazonaws.com
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              StringEquals:
                AWS:SourceArn: !Sub arn:aws:cloudfront::\${AWS::AccountId}:distribution/EDFDVBD6EXAMPLE
`),
    },
    {
      name: 'an account ID the YAML parser reads as a number (ELB log delivery from a mapping)',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: 127311923021
            Action: s3:PutObject
            Resource: !Sub '\${Bucket.Arn}/*'
`),
    },
    {
      name: 'every S3 action to this account only',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: s3:*
            Resource: !Sub '\${Bucket.Arn}/*'
`),
    },
  ],
  invalid: [
    {
      name: 'Principal * with no condition (cfn_nag F16)',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error', fix: 'none' }],
    },
    {
      name: 'AWS list containing * ',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: ['arn:aws:iam::111122223333:root', '*']
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'Allow with NotPrincipal (cfn_nag F9)',
      yaml: policy(`          - Effect: Allow
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:root
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error', message: 'NotPrincipal' }],
    },
    {
      name: 'SourceIp 0.0.0.0/0 restricts nothing',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              IpAddress:
                aws:SourceIp: 0.0.0.0/0
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'negated and IfExists operators restrict nothing',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
            Condition:
              StringNotEquals:
                aws:SourceVpce: vpce-1a2b3c4d
              StringEqualsIfExists:
                aws:SourceAccount: '111122223333'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'the bucket blocks public policies: S3 rejects the policy',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          Effect: Allow
          Principal: '*'
          Action: s3:GetObject
          Resource: !Sub '\${Bucket.Arn}/*'
`,
      findings: [{ messageId: 'publicBlocked', path: S, severity: 'error', message: 'deployment fails' }],
    },
    {
      name: 'the bucket is named by its BucketName and blocks public policies',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-intake
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: phi-intake
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::phi-intake/*
`,
      findings: [{ messageId: 'publicBlocked', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'policy document as a JSON string',
      yaml: `
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: some-bucket
      PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::some-bucket/*"}]}'
`,
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'Fn::If: the principal is * in one branch',
      yaml: policy(`          - Effect: Allow
            Principal: !If [IsPublic, '*', {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}]
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`, `Conditions:
  IsPublic: !Equals [!Ref 'AWS::Region', us-east-1]
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0, 'Principal', 'Fn::If', 1], severity: 'error' }],
    },
    {
      name: 'principal from a parameter default *',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: !Ref Who
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`, `Parameters:
  Who:
    Type: String
    Default: '*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'principal from a parameter without default is unverifiable',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: !Ref Who
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
`, `Parameters:
  Who:
    Type: String
`),
      findings: [{ messageId: 'unverifiable', path: [...S, 0, 'Principal'], severity: 'info' }],
    },
    {
      name: 'statements from ImportValue are unverifiable',
      yaml: `
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: some-bucket
      PolicyDocument:
        Statement: !ImportValue shared-statements
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Policy', 'Properties', 'PolicyDocument'], severity: 'info' }],
    },
    {
      name: 'every S3 action to a service (cfn_nag F15) is a warning',
      yaml: policy(`          - Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:*
            Resource: !Sub '\${Bucket.Arn}/*'
`),
      findings: [{ messageId: 'broadAccess', path: [...S, 0], severity: 'warning' }],
    },
    {
      name: 'Allow with NotAction (cfn_nag W20) is a warning',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            NotAction: s3:DeleteBucket
            Resource: !Sub '\${Bucket.Arn}/*'
`),
      findings: [{ messageId: 'broadAccess', path: [...S, 0], severity: 'warning', message: 'NotAction' }],
    },
  ],
});

test('a bucket policy outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Metadata:
  cfn-hipaa:
    phi: false
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: website
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::website/*
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 's3-bucket-policy-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});

test('a cfn_nag suppression of F16 also suppresses this rule', () => {
  const { findings } = lintText(
    `
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F16
            reason: Public website assets
    Properties:
      Bucket: website
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: arn:aws:s3:::website/*
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 's3-bucket-policy-public');
  assert.equal(mine.length, 1);
  assert.deepEqual(mine[0].suppressed?.peer, { tool: 'cfn_nag', rule: 'F16' });
});
