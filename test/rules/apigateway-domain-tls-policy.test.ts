import { ruleTester } from '../helpers/rule-tester';

const D = ['Resources', 'Domain', 'Properties'];

ruleTester('apigateway-domain-tls-policy', {
  valid: [
    {
      name: 'TLS_1_2, an enhanced TLS 1.3 policy, and a V2 configuration with TLS_1_2',
      yaml: `
Resources:
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.org
      RegionalCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      SecurityPolicy: TLS_1_2
  Domain2:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api2.example.org
      RegionalCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      SecurityPolicy: SecurityPolicy_TLS13_1_2_2021_06
      EndpointAccessMode: STRICT
  DomainV2:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: http.example.org
      DomainNameConfigurations:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          EndpointType: REGIONAL
          SecurityPolicy: TLS_1_2
`,
    },
    {
      name: 'SAM Api without a custom domain; SAM Api domain from Globals with TLS_1_2; parameter default',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Policy:
    Type: String
    Default: TLS_1_2
Globals:
  Api:
    Domain:
      DomainName: api.example.org
      CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      SecurityPolicy: !Ref Policy
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
`,
    },
  ],
  invalid: [
    {
      name: 'omitted SecurityPolicy on a REST API domain means TLS_1_0: safe fix',
      yaml: `Resources:
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.org
      RegionalCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'defaultPolicy', path: [...D, 'SecurityPolicy'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.org
      RegionalCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      SecurityPolicy: TLS_1_2
`,
    },
    {
      name: 'explicit TLS_1_0 and Fn::If with a TLS_1_0 branch',
      yaml: `
Conditions:
  Legacy: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.org
      SecurityPolicy: TLS_1_0
  Domain2:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api2.example.org
      SecurityPolicy: !If [Legacy, TLS_1_0, TLS_1_2]
`,
      findings: [
        { messageId: 'oldPolicy', path: [...D, 'SecurityPolicy'], severity: 'error', fix: 'safe' },
        { messageId: 'oldPolicy', path: ['Resources', 'Domain2', 'Properties', 'SecurityPolicy', 'Fn::If', 1], severity: 'error', fix: 'safe', message: 'condition Legacy is true' },
      ],
    },
    {
      name: 'V2 configuration without a policy is unverifiable; with TLS_1_0 a violation',
      yaml: `
Resources:
  DomainV2:
    Type: AWS::ApiGatewayV2::DomainName
    Properties:
      DomainName: http.example.org
      DomainNameConfigurations:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          EndpointType: REGIONAL
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/def
          SecurityPolicy: TLS_1_0
`,
      findings: [
        { messageId: 'v2Unset', path: ['Resources', 'DomainV2', 'Properties', 'DomainNameConfigurations', 0, 'SecurityPolicy'], severity: 'info', fix: 'safe' },
        { messageId: 'oldPolicy', path: ['Resources', 'DomainV2', 'Properties', 'DomainNameConfigurations', 1, 'SecurityPolicy'], severity: 'error', fix: 'safe' },
      ],
    },
    {
      name: 'SAM Api and HttpApi domains without a policy',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain:
        DomainName: api.example.org
        CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Domain:
        DomainName: http.example.org
        CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [
        { messageId: 'defaultPolicy', path: ['Resources', 'Api', 'Properties', 'Domain', 'SecurityPolicy'], severity: 'error', fix: 'safe' },
        { messageId: 'v2Unset', path: ['Resources', 'Http', 'Properties', 'Domain', 'SecurityPolicy'], severity: 'info', fix: 'safe' },
      ],
    },
    {
      name: 'parameter AllowedValues judged one by one; no Default and ImportValue unverifiable',
      yaml: `
Parameters:
  Choice:
    Type: String
    AllowedValues: [TLS_1_0, TLS_1_2]
  Open:
    Type: String
Resources:
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.org
      SecurityPolicy: !Ref Choice
  Domain2:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api2.example.org
      SecurityPolicy: !Ref Open
  Domain3:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api3.example.org
      SecurityPolicy: !ImportValue tls-policy
`,
      findings: [
        { messageId: 'oldPolicy', path: [...D, 'SecurityPolicy'], severity: 'error', message: 'allowed value' },
        { messageId: 'unverifiable', path: ['Resources', 'Domain2', 'Properties', 'SecurityPolicy'], severity: 'info', message: 'parameter Open' },
        { messageId: 'unverifiable', path: ['Resources', 'Domain3', 'Properties', 'SecurityPolicy'], severity: 'info', message: 'imported' },
      ],
    },
  ],
});
