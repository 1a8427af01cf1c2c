import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Broker', 'Properties'];
const base = `
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: phi
      EngineType: ACTIVEMQ
      EngineVersion: '5.17.6'
      DeploymentMode: SINGLE_INSTANCE
      HostInstanceType: mq.t3.micro
      SubnetIds: [subnet-1]
      SecurityGroups: [sg-1]
      Users:
        - Username: app
          Password: '{{resolve:secretsmanager:mq:SecretString:password}}'`;

ruleTester('mq-broker-public', {
  valid: [
    { name: 'private broker', yaml: `Resources:\n  Broker:${base}\n      PubliclyAccessible: false\n` },
    { name: 'string false from parameter', yaml: `Parameters:\n  Pub:\n    Type: String\n    Default: 'false'\nResources:\n  Broker:${base}\n      PubliclyAccessible: !Ref Pub\n` },
  ],
  invalid: [
    {
      name: 'public broker: suggestion (replacement)',
      yaml: `Resources:\n  Broker:${base}\n      PubliclyAccessible: true\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Fn::If public in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Broker:${base}\n      PubliclyAccessible: !If [Dev, true, false]\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible', 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter allowed values without default',
      yaml: `Parameters:\n  Pub:\n    Type: String\n    AllowedValues: ['true', 'false']\nResources:\n  Broker:${base}\n      PubliclyAccessible: !Ref Pub\n`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Broker:${base}\n      PubliclyAccessible: !ImportValue pub\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
  ],
});

test('mq-broker-public: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Broker:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n      PubliclyAccessible: true\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'mq-broker-public');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
