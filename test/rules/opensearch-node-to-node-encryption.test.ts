import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Domain', 'Properties'];
const N = [...P, 'NodeToNodeEncryptionOptions'];

ruleTester('opensearch-node-to-node-encryption', {
  valid: [
    {
      name: 'enabled',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: true
`,
    },
    {
      name: 'legacy Elasticsearch domain, string true',
      yaml: `
Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: 'true'
`,
    },
    {
      name: 'parameter default true',
      yaml: `
Parameters:
  N2N:
    Type: String
    Default: 'true'
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: !Ref N2N
`,
    },
    {
      name: 'both If branches enabled',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions: !If [Prod, { Enabled: true }, { Enabled: 'true' }]
`,
    },
  ],
  invalid: [
    {
      name: 'absent: safe fix adds the options',
      yaml: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
`,
      findings: [{ messageId: 'notEnabled', path: [...N, 'Enabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
      NodeToNodeEncryptionOptions:
        Enabled: true
`,
    },
    {
      name: 'no Properties at all',
      yaml: `
Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
`,
      findings: [{ messageId: 'notEnabled', path: [...N, 'Enabled'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'explicit false: safe fix sets true',
      yaml: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: false # off
`,
      findings: [{ messageId: 'disabled', path: [...N, 'Enabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: true # off
`,
    },
    {
      name: 'parameter default false: fix changes the default',
      yaml: `
Parameters:
  N2N:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: !Ref N2N
`,
      findings: [{ messageId: 'disabled', path: [...N, 'Enabled'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'parameter with no Default: unverifiable',
      yaml: `
Parameters:
  N2N:
    Type: String
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: !Ref N2N
`,
      findings: [{ messageId: 'unverifiable', path: [...N, 'Enabled'], severity: 'info' }],
    },
    {
      name: 'imported value: unverifiable',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: !ImportValue n2n-flag
`,
      findings: [{ messageId: 'unverifiable', path: [...N, 'Enabled'], severity: 'info' }],
    },
    {
      name: 'false in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: !If [Prod, true, false]
`,
      findings: [{ messageId: 'disabled', path: [...N, 'Enabled', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'Prod is false' }],
    },
    {
      name: 'options removed in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions: !If [Prod, { Enabled: true }, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'notEnabled', path: [...N, 'Fn::If', 2, 'Enabled'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'not a boolean: unverifiable',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      NodeToNodeEncryptionOptions:
        Enabled: sometimes
`,
      findings: [{ messageId: 'unverifiable', path: [...N, 'Enabled'], severity: 'info' }],
    },
  ],
});
