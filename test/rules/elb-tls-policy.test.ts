import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Lb', 'Properties'];
const L = [...P, 'Listeners'];
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';

ruleTester('elb-tls-policy', {
  valid: [
    {
      name: 'listener names a policy that references the TLS 1.2 predefined policy',
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
          PolicyNames: [Tls12]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-2-2017-01
`,
    },
    {
      name: 'custom policy with only TLS 1.2, attached by LoadBalancerPorts; HTTP listeners are not judged',
      yaml: `
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: 443
          InstancePort: '443'
          Protocol: SSL
          InstanceProtocol: SSL
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '80'
          InstancePort: '80'
          Protocol: HTTP
      Policies:
        - PolicyName: Custom
          PolicyType: SSLNegotiationPolicyType
          LoadBalancerPorts: ['443']
          Attributes:
            - Name: Protocol-TLSv1
              Value: 'false'
            - Name: Protocol-TLSv1.2
              Value: 'true'
            - Name: ECDHE-RSA-AES128-GCM-SHA256
              Value: 'true'
`,
    },
    {
      name: 'reference from a parameter default and a predefined policy named directly',
      yaml: `
Parameters:
  TlsPolicy:
    Type: String
    Default: ELBSecurityPolicy-TLS-1-2-2017-01
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
          PolicyNames: [Tls12]
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '444'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          PolicyNames: [ELBSecurityPolicy-TLS-1-2-2017-01]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: !Ref TlsPolicy
`,
    },
  ],
  invalid: [
    {
      name: 'no policy at all: safe fix adds Policies and PolicyNames',
      yaml: `Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          SSLCertificateId: ${CERT}
`,
      findings: [{ messageId: 'defaultPolicy', path: [...L, 0, 'PolicyNames'], severity: 'error', fix: 'safe', message: 'ELBSecurityPolicy-2016-08' }],
      output: `Resources:
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          SSLCertificateId: ${CERT}
          PolicyNames: [TLS12Policy]
      Policies:
        - PolicyName: TLS12Policy
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-2-2017-01
`,
    },
    {
      name: 'other policies only: the fix appends to both lists with a unique name',
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
          PolicyNames: [TLS12Policy]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: TLS12Policy
          PolicyType: ProxyProtocolPolicyType
          Attributes:
            - Name: ProxyProtocol
              Value: 'true'
          InstancePorts: ['443']
`,
      findings: [{ messageId: 'defaultPolicy', path: [...L, 0, 'PolicyNames'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'an existing TLS 1.2 policy is reused for a listener that lacks it',
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
          PolicyNames: [Tls12]
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '8443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-2-2017-01
`,
      findings: [{ messageId: 'defaultPolicy', path: [...L, 1, 'PolicyNames'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'outdated reference, shared by two listeners, is reported once; TLS 1.1 policy too',
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
          PolicyNames: [Old]
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '8443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          PolicyNames: [Old]
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '9443'
          InstancePort: '443'
          Protocol: SSL
          InstanceProtocol: SSL
          PolicyNames: [Tls11]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Old
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-2016-08
        - PolicyName: Tls11
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-1-2017-01
`,
      findings: [
        { messageId: 'weakPolicy', path: [...P, 'Policies', 0, 'Attributes', 0, 'Value'], severity: 'error', fix: 'safe', message: 'TLS 1.0 and TLS 1.1' },
        { messageId: 'weakPolicy', path: [...P, 'Policies', 1, 'Attributes', 0, 'Value'], severity: 'error', fix: 'safe', message: 'connect with TLS 1.1' },
      ],
    },
    {
      name: 'custom policy enabling TLS 1.0: suggestion only',
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
          PolicyNames: [Custom]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Custom
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Protocol-TLSv1
              Value: 'true'
            - Name: Protocol-TLSv1.2
              Value: 'true'
`,
      findings: [{ messageId: 'weakPolicy', path: [...P, 'Policies', 0, 'Attributes'], severity: 'error', fix: 'suggest', message: 'enables TLS 1.0' }],
    },
    {
      name: 'Fn::If over the reference: only the outdated branch; predefined outdated name in PolicyNames',
      yaml: `
Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
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
          PolicyNames: [Tls]
          SSLCertificateId: ${CERT}
        - LoadBalancerPort: '444'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          PolicyNames: [ELBSecurityPolicy-2015-05]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Tls
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: !If [Strict, ELBSecurityPolicy-TLS-1-2-2017-01, ELBSecurityPolicy-2016-08]
`,
      findings: [
        { messageId: 'weakPolicy', path: [...L, 1, 'PolicyNames', 0], severity: 'error', fix: 'safe' },
        { messageId: 'weakPolicy', path: [...P, 'Policies', 0, 'Attributes', 0, 'Value', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Strict is false' },
      ],
    },
    {
      name: 'reference from a parameter without Default, Policies imported: unverifiable',
      yaml: `
Parameters:
  TlsPolicy:
    Type: String
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
          PolicyNames: [Tls]
          SSLCertificateId: ${CERT}
      Policies:
        - PolicyName: Tls
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: !Ref TlsPolicy
  Lb2:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: !GetAZs ''
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '443'
          Protocol: HTTPS
          InstanceProtocol: HTTPS
          PolicyNames: [Tls]
          SSLCertificateId: ${CERT}
      Policies: !ImportValue shared-policies
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'Policies', 0, 'Attributes', 0, 'Value'], severity: 'info', message: 'parameter TlsPolicy' },
        { messageId: 'unverifiable', path: ['Resources', 'Lb2', 'Properties', 'Policies'], severity: 'info', message: 'imported' },
      ],
    },
  ],
});
