/**
 * S3 buckets deny requests that do not use TLS.
 * Catalog HTRN-S3-01 (cdk-nag S3BucketSSLRequestsOnly, Config s3-bucket-ssl-requests-only, guard
 * S3_BUCKET_SSL_REQUESTS_ONLY, cfn_nag W51). S3 accepts plain HTTP unless the bucket policy denies
 * it: a bucket needs a policy with `Effect: Deny`, every principal, every S3 action, both the bucket
 * and its objects, and `aws:SecureTransport: false`. Unlike Guard, a bucket without a policy fails
 * and Principal/Action/Resource are checked; unlike cfn_nag W51, any policy is not enough.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkTlsPolicy, denyStatement } from '../util/tls-policy';
import type { TlsSpec } from '../util/tls-policy';

const spec: TlsSpec = {
  key: 's3',
  service: 's3',
  targetTypes: ['AWS::S3::Bucket'],
  policyTypes: [{ type: 'AWS::S3::BucketPolicy', target: 'Bucket', list: false }],
  nameProp: 'BucketName',
  actions: ['*', 's3:*'],
  parts: ['bucket', 'objects'],
  tlsVersionKey: 's3:tlsversion',
  noun: 'bucket',
  statement: (bucket, sid) =>
    denyStatement(sid, 's3:*', [{ 'Fn::GetAtt': [bucket.logicalId, 'Arn'] }, { 'Fn::Sub': '${' + bucket.logicalId + '.Arn}/*' }]),
  newPolicy: (bucket, statement) => ({
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: bucket.logicalId },
      PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
    },
  }),
};

export default defineRule({
  meta: {
    id: 's3-bucket-ssl-requests-only',
    title: 'S3 buckets have a bucket policy that denies requests without TLS',
    description:
      'S3 accepts requests over plain HTTP unless the bucket policy denies them. A bucket that holds PHI needs an AWS::S3::BucketPolicy with a statement that denies every principal every S3 action (s3:*) on the bucket and its objects when aws:SecureTransport is false, so that PHI never travels unencrypted.',
    resourceTypes: ['AWS::S3::Bucket'],
    fix: 'safe',
    peers: {
      cdkNag: ['HIPAA.Security-S3BucketSSLRequestsOnly', 'AwsSolutions-S10'],
      config: ['s3-bucket-ssl-requests-only'],
      guard: ['S3_BUCKET_SSL_REQUESTS_ONLY'],
      cfnNag: ['W51'],
    },
    messages: {
      noPolicy: {
        text: 'S3 bucket {{id}} has no bucket policy, so S3 accepts requests to it over plain HTTP. Add a bucket policy that denies requests when aws:SecureTransport is false.',
        level: 'violation',
      },
      noStatement: {
        text: 'The bucket policy {{policy}} of S3 bucket {{id}} does not deny requests without TLS (Effect: Deny, Principal: *, Action: s3:*, the bucket and its objects, Condition Bool aws:SecureTransport: false), so S3 accepts them over plain HTTP.',
        level: 'violation',
      },
      partial: {
        text: 'The bucket policy {{policy}} of S3 bucket {{id}} denies requests without TLS for {{covers}}: the rest is still reachable over plain HTTP. Cover both the bucket ARN and <bucket ARN>/*.',
        level: 'violation',
      },
      policyConditional: {
        text: 'The bucket policy {{policy}} that denies requests without TLS to S3 bucket {{id}} exists only when condition {{condition}} is true; otherwise S3 accepts requests to the bucket over plain HTTP.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkTlsPolicy(ctx, spec);
  },
});
