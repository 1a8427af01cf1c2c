import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Cluster', 'Properties'];
const V = [...P, 'ResourcesVpcConfig'];
const base = `
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      ResourcesVpcConfig:
        SubnetIds: [subnet-1, subnet-2]`;

ruleTester('eks-endpoint-public-access', {
  valid: [
    { name: 'private endpoint', yaml: `Resources:\n  Cluster:${base}\n        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n` },
    {
      name: 'parameter default false',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    Default: 'false'\nResources:\n  Cluster:${base}\n        EndpointPublicAccess: !Ref Pub\n        EndpointPrivateAccess: true\n`,
    },
  ],
  invalid: [
    {
      name: 'absent: public and open to the world by default',
      yaml: `Resources:\n  Cluster:${base}\n`,
      findings: [{ messageId: 'publicOpen', path: [...V, 'EndpointPublicAccess'], severity: 'error', fix: 'suggest', message: 'defaults to true' }],
    },
    {
      name: 'explicit true with 0.0.0.0/0',
      yaml: `Resources:\n  Cluster:${base}\n        EndpointPublicAccess: true\n        EndpointPrivateAccess: true\n        PublicAccessCidrs: [10.0.0.0/8, 0.0.0.0/0]\n`,
      findings: [{ messageId: 'publicOpen', path: [...V, 'EndpointPublicAccess'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'public but restricted to office CIDRs: hardening',
      yaml: `Resources:\n  Cluster:${base}\n        EndpointPublicAccess: true\n        PublicAccessCidrs: [203.0.113.0/24]\n`,
      findings: [{ messageId: 'publicRestricted', path: [...V, 'EndpointPublicAccess'], severity: 'warning', fix: 'suggest', message: '203.0.113.0/24' }],
    },
    {
      name: 'CIDR from a parameter without default: unverifiable',
      yaml: `Parameters:\n  Office:\n    Type: String\nResources:\n  Cluster:${base}\n        EndpointPublicAccess: true\n        PublicAccessCidrs: [!Ref Office]\n`,
      findings: [{ messageId: 'unverifiable', path: [...V, 'PublicAccessCidrs', 0], severity: 'info' }],
    },
    {
      name: 'Fn::If: public in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Cluster:${base}\n        EndpointPublicAccess: !If [Dev, true, false]\n        EndpointPrivateAccess: true\n`,
      findings: [{ messageId: 'publicOpen', path: [...V, 'EndpointPublicAccess', 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Cluster:${base}\n        EndpointPublicAccess: !ImportValue pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...V, 'EndpointPublicAccess'], severity: 'info' }],
    },
  ],
});

test('eks-endpoint-public-access: phi: false template is out of scope', () => {
  const yaml = `Metadata:\n  cfn-hipaa:\n    phi: false\nResources:\n  Cluster:${base}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'eks-endpoint-public-access');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
