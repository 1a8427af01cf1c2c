import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

ruleTester('ec2-vpc-default-security-group', {
  valid: [
    {
      name: 'CDK output: Custom::VpcRestrictDefaultSG with GetAtt DefaultSecurityGroup',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  VpcRestrictDefaultSecurityGroupCustomResource:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:restrict
      DefaultSecurityGroupId: !GetAtt Vpc.DefaultSecurityGroup
      Account: !Ref AWS::AccountId
`,
    },
    {
      name: 'custom resource referencing the VPC by Ref',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Restrict:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:restrict
      VpcId: !Ref Vpc
`,
    },
  ],
  invalid: [
    {
      name: 'a VPC alone',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`,
      findings: [{ messageId: 'defaultOpen', path: ['Resources', 'Vpc'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'the custom resource restricts another VPC',
      yaml: `
Resources:
  VpcA:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  VpcB:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  Restrict:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:restrict
      DefaultSecurityGroupId: !GetAtt VpcA.DefaultSecurityGroup
`,
      findings: [{ messageId: 'defaultOpen', path: ['Resources', 'VpcB'] }],
    },
    {
      name: 'a security group ingress on the default group does not close it',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/16
`,
      findings: [{ messageId: 'defaultOpen', path: ['Resources', 'Vpc'] }],
    },
  ],
});

test('ec2-vpc-default-security-group: out of PHI scope', () => {
  const { findings } = lintText(
    `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Metadata:
      cfn-hipaa: { phi: false }
    Properties:
      CidrBlock: 10.0.0.0/16
`,
    'yaml',
  );
  const f = findings.filter((x) => x.ruleId === 'ec2-vpc-default-security-group');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
