import { ruleTester } from '../helpers/rule-tester';

const C = ['Resources', 'Cdn', 'Properties', 'DistributionConfig'];
const V = [...C, 'ViewerCertificate'];

ruleTester('cloudfront-minimum-tls', {
  valid: [
    {
      name: 'ACM certificate with TLSv1.2_2021',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Aliases: [portal.example.com]
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
`,
    },
    {
      name: 'IAM certificate with TLSv1.3_2025, ACM certificate resource with TLSv1.2_2019',
      yaml: `
Resources:
  Cert:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: portal.example.com
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          IamCertificateId: ASCAEXAMPLE
          MinimumProtocolVersion: TLSv1.3_2025
  Cdn2:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: !Ref Cert
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2019
`,
    },
    {
      name: 'policy from a parameter default',
      yaml: `
Parameters:
  Tls:
    Type: String
    Default: TLSv1.2_2025
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: !Ref Tls
`,
    },
  ],
  invalid: [
    {
      name: 'custom certificate with TLSv1: safe fix',
      yaml: `Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1
`,
      findings: [{ messageId: 'weakPolicy', path: [...V, 'MinimumProtocolVersion'], severity: 'error', fix: 'safe', message: 'MinimumProtocolVersion: TLSv1' }],
      output: `Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
`,
    },
    {
      name: 'custom certificate without MinimumProtocolVersion: default TLSv1',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          IamCertificateId: ASCAEXAMPLE
          SslSupportMethod: sni-only
`,
      findings: [{ messageId: 'weakPolicy', path: [...V, 'MinimumProtocolVersion'], severity: 'error', fix: 'safe', message: 'defaults to TLSv1' }],
    },
    {
      name: 'TLSv1.1_2016 in one If branch',
      yaml: `
Conditions:
  Legacy: !Equals [!Ref 'AWS::Region', us-west-1]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: !If [Legacy, TLSv1.1_2016, TLSv1.2_2021]
`,
      findings: [{ messageId: 'weakPolicy', path: [...V, 'MinimumProtocolVersion', 'Fn::If', 1], severity: 'error', fix: 'safe', message: 'Legacy is true' }],
    },
    {
      name: 'TLSv1.2_2018: hardening',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2018
`,
      findings: [{ messageId: 'oldPolicy', path: [...V, 'MinimumProtocolVersion'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'no ViewerCertificate: default certificate, hardening',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
`,
      findings: [{ messageId: 'defaultCertificate', path: V, severity: 'warning', fix: 'none' }],
    },
    {
      name: 'default certificate: CloudFront ignores MinimumProtocolVersion',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          CloudFrontDefaultCertificate: true
          MinimumProtocolVersion: TLSv1.2_2021
`,
      findings: [{ messageId: 'defaultCertificate', path: [...V, 'CloudFrontDefaultCertificate'], severity: 'warning', fix: 'none', message: 'CloudFrontDefaultCertificate: true' }],
    },
    {
      name: 'outdated policy written without a certificate',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          MinimumProtocolVersion: SSLv3
`,
      findings: [{ messageId: 'weakPolicy', path: [...V, 'MinimumProtocolVersion'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'policy from a parameter without Default: unverifiable',
      yaml: `
Parameters:
  Tls:
    Type: String
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
          SslSupportMethod: sni-only
          MinimumProtocolVersion: !Ref Tls
`,
      findings: [{ messageId: 'unverifiable', path: [...V, 'MinimumProtocolVersion'], severity: 'info' }],
    },
    {
      name: 'imported viewer certificate: unverifiable',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate: !ImportValue shared-viewer-cert
`,
      findings: [{ messageId: 'unverifiable', path: V, severity: 'info' }],
    },
  ],
});
