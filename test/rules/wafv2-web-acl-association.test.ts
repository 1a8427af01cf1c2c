import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const ACL = `
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        SampledRequestsEnabled: true
        CloudWatchMetricsEnabled: true
        MetricName: web-acl
      Rules:
        - Name: AWSManagedRulesCommonRuleSet
          Priority: 0
          OverrideAction:
            None: {}
          Statement:
            ManagedRuleGroupStatement:
              VendorName: AWS
              Name: AWSManagedRulesCommonRuleSet
          VisibilityConfig:
            SampledRequestsEnabled: true
            CloudWatchMetricsEnabled: true
            MetricName: common
`;

const REST = `
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: phi-api
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: deployment-id
      StageName: prod
`;

ruleTester('wafv2-web-acl-association', {
  valid: [
    {
      name: 'internet-facing ALB associated by Ref',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
${ACL}
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Alb
      WebACLArn: !GetAtt WebAcl.Arn
`,
    },
    {
      name: 'legacy WAF Regional association',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
  Assoc:
    Type: AWS::WAFRegional::WebACLAssociation
    Properties:
      ResourceArn: !Ref Alb
      WebACLId: acl-id
`,
    },
    {
      name: 'peer mistake: cdk-nag ALBWAFEnabled and Config alb-waf-enabled flag internal ALBs; an internal ALB is not judged',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
      Subnets: [subnet-1, subnet-2]
`,
    },
    {
      name: 'network load balancer is not judged',
      yaml: `
Resources:
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-1, subnet-2]
`,
    },
    {
      name: 'stage associated with a Fn::Sub stage ARN naming the stage',
      yaml: `
Resources:
${REST}
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/\${Stage}'
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
    },
    {
      name: 'stage associated with a Fn::Join ARN naming the API and the literal stage name (CDK style)',
      yaml: `
Resources:
${REST}
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Join ['', ['arn:', !Ref 'AWS::Partition', ':apigateway:', !Ref 'AWS::Region', '::/restapis/', !Ref Api, '/stages/prod']]
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
    },
    {
      name: 'stage created by a Deployment with StageName, associated by its ARN',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: phi-api
  Deploy:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    DependsOn: Deploy
    Properties:
      ResourceArn: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/prod'
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
    },
    {
      name: 'a Deployment without StageName creates no stage',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: phi-api
  Deploy:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
`,
    },
    {
      name: 'stage of a private REST API is not judged',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: phi-api
      EndpointConfiguration:
        Types: [PRIVATE]
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: deployment-id
      StageName: prod
`,
    },
    {
      name: 'SAM API associated (ResourceArn mentions the API)',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/prod'
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
    },
    {
      name: 'private SAM API (from Globals) is not judged',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    EndpointConfiguration:
      Type: PRIVATE
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
    },
    {
      name: 'CloudFront distribution with a WebACLId',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/phi/abc
`,
    },
    {
      name: 'AppSync API associated by GetAtt Arn',
      yaml: `
Resources:
  Graph:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: phi-graph
      AuthenticationType: AMAZON_COGNITO_USER_POOLS
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !GetAtt Graph.Arn
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
    },
    {
      name: 'peer suppression: checkov CKV_AWS_68 on a distribution',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_68
            comment: Static public brochure site, no PHI behind it
    Properties:
      DistributionConfig:
        Enabled: true
`,
    },
  ],
  invalid: [
    {
      name: 'ALB with Scheme and Type absent (internet-facing application by default)',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Alb'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'ALB explicitly internet-facing: offers the template web ACL and a new one',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
${ACL}
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Alb', 'Properties', 'Scheme'], fix: 'suggest' }],
    },
    {
      name: 'ALB Scheme in one Fn::If branch internet-facing',
      yaml: `
Conditions:
  Public: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: !If [Public, internet-facing, internal]
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Alb', 'Properties', 'Scheme', 'Fn::If', 1], fix: 'suggest', message: 'condition Public is true' }],
    },
    {
      name: 'ALB Scheme from a parameter Default',
      yaml: `
Parameters:
  Scheme:
    Type: String
    Default: internet-facing
    AllowedValues: [internet-facing, internal]
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: !Ref Scheme
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Alb', 'Properties', 'Scheme'], fix: 'suggest', message: 'parameter Scheme' }],
    },
    {
      name: 'ALB Scheme from a parameter without Default is unverifiable',
      yaml: `
Parameters:
  Scheme:
    Type: String
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: !Ref Scheme
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Alb', 'Properties', 'Scheme'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'an association of another load balancer does not count',
      yaml: `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
  Other:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
      Subnets: [subnet-1, subnet-2]
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Other
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Alb'], fix: 'suggest' }],
    },
    {
      name: 'REST API stage without an association',
      yaml: `
Resources:
${REST}
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Stage'], fix: 'suggest', message: 'API Gateway stage Stage' }],
    },
    {
      name: 'stage created by a Deployment without an association',
      yaml: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: phi-api
  Deploy:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Deploy'], fix: 'suggest', message: 'stage created by deployment Deploy' }],
    },
    {
      name: 'an association naming the API but another stage does not count',
      yaml: `
Resources:
${REST}
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/test'
      WebACLArn: arn:aws:wafv2:us-east-1:111122223333:regional/webacl/phi/abc
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Stage'], fix: 'suggest' }],
    },
    {
      name: 'stage of an imported REST API is unverifiable',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue shared-api
      DeploymentId: deployment-id
      StageName: prod
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Stage', 'Properties', 'RestApiId'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'SAM API without an association',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Api'], fix: 'suggest' }],
    },
    {
      name: 'CloudFront distribution without WebACLId',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
`,
      findings: [{ messageId: 'distributionNoWebAcl', path: ['Resources', 'Cdn', 'Properties', 'DistributionConfig', 'WebACLId'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_68 only the true branch; WebACLId removed in the false branch',
      yaml: `
Conditions:
  Protect: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: !If [Protect, arn:aws:wafv2:us-east-1:111122223333:global/webacl/phi/abc, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'distributionNoWebAcl', path: ['Resources', 'Cdn', 'Properties', 'DistributionConfig', 'WebACLId', 'Fn::If', 2], fix: 'none' }],
    },
    {
      name: 'CloudFront WebACLId imported is unverifiable',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: !ImportValue edge-acl
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Cdn', 'Properties', 'DistributionConfig', 'WebACLId'], fix: 'none' }],
    },
    {
      name: 'AppSync API without an association',
      yaml: `
Resources:
  Graph:
    Type: AWS::AppSync::GraphQLApi
    Properties:
      Name: phi-graph
      AuthenticationType: AMAZON_COGNITO_USER_POOLS
`,
      findings: [{ messageId: 'noWebAcl', path: ['Resources', 'Graph'], fix: 'suggest' }],
    },
  ],
});

test('wafv2-web-acl-association: a load balancer outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      Subnets: [subnet-1, subnet-2]
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 'wafv2-web-acl-association');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
