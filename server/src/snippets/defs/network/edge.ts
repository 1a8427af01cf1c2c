/** CloudFront distribution and API Gateway stage. */
import type { SnippetDef } from '../../types';
import type { JsonObject } from '../../../engine/types';
import {
  ACCESS_LOG_BUCKET,
  ACCESS_LOG_BUCKET_POLICY,
  ELB_LOG_ACCOUNT_PARAMETER,
  KEY_COMPANION,
  LOG_BUCKET_COMPANIONS,
  PHI_KEY,
  getAtt,
  logGroup,
  ref,
  retentionTab,
  sub,
} from './common';
import { regionalWebAcl } from './alb';

const CDN_CERTIFICATE_PARAMETER: JsonObject = {
  Type: 'String',
  Default: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
  AllowedPattern: '^arn:aws[a-z-]*:acm:us-east-1:\\d{12}:certificate/.+$',
  Description: 'ACM certificate for the domain, in us-east-1 (replace the placeholder)',
};

const CDN_WEB_ACL_PARAMETER: JsonObject = {
  Type: 'String',
  Default: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/hipaa-cdn/00000000-0000-0000-0000-000000000000',
  AllowedPattern: '^arn:aws[a-z-]*:wafv2:us-east-1:\\d{12}:global/webacl/.+$',
  Description: 'ARN of a WAFv2 web ACL with CLOUDFRONT scope, created in us-east-1 (replace the placeholder)',
};

export const CLOUDFRONT_SNIPPET: SnippetDef = {
  prefix: 'hipaa-cloudfront',
  title: 'HIPAA CloudFront distribution (HTTPS viewers, TLSv1.2_2021, HTTPS origin, WAF)',
  compliance: [
    'Viewers are redirected to HTTPS; an ACM certificate on your domain with the TLSv1.2_2021 security policy: encryption of ePHI in transmission (45 CFR 164.312(e)(1), (e)(2)(ii))',
    'Origin reached over HTTPS with TLS 1.2 only: no plaintext leg between the edge and the origin (45 CFR 164.312(e)(2)(ii))',
    'AWS WAF web ACL (CLOUDFRONT scope, from a parameter) on the distribution: protection from malicious software, access control (45 CFR 164.308(a)(5)(ii)(B), 164.312(a)(1))',
    'Caching disabled by the managed CachingDisabled policy: responses with PHI are not stored at edge locations (45 CFR 164.312(a)(1))',
  ],
  parameters: {
    '{{1:DomainName}}': { Type: 'String', Default: '{{2:portal.example.com}}', Description: 'Domain name viewers use (an alias of the distribution)' },
    '{{3:CdnCertificateArn}}': CDN_CERTIFICATE_PARAMETER,
    '{{4:CdnWebAclArn}}': CDN_WEB_ACL_PARAMETER,
    '{{5:OriginDomainName}}': { Type: 'String', Default: '{{6:origin.example.com}}', Description: 'Origin host serving HTTPS with a certificate for this name (for example the load balancer)' },
  },
  resources: {
    '{{7:Distribution}}': {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Comment: '{{8:PHI web application}}',
          Aliases: [ref('{{1:DomainName}}')],
          HttpVersion: 'http2and3',
          IPV6Enabled: true,
          PriceClass: 'PriceClass_100',
          WebACLId: ref('{{4:CdnWebAclArn}}'),
          ViewerCertificate: {
            AcmCertificateArn: ref('{{3:CdnCertificateArn}}'),
            SslSupportMethod: 'sni-only',
            MinimumProtocolVersion: '{{9|TLSv1.2_2021,TLSv1.2_2025,TLSv1.3_2025|}}',
          },
          Origins: [
            {
              Id: 'origin',
              DomainName: ref('{{5:OriginDomainName}}'),
              CustomOriginConfig: { OriginProtocolPolicy: 'https-only', HTTPSPort: 443, OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 },
            },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 'origin',
            ViewerProtocolPolicy: '{{10|redirect-to-https,https-only|}}',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            Compress: true,
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
          },
        },
      },
    },
  },
};

