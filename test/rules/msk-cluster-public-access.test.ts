import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const T = ['Resources', 'Kafka', 'Properties', 'BrokerNodeGroupInfo', 'ConnectivityInfo', 'PublicAccess', 'Type'];
const base = `
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: phi
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 2
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        EncryptionInTransit:
          ClientBroker: TLS
          InCluster: true
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-1, subnet-2]`;

ruleTester('msk-cluster-public-access', {
  valid: [
    { name: 'absent: public access is DISABLED by default', yaml: `Resources:\n  Kafka:${base}\n` },
    { name: 'explicit DISABLED', yaml: `Resources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: DISABLED\n` },
  ],
  invalid: [
    {
      name: 'SERVICE_PROVIDED_EIPS: safe fix',
      yaml: `Resources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: SERVICE_PROVIDED_EIPS\n`,
      findings: [{ messageId: 'public', path: T, severity: 'error', fix: 'safe' }],
      output: `Resources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: DISABLED\n`,
    },
    {
      name: 'parameter default SERVICE_PROVIDED_EIPS',
      yaml: `Parameters:\n  Access:\n    Type: String\n    Default: SERVICE_PROVIDED_EIPS\n    AllowedValues: [DISABLED, SERVICE_PROVIDED_EIPS]\nResources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: !Ref Access\n`,
      findings: [{ messageId: 'public', path: T, severity: 'error', fix: 'safe' }],
    },
    {
      name: 'Fn::If: public in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: !If [Dev, SERVICE_PROVIDED_EIPS, DISABLED]\n`,
      findings: [{ messageId: 'public', path: [...T, 'Fn::If', 1], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: !ImportValue access\n`,
      findings: [{ messageId: 'unverifiable', path: T, severity: 'info' }],
    },
  ],
});

test('msk-cluster-public-access: phi: false template is out of scope', () => {
  const yaml = `Metadata:\n  cfn-hipaa:\n    phi: false\nResources:\n  Kafka:${base}\n        ConnectivityInfo:\n          PublicAccess:\n            Type: SERVICE_PROVIDED_EIPS\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'msk-cluster-public-access');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
