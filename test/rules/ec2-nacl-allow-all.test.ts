import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'E', 'Properties'];

function entry(props: string, params = ''): string {
  return `${params}Resources:
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: vpc-12345678
  E:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
${props}`;
}

ruleTester('ec2-nacl-allow-all', {
  valid: [
    { name: 'allow all from inside the VPC', yaml: entry(`      Protocol: -1\n      RuleAction: allow\n      CidrBlock: 10.0.0.0/16\n`) },
    { name: 'deny all from the world', yaml: entry(`      Protocol: -1\n      RuleAction: deny\n      CidrBlock: 0.0.0.0/0\n`) },
    { name: 'egress allow all', yaml: entry(`      Protocol: -1\n      RuleAction: allow\n      Egress: true\n      CidrBlock: 0.0.0.0/0\n`) },
    { name: 'HTTPS from the world', yaml: entry(`      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange: { From: 443, To: 443 }\n`) },
    { name: 'ephemeral return ports from the world', yaml: entry(`      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange: { From: 1024, To: 65535 }\n`) },
    { name: 'ICMP from the world', yaml: entry(`      Protocol: 1\n      RuleAction: allow\n      Ipv6CidrBlock: '::/0'\n      Icmp: { Code: -1, Type: -1 }\n`) },
  ],
  invalid: [
    {
      name: 'allow all from 0.0.0.0/0 (Egress absent)',
      yaml: entry(`      Protocol: -1\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n`),
      findings: [{ messageId: 'allowAll', path: [...P, 'CidrBlock'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'allow all from ::/0 with Egress false (string)',
      yaml: entry(`      Protocol: '-1'\n      RuleAction: ALLOW\n      Egress: 'false'\n      Ipv6CidrBlock: '::/0'\n`),
      findings: [{ messageId: 'allowAll', path: [...P, 'Ipv6CidrBlock'] }],
    },
    {
      name: 'SSH from the world',
      yaml: entry(`      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange: { From: 22, To: 22 }\n`),
      findings: [{ messageId: 'adminPorts', path: [...P, 'CidrBlock'], message: '22 (SSH)' }],
    },
    {
      name: 'all TCP ports from the world',
      yaml: entry(`      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange: { From: 0, To: 65535 }\n`),
      findings: [{ messageId: 'adminPorts', path: [...P, 'CidrBlock'], message: 'tcp 0-65535' }],
    },
    {
      name: 'CIDR from a parameter Default',
      yaml: entry(`      Protocol: -1\n      RuleAction: allow\n      CidrBlock: !Ref From\n`, `Parameters:\n  From:\n    Type: String\n    Default: 0.0.0.0/0\n`),
      findings: [{ messageId: 'allowAll', path: [...P, 'CidrBlock'] }],
    },
    {
      name: 'Fn::If on the action: only the allow branch',
      yaml: entry(`      Protocol: -1\n      RuleAction: !If [Open, allow, deny]\n      CidrBlock: 0.0.0.0/0\n`, `Parameters:\n  Env:\n    Type: String\n    Default: dev\nConditions:\n  Open: !Equals [!Ref Env, dev]\n`),
      findings: [{ messageId: 'allowAll', path: [...P, 'CidrBlock'], message: 'Open' }],
    },
    {
      name: 'ImportValue CIDR is unverifiable',
      yaml: entry(`      Protocol: -1\n      RuleAction: allow\n      CidrBlock: !ImportValue Net\n`),
      findings: [{ messageId: 'unverifiable', path: [...P, 'CidrBlock'], severity: 'info' }],
    },
  ],
});

test('ec2-nacl-allow-all: out of PHI scope', () => {
  const { findings } = lintText(
    `Metadata:
  cfn-hipaa: { phi: false }
${entry(`      Protocol: -1\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n`)}`,
    'yaml',
  );
  const f = findings.filter((x) => x.ruleId === 'ec2-nacl-allow-all');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
