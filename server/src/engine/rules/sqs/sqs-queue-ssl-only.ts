/**
 * SQS queues deny requests that do not use TLS.
 * Catalog HTRN-MSG-01 (cdk-nag AwsSolutions-SQS4 only; no HIPAA pack covers it). A queue policy
 * (AWS::SQS::QueuePolicy listing the queue, or AWS::SQS::QueueInlinePolicy) must deny every
 * principal `sqs:*` (or `*`) on the queue when aws:SecureTransport is false. SQS already refuses
 * plain HTTP for queues with server-side encryption, which new queues get by default (SSE-SQS,
 * since 2022), so a missing statement is hardening, not a violation.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkTlsPolicy, denyStatement } from '../util/tls-policy';
import type { TlsSpec } from '../util/tls-policy';

const spec: TlsSpec = {
  key: 'sqs',
  service: 'sqs',
  targetTypes: ['AWS::SQS::Queue'],
  policyTypes: [
    { type: 'AWS::SQS::QueuePolicy', target: 'Queues', list: true },
    { type: 'AWS::SQS::QueueInlinePolicy', target: 'Queue', list: false },
  ],
  nameProp: 'QueueName',
  actions: ['*', 'sqs:*'],
  parts: ['queue'],
  noun: 'queue',
  statement: (queue, sid) => denyStatement(sid, 'sqs:*', { 'Fn::GetAtt': [queue.logicalId, 'Arn'] }),
  newPolicy: (queue, statement) => ({
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      Queues: [{ Ref: queue.logicalId }],
      PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
    },
  }),
};

export default defineRule({
  meta: {
    id: 'sqs-queue-ssl-only',
    title: 'SQS queues have a queue policy that denies requests without TLS',
    description:
      'A queue that carries PHI should refuse requests that do not use TLS. SQS rejects plain HTTP for queues with server-side encryption (on by default for new queues), but only a queue policy that denies every principal sqs:* on the queue when aws:SecureTransport is false makes that an explicit, auditable control that does not depend on the encryption setting.',
    resourceTypes: ['AWS::SQS::Queue'],
    fix: 'safe',
    peers: {
      cdkNag: ['AwsSolutions-SQS4'],
    },
    messages: {
      noPolicy: {
        text: 'SQS queue {{id}} has no queue policy that denies requests without TLS. Add one that denies sqs:* when aws:SecureTransport is false.',
        level: 'hardening',
      },
      noStatement: {
        text: 'The queue policy {{policy}} of SQS queue {{id}} does not deny requests without TLS (Effect: Deny, Principal: *, Action: sqs:*, Resource: the queue ARN, Condition Bool aws:SecureTransport: false).',
        level: 'hardening',
      },
      partial: {
        text: 'The queue policy {{policy}} of SQS queue {{id}} denies requests without TLS for only part of the queue.',
        level: 'hardening',
      },
      policyConditional: {
        text: 'The queue policy {{policy}} that denies requests without TLS to SQS queue {{id}} exists only when condition {{condition}} is true; otherwise nothing denies requests to the queue without TLS.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkTlsPolicy(ctx, spec);
  },
});
