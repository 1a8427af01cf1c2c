import { ruleTester } from '../helpers/rule-tester';

const L = ['Resources', 'Lb', 'Properties', 'Listeners'];

ruleTester('elb-listener-tls', {
  valid: [
    {
      name: 'HTTPS and SSL listeners only',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - LoadBalancerPort: '8443'
          InstancePort: '8443'
          Protocol: ssl
          InstanceProtocol: SSL
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
    },
    {
      name: 'protocol from a parameter default HTTPS',
      yaml: `
Parameters:
  Proto:
    Type: String
    Default: HTTPS
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: !Ref Proto
          InstanceProtocol: HTTPS
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: cdk-nag passes an HTTP listener',
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
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'plaintextListener', path: [...L, 0, 'Protocol'], severity: 'error', fix: 'none', message: 'accepts HTTP on port 80' }],
    },
    {
      name: 'TCP listener, lower case',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: 5432
          InstancePort: 5432
          Protocol: tcp
`,
      findings: [{ messageId: 'plaintextListener', path: [...L, 0, 'Protocol'], severity: 'error', message: 'TCP on port 5432' }],
    },
    {
      name: 'Fn::If over the protocol and over a whole listener',
      yaml: `
Conditions:
  Tls: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: !If [Tls, HTTPS, HTTP]
          InstanceProtocol: !If [Tls, HTTPS, HTTP]
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - !If
          - Tls
          - !Ref 'AWS::NoValue'
          - LoadBalancerPort: '80'
            InstancePort: '80'
            Protocol: HTTP
`,
      findings: [
        { messageId: 'plaintextListener', path: [...L, 0, 'Protocol', 'Fn::If', 2], severity: 'error', message: 'condition Tls is false' },
        { messageId: 'plaintextListener', path: [...L, 1, 'Fn::If', 2, 'Protocol'], severity: 'error' },
      ],
    },
    {
      name: 'parameters: Default HTTP, AllowedValues, none; ImportValue',
      yaml: `
Parameters:
  Proto:
    Type: String
    Default: HTTP
  Choice:
    Type: String
    AllowedValues: [HTTPS, TCP]
  Open:
    Type: String
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '80'
          InstancePort: '80'
          Protocol: !Ref Proto
        - LoadBalancerPort: '81'
          InstancePort: '81'
          Protocol: !Ref Choice
        - LoadBalancerPort: '82'
          InstancePort: '82'
          Protocol: !Ref Open
  Lb2:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners: !ImportValue shared-listeners
`,
      findings: [
        { messageId: 'plaintextListener', path: [...L, 0, 'Protocol'], severity: 'error', message: 'parameter Proto' },
        { messageId: 'plaintextListener', path: [...L, 1, 'Protocol'], severity: 'error', message: 'allowed value' },
        { messageId: 'unverifiable', path: [...L, 2, 'Protocol'], severity: 'info', message: 'parameter Open' },
        { messageId: 'unverifiable', path: ['Resources', 'Lb2', 'Properties', 'Listeners'], severity: 'info', message: 'imported' },
      ],
    },
  ],
});
