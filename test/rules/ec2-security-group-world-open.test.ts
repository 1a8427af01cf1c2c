import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const SG = ['Resources', 'Sg', 'Properties'];
const IN = ['Resources', 'In', 'Properties'];

function sg(ingress: string, params = ''): string {
  return `${params}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      VpcId: vpc-12345678
      SecurityGroupIngress:
${ingress}`;
}

ruleTester('ec2-security-group-world-open', {
  valid: [
    { name: 'internet-facing load balancer on 80 and 443 (IPv4 and IPv6)', yaml: sg(`        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIpv6: '::/0' }\n`) },
    { name: 'other ports from a private range', yaml: sg(`        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/8 }\n`) },
    { name: 'ICMP from the world is not reported', yaml: sg(`        - { IpProtocol: icmp, FromPort: 8, ToPort: -1, CidrIp: 0.0.0.0/0 }\n`) },
    { name: 'admin ports are the other rule\'s (no double report)', yaml: sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }\n`) },
    { name: 'prefix list source', yaml: sg(`        - { IpProtocol: tcp, FromPort: 8443, ToPort: 8443, SourcePrefixListId: pl-12345678 }\n`) },
    { name: 'invalid tcp range opens nothing', yaml: sg(`        - { IpProtocol: tcp, FromPort: 9000, ToPort: 8000, CidrIp: 0.0.0.0/0 }\n`) },
  ],
  invalid: [
    {
      name: 'application port 8443 from the world',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 8443, ToPort: 8443, CidrIp: 0.0.0.0/0 }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'warning', fix: 'none', message: 'tcp 8443' }],
    },
    {
      name: 'range 80-443 includes other ports',
      yaml: sg(`        - { IpProtocol: '6', FromPort: 80, ToPort: 443, CidrIpv6: '::/0' }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIpv6'], message: 'tcp 80-443' }],
    },
    {
      name: 'another IP protocol (GRE) from the world',
      yaml: sg(`        - { IpProtocol: 47, CidrIp: 1.2.3.4/0 }\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], message: 'IP protocol 47' }],
    },
    {
      name: 'standalone SecurityGroupIngress, CIDR from a parameter Default',
      yaml: `Parameters:
  From:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Sg
      IpProtocol: udp
      FromPort: 1194
      ToPort: 1194
      CidrIp: !Ref From
`,
      findings: [{ messageId: 'worldOpen', path: [...IN, 'CidrIp'], message: 'udp 1194' }],
    },
    {
      name: 'Fn::If: only the world-open branch',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !If [Open, 0.0.0.0/0, 10.0.0.0/8] }\n`, `Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  Open: !Equals [!Ref Env, dev]\n`),
      findings: [{ messageId: 'worldOpen', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp', 'Fn::If', 1], message: 'Open' }],
    },
    {
      name: 'ImportValue source on a non-admin port is unverifiable',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !ImportValue Net }\n`),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIp'], severity: 'info' }],
    },
    {
      name: 'parameter without Default on a non-admin port is unverifiable',
      yaml: sg(`        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIpv6: !Ref Net }\n`, `Parameters:\n  Net:\n    Type: String\n`),
      findings: [{ messageId: 'unverifiable', path: [...SG, 'SecurityGroupIngress', 0, 'CidrIpv6'] }],
    },
  ],
});

test('ec2-security-group-world-open: out of PHI scope', () => {
  const { findings } = lintText(
    `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      cfn-hipaa: { phi: false }
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0 }
`,
    'yaml',
  );
  const f = findings.filter((x) => x.ruleId === 'ec2-security-group-world-open');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
