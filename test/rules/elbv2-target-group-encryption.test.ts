import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'TG', 'Properties'];

const LB = `
  LB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]`;

const HTTPS_LISTENER = `
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

ruleTester('elbv2-target-group-encryption', {
  valid: [
    {
      name: 'HTTPS listener to an HTTPS target group',
      yaml: `
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTPS
      Port: 443
      VpcId: vpc-1
`,
    },
    {
      name: 'target group reached only by an HTTP listener is the redirect rule business',
      yaml: `
Resources:${LB}
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 80
      VpcId: vpc-1
`,
    },
    {
      name: 'target group reached by no listener of the template',
      yaml: `
Resources:
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 80
      VpcId: vpc-1
`,
    },
    {
      name: 'lambda targets are skipped',
      yaml: `
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: lambda
`,
    },
    {
      name: 'ALB targets of an NLB are skipped',
      yaml: `
Resources:
  NLB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-1]
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref NLB
      Port: 443
      Protocol: TLS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: alb
      Protocol: TCP
      Port: 443
      VpcId: vpc-1
`,
    },
    {
      name: 'NLB TLS listener to a TLS target group through ForwardConfig',
      yaml: `
Resources:
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/x/1
      Port: 443
      Protocol: TLS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          ForwardConfig:
            TargetGroups:
              - TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: TLS
      Port: 443
      VpcId: vpc-1
`,
    },
    {
      name: 'listener and target group switch to TLS under the same condition',
      yaml: `
Conditions:
  UseTls: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/x/1
      Port: 443
      Protocol: !If [UseTls, TLS, TCP]
      SslPolicy: !If [UseTls, ELBSecurityPolicy-TLS13-1-2-2021-06, !Ref AWS::NoValue]
      Certificates: !If
        - UseTls
        - - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - !Ref AWS::NoValue
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: !If [UseTls, TLS, TCP]
      Port: 443
      VpcId: vpc-1
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: elbv2-target-group-encryption
            reason: Targets run in a Nitro enclave mesh that encrypts in transit (SEC-7)
    Properties:
      Protocol: HTTP
      Port: 80
      VpcId: vpc-1
`,
    },
  ],
  invalid: [
    {
      name: 'HTTPS listener to an HTTP target group on port 80',
      yaml: `Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 80
      HealthCheckProtocol: HTTP
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'], severity: 'error', fix: 'suggest', message: 'listener Https terminates HTTPS' }],
    },
    {
      name: 'absent health check protocol is set too',
      yaml: `Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 8080
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'NLB TLS listener to a TCP target group',
      yaml: `
Resources:
  NLB:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-1]
  Tls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref NLB
      Port: 443
      Protocol: TLS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: TCP
      Port: 5432
      HealthCheckProtocol: TCP
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'], severity: 'error', fix: 'suggest', message: 'terminates TLS' }],
    },
    {
      name: 'listener rule on an HTTPS listener forwards to an HTTP target group',
      yaml: `
Resources:${LB}
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
        - Type: fixed-response
          FixedResponseConfig:
            StatusCode: '404'
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
          ForwardConfig:
            TargetGroups:
              - TargetGroupArn: !Ref TG
                Weight: 1
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 8080
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'], message: 'rule Rule' }],
    },
    {
      name: 'target group protocol from a parameter default: fix changes the default',
      yaml: `
Parameters:
  TargetProtocol:
    Type: String
    Default: HTTP
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: !Ref TargetProtocol
      Port: 443
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'], fix: 'suggest', message: 'parameter TargetProtocol' }],
    },
    {
      name: 'parameter AllowedValues without Default: each value is judged',
      yaml: `
Parameters:
  TargetProtocol:
    Type: String
    AllowedValues: [HTTP, HTTPS]
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: !Ref TargetProtocol
      Port: 443
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'] }],
    },
    {
      name: 'Fn::If: only the HTTP branch is a violation',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: !If [Prod, HTTPS, HTTP]
      Port: 443
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol', 'Fn::If', 2], fix: 'suggest', message: 'Prod is false' }],
    },
    {
      name: 'listener protocol from a parameter with both values',
      yaml: `
Parameters:
  ListenerProtocol:
    Type: String
    AllowedValues: [HTTP, HTTPS]
Resources:${LB}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 443
      Protocol: !Ref ListenerProtocol
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 8080
      VpcId: vpc-1
`,
      findings: [{ messageId: 'plaintextToTargets', path: [...P, 'Protocol'] }],
    },
    {
      name: 'target group protocol imported: unverifiable',
      yaml: `
Resources:${LB}${HTTPS_LISTENER}
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: !ImportValue shared-protocol
      Port: 443
      VpcId: vpc-1
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Protocol'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'listener protocol unknown in front of an HTTP target group: unverifiable',
      yaml: `
Parameters:
  ListenerProtocol:
    Type: String
Resources:${LB}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LB
      Port: 443
      Protocol: !Ref ListenerProtocol
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 8080
      VpcId: vpc-1
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Protocol'], severity: 'info', message: 'parameter ListenerProtocol' }],
    },
      {
      name: 'listener with certificates but no Protocol: unverifiable',
      yaml: `
Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1
      Port: 443
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref TG
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTP
      Port: 8080
      VpcId: vpc-1
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Protocol'], severity: 'info', message: 'names certificates but sets no Protocol' }],
    },
  ],
});
