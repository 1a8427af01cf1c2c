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

ruleTester('redshift-public-access', {
  valid: [
    { name: 'absent: Redshift default is private', yaml: `Resources:\n  Cluster:${base}\n` },
    { name: 'explicit false', yaml: `Resources:\n  Cluster:${base}\n      PubliclyAccessible: false\n` },
    {
      name: 'parameter default false',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    Default: 'false'\nResources:\n  Cluster:${base}\n      PubliclyAccessible: !Ref Pub\n`,
    },
  ],
  invalid: [
    {
      name: 'explicit true: safe fix',
      yaml: `Resources:\n  Cluster:${base}\n      PubliclyAccessible: true\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
      output: `Resources:\n  Cluster:${base}\n      PubliclyAccessible: false\n`,
    },
    {
      name: 'parameter default true: fix changes the default',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    Default: 'true'\n    AllowedValues: ['true', 'false']\nResources:\n  Cluster:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'parameter without default: allowed value true',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    AllowedValues: ['true', 'false']\nResources:\n  Cluster:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error' }],
    },
    {
      name: 'parameter with nothing: unverifiable',
      yaml: `Parameters:\n  Pub:\n    Type: String\nResources:\n  Cluster:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
    {
      name: 'Fn::If: public branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Cluster:${base}\n      PubliclyAccessible: !If [Dev, false, true]\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible', 'Fn::If', 2], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Cluster:${base}\n      PubliclyAccessible: !ImportValue pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
  ],
});

test('redshift-public-access: phi: false template is out of scope', () => {
  const yaml = `Metadata:\n  cfn-hipaa:\n    phi: false\nResources:\n  Cluster:${base}\n      PubliclyAccessible: true\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'redshift-public-access');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
