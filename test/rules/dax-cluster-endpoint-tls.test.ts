import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Dax', 'Properties'];
const BASE = `
      IAMRoleARN: arn:aws:iam::111122223333:role/dax
      NodeType: dax.r5.large
      ReplicationFactor: 3
      SSESpecification:
        SSEEnabled: true`;

ruleTester('dax-cluster-endpoint-tls', {
  valid: [
    {
      name: 'TLS endpoint',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: TLS
`,
    },
    {
      name: 'TLS from a parameter Default',
      yaml: `
Parameters:
  Enc:
    Type: String
    AllowedValues: [NONE, TLS]
    Default: TLS
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: !Ref Enc
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: dax-cluster-endpoint-tls
            reason: Caches the public product catalogue only (SEC-50)
    Properties:${BASE}
`,
    },
  ],
  invalid: [
    {
      name: 'absent: NONE by default (violation)',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
`,
      findings: [{ messageId: 'notTls', path: [...P, 'ClusterEndpointEncryptionType'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit NONE',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: NONE
`,
      findings: [{ messageId: 'plaintext', path: [...P, 'ClusterEndpointEncryptionType'], severity: 'error', fix: 'suggest', message: 'NONE' }],
    },
    {
      name: 'parameter Default NONE: the fix changes the Default',
      yaml: `
Parameters:
  Enc:
    Type: String
    AllowedValues: [NONE, TLS]
    Default: NONE
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: !Ref Enc
`,
      findings: [{ messageId: 'plaintext', path: [...P, 'ClusterEndpointEncryptionType'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Fn::If branches',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: !If [Prod, TLS, NONE]
`,
      findings: [{ messageId: 'plaintext', path: [...P, 'ClusterEndpointEncryptionType', 'Fn::If', 2], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'ImportValue: unverifiable',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      ClusterEndpointEncryptionType: !ImportValue shared-enc
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'ClusterEndpointEncryptionType'], severity: 'info' }],
    },
  ],
});
