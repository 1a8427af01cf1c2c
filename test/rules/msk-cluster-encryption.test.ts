import { ruleTester } from '../helpers/rule-tester';

const K = ['Resources', 'Msk', 'Properties', 'EncryptionInfo', 'EncryptionAtRest', 'DataVolumeKMSKeyId'];
const BASE = `
      ClusterName: phi-events
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        InstanceType: kafka.m7g.large
        ClientSubnets: [subnet-1, subnet-2]`;

ruleTester('msk-cluster-encryption', {
  valid: [
    {
      name: 'customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'key ARN from a parameter Default',
      yaml: `
Parameters:
  KafkaKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: !Ref KafkaKey
`,
    },
    {
      name: 'MSK Serverless is not checked',
      yaml: `
Resources:
  Sls:
    Type: AWS::MSK::ServerlessCluster
    Properties:
      ClusterName: phi
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } }
      VpcConfigs: [{ SubnetIds: [subnet-1, subnet-2] }]
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: msk-cluster-encryption
            reason: Metrics stream only, never PHI (SEC-77)
    Properties:${BASE}
`,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionInfo: AWS managed key aws/kafka (hardening)',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest', message: 'aws/kafka' }],
    },
    {
      name: 'EncryptionInfo with only in-transit settings, one key in the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionInTransit:
          ClientBroker: TLS
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed alias named explicitly',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: alias/aws/kafka
`,
      findings: [{ messageId: 'awsManagedKey', path: K, severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: one branch drops EncryptionAtRest',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest: !If [Prod, { DataVolumeKMSKeyId: !GetAtt Key.Arn }, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'awsManagedKey', path: ['Resources', 'Msk', 'Properties', 'EncryptionInfo', 'EncryptionAtRest', 'Fn::If', 2, 'DataVolumeKMSKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'key from Fn::ImportValue: unverifiable',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: !ImportValue shared-kafka-key
`,
      findings: [{ messageId: 'unverifiable', path: K, severity: 'info' }],
    },
    {
      name: 'key from a parameter without Default or AllowedValues: unverifiable',
      yaml: `
Parameters:
  KafkaKey:
    Type: String
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: !Ref KafkaKey
`,
      findings: [{ messageId: 'unverifiable', path: K, severity: 'info' }],
    },
  ],
});
