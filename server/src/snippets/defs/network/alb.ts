/** Internet-facing Application Load Balancer: HTTPS listener, HTTP→HTTPS redirect, HTTPS targets, WAF, access logs. */
import type { JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import {
  ACCESS_LOG_BUCKET,
  ACCESS_LOG_BUCKET_POLICY,
  ELB_LOG_ACCOUNT_PARAMETER,
  LOG_BUCKET_COMPANIONS,
  getAtt,
  ref,
} from './common';

export const ELB_TLS_POLICIES = 'ELBSecurityPolicy-TLS13-1-2-2021-06,ELBSecurityPolicy-TLS13-1-2-Res-2021-06,ELBSecurityPolicy-TLS13-1-3-2021-06';

export const ACM_CERTIFICATE_PARAMETER: JsonObject = {
  Type: 'String',
  Default: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
  AllowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+$',
  Description: 'ARN of the ACM certificate the HTTPS listener presents (replace the placeholder)',
};

/** A regional WAFv2 web ACL with AWS managed rule groups (common, known bad inputs, IP reputation). */
export function regionalWebAcl(metricName: string): JsonObject {
  const managed = (name: string, priority: number): JsonObject => ({
    Name: name,
    Priority: priority,
    OverrideAction: { None: {} },
    Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
  });
  return {
    Type: 'AWS::WAFv2::WebACL',
    Properties: {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        managed('AWSManagedRulesCommonRuleSet', 0),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managed('AWSManagedRulesAmazonIpReputationList', 2),
      ],
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: metricName },
    },
  };
}

export const ALB_SNIPPET: SnippetDef = {
  prefix: 'hipaa-alb',
  title: 'HIPAA Application Load Balancer (HTTPS, TLS 1.2+, redirect, HTTPS targets, WAF, access logs)',
  compliance: [
    'HTTPS listener with an ACM certificate and a TLS 1.2+ security policy: encryption of ePHI in transmission (45 CFR 164.312(e)(1), (e)(2)(ii))',
    'HTTP listener only redirects to HTTPS (HTTP 301); nothing is forwarded in plaintext (45 CFR 164.312(e)(1))',
    'HTTPS target group: traffic is re-encrypted from the load balancer to the targets (45 CFR 164.312(e)(2)(ii))',
    'Drops HTTP headers with invalid names (request smuggling): integrity controls (45 CFR 164.312(e)(2)(i))',
    'AWS WAF web ACL with AWS managed rule groups associated with the load balancer: protection from malicious software, access control (45 CFR 164.308(a)(5)(ii)(B), 164.312(a)(1))',
    'Access logs to a locked-down log bucket (SSE-S3, as ELB log delivery requires; TLS-only policy; public access blocked): audit controls (45 CFR 164.312(b))',
    'Deletion protection on: integrity of the service (45 CFR 164.312(c)(1))',
  ],
  parameters: {
    '{{1:VpcId}}': { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the load balancer and its targets' },
    '{{2:PublicSubnetIds}}': { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Public subnets (two Availability Zones or more) for the load balancer' },
    '{{3:CertificateArn}}': ACM_CERTIFICATE_PARAMETER,
    ElbLogDeliveryAccountId: ELB_LOG_ACCOUNT_PARAMETER,
  },
  resources: {
    '{{4:LoadBalancer}}SecurityGroup': {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Load balancer: HTTPS, and HTTP only to redirect it',
        VpcId: ref('{{1:VpcId}}'),
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS from clients' },
          { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: 'HTTP, redirected to HTTPS' },
        ],
      },
    },
    '{{4:LoadBalancer}}': {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      DependsOn: 'AccessLogBucketPolicy',
      Properties: {
        Type: 'application',
        Scheme: 'internet-facing',
        Subnets: ref('{{2:PublicSubnetIds}}'),
        SecurityGroups: [ref('{{4:LoadBalancer}}SecurityGroup')],
        LoadBalancerAttributes: [
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
          { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: ref('AccessLogBucket') },
          { Key: 'access_logs.s3.prefix', Value: '{{5:alb}}' },
        ],
      },
    },
    '{{4:LoadBalancer}}HttpsListener': {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('{{4:LoadBalancer}}'),
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: `{{6|${ELB_TLS_POLICIES}|}}`,
        Certificates: [{ CertificateArn: ref('{{3:CertificateArn}}') }],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('{{4:LoadBalancer}}Targets') }],
      },
    },
    '{{4:LoadBalancer}}HttpListener': {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: ref('{{4:LoadBalancer}}'),
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
      },
    },
    '{{4:LoadBalancer}}Targets': {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: {
        VpcId: ref('{{1:VpcId}}'),
        TargetType: 'instance',
        Protocol: 'HTTPS',
        Port: '{{7:443}}',
        ProtocolVersion: 'HTTP1',
        HealthCheckProtocol: 'HTTPS',
        HealthCheckPath: '{{8:/health}}',
        Matcher: { HttpCode: '200' },
        TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
      },
    },
    '{{4:LoadBalancer}}WebAcl': regionalWebAcl('{{4:LoadBalancer}}WebAcl'),
    '{{4:LoadBalancer}}WebAclAssociation': {
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: { ResourceArn: ref('{{4:LoadBalancer}}'), WebACLArn: getAtt('{{4:LoadBalancer}}WebAcl', 'Arn') },
    },
    AccessLogBucket: ACCESS_LOG_BUCKET,
    AccessLogBucketPolicy: ACCESS_LOG_BUCKET_POLICY,
  },
  companions: LOG_BUCKET_COMPANIONS,
};
