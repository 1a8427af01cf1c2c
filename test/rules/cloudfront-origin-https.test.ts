import { ruleTester } from '../helpers/rule-tester';

const C = ['Resources', 'Cdn', 'Properties', 'DistributionConfig'];
const O0 = [...C, 'Origins', 0, 'CustomOriginConfig'];

ruleTester('cloudfront-origin-https', {
  valid: [
    {
      name: 'https-only with TLSv1.2',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
              OriginSSLProtocols: [TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: redirect-to-https
`,
    },
    {
      name: 'S3 origin and OAC origin',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: site
            DomainName: bucket.s3.us-east-1.amazonaws.com
            S3OriginConfig:
              OriginAccessIdentity: ''
            OriginAccessControlId: E2EXAMPLE
          - Id: fn
            DomainName: abc.lambda-url.us-east-1.on.aws
            OriginAccessControlId: E3EXAMPLE
            CustomOriginConfig:
              OriginProtocolPolicy: match-viewer
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: allow-all
`,
    },
    {
      name: 'match-viewer when every behaviour requires HTTPS',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: match-viewer
              OriginSSLProtocols: [TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: redirect-to-https
        CacheBehaviors:
          - PathPattern: /v2/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
`,
    },
  ],
  invalid: [
    {
      name: 'http-only origin: suggestion',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: alb
            DomainName: internal-alb.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: http-only
        DefaultCacheBehavior:
          TargetOriginId: alb
          ViewerProtocolPolicy: redirect-to-https
`,
      findings: [{ messageId: 'httpOnly', path: [...O0, 'OriginProtocolPolicy'], severity: 'error', fix: 'suggest', message: 'origin alb' }],
    },
    {
      name: 'match-viewer with an allow-all behaviour: hardening',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: match-viewer
              OriginSSLProtocols: [TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: allow-all
`,
      findings: [{ messageId: 'matchViewer', path: [...O0, 'OriginProtocolPolicy'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'https-only without OriginSSLProtocols: CloudFormation default TLSv1, SSLv3',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
`,
      findings: [{ messageId: 'oldProtocols', path: [...O0, 'OriginSSLProtocols'], severity: 'warning', fix: 'suggest', message: 'defaults to [TLSv1, SSLv3]' }],
    },
    {
      name: 'old protocols listed',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
              OriginSSLProtocols: [TLSv1.1, TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
`,
      findings: [{ messageId: 'oldProtocols', path: [...O0, 'OriginSSLProtocols'], severity: 'warning', fix: 'suggest', message: 'TLSv1.1' }],
    },
    {
      name: 'http-only in one If branch',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: !If [Dev, http-only, https-only]
              OriginSSLProtocols: [TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
`,
      findings: [{ messageId: 'httpOnly', path: [...O0, 'OriginProtocolPolicy', 'Fn::If', 1], severity: 'error', fix: 'suggest', message: 'Dev is true' }],
    },
    {
      name: 'policy from a parameter without Default: unverifiable',
      yaml: `
Parameters:
  OriginPolicy:
    Type: String
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: !Ref OriginPolicy
              OriginSSLProtocols: [TLSv1.2]
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
`,
      findings: [{ messageId: 'unverifiable', path: [...O0, 'OriginProtocolPolicy'], severity: 'info' }],
    },
    {
      name: 'imported origins: unverifiable',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: !ImportValue shared-origins
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
`,
      findings: [{ messageId: 'unverifiable', path: [...C, 'Origins'], severity: 'info' }],
    },
  ],
});
