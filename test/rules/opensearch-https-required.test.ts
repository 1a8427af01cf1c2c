import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Domain', 'Properties'];
const D = [...P, 'DomainEndpointOptions'];

ruleTester('opensearch-https-required', {
  valid: [
    {
      name: 'HTTPS enforced with the TLS 1.2 policy',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
`,
    },
    {
      name: 'PFS policy, string true, legacy type',
      yaml: `
Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: 'true'
        TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10
`,
    },
    {
      name: 'values from parameter defaults',
      yaml: `
Parameters:
  Https:
    Type: String
    Default: 'true'
  Policy:
    Type: String
    Default: Policy-Min-TLS-1-2-PFS-2023-10
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: !Ref Https
        TLSSecurityPolicy: !Ref Policy
`,
    },
  ],
  invalid: [
    {
      name: 'no DomainEndpointOptions: two safe fixes',
      yaml: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
`,
      findings: [
        { messageId: 'httpAllowed', path: [...D, 'EnforceHTTPS'], severity: 'error', fix: 'safe' },
        { messageId: 'weakTls', path: [...D, 'TLSSecurityPolicy'], severity: 'error', fix: 'safe', message: 'default is Policy-Min-TLS-1-0-2019-07' },
      ],
      output: `Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
`,
    },
    {
      name: 'HTTPS off, TLS 1.0 policy',
      yaml: `Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: false
        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07
`,
      findings: [
        { messageId: 'httpAllowed', path: [...D, 'EnforceHTTPS'], severity: 'error', fix: 'safe', message: 'EnforceHTTPS: false' },
        { messageId: 'weakTls', path: [...D, 'TLSSecurityPolicy'], severity: 'error', fix: 'safe' },
      ],
      output: `Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07
`,
    },
    {
      name: 'peer mistake: checkov CKV_AWS_83 passes HTTPS with the TLS 1.0 policy',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
`,
      findings: [{ messageId: 'weakTls', path: [...D, 'TLSSecurityPolicy'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'TLS policy from a parameter default: fix changes the default',
      yaml: `
Parameters:
  Policy:
    Type: String
    Default: Policy-Min-TLS-1-0-2019-07
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: !Ref Policy
`,
      findings: [{ messageId: 'weakTls', path: [...D, 'TLSSecurityPolicy'], severity: 'error', fix: 'safe', message: 'Policy-Min-TLS-1-0-2019-07' }],
    },
    {
      name: 'parameters without Default: unverifiable',
      yaml: `
Parameters:
  Https:
    Type: String
  Policy:
    Type: String
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: !Ref Https
        TLSSecurityPolicy: !Ref Policy
`,
      findings: [
        { messageId: 'unverifiable', path: [...D, 'EnforceHTTPS'], severity: 'info' },
        { messageId: 'unverifiable', path: [...D, 'TLSSecurityPolicy'], severity: 'info' },
      ],
    },
    {
      name: 'imported options: unverifiable',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: !ImportValue https-flag
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
`,
      findings: [{ messageId: 'unverifiable', path: [...D, 'EnforceHTTPS'], severity: 'info' }],
    },
    {
      name: 'HTTPS off in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: !If [Prod, true, false]
        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
`,
      findings: [{ messageId: 'httpAllowed', path: [...D, 'EnforceHTTPS', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'Prod is false' }],
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
      DomainEndpointOptions: !If
        - Prod
        - EnforceHTTPS: true
          TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07
        - !Ref AWS::NoValue
`,
      findings: [
        { messageId: 'httpAllowed', path: [...D, 'Fn::If', 2, 'EnforceHTTPS'], severity: 'error', fix: 'safe' },
        { messageId: 'weakTls', path: [...D, 'Fn::If', 2, 'TLSSecurityPolicy'], severity: 'error', fix: 'safe' },
      ],
    },
    {
      name: 'unknown policy name: unverifiable',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainEndpointOptions:
        EnforceHTTPS: true
        TLSSecurityPolicy: Policy-Custom
`,
      findings: [{ messageId: 'unverifiable', path: [...D, 'TLSSecurityPolicy'], severity: 'info' }],
    },
  ],
});
