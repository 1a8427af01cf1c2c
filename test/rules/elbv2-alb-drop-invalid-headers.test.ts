import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'LB', 'Properties'];
const KEY = 'routing.http.drop_invalid_header_fields.enabled';

ruleTester('elbv2-alb-drop-invalid-headers', {
  valid: [
    {
      name: 'attribute true on an explicit application load balancer',
      yaml: `
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-1, subnet-2]
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: 'true'
`,
    },
    {
      name: 'boolean true, no Type',
      yaml: `
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: '60'
        - Key: ${KEY}
          Value: true
`,
    },
    {
      name: 'network load balancer is not judged',
      yaml: `
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-1]
`,
    },
    {
      name: 'value from a parameter default',
      yaml: `
Parameters:
  DropInvalid:
    Type: String
    Default: 'true'
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: !Ref DropInvalid
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: Guard skips a load balancer without Type (ALB is the default)',
      yaml: `Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'notSet', path: [...P, 'LoadBalancerAttributes'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: 'true'
`,
    },
    {
      name: 'other attributes only: the entry is appended',
      yaml: `Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: '60'
      Subnets: [subnet-1, subnet-2]
`,
      findings: [{ messageId: 'notSet', path: [...P, 'LoadBalancerAttributes'], fix: 'safe' }],
      output: `Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: '60'
        - Key: ${KEY}
          Value: 'true'
      Subnets: [subnet-1, subnet-2]
`,
    },
    {
      name: 'explicit false',
      yaml: `
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: 'false'
`,
      findings: [{ messageId: 'disabled', path: [...P, 'LoadBalancerAttributes', 0, 'Value'], severity: 'warning', fix: 'safe', message: 'to false' }],
    },
    {
      name: 'false from a parameter default',
      yaml: `
Parameters:
  DropInvalid:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: !Ref DropInvalid
`,
      findings: [{ messageId: 'disabled', path: [...P, 'LoadBalancerAttributes', 0, 'Value'], fix: 'safe', message: 'parameter DropInvalid' }],
    },
    {
      name: 'Fn::If on the value: the false branch is reported',
      yaml: `
Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: !If [Strict, 'true', 'false']
`,
      findings: [{ messageId: 'disabled', path: [...P, 'LoadBalancerAttributes', 0, 'Value', 'Fn::If', 2], fix: 'safe', message: 'Strict is false' }],
    },
    {
      name: 'Fn::If on the Type: only the application branch is judged, and the added entry is conditional',
      yaml: `
Conditions:
  Web: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: !If [Web, application, network]
      LoadBalancerAttributes:
        - Key: deletion_protection.enabled
          Value: 'true'
`,
      findings: [{ messageId: 'notSet', path: [...P, 'LoadBalancerAttributes'], fix: 'safe', message: 'Web is true' }],
    },
    {
      name: 'imported value: unverifiable',
      yaml: `
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: ${KEY}
          Value: !ImportValue shared-flag
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'LoadBalancerAttributes', 0, 'Value'], severity: 'info' }],
    },
    {
      name: 'type from a parameter without default: unverifiable',
      yaml: `
Parameters:
  LbType:
    Type: String
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: !Ref LbType
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Type'], severity: 'info' }],
    },
  ],
});
