import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';
import { parse } from '../../server/src/engine/parse';
import { applyEdits, renderFix } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';

const ID = 'ec2-security-group-admin-ports';
const SG = ['Resources', 'Sg', 'Properties'];
const IN = ['Resources', 'In', 'Properties'];
const PARAMS = `
Parameters:
  Env:
    Type: String
    Default: prod
`;

function sg(ingress: string, extra = ''): string {
  return `${PARAMS}${extra}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      VpcId: vpc-12345678
      SecurityGroupIngress:
${ingress}`;
}

ruleTester('ec2-security-group-admin-ports', {
  valid: [
    { name: 'SSH from a private range', yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8 }\n`) },
    { name: 'HTTPS from the world', yaml: sg(`        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIpv6: '::/0' }\n`) },
    { name: 'peer mistake: cdk-nag flags protocol -1 from inside the VPC', yaml: sg(`        - { IpProtocol: '-1', CidrIp: 10.0.0.0/16 }\n`) },
    { name: 'ICMP from the world never covers TCP ports', yaml: sg(`        - { IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0 }\n        - { IpProtocol: 58, FromPort: -1, ToPort: -1, CidrIpv6: '::/0' }\n`) },
    { name: 'tcp with port -1 is rejected by EC2 (opens nothing)', yaml: sg(`        - { IpProtocol: tcp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0 }\n`) },
    { name: 'prefix list source is not world-open', yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: pl-12345678 }\n`) },
    { name: 'source security group', yaml: sg(`        - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: sg-12345678 }\n`) },
    { name: 'SSH from a parameter whose Default is private', yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminNet }\n`, `  AdminNet:\n    Type: String\n    Default: 192.168.0.0/16\n`) },
    {
      name: 'odd shapes do not crash',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
        - just a string
        - [1, 2]
        - { IpProtocol: { Foo: bar }, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: [22], ToPort: 22, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0 }
        - { IpProtocol: tcp, FromPort: 22.5, ToPort: 23, CidrIp: 0.0.0.0/0 }
  Sg2:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress: { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
  In:
    Type: AWS::EC2::SecurityGroupIngress
`,
    },
    { name: 'port range below the admin ports', yaml: sg(`        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8090, CidrIp: 0.0.0.0/0 }\n`) },
  ],
  invalid: [
    {
      name: 'SSH from 0.0.0.0/0',
      yaml: sg(`        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'error', fix: 'suggest', message: '22 (SSH)' }],
    },
    {
      name: 'peer mistake: guard misses port ranges (RDP inside 3000-4000)',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 3000, ToPort: 4000, CidrIp: 0.0.0.0/0 }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], message: '3389 (RDP)' }],
    },
    {
      name: 'peer mistake: guard misses IPv6 (::/0 to PostgreSQL)',
      yaml: sg(`        - { IpProtocol: '6', FromPort: '5432', ToPort: '5432', CidrIpv6: '::/0' }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIpv6'], message: '5432 (PostgreSQL)' }],
    },
    {
      name: 'peer mistake: guard misses protocol -1 (numeric) from the world',
      yaml: sg(`        - { IpProtocol: -1, CidrIp: 0.0.0.0/0 }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], message: 'all protocols and ports' }],
    },
    {
      name: 'IPv6 world written differently (0::0/0), udp range',
      yaml: sg(`        - { IpProtocol: udp, FromPort: 11000, ToPort: 12000, CidrIpv6: '0::0/0' }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIpv6'], message: '11211 (Memcached)' }],
    },
    {
      name: 'peer mistake: guard ignores standalone SecurityGroupIngress',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      VpcId: vpc-12345678
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: tcp
      FromPort: 3306
      ToPort: 3306
      CidrIp: 0.0.0.0/0
`,
      findings: [{ messageId: 'worldOpen', path: [...IN, 'CidrIp'], message: '3306 (MySQL)' }],
    },
    {
      name: 'CIDR parameter with Default 0.0.0.0/0',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SshFrom }\n`, `  SshFrom:\n    Type: String\n    Default: 0.0.0.0/0\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'error' }],
    },
    {
      name: 'CIDR parameter without Default is unverifiable',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SshFrom }\n`, `  SshFrom:\n    Type: String\n`),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'info' }],
    },
    {
      name: 'Fn::If: only the world-open branch is reported',
      yaml: sg(`        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !If [IsProd, 10.0.0.0/8, 0.0.0.0/0]\n`, '').replace('Resources:', 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:'),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp', 'Fn::If', 2], message: 'IsProd' }],
    },
    {
      name: 'Fn::If on the whole entry',
      yaml: sg(`        - !If\n          - IsProd\n          - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n          - { IpProtocol: tcp, FromPort: 1433, ToPort: 1433, CidrIp: 0.0.0.0/0 }\n`).replace('Resources:', 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:'),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'Fn::If', 2, 'CidrIp'], message: '1433 (SQL Server)' }],
    },
    {
      name: 'Fn::If on the ports: the finding names the condition',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: !If [IsProd, 443, 22], ToPort: !If [IsProd, 443, 22], CidrIp: 0.0.0.0/0 }\n`).replace('Resources:', 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:'),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], message: 'IsProd' }],
    },
    {
      name: 'group attached only to an application load balancer: hardening',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      VpcId: vpc-12345678
      SecurityGroupIngress:
        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: [!Ref Sg]
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-12345678
  AppFromLb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt AppSg.GroupId
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !GetAtt Sg.GroupId
`,
      findings: [{ messageId: 'albOnly', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'standalone ingress on a group attached only to an application load balancer',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      VpcId: vpc-12345678
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: [!Ref Sg]
  LbIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: tcp
      FromPort: 0
      ToPort: 65535
      CidrIpv6: '::/0'
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-12345678
  AppFromLb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt AppSg.GroupId
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !GetAtt Sg.GroupId
`,
      findings: [{ messageId: 'albOnly', path: ['Resources', 'LbIn', 'Properties', 'CidrIpv6'], severity: 'warning' }],
    },
    {
      name: 'group on a load balancer and an instance: violation',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      VpcId: vpc-12345678
      SecurityGroupIngress:
        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: [!Ref Sg]
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-12345678
  AppFromLb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt AppSg.GroupId
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !GetAtt Sg.GroupId
  Vm:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: subnet-1
      SecurityGroupIds: [!Ref Sg]
`,
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'error' }],
    },
    {
      name: 'group on a network load balancer: violation (NLBs pass ports through)',
      yaml: `${PARAMS}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: load balancer
      VpcId: vpc-12345678
      SecurityGroupIngress:
        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Type: network
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: [!Ref Sg]
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-12345678
  AppFromLb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt AppSg.GroupId
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !GetAtt Sg.GroupId
`,
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'error' }],
    },
    {
      name: 'ImportValue CIDR is unverifiable',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !ImportValue AdminNet }\n`),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'] }],
    },
    {
      name: 'unknown source reported once, whatever the port branches',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: !If [IsProd, 22, 3389], ToPort: !If [IsProd, 22, 3389], CidrIp: !ImportValue AdminNet }\n`).replace('Resources:', 'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:'),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'] }],
    },
    {
      name: 'world-open source with ports from a parameter without Default',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: !Ref P, ToPort: !Ref P, CidrIp: 0.0.0.0/0 }\n`, `  P:\n    Type: Number\n`),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'FromPort'] }],
    },
    {
      name: 'existing AdminCidr parameter is reused',
      yaml: sg(`        - { IpProtocol: 'ALL', CidrIp: 1.2.3.4/0 }\n`, `  AdminCidr:\n    Type: String\n    Default: 172.16.0.0/12\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'] }],
    },
  ],
});

test(`${ID}: the fix adds a Parameters section when there is none`, () => {
  const yaml = `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`;
  for (const format of ['yaml', 'json'] as const) {
    const text = format === 'yaml' ? yaml : JSON.stringify(parse(yaml, { format: 'yaml' }).value, null, 2);
    const { doc, findings } = lintText(text, format);
    const f = findings.find((x) => x.ruleId === ID)!;
    assert.ok(f && f.suggestions?.length === 1);
    const out = applyEdits(doc.text, renderFix(doc, f.suggestions![0]));
    const after = parse(out, { format });
    assert.deepEqual(after.problems, []);
    assert.deepEqual(lint(after).filter((x) => x.ruleId === ID || x.ruleId === 'rule-error'), [], out);
    assert.match(out, /AdminCidr/);
  }
});

test(`${ID}: out of PHI scope`, () => {
  const { findings } = lintText(
    `Metadata:
  cfn-hipaa: { phi: false }
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`,
    'yaml',
  );
  const f = findings.filter((x) => x.ruleId === ID);
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
