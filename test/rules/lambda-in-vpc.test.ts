import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';
import { CDK_PLUMBING_CASES } from '../helpers/cdk-plumbing';

const P = ['Resources', 'Fn', 'Properties'];
const fn = (props: string, extra = '') => `
${extra}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code:
        ZipFile: 'def handler(e, c): return e'
${props}`;

/** The function of fn(''), with an aws:cdk:path. */
const withPath = (cdkPath: string) => {
  const yaml = fn('').replace('    Type: AWS::Lambda::Function\n', `    Type: AWS::Lambda::Function\n    Metadata:\n      aws:cdk:path: ${cdkPath}\n`);
  assert.ok(yaml.includes(cdkPath));
  return yaml;
};

ruleTester('lambda-in-vpc', {
  valid: [
    ...CDK_PLUMBING_CASES,
    { name: 'subnets and security groups', yaml: fn(`      VpcConfig:\n        SubnetIds: [subnet-1, subnet-2]\n        SecurityGroupIds: [sg-1]\n`) },
    { name: 'lists from parameters without defaults', yaml: fn(`      VpcConfig:\n        SubnetIds: !Ref Subnets\n        SecurityGroupIds: !Ref Groups\n`, `Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\n  Groups:\n    Type: List<AWS::EC2::SecurityGroup::Id>\n`) },
    {
      name: 'SAM Globals give the VpcConfig',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    VpcConfig:
      SubnetIds: [subnet-1]
      SecurityGroupIds: [sg-1]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
`,
    },
    {
      name: 'Lambda@Edge (through a Version) cannot run in a VPC',
      yaml: fn(`  Version:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: !Ref Version
        Origins:
          - Id: site
            DomainName: example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
`),
    },
  ],
  invalid: [
    {
      name: 'no VpcConfig (cfn_nag W89)',
      yaml: fn(''),
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'peer mistake: cdk-nag passes with subnets only (guard requires both)',
      yaml: fn(`      VpcConfig:\n        SubnetIds: [subnet-1]\n`),
      findings: [{ messageId: 'partialVpc', path: [...P, 'VpcConfig', 'SecurityGroupIds'], severity: 'warning' }],
    },
    {
      name: 'empty lists',
      yaml: fn(`      VpcConfig:\n        SubnetIds: []\n        SecurityGroupIds: []\n`),
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig', 'SubnetIds'], severity: 'warning' }],
    },
    {
      name: 'Fn::If: the VPC removed in one branch',
      yaml: fn(`      VpcConfig: !If\n        - Dev\n        - !Ref AWS::NoValue\n        - SubnetIds: [subnet-1]\n          SecurityGroupIds: [sg-1]\n`, `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-east-1]\n`),
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig', 'Fn::If', 1], severity: 'warning', message: 'AWS::NoValue' }],
    },
    {
      name: 'parameter default empty list for security groups',
      yaml: fn(`      VpcConfig:\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: !Ref Groups\n`, `Parameters:\n  Groups:\n    Type: CommaDelimitedList\n    Default: ''\n`),
      findings: [{ messageId: 'partialVpc', path: [...P, 'VpcConfig', 'SecurityGroupIds'], severity: 'warning' }],
    },
    {
      name: 'VpcConfig from ImportValue is unverifiable',
      yaml: fn(`      VpcConfig: !ImportValue vpc-config\n`),
      findings: [{ messageId: 'unverifiable', path: [...P, 'VpcConfig'], severity: 'info' }],
    },
    {
      name: "a user's function named like CDK's notifications handler, without its fixed id, is not plumbing",
      yaml: withPath('EhrApp/BucketNotificationsHandler/Resource'),
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig'], severity: 'warning' }],
    },
    {
      name: "a user's LogRetention function (not CDK's singleton id) is not plumbing",
      yaml: withPath('EhrApp/LogRetention/Resource'),
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig'], severity: 'warning' }],
    },
    {
      name: 'SAM function without a VPC',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
`,
      findings: [{ messageId: 'notInVpc', path: [...P, 'VpcConfig'], severity: 'warning' }],
    },
  ],
});

test('a function outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(fn('', 'Metadata:\n  cfn-hipaa:\n    phi: false\n'), 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'lambda-in-vpc');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
