/**
 * SNS topics deny publishing without TLS.
 * Catalog HTRN-MSG-01 (cdk-nag AwsSolutions-SNS3 only; no HIPAA pack covers it). A topic policy
 * (AWS::SNS::TopicPolicy listing the topic, or AWS::SNS::TopicInlinePolicy) must deny every
 * principal sns:Publish (or sns:*, *) on the topic when aws:SecureTransport is false, as the SNS
 * security best practices describe. A missing statement is hardening. A new topic policy replaces
 * the default policy SNS gives a topic, so adding one is a suggestion; appending to an existing
 * policy is safe.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { checkTlsPolicy, denyStatement } from '../util/tls-policy';
import type { TlsSpec } from '../util/tls-policy';

const spec: TlsSpec = {
  key: 'sns',
  service: 'sns',
  targetTypes: ['AWS::SNS::Topic'],
  policyTypes: [
    { type: 'AWS::SNS::TopicPolicy', target: 'Topics', list: true },
    { type: 'AWS::SNS::TopicInlinePolicy', target: 'TopicArn', list: false },
  ],
  nameProp: 'TopicName',
  actions: ['*', 'sns:*', 'sns:publish'],
  parts: ['topic'],
  noun: 'topic',
  statement: (topic, sid) => denyStatement(sid, 'sns:Publish', { Ref: topic.logicalId }),
  newPolicy: (topic, statement) => ({
    Type: 'AWS::SNS::TopicPolicy',
    Properties: {
      Topics: [{ Ref: topic.logicalId }],
      PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
    },
  }),
  newPolicyReplacesDefault: 'replaces the default topic policy: check who publishes to the topic',
};

export default defineRule({
  meta: {
    id: 'sns-topic-ssl-only',
    title: 'SNS topics have a topic policy that denies publishing without TLS',
    description:
      'SNS accepts Publish requests over plain HTTP unless the topic policy denies them. A topic that carries PHI should have a topic policy that denies every principal sns:Publish on the topic when aws:SecureTransport is false, so that messages are never sent to it unencrypted.',
    resourceTypes: ['AWS::SNS::Topic'],
    fix: 'safe',
    peers: {
      cdkNag: ['AwsSolutions-SNS3'],
    },
    messages: {
      noPolicy: {
        text: 'SNS topic {{id}} has no topic policy that denies publishing without TLS. Add one that denies sns:Publish when aws:SecureTransport is false.',
        level: 'hardening',
      },
      noStatement: {
        text: 'The topic policy {{policy}} of SNS topic {{id}} does not deny publishing without TLS (Effect: Deny, Principal: *, Action: sns:Publish, Resource: the topic, Condition Bool aws:SecureTransport: false).',
        level: 'hardening',
      },
      partial: {
        text: 'The topic policy {{policy}} of SNS topic {{id}} denies publishing without TLS for only part of the topic.',
        level: 'hardening',
      },
      policyConditional: {
        text: 'The topic policy {{policy}} that denies requests without TLS to SNS topic {{id}} exists only when condition {{condition}} is true; otherwise nothing denies publishing to the topic without TLS.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    checkTlsPolicy(ctx, spec);
  },
});
