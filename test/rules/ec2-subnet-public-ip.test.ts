import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Pub', 'Properties'];

const subnet = (props: string) => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Pub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24${props}
`;

ruleTester('ec2-subnet-public-ip', {
  valid: [
    { name: 'absent (the default is false for subnets a template creates)', yaml: subnet('') },
    { name: 'explicit false', yaml: subnet("\n      MapPublicIpOnLaunch: 'false'\n      AssignIpv6AddressOnCreation: false") },
    {
      name: 'parameter default false',
      yaml: `Parameters:
  AutoIp:
    Type: String
    Default: 'false'
${subnet('\n      MapPublicIpOnLaunch: !Ref AutoIp')}`,
    },
  ],
  invalid: [
    {
      name: 'MapPublicIpOnLaunch true: suggestion only',
      yaml: subnet('\n      MapPublicIpOnLaunch: true'),
      findings: [
        {
          messageId: 'mapPublicIp',
          path: [...P, 'MapPublicIpOnLaunch'],
          severity: 'warning',
          fix: 'suggest',
          message:
            'Subnet Pub sets MapPublicIpOnLaunch: true: every network interface launched in it gets a public IPv4 address. Public subnets are right for load balancers and NAT gateways; a data store or instance placed in one is reported by vpc-data-store-private-subnets and ec2-instance-public-ip.',
        },
      ],
    },
    {
      name: 'AssignIpv6AddressOnCreation true (as cdk-nag)',
      yaml: subnet("\n      AssignIpv6AddressOnCreation: 'true'"),
      findings: [{ messageId: 'assignIpv6', path: [...P, 'AssignIpv6AddressOnCreation'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: the true branch only',
      yaml: `Conditions:
  Public: !Equals [!Ref AWS::Region, us-east-1]
${subnet('\n      MapPublicIpOnLaunch: !If [Public, true, false]')}`,
      findings: [{ messageId: 'mapPublicIp', path: [...P, 'MapPublicIpOnLaunch', 'Fn::If', 1], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'parameter with AllowedValues and no Default',
      yaml: `Parameters:
  AutoIp:
    Type: String
    AllowedValues: ['true', 'false']
${subnet('\n      MapPublicIpOnLaunch: !Ref AutoIp')}`,
      findings: [{ messageId: 'mapPublicIp', path: [...P, 'MapPublicIpOnLaunch'], severity: 'warning' }],
    },
    {
      name: 'imported value: unverifiable',
      yaml: subnet('\n      MapPublicIpOnLaunch: !ImportValue auto-ip'),
      findings: [{ messageId: 'unverifiable', path: [...P, 'MapPublicIpOnLaunch'], severity: 'info' }],
    },
  ],
});

test('ec2-subnet-public-ip: a subnet in a phi: false template is out of scope', () => {
  const text = `Metadata:
  cfn-hipaa:
    phi: false
${subnet('\n      MapPublicIpOnLaunch: true')}`;
  const f = lintText(text, 'yaml').findings.filter((x) => x.ruleId === 'ec2-subnet-public-ip');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
