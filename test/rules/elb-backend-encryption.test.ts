import { ruleTester } from '../helpers/rule-tester';

const L = ['Resources', 'Lb', 'Properties', 'Listeners'];

ruleTester('elb-backend-encryption', {
  valid: [
    {
      name: 'HTTPS to HTTPS and SSL to SSL',
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
          InstanceProtocol: ssl
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
    },
    {
      name: 'plaintext front ends are left to elb-listener-tls',
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
    {
      name: 'back-end protocol from a parameter default HTTPS',
      yaml: `
Parameters:
  Backend:
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
          Protocol: HTTPS
          InstanceProtocol: !Ref Backend
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
    },
  ],
  invalid: [
    {
      name: 'HTTPS front end, HTTP back end: suggestion moves port 80 to 443',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '80'
          Protocol: HTTPS
          InstanceProtocol: HTTP
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'plaintextBackend', path: [...L, 0, 'InstanceProtocol'], severity: 'error', fix: 'suggest', message: 'over HTTP' }],
    },
    {
      name: 'SSL front end, TCP back end on another port keeps the port',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: 5671
          InstancePort: 5672
          Protocol: SSL
          InstanceProtocol: TCP
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'plaintextBackend', path: [...L, 0, 'InstanceProtocol'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cdk-nag passes an omitted InstanceProtocol; we say it cannot be verified',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '80'
          Protocol: HTTPS
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'backendUnset', path: [...L, 0, 'InstanceProtocol'], severity: 'info', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: only the plaintext branch is reported',
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
          Protocol: HTTPS
          InstanceProtocol: !If [Tls, HTTPS, HTTP]
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [{ messageId: 'plaintextBackend', path: [...L, 0, 'InstanceProtocol', 'Fn::If', 2], severity: 'error', message: 'condition Tls is false' }],
    },
    {
      name: 'parameter default HTTP, AllowedValues judged, no Default unverifiable, ImportValue unverifiable',
      yaml: `
Parameters:
  Backend:
    Type: String
    Default: HTTP
    AllowedValues: [HTTP, HTTPS]
  Open:
    Type: String
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '8443'
          Protocol: HTTPS
          InstanceProtocol: !Ref Backend
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - LoadBalancerPort: '444'
          InstancePort: '8444'
          Protocol: HTTPS
          InstanceProtocol: !Ref Open
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
        - LoadBalancerPort: '445'
          InstancePort: '8445'
          Protocol: !ImportValue shared-protocol
          InstanceProtocol: HTTP
          SSLCertificateId: arn:aws:acm:us-east-1:111122223333:certificate/abc
`,
      findings: [
        { messageId: 'plaintextBackend', path: [...L, 0, 'InstanceProtocol'], severity: 'error', fix: 'suggest', message: 'parameter Backend' },
        { messageId: 'unverifiable', path: [...L, 1, 'InstanceProtocol'], severity: 'info', message: 'parameter Open' },
        { messageId: 'unverifiable', path: [...L, 2, 'Protocol'], severity: 'info', message: 'imported' },
      ],
    },
    {
      name: 'odd shapes do not crash',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
        - just-a-string
        - Protocol: [HTTPS]
        - Protocol: HTTPS
          InstanceProtocol: QUIC
  Lb2:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners: not-a-list
`,
      findings: [{ messageId: 'unverifiable', path: [...L, 2, 'InstanceProtocol'], severity: 'info' }],
    },
  ],
});
