import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const KP = ['Resources', 'Key', 'Properties', 'KeyPolicy'];
const S = [...KP, 'Statement'];
const ADMIN = `          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
`;
const key = (statements: string, extra = '') => `
${extra}Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
${ADMIN}${statements}`;

ruleTester('kms-key-policy-public', {
  valid: [
    { name: 'no KeyPolicy (the default policy: this account only)', yaml: `\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n` },
    { name: 'account root with kms:* (the standard admin statement)', yaml: key('') },
    {
      name: 'key policy as Fn::Sub JSON text naming this account',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !Sub '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\${AWS::AccountId}:root"},"Action":"kms:*","Resource":"*"}]}'
`,
    },
    {
      name: 'peer mistake: guard and checkov fail Principal * limited by kms:CallerAccount and kms:ViaService',
      yaml: key(`          - Effect: Allow
            Principal:
              AWS: '*'
            Action: [kms:Encrypt, kms:Decrypt, kms:GenerateDataKey*]
            Resource: '*'
            Condition:
              StringEquals:
                kms:CallerAccount: !Ref AWS::AccountId
                kms:ViaService: !Sub s3.\${AWS::Region}.amazonaws.com
`),
    },
    {
      name: 'Deny for everyone',
      yaml: key(`          - Effect: Deny
            Principal: '*'
            Action: kms:ScheduleKeyDeletion
            Resource: '*'
`),
    },
  ],
  invalid: [
    {
      name: 'Principal * without condition',
      yaml: key(`          - Effect: Allow
            Principal: '*'
            Action: kms:Decrypt
            Resource: '*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 1], severity: 'error', fix: 'none' }],
    },
    {
      name: 'Allow with NotPrincipal',
      yaml: key(`          - Effect: Allow
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:role/Admin
            Action: kms:Decrypt
            Resource: '*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 1], severity: 'error' }],
    },
    {
      name: 'key policy as a JSON string',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: '{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}}'
`,
      findings: [{ messageId: 'publicStatement', path: S, severity: 'error' }],
    },
    {
      name: 'key policy as Fn::Sub JSON text with pseudo parameters',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !Sub '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\${AWS::AccountId}:root"},"Action":"kms:*","Resource":"*"},{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}'
`,
      findings: [{ messageId: 'publicStatement', path: [...S, 1], severity: 'error' }],
    },
    {
      name: 'Fn::If: a public statement in one branch',
      yaml: key(`          - !If
            - Shared
            - Effect: Allow
              Principal: '*'
              Action: kms:Decrypt
              Resource: '*'
            - !Ref AWS::NoValue
`, `Conditions:
  Shared: !Equals [!Ref 'AWS::Region', us-east-1]
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 1, 'Fn::If', 1], severity: 'error' }],
    },
    {
      name: 'principal from a parameter default',
      yaml: key(`          - Effect: Allow
            Principal:
              AWS: !Ref Who
            Action: kms:Decrypt
            Resource: '*'
`, `Parameters:
  Who:
    Type: String
    Default: '*'
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 1], severity: 'error' }],
    },
    {
      name: 'principal from a parameter without default is unverifiable',
      yaml: key(`          - Effect: Allow
            Principal:
              AWS: !Ref Who
            Action: kms:Decrypt
            Resource: '*'
`, `Parameters:
  Who:
    Type: String
`),
      findings: [{ messageId: 'unverifiable', path: [...S, 1, 'Principal'], severity: 'info' }],
    },
    {
      name: 'ImportValue key policy is unverifiable',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !ImportValue key-policy
`,
      findings: [{ messageId: 'unverifiable', path: KP, severity: 'info' }],
    },
  ],
});

test('a key outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Resources:
  Key:
    Type: AWS::KMS::Key
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: kms:Decrypt
            Resource: '*'
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 'kms-key-policy-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
