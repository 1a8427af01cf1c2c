import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Sftp', 'Properties'];
const base = `
    Type: AWS::Transfer::Server
    Properties:
      Protocols: [SFTP]
      SecurityPolicyName: TransferSecurityPolicy-2024-01`;
const vpc = `${base}\n      EndpointType: VPC\n      EndpointDetails:\n        VpcId: vpc-1\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: [sg-1]`;

ruleTester('transfer-server-public-endpoint', {
  valid: [
    { name: 'VPC endpoint without Elastic IPs', yaml: `Resources:\n  Sftp:${vpc}\n` },
    { name: 'legacy VPC_ENDPOINT', yaml: `Resources:\n  Sftp:${base}\n      EndpointType: VPC_ENDPOINT\n      EndpointDetails:\n        VpcEndpointId: vpce-1\n` },
  ],
  invalid: [
    {
      name: 'absent EndpointType is PUBLIC by default',
      yaml: `Resources:\n  Sftp:${base}\n`,
      findings: [{ messageId: 'public', path: [...P, 'EndpointType'], severity: 'error', fix: 'none', message: 'PUBLIC is the default' }],
    },
    {
      name: 'explicit PUBLIC',
      yaml: `Resources:\n  Sftp:${base}\n      EndpointType: PUBLIC\n`,
      findings: [{ messageId: 'public', path: [...P, 'EndpointType'], severity: 'error' }],
    },
    {
      name: 'internet-facing VPC endpoint: hardening',
      yaml: `Resources:\n  Sftp:${vpc}\n        AddressAllocationIds: [eipalloc-1]\n`,
      findings: [{ messageId: 'internetFacingVpc', path: [...P, 'EndpointDetails', 'AddressAllocationIds'], severity: 'warning' }],
    },
    {
      name: 'Fn::If: public in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Sftp:${base}\n      EndpointType: !If [Dev, PUBLIC, VPC]\n      EndpointDetails:\n        VpcId: vpc-1\n        SubnetIds: [subnet-1]\n`,
      findings: [{ messageId: 'public', path: [...P, 'EndpointType', 'Fn::If', 1], severity: 'error' }],
    },
    {
      name: 'parameter without default: unverifiable',
      yaml: `Parameters:\n  Ep:\n    Type: String\nResources:\n  Sftp:${base}\n      EndpointType: !Ref Ep\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'EndpointType'], severity: 'info' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Sftp:${base}\n      EndpointType: !ImportValue ep\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'EndpointType'], severity: 'info' }],
    },
  ],
});

test('transfer-server-public-endpoint: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Sftp:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'transfer-server-public-endpoint');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
