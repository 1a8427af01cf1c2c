import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Listener', 'Properties'];

const head = (params = '') => `${params}Resources:
  TG:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: HTTPS
      Port: 443
      VpcId: vpc-1
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
`;

ruleTester('elbv2-listener-tls-policy', {
  valid: [
    { name: 'peer mistake: checkov CKV_AWS_103 rejects the recommended TLS13 policy', yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n` },
    { name: 'TLS 1.2 policy of 2017', yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06\n` },
    { name: 'forward secrecy TLS 1.2 policy', yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-FS-1-2-Res-2020-10\n` },
    { name: 'post-quantum TLS 1.2+ policy', yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\n` },
    { name: 'NLB TLS listener with a TLS 1.3-only FIPS policy', yaml: `${head()}      Protocol: TLS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04\n` },
    {
      name: 'HTTP listener is not judged',
      yaml: `Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1
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
      name: 'peer mistake: checkov CKV_AWS_103 fails a Protocol given by Fn::If',
      yaml: `${head('Conditions:\n  Nlb: !Equals [!Ref "AWS::Region", us-east-1]\n')}      Protocol: !If [Nlb, TLS, HTTPS]\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n`,
    },
    {
      name: 'policy from a parameter default',
      yaml: `${head('Parameters:\n  Policy:\n    Type: String\n    Default: ELBSecurityPolicy-TLS13-1-2-2021-06\n')}      Protocol: HTTPS\n      SslPolicy: !Ref Policy\n`,
    },
  ],
  invalid: [
    {
      name: 'no SslPolicy: CloudFormation default allows TLS 1.0 (safe fix)',
      yaml: `${head()}      Protocol: HTTPS
`,
      findings: [{ messageId: 'defaultPolicy', path: [...P, 'SslPolicy'], severity: 'error', fix: 'safe', message: 'ELBSecurityPolicy-2016-08' }],
      output: `${head()}      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
`,
    },
    {
      name: 'explicit 2016-08 policy',
      yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-2016-08\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy'], severity: 'error', fix: 'safe', message: 'TLS 1.0' }],
      output: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n`,
    },
    {
      name: 'TLS 1.1 policy on an NLB TLS listener',
      yaml: `${head()}      Protocol: TLS\n      SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy'], fix: 'safe', message: 'TLS listener Listener uses security policy ELBSecurityPolicy-TLS-1-1-2017-01, which accepts TLS 1.1' }],
    },
    {
      name: 'TLS13 policy that still accepts TLS 1.0',
      yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-0-2021-06\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy'], message: 'TLS 1.0' }],
    },
    {
      name: 'weak policy from a parameter default: the default is changed',
      yaml: `${head('Parameters:\n  Policy:\n    Type: String\n    Default: ELBSecurityPolicy-FS-1-1-2019-08\n')}      Protocol: HTTPS\n      SslPolicy: !Ref Policy\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy'], fix: 'safe', message: 'parameter Policy' }],
    },
    {
      name: 'parameter with AllowedValues and no Default: each value is judged',
      yaml: `${head('Parameters:\n  Policy:\n    Type: String\n    AllowedValues: [ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-2016-08]\n')}      Protocol: HTTPS\n      SslPolicy: !Ref Policy\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy'] }],
    },
    {
      name: 'Fn::If: only the weak branch is reported',
      yaml: `${head('Conditions:\n  Legacy: !Equals [!Ref "AWS::Region", us-gov-west-1]\n')}      Protocol: HTTPS\n      SslPolicy: !If [Legacy, ELBSecurityPolicy-2016-08, ELBSecurityPolicy-TLS13-1-2-2021-06]\n`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'SslPolicy', 'Fn::If', 1], fix: 'safe', message: 'Legacy is true' }],
    },
    {
      name: 'protocol HTTPS only under a condition: the added policy is conditional too',
      yaml: `${head('Conditions:\n  Secure: !Equals [!Ref "AWS::Region", us-east-1]\n')}      Protocol: !If [Secure, HTTPS, HTTP]\n`,
      findings: [{ messageId: 'defaultPolicy', path: [...P, 'SslPolicy'], fix: 'safe', message: 'Secure is true' }],
    },
    {
      name: 'unknown policy name: unverifiable',
      yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: MyCustomPolicy\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'SslPolicy'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'imported policy: unverifiable',
      yaml: `${head()}      Protocol: HTTPS\n      SslPolicy: !ImportValue shared-policy\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'SslPolicy'], severity: 'info', message: 'Fn::ImportValue' }],
    },
    {
      name: 'certificates but no Protocol: unverifiable',
      yaml: `${head()}      SslPolicy: ELBSecurityPolicy-2016-08\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'Protocol'], severity: 'info' }],
    },
  ],
});
