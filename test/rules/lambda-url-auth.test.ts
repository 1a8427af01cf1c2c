import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const U = ['Resources', 'Url', 'Properties', 'AuthType'];

ruleTester('lambda-url-auth', {
  valid: [
    { name: 'AWS_IAM', yaml: `\nResources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f\n      AuthType: AWS_IAM\n` },
    { name: 'SAM function without a URL', yaml: `\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      InlineCode: x\n` },
    { name: 'SAM function URL with AWS_IAM', yaml: `\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      InlineCode: x\n      FunctionUrlConfig:\n        AuthType: AWS_IAM\n` },
  ],
  invalid: [
    {
      name: 'AuthType NONE (checkov CKV_AWS_258)',
      yaml: `
Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f
      AuthType: NONE
`,
      findings: [{ messageId: 'noAuth', path: U, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter default NONE is fixed at the parameter',
      yaml: `
Parameters:
  Auth:
    Type: String
    Default: NONE
    AllowedValues: [NONE, AWS_IAM]
Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f
      AuthType: !Ref Auth
`,
      findings: [{ messageId: 'noAuth', path: U, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter without default is unverifiable',
      yaml: `
Parameters:
  Auth:
    Type: String
Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f
      AuthType: !Ref Auth
`,
      findings: [{ messageId: 'unverifiable', path: U, severity: 'info' }],
    },
    {
      name: 'Fn::If: NONE in one branch',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f
      AuthType: !If [Dev, NONE, AWS_IAM]
`,
      findings: [{ messageId: 'noAuth', path: [...U, 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'SAM FunctionUrlConfig AuthType NONE',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
      FunctionUrlConfig:
        AuthType: NONE
`,
      findings: [{ messageId: 'noAuth', path: ['Resources', 'Fn', 'Properties', 'FunctionUrlConfig', 'AuthType'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'ImportValue is unverifiable',
      yaml: `
Resources:
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f
      AuthType: !ImportValue auth
`,
      findings: [{ messageId: 'unverifiable', path: U, severity: 'info' }],
    },
  ],
});

test('a URL outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(`\nMetadata:\n  cfn-hipaa:\n    phi: false\nResources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:us-east-1:111122223333:function:f\n      AuthType: NONE\n`, 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'lambda-url-auth');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
