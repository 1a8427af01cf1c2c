import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Listener', 'Properties'];

const listener = (protocol: string, certs: string, params = '') => `${params}Resources:
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1
      Port: 443
      Protocol: ${protocol}
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      DefaultActions:
        - Type: fixed-response
          FixedResponseConfig:
            StatusCode: '404'
${certs}`;

const IAM_ARN = 'arn:aws:iam::111122223333:server-certificate/old-cert';

ruleTester('elbv2-listener-certificate', {
  valid: [
    {
      name: 'ACM certificate ARN literal',
      yaml: listener('HTTPS', '      Certificates:\n        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n'),
    },
    {
      name: 'Ref to an ACM certificate resource',
      yaml: listener('TLS', '      Certificates:\n        - CertificateArn: !Ref Cert\n  Cert:\n    Type: AWS::CertificateManager::Certificate\n    Properties:\n      DomainName: example.com\n'),
    },
    {
      name: 'ACM ARN built with Fn::Sub',
      yaml: listener('HTTPS', "      Certificates:\n        - CertificateArn: !Sub 'arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/abc'\n"),
    },
    {
      name: 'parameter whose default is an ACM ARN',
      yaml: listener('HTTPS', '      Certificates:\n        - CertificateArn: !Ref CertArn\n', 'Parameters:\n  CertArn:\n    Type: String\n    Default: arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/abc\n'),
    },
    {
      name: 'peer mistake: cdk-nag fails HTTP listeners without certificates',
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
      name: 'listener certificate list with ACM certificates',
      yaml: `Resources:
  Extra:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      ListenerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/x/1/2
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/def
`,
    },
  ],
  invalid: [
    {
      name: 'IAM server certificate on an HTTPS listener',
      yaml: listener('HTTPS', `      Certificates:\n        - CertificateArn: ${IAM_ARN}\n`),
      findings: [{ messageId: 'iamCertificate', path: [...P, 'Certificates', 0, 'CertificateArn'], severity: 'warning', fix: 'none', message: 'server-certificate/old-cert' }],
    },
    {
      name: 'IAM server certificate built with Fn::Sub',
      yaml: listener('TLS', "      Certificates:\n        - CertificateArn: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:server-certificate/old'\n"),
      findings: [{ messageId: 'iamCertificate', path: [...P, 'Certificates', 0, 'CertificateArn'], severity: 'warning' }],
    },
    {
      name: 'IAM certificate in a ListenerCertificate resource',
      yaml: `Resources:
  Extra:
    Type: AWS::ElasticLoadBalancingV2::ListenerCertificate
    Properties:
      ListenerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/x/1/2
      Certificates:
        - CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/def
        - CertificateArn: ${IAM_ARN}
`,
      findings: [{ messageId: 'iamCertificate', path: ['Resources', 'Extra', 'Properties', 'Certificates', 1, 'CertificateArn'], severity: 'warning' }],
    },
    {
      name: 'Fn::If: the IAM branch is reported',
      yaml: listener('HTTPS', `      Certificates:\n        - CertificateArn: !If [UseAcm, arn:aws:acm:us-east-1:111122223333:certificate/abc, ${IAM_ARN}]\n`, 'Conditions:\n  UseAcm: !Equals [!Ref "AWS::Region", us-east-1]\n'),
      findings: [{ messageId: 'iamCertificate', path: [...P, 'Certificates', 0, 'CertificateArn', 'Fn::If', 2], message: 'UseAcm is false' }],
    },
    {
      name: 'parameter with IAM certificate default',
      yaml: listener('HTTPS', '      Certificates:\n        - CertificateArn: !Ref CertArn\n', `Parameters:\n  CertArn:\n    Type: String\n    Default: ${IAM_ARN}\n`),
      findings: [{ messageId: 'iamCertificate', path: [...P, 'Certificates', 0, 'CertificateArn'], message: 'parameter CertArn' }],
    },
    {
      name: 'parameter without default: unverifiable',
      yaml: listener('HTTPS', '      Certificates:\n        - CertificateArn: !Ref CertArn\n', 'Parameters:\n  CertArn:\n    Type: String\n'),
      findings: [{ messageId: 'unverifiable', path: [...P, 'Certificates', 0, 'CertificateArn'], severity: 'info' }],
    },
    {
      name: 'imported certificate: unverifiable',
      yaml: listener('HTTPS', '      Certificates:\n        - CertificateArn: !ImportValue shared-cert\n'),
      findings: [{ messageId: 'unverifiable', path: [...P, 'Certificates', 0, 'CertificateArn'], severity: 'info', message: 'Fn::ImportValue' }],
    },
    {
      name: 'HTTPS listener without certificates',
      yaml: listener('HTTPS', ''),
      findings: [{ messageId: 'noCertificate', path: [...P, 'Certificates'], severity: 'info' }],
    },
  ],
});
