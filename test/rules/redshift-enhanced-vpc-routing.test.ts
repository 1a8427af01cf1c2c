import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Cluster', 'Properties'];
const base = `
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: phi
      MasterUsername: admin
      ManageMasterPassword: true`;

ruleTester('redshift-enhanced-vpc-routing', {
  valid: [
    { name: 'explicit true', yaml: `Resources:\n  Cluster:${base}\n      EnhancedVpcRouting: true\n` },
    { name: 'string true from parameter', yaml: `Parameters:\n  Evr:\n    Type: String\n    Default: 'true'\nResources:\n  Cluster:${base}\n      EnhancedVpcRouting: !Ref Evr\n` },
  ],
  invalid: [
    {
      name: 'peer mistake: none, absent is off (default false): safe fix',
      yaml: `Resources:\n  Cluster:${base}\n`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'EnhancedVpcRouting'], severity: 'warning', fix: 'safe' }],
      output: `Resources:\n  Cluster:${base}\n      EnhancedVpcRouting: true\n`,
    },
    {
      name: 'explicit false',
      yaml: `Resources:\n  Cluster:${base}\n      EnhancedVpcRouting: false\n`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'EnhancedVpcRouting'], severity: 'warning', fix: 'safe', message: 'EnhancedVpcRouting: false' }],
    },
    {
      name: 'Fn::If: off in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Cluster:${base}\n      EnhancedVpcRouting: !If [Dev, !Ref 'AWS::NoValue', true]\n`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'EnhancedVpcRouting', 'Fn::If', 1], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'parameter default false',
      yaml: `Parameters:\n  Evr:\n    Type: String\n    Default: 'false'\nResources:\n  Cluster:${base}\n      EnhancedVpcRouting: !Ref Evr\n`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'EnhancedVpcRouting'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Cluster:${base}\n      EnhancedVpcRouting: !ImportValue evr\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'EnhancedVpcRouting'], severity: 'info' }],
    },
  ],
});

test('redshift-enhanced-vpc-routing: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Cluster:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'redshift-enhanced-vpc-routing');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
