import { ruleTester } from '../helpers/rule-tester';

const T = ['Resources', 'Msk', 'Properties', 'EncryptionInfo', 'EncryptionInTransit'];
const BASE = `
      ClusterName: phi-events
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        InstanceType: kafka.m7g.large
        ClientSubnets: [subnet-1, subnet-2]
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

ruleTester('msk-cluster-tls', {
  valid: [
    {
      name: 'defaults: TLS from clients, encrypted between brokers',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
`,
    },
    {
      name: 'explicit TLS and InCluster true (as a string)',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: TLS
          InCluster: 'true'
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
          - rule: msk-cluster-tls
            reason: Load-test cluster with synthetic data only (SEC-90)
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: PLAINTEXT
`,
    },
  ],
  invalid: [
    {
      name: 'PLAINTEXT client-broker',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: PLAINTEXT
`,
      findings: [{ messageId: 'clientPlaintext', path: [...T, 'ClientBroker'], severity: 'error', fix: 'suggest', message: 'PLAINTEXT' }],
    },
    {
      name: 'TLS_PLAINTEXT still accepts plaintext',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: TLS_PLAINTEXT
`,
      findings: [{ messageId: 'clientPlaintext', path: [...T, 'ClientBroker'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'InCluster false',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          InCluster: false
`,
      findings: [{ messageId: 'inClusterOff', path: [...T, 'InCluster'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'ClientBroker from a parameter with AllowedValues and no Default',
      yaml: `
Parameters:
  Mode:
    Type: String
    AllowedValues: [TLS, TLS_PLAINTEXT]
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: !Ref Mode
`,
      findings: [{ messageId: 'clientPlaintext', path: [...T, 'ClientBroker'], severity: 'error', fix: 'suggest', message: 'TLS_PLAINTEXT' }],
    },
    {
      name: 'ClientBroker from a parameter Default: the fix changes the Default',
      yaml: `
Parameters:
  Mode:
    Type: String
    AllowedValues: [TLS, TLS_PLAINTEXT, PLAINTEXT]
    Default: TLS_PLAINTEXT
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: !Ref Mode
`,
      findings: [{ messageId: 'clientPlaintext', path: [...T, 'ClientBroker'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: plaintext in the false branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: !If [Prod, TLS, PLAINTEXT]
          InCluster: !If [Prod, true, false]
`,
      findings: [
        { messageId: 'clientPlaintext', path: [...T, 'ClientBroker', 'Fn::If', 2], severity: 'error', fix: 'suggest' },
        { messageId: 'inClusterOff', path: [...T, 'InCluster', 'Fn::If', 2], severity: 'error', fix: 'suggest' },
      ],
    },
    {
      name: 'ImportValue: unverifiable',
      yaml: `
Resources:
  Msk:
    Type: AWS::MSK::Cluster
    Properties:${BASE}
        EncryptionInTransit:
          ClientBroker: !ImportValue shared-mode
`,
      findings: [{ messageId: 'unverifiable', path: [...T, 'ClientBroker'], severity: 'info' }],
    },
  ],
});
