import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const RP = ['Resources', 'Repo', 'Properties', 'RepositoryPolicyText'];
const S = [...RP, 'Statement'];
const repo = (statement: string, extra = '') => `
${extra}Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
${statement}`;

ruleTester('ecr-repository-policy-public', {
  valid: [
    { name: 'no repository policy', yaml: `\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n` },
    {
      name: 'pull for the organisation (Principal * with aws:PrincipalOrgID)',
      yaml: repo(`          - Effect: Allow
            Principal: '*'
            Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-a1b2c3d4e5
`),
    },
    {
      name: 'Lambda service pull limited by aws:SourceArn',
      yaml: repo(`          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
            Condition:
              StringLike:
                aws:sourceArn: !Sub arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:*
`),
    },
  ],
  invalid: [
    {
      name: 'public pull (checkov CKV_AWS_32)',
      yaml: repo(`          - Effect: Allow
            Principal: '*'
            Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error', fix: 'none' }],
    },
    {
      name: 'an account wildcard in the principal ARN',
      yaml: repo(`          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::*:root
            Action: ecr:BatchGetImage
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'policy text as a JSON string (as checkov expects)',
      yaml: `
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"ecr:*"}]}'
`,
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'Fn::If on the Effect: the Allow branch is public',
      yaml: repo(`          - Effect: !If [Open, Allow, Deny]
            Principal: '*'
            Action: ecr:BatchGetImage
`, `Conditions:
  Open: !Equals [!Ref 'AWS::Region', us-east-1]
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'ImportValue policy is unverifiable',
      yaml: `
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: !ImportValue repo-policy
`,
      findings: [{ messageId: 'unverifiable', path: RP, severity: 'info' }],
    },
  ],
});

test('a repository outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(repo(`          - Effect: Allow\n            Principal: '*'\n            Action: ecr:BatchGetImage\n`, 'Metadata:\n  cfn-hipaa:\n    phi: false\n'), 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'ecr-repository-policy-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
