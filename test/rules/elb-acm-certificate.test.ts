import { ruleTester } from '../helpers/rule-tester';

const L = ['Resources', 'Lb', 'Properties', 'Listeners'];
const lb = (cert: string, protocol = 'HTTPS') => `
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: ${protocol}
          InstanceProtocol: ${protocol}
          PolicyNames: [Tls12]
          SSLCertificateId: ${cert}
      Policies:
        - PolicyName: Tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-2-2017-01
`;

ruleTester('elb-acm-certificate', {
  valid: [
    {
      name: 'ACM ARN literal, also in aws-us-gov',
      yaml: `
Resources:${lb('arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/abc')}`,
    },
    {
      name: 'peer mistake: cdk-nag fails a Ref to an ACM certificate resource',
      yaml: `
Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: portal.example.org
${lb('!Ref Cert', 'SSL')}`,
    },
    {
      name: 'parameter default ACM ARN, and Fn::Sub building an ACM ARN',
      yaml: `
Parameters:
  CertArn:
    Type: String
    Default: arn:aws:acm:us-east-1:111122223333:certificate/abc
Resources:${lb('!Ref CertArn')}
  Lb2:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          SSLCertificateId: !Sub 'arn:\${AWS::Partition}:acm:\${AWS::Region}:\${AWS::AccountId}:certificate/abc'
`,
    },
    {
      name: 'peer mistake: cdk-nag fails an HTTP listener for having no certificate',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '80'
          InstancePort: '80'
          Protocol: HTTP
`,
    },
  ],
  invalid: [
    {
      name: 'IAM server certificate ARN is hardening',
      yaml: `
Resources:${lb('arn:aws:iam::111122223333:server-certificate/portal')}`,
      findings: [{ messageId: 'iamCertificate', path: [...L, 0, 'SSLCertificateId'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'IAM::ServerCertificate resource, by GetAtt',
      yaml: `
Resources:
  IamCert:
    Type: AWS::IAM::ServerCertificate
    Properties:
      ServerCertificateName: portal
${lb('!GetAtt IamCert.Arn')}`,
      findings: [{ messageId: 'iamCertificate', path: [...L, 0, 'SSLCertificateId'], severity: 'warning' }],
    },
    {
      name: 'Fn::If: only the IAM branch',
      yaml: `
Conditions:
  Acm: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:${lb("!If [Acm, 'arn:aws:acm:us-east-1:111122223333:certificate/abc', 'arn:aws:iam::111122223333:server-certificate/portal']")}`,
      findings: [{ messageId: 'iamCertificate', path: [...L, 0, 'SSLCertificateId', 'Fn::If', 2], severity: 'warning', message: 'condition Acm is false' }],
    },
    {
      name: 'parameter without Default, ImportValue, custom resource, missing certificate',
      yaml: `
Parameters:
  CertArn:
    Type: String
Resources:
  CustomCert:
    Type: Custom::Certificate
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:cert
${lb('!Ref CertArn')}
  Lb2:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          SSLCertificateId: !ImportValue shared-cert
        - LoadBalancerPort: '444'
          InstancePort: '443'
          Protocol: HTTPS
          SSLCertificateId: !GetAtt CustomCert.Arn
        - LoadBalancerPort: '445'
          InstancePort: '443'
          Protocol: SSL
`,
      findings: [
        { messageId: 'unverifiable', path: [...L, 0, 'SSLCertificateId'], severity: 'info', message: 'parameter CertArn' },
        { messageId: 'unverifiable', path: ['Resources', 'Lb2', 'Properties', 'Listeners', 0, 'SSLCertificateId'], severity: 'info', message: 'imported' },
        { messageId: 'unverifiable', path: ['Resources', 'Lb2', 'Properties', 'Listeners', 1, 'SSLCertificateId'], severity: 'info', message: 'Custom::Certificate' },
        { messageId: 'missingCertificate', path: ['Resources', 'Lb2', 'Properties', 'Listeners', 2, 'SSLCertificateId'], severity: 'info' },
      ],
    },
  ],
});
