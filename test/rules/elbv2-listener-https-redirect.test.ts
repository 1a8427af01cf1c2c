import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Http', 'Properties'];

const BASE = `Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTPS
      Port: 443
      VpcId: vpc-1`;

const HTTPS = `
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG`;

ruleTester('elbv2-listener-https-redirect', {
  valid: [
    {
      name: 'HTTP listener redirects to HTTPS',
      yaml: `${BASE}${HTTPS}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Protocol: HTTPS
            Port: '443'
            StatusCode: HTTP_301
`,
    },
    {
      name: 'peer mistake: cdk-nag fails an HTTP listener that only answers with a fixed response',
      yaml: `${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: fixed-response
          FixedResponseConfig:
            StatusCode: '403'
`,
    },
    {
      name: 'NLB TCP listener is not an HTTP listener',
      yaml: `${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 5432
      Protocol: TCP
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
    },
    {
      name: 'listener rule on an HTTPS listener may forward',
      yaml: `${BASE}${HTTPS}
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Https
      Priority: 1
      Conditions:
        - Field: path-pattern
          Values: [/api/*]
      Actions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
    },
  ],
  invalid: [
    {
      name: 'HTTP listener forwards; the load balancer has an HTTPS listener: safe fix',
      yaml: `${BASE}${HTTPS}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'forwards', path: [...P, 'DefaultActions', 0, 'Type'], severity: 'error', fix: 'safe' }],
      output: `${BASE}${HTTPS}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Protocol: HTTPS
            Port: '443'
            StatusCode: HTTP_301
`,
    },
    {
      name: 'HTTP listener forwards with ForwardConfig and no HTTPS listener: suggestion',
      yaml: `${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: forward
          ForwardConfig:
            TargetGroups:
              - TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'forwards', path: [...P, 'DefaultActions', 0, 'Type'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'redirect that keeps HTTP is hardening',
      yaml: `${BASE}${HTTPS}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Host: www.example.com
            StatusCode: HTTP_301
`,
      findings: [{ messageId: 'redirectNotHttps', path: [...P, 'DefaultActions', 0, 'RedirectConfig', 'Protocol'], severity: 'warning', fix: 'safe', message: 'keeps #{protocol}' }],
    },
    {
      name: 'protocol from a parameter default',
      yaml: `Parameters:
  ListenerProtocol:
    Type: String
    Default: HTTP
${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: !Ref ListenerProtocol
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'forwards', path: [...P, 'DefaultActions', 0, 'Type'], fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cfn_nag reads only the true branch of Fn::If',
      yaml: `Conditions:
  HasCert: !Equals [!Ref 'AWS::AccountId', '111122223333']
${BASE}${HTTPS}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: !If [HasCert, HTTPS, HTTP]
      Certificates: !If
        - HasCert
        - - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - !Ref AWS::NoValue
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'forwards', path: [...P, 'DefaultActions', 0, 'Type'], fix: 'safe', message: 'HasCert is false' }],
    },
    {
      name: 'forward only when no certificate; the HTTPS listener has a Condition: suggestion',
      yaml: `Conditions:
  HasCert: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTPS
      Port: 443
      VpcId: vpc-1
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Condition: HasCert
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - !If
          - HasCert
          - Type: redirect
            RedirectConfig:
              Protocol: HTTPS
              Port: '443'
              StatusCode: HTTP_301
          - Type: forward
            TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'forwards', path: [...P, 'DefaultActions', 0, 'Fn::If', 2, 'Type'], severity: 'error', fix: 'suggest', message: 'HasCert is false' }],
    },
    {
      name: 'peer mistake: cdk-nag ignores listener rules that forward on an HTTP listener',
      yaml: `${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: fixed-response
          FixedResponseConfig:
            StatusCode: '404'
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Http
      Priority: 1
      Conditions:
        - Field: path-pattern
          Values: [/api/*]
      Actions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'ruleForwards', path: ['Resources', 'Rule', 'Properties', 'Actions', 0, 'Type'], severity: 'error', fix: 'none', message: 'HTTP listener Http' }],
    },
    {
      name: 'listener rule on an imported listener: unverifiable',
      yaml: `${BASE}
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !ImportValue shared-listener
      Priority: 1
      Conditions:
        - Field: path-pattern
          Values: [/api/*]
      Actions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Rule', 'Properties', 'Actions', 0, 'Type'], severity: 'info', message: 'Fn::ImportValue' }],
    },
    {
      name: 'imported protocol with a forward: unverifiable',
      yaml: `${BASE}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: !ImportValue shared-protocol
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Protocol'], severity: 'info' }],
    },
  ],
});
