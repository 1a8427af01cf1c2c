import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Domain', 'Properties'];
const base = `
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
      EncryptionAtRestOptions:
        Enabled: true
      NodeToNodeEncryptionOptions:
        Enabled: true
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07`;

ruleTester('opensearch-in-vpc', {
  valid: [
    { name: 'subnets listed', yaml: `Resources:\n  Domain:${base}\n      VPCOptions:\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: [sg-1]\n` },
    {
      name: 'subnets from a List parameter without default (deploy-time, still a VPC)',
      yaml: `Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\nResources:\n  Domain:${base}\n      VPCOptions:\n        SubnetIds: !Ref Subnets\n`,
    },
    {
      name: 'subnets from template resources',
      yaml: `Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.0.0/24\n  Domain:${base}\n      VPCOptions:\n        SubnetIds:\n          - !Ref Subnet\n`,
    },
  ],
  invalid: [
    {
      name: 'no VPCOptions: public endpoint',
      yaml: `Resources:\n  Domain:${base}\n`,
      findings: [{ messageId: 'notInVpc', path: [...P, 'VPCOptions', 'SubnetIds'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'peer mistake: none, empty subnet list',
      yaml: `Resources:\n  Domain:${base}\n      VPCOptions:\n        SubnetIds: []\n`,
      findings: [{ messageId: 'notInVpc', path: [...P, 'VPCOptions', 'SubnetIds'], severity: 'error', message: 'empty' }],
    },
    {
      name: 'Fn::If: public in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Domain:${base}\n      VPCOptions: !If\n        - Dev\n        - !Ref 'AWS::NoValue'\n        - SubnetIds: [subnet-1]\n`,
      findings: [{ messageId: 'notInVpc', path: [...P, 'VPCOptions', 'Fn::If', 1, 'SubnetIds'], severity: 'error' }],
    },
    {
      name: 'legacy Elasticsearch domain',
      yaml: `Resources:\n  Domain:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      ElasticsearchVersion: '7.10'\n`,
      findings: [{ messageId: 'notInVpc', path: [...P, 'VPCOptions', 'SubnetIds'], severity: 'error' }],
    },
  ],
});

test('opensearch-in-vpc: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Domain:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'opensearch-in-vpc');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