export const CLOUDFRONT_S3_SNIPPET: SnippetDef = {
  prefix: 'hipaa-cloudfront-s3',
  title: 'HIPAA CloudFront distribution for a private S3 bucket (origin access control, KMS, TLSv1.2_2021, WAF)',
  compliance: [
    'Viewers are redirected to HTTPS; an ACM certificate on your domain with the TLSv1.2_2021 security policy: encryption of ePHI in transmission (45 CFR 164.312(e)(1), (e)(2)(ii))',
    'Origin access control signs every request to S3; the bucket admits only this distribution (aws:SourceArn) and no public access: access control (45 CFR 164.312(a)(1))',
    'Content bucket encrypted with a customer managed KMS key (PhiKey) that CloudFront may decrypt with, versioned, TLS-only policy, server access logs to the log bucket: encryption at rest, integrity, audit (45 CFR 164.312(a)(2)(iv), 164.312(c)(1), 164.312(b))',
    'AWS WAF web ACL (CLOUDFRONT scope, from a parameter) on the distribution (45 CFR 164.308(a)(5)(ii)(B))',
  ],
  parameters: {
    '{{1:DomainName}}': { Type: 'String', Default: '{{2:files.example.com}}', Description: 'Domain name viewers use (an alias of the distribution)' },
    '{{3:CdnCertificateArn}}': CDN_CERTIFICATE_PARAMETER,
    '{{4:CdnWebAclArn}}': CDN_WEB_ACL_PARAMETER,
    ElbLogDeliveryAccountId: ELB_LOG_ACCOUNT_PARAMETER,
  },
  resources: {
    '{{5:Content}}Bucket': {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('PhiKey', 'Arn') }, BucketKeyEnabled: true },
          ],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: ref('AccessLogBucket'), LogFilePrefix: '{{5:Content}}Bucket/' },
      },
    },
    '{{5:Content}}BucketPolicy': {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: ref('{{5:Content}}Bucket'),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [getAtt('{{5:Content}}Bucket', 'Arn'), sub('${{{5:Content}}Bucket.Arn}/*')],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'CloudFrontReadsThroughOriginAccessControl',
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: sub('${{{5:Content}}Bucket.Arn}/*'),
              Condition: { StringEquals: { 'aws:SourceArn': sub('arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${{{5:Content}}Distribution}') } },
            },
          ],
        },
      },
    },
    '{{5:Content}}OriginAccessControl': {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: sub('${AWS::StackName}-{{5:Content}}'),
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    '{{5:Content}}Distribution': {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Comment: '{{6:Private files}}',
          Aliases: [ref('{{1:DomainName}}')],
          HttpVersion: 'http2and3',
          PriceClass: 'PriceClass_100',
          WebACLId: ref('{{4:CdnWebAclArn}}'),
          ViewerCertificate: {
            AcmCertificateArn: ref('{{3:CdnCertificateArn}}'),
            SslSupportMethod: 'sni-only',
            MinimumProtocolVersion: '{{7|TLSv1.2_2021,TLSv1.2_2025,TLSv1.3_2025|}}',
          },
          Origins: [
            {
              Id: 's3',
              DomainName: getAtt('{{5:Content}}Bucket', 'RegionalDomainName'),
              OriginAccessControlId: getAtt('{{5:Content}}OriginAccessControl', 'Id'),
              S3OriginConfig: { OriginAccessIdentity: '' },
            },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 's3',
            ViewerProtocolPolicy: '{{8|redirect-to-https,https-only|}}',
            AllowedMethods: ['GET', 'HEAD'],
            Compress: true,
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled: no PHI stored at the edge
          },
        },
      },
    },
    PhiKey: PHI_KEY,
    AccessLogBucket: ACCESS_LOG_BUCKET,
    AccessLogBucketPolicy: ACCESS_LOG_BUCKET_POLICY,
  },
  companions: [KEY_COMPANION, ...LOG_BUCKET_COMPANIONS],
};

