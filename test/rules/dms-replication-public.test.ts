import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Repl', 'Properties'];
const base = `
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      ReplicationSubnetGroupIdentifier: private`;

ruleTester('dms-replication-public', {
  valid: [
    { name: 'explicit false', yaml: `Resources:\n  Repl:${base}\n      PubliclyAccessible: false\n` },
    { name: 'string false', yaml: `Resources:\n  Repl:${base}\n      PubliclyAccessible: 'false'\n` },
    {
      name: 'both If branches private',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Repl:${base}\n      PubliclyAccessible: !If [Dev, false, 'false']\n`,
    },
  ],
  invalid: [
    {
      name: 'absent: DMS default is public (suggestion, replacement)',
      yaml: `Resources:\n  Repl:${base}\n`,
      findings: [{ messageId: 'publicByDefault', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit true',
      yaml: `Resources:\n  Repl:${base}\n      PubliclyAccessible: true\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Fn::If removes it in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Repl:${base}\n      PubliclyAccessible: !If [Dev, !Ref 'AWS::NoValue', false]\n`,
      findings: [{ messageId: 'publicByDefault', path: [...P, 'PubliclyAccessible', 'Fn::If', 1], severity: 'error', fix: 'suggest', message: 'removed under a condition' }],
    },
    {
      name: 'parameter default true',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    Default: 'true'\nResources:\n  Repl:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter without default: unverifiable',
      yaml: `Parameters:\n  Pub:\n    Type: String\nResources:\n  Repl:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Repl:${base}\n      PubliclyAccessible: !ImportValue pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
  ],
});

test('dms-replication-public: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Repl:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'dms-replication-public');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
