import { ruleTester } from '../helpers/rule-tester';

const C = ['Resources', 'Cdn', 'Properties', 'DistributionConfig'];

ruleTester('cloudfront-viewer-https', {
  valid: [
    {
      name: 'redirect and https-only behaviours',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: web
            DomainName: example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: redirect-to-https
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: web
            ViewerProtocolPolicy: https-only
`,
    },
    {
      name: 'policy from a parameter default',
      yaml: `
Parameters:
  Viewer:
    Type: String
    Default: https-only
    AllowedValues: [https-only, redirect-to-https]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: !Ref Viewer
`,
    },
  ],
  invalid: [
    {
      name: 'default behaviour allow-all: safe fix',
      yaml: `Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: allow-all
`,
      findings: [{ messageId: 'httpAllowed', path: [...C, 'DefaultCacheBehavior', 'ViewerProtocolPolicy'], severity: 'error', fix: 'safe', message: 'the default cache behavior' }],
      output: `Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: redirect-to-https
`,
    },
    {
      name: 'a later cache behaviour allows HTTP',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: https-only
        CacheBehaviors:
          - PathPattern: /static/*
            TargetOriginId: web
            ViewerProtocolPolicy: https-only
          - PathPattern: /legacy/*
            TargetOriginId: web
            ViewerProtocolPolicy: allow-all
`,
      findings: [{ messageId: 'httpAllowed', path: [...C, 'CacheBehaviors', 1, 'ViewerProtocolPolicy'], severity: 'error', fix: 'safe', message: '/legacy/*' }],
    },
    {
      name: 'allow-all in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: !If [Prod, https-only, allow-all]
`,
      findings: [{ messageId: 'httpAllowed', path: [...C, 'DefaultCacheBehavior', 'ViewerProtocolPolicy', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'Prod is false' }],
    },
    {
      name: 'parameter without Default: each allowed value',
      yaml: `
Parameters:
  Viewer:
    Type: String
    AllowedValues: [allow-all, https-only]
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: !Ref Viewer
`,
      findings: [{ messageId: 'httpAllowed', path: [...C, 'DefaultCacheBehavior', 'ViewerProtocolPolicy'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'parameter with no Default or AllowedValues: unverifiable',
      yaml: `
Parameters:
  Viewer:
    Type: String
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: !Ref Viewer
`,
      findings: [{ messageId: 'unverifiable', path: [...C, 'DefaultCacheBehavior', 'ViewerProtocolPolicy'], severity: 'info' }],
    },
    {
      name: 'imported behaviours: unverifiable',
      yaml: `
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: web
          ViewerProtocolPolicy: https-only
        CacheBehaviors: !ImportValue shared-behaviours
`,
      findings: [{ messageId: 'unverifiable', path: [...C, 'CacheBehaviors'], severity: 'info' }],
    },
  ],
});
