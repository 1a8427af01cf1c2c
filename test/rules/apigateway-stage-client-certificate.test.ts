import { ruleTester } from '../helpers/rule-tester';

const S = ['Resources', 'Stage', 'Properties'];

ruleTester('apigateway-stage-client-certificate', {
  valid: [
    {
      name: 'stage with a client certificate from the template, and one from an import',
      yaml: `
Resources:
  Cert:
    Type: AWS::ApiGateway::ClientCertificate
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      ClientCertificateId: !Ref Cert
  Stage2:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      ClientCertificateId: !ImportValue shared-client-cert
`,
    },
    {
      name: 'REST API with only Lambda proxy, AWS and mock integrations needs no client certificate',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: patients
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: AWS_IAM
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:f/invocations
  Options:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: OPTIONS
      AuthorizationType: NONE
      Integration:
        Type: MOCK
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: dep123
`,
    },
    {
      name: 'OpenAPI body with only aws_proxy integrations; a Deployment without StageName creates no stage',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: cdk-nag fails Lambda-only APIs too; here only the API with an HTTP integration is reported',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: legacy
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: AWS_IAM
      Integration:
        Type: HTTP_PROXY
        IntegrationHttpMethod: GET
        Uri: https://ehr.example.org/patients
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: dep123
`,
      findings: [{ messageId: 'noClientCertificate', path: [...S, 'ClientCertificateId'], severity: 'warning', fix: 'suggest', message: 'which has HTTP integrations' }],
    },
    {
      name: 'REST API from outside the template',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue api-id
`,
      findings: [{ messageId: 'noClientCertificate', path: [...S, 'ClientCertificateId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If removing the certificate in one branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Cert:
    Type: AWS::ApiGateway::ClientCertificate
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      ClientCertificateId: !If [Prod, !Ref Cert, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'noClientCertificate', path: [...S, 'ClientCertificateId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'Deployment that creates a stage, with StageDescription',
      yaml: `
Resources:
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageName: prod
      StageDescription:
        MetricsEnabled: true
`,
      findings: [{ messageId: 'noClientCertificate', path: ['Resources', 'Dep', 'Properties', 'StageDescription', 'ClientCertificateId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Deployment that creates a stage without StageDescription',
      yaml: `
Resources:
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageName: prod
`,
      findings: [{ messageId: 'noClientCertificate', path: ['Resources', 'Dep', 'Properties', 'StageDescription', 'ClientCertificateId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'OpenAPI body with an http integration',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: http
                uri: https://backend.example.org/items
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
`,
      findings: [{ messageId: 'noClientCertificate', path: [...S, 'ClientCertificateId'], severity: 'warning' }],
    },
    {
      name: 'StageDescription imported is unverifiable',
      yaml: `
Resources:
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageName: prod
      StageDescription: !ImportValue stage-settings
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Dep', 'Properties', 'StageDescription'], severity: 'info', message: 'imported' }],
    },
  ],
});
