import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Perm', 'Properties'];
const perm = (props: string, extra = '') => `
${extra}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: 'def handler(e, c): return e'
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: lambda:InvokeFunction
${props}`;

ruleTester('lambda-permission-public', {
  valid: [
    { name: "a permission on CDK's custom-resource handler", yaml: `
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Metadata:
      aws:cdk:is-custom-resource-handler-singleton: true
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: 'exports.handler = async () => ({})'
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Handler.Arn
      Action: lambda:InvokeFunction
      Principal: '*'
` },
    { name: 'an account principal', yaml: perm(`      Principal: '111122223333'\n`) },
    { name: 'an account ARN built with Sub', yaml: perm(`      Principal: !Sub arn:aws:iam::\${AWS::AccountId}:root\n`) },
    { name: 'S3 with SourceArn and SourceAccount', yaml: perm(`      Principal: s3.amazonaws.com\n      SourceArn: arn:aws:s3:::phi-uploads\n      SourceAccount: !Ref AWS::AccountId\n`) },
    { name: 'EventBridge with SourceArn', yaml: perm(`      Principal: events.amazonaws.com\n      SourceArn: arn:aws:events:us-east-1:111122223333:rule/nightly\n`) },
    { name: 'Principal * limited to the organisation', yaml: perm(`      Principal: '*'\n      PrincipalOrgID: o-a1b2c3d4e5\n`) },
    { name: 'Principal * limited by SourceAccount from a parameter without default (a fixed account)', yaml: perm(`      Principal: '*'\n      SourceAccount: !Ref Account\n`, `Parameters:\n  Account:\n    Type: String\n`) },
  ],
  invalid: [
    {
      name: 'Principal * with nothing else (cfn_nag F13)',
      yaml: perm(`      Principal: '*'\n`),
      findings: [{ messageId: 'publicPermission', path: [...P, 'Principal'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'public function URL',
      yaml: `
Resources:
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: my-function
      Action: lambda:InvokeFunctionUrl
      Principal: '*'
      FunctionUrlAuthType: NONE
`,
      findings: [{ messageId: 'publicUrl', path: [...P, 'Principal'], severity: 'error' }],
    },
    {
      name: 'Principal * with a SourceArn whose account is a wildcard',
      yaml: perm(`      Principal: '*'\n      SourceArn: arn:aws:execute-api:us-east-1:*:abc123/*\n`),
      findings: [{ messageId: 'publicPermission', path: [...P, 'Principal'], severity: 'error' }],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_364 only checks service principals; a service without a source is a warning here (confused deputy)',
      yaml: perm(`      Principal: sns.amazonaws.com\n`),
      findings: [{ messageId: 'unscopedService', path: [...P, 'Principal'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'S3 without SourceAccount (cfn-lint W3663)',
      yaml: perm(`      Principal: s3.amazonaws.com\n      SourceArn: arn:aws:s3:::phi-uploads\n`),
      findings: [{ messageId: 's3NoAccount', path: [...P, 'SourceAccount'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'principal from a parameter default *',
      yaml: perm(`      Principal: !Ref Who\n`, `Parameters:\n  Who:\n    Type: String\n    Default: '*'\n`),
      findings: [{ messageId: 'publicPermission', path: [...P, 'Principal'], severity: 'error' }],
    },
    {
      name: 'principal from allowed values: each judged',
      yaml: perm(`      Principal: !Ref Who\n`, `Parameters:\n  Who:\n    Type: String\n    AllowedValues: ['111122223333', '*']\n`),
      findings: [{ messageId: 'publicPermission', path: [...P, 'Principal'], severity: 'error' }],
    },
    {
      name: 'principal from a parameter without default is unverifiable',
      yaml: perm(`      Principal: !Ref Who\n`, `Parameters:\n  Who:\n    Type: String\n`),
      findings: [{ messageId: 'unverifiable', path: [...P, 'Principal'], severity: 'info' }],
    },
    {
      name: 'ImportValue principal is unverifiable',
      yaml: perm(`      Principal: !ImportValue caller\n`),
      findings: [{ messageId: 'unverifiable', path: [...P, 'Principal'], severity: 'info' }],
    },
    {
      name: 'Fn::If: the * branch only, and the SourceAccount only in the other',
      yaml: perm(`      Principal: !If [Open, '*', apigateway.amazonaws.com]\n      SourceArn: !If [Open, !Ref AWS::NoValue, arn:aws:execute-api:us-east-1:111122223333:abc123/*]\n`, `Conditions:\n  Open: !Equals [!Ref 'AWS::Region', us-east-1]\n`),
      findings: [{ messageId: 'publicPermission', path: [...P, 'Principal', 'Fn::If', 1], severity: 'error' }],
    },
  ],
});

test('a permission outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(perm(`      Principal: '*'\n`, 'Metadata:\n  cfn-hipaa:\n    phi: false\n'), 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'lambda-permission-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