export const API_STAGE_SNIPPET: SnippetDef = {
  prefix: 'hipaa-apigateway-stage',
  title: 'HIPAA API Gateway REST API stage (encrypted access logs, execution logs, client certificate, WAF)',
  compliance: [
    'Access log group encrypted with a customer managed KMS key (PhiKey) and retained six years: audit controls, encryption at rest (45 CFR 164.312(b), 164.312(a)(2)(iv))',
    'Execution logging (no full request/response data, which could hold PHI), metrics and X-Ray tracing: audit controls (45 CFR 164.312(b))',
    'Client certificate presented to the HTTPS back end so it can authenticate API Gateway: person or entity authentication (45 CFR 164.312(d))',
    'HTTPS back end only; IAM authorization on the method: access control, transmission security (45 CFR 164.312(a)(1), 164.312(e)(1))',
    'AWS WAF web ACL with AWS managed rule groups associated with the stage (45 CFR 164.308(a)(5)(ii)(B))',
    'KMS key with rotation, retained, with a key policy for CloudWatch Logs (45 CFR 164.312(a)(2)(iv))',
  ],
  parameters: {
    '{{1:BackendUrl}}': {
      Type: 'String',
      Default: '{{2:https://backend.example.com/}}',
      AllowedPattern: '^https://.+',
      Description: 'HTTPS URL of the back end the API proxies to',
    },
  },
  resources: {
    '{{3:Api}}': {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: {
        Name: '{{4:phi-api}}',
        EndpointConfiguration: { Types: ['REGIONAL'] },
        DisableExecuteApiEndpoint: false,
      },
    },
    '{{3:Api}}ProxyResource': {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { RestApiId: ref('{{3:Api}}'), ParentId: getAtt('{{3:Api}}', 'RootResourceId'), PathPart: '{proxy+}' },
    },
    '{{3:Api}}ProxyMethod': {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: ref('{{3:Api}}'),
        ResourceId: ref('{{3:Api}}ProxyResource'),
        HttpMethod: 'ANY',
        AuthorizationType: 'AWS_IAM',
        RequestParameters: { 'method.request.path.proxy': true },
        Integration: {
          Type: 'HTTP_PROXY',
          IntegrationHttpMethod: 'ANY',
          Uri: { 'Fn::Join': ['', [ref('{{1:BackendUrl}}'), '{proxy}']] },
          RequestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
        },
      },
    },
    '{{3:Api}}Deployment': {
      Type: 'AWS::ApiGateway::Deployment',
      DependsOn: '{{3:Api}}ProxyMethod',
      Properties: { RestApiId: ref('{{3:Api}}') },
    },
    '{{3:Api}}ClientCertificate': {
      Type: 'AWS::ApiGateway::ClientCertificate',
      Properties: { Description: 'API Gateway authenticates itself to the back end with this certificate' },
    },
    '{{3:Api}}AccessLogs': logGroup('/aws/apigateway/{{4:phi-api}}/access', retentionTab(5)),
    '{{3:Api}}Stage': {
      Type: 'AWS::ApiGateway::Stage',
      DependsOn: 'ApiGatewayAccount',
      Properties: {
        RestApiId: ref('{{3:Api}}'),
        DeploymentId: ref('{{3:Api}}Deployment'),
        StageName: '{{6:prod}}',
        ClientCertificateId: ref('{{3:Api}}ClientCertificate'),
        TracingEnabled: true,
        AccessLogSetting: {
          DestinationArn: getAtt('{{3:Api}}AccessLogs', 'Arn'),
          Format:
            '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","user":"$context.identity.user","userArn":"$context.identity.userArn","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","wafStatus":"$context.waf.status"}',
        },
        MethodSettings: [
          { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: '{{7|INFO,ERROR|}}', DataTraceEnabled: false, MetricsEnabled: true },
        ],
      },
    },
    '{{3:Api}}WebAcl': regionalWebAcl('{{3:Api}}WebAcl'),
    '{{3:Api}}WebAclAssociation': {
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: {
        ResourceArn: sub('arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${{{3:Api}}}/stages/${{{3:Api}}Stage}'),
        WebACLArn: getAtt('{{3:Api}}WebAcl', 'Arn'),
      },
    },
    ApiGatewayCloudWatchRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
      },
    },
    ApiGatewayAccount: {
      Type: 'AWS::ApiGateway::Account',
      Properties: { CloudWatchRoleArn: getAtt('ApiGatewayCloudWatchRole', 'Arn') },
    },
    PhiKey: PHI_KEY,
  },
  companions: [KEY_COMPANION],
};
