import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Dax', 'Properties'];
const BASE = `
      IAMRoleARN: arn:aws:iam::111122223333:role/dax
      NodeType: dax.r5.large
      ReplicationFactor: 3
      ClusterEndpointEncryptionType: TLS`;

ruleTester('dax-cluster-encryption', {
  valid: [
    {
      name: 'SSE enabled',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification:
        SSEEnabled: true
`,
    },
    {
      name: 'SSE from a parameter Default (string)',
      yaml: `
Parameters:
  Sse:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification:
        SSEEnabled: !Ref Sse
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
          - rule: dax-cluster-encryption
            reason: Caches the public product catalogue only (SEC-50)
    Properties:${BASE}
`,
    },
  ],
  invalid: [
    {
      name: 'no SSESpecification: unencrypted (violation)',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'SSESpecification', 'SSEEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit false',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification:
        SSEEnabled: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'SSESpecification', 'SSEEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter without Default: the false allowed value',
      yaml: `
Parameters:
  Sse:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification:
        SSEEnabled: !Ref Sse
`,
      findings: [{ messageId: 'disabled', path: [...P, 'SSESpecification', 'SSEEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cfn_nag W83 takes only the true Fn::If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification: !If [Prod, { SSEEnabled: true }, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'SSESpecification', 'Fn::If', 2, 'SSEEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'ImportValue: unverifiable',
      yaml: `
Resources:
  Dax:
    Type: AWS::DAX::Cluster
    Properties:${BASE}
      SSESpecification:
        SSEEnabled: !ImportValue shared-sse
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'SSESpecification', 'SSEEnabled'], severity: 'info' }],
    },
  ],
});
