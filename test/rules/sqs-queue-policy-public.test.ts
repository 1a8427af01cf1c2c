import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const S = ['Resources', 'Policy', 'Properties', 'PolicyDocument', 'Statement'];
const policy = (statement: string, type = 'AWS::SQS::QueuePolicy', target = 'Queues: [!Ref Topic]', extra = '') => `
${extra}Resources:
  Topic:
    Type: AWS::SQS::Queue
  Policy:
    Type: ${type}
    Properties:
      ${target}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statement}`;

ruleTester('sqs-queue-policy-public', {
  valid: [
    {
      name: 'peer mistake: cfn_nag F21 fails the SNS subscription pattern (Principal * limited by aws:SourceAccount)',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sqs:SendMessage
            Resource: !GetAtt Topic.Arn
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
`),
    },
    {
      name: 'S3 notification pattern with aws:SourceOwner',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: '*'
            Action: sqs:SendMessage
            Resource: !GetAtt Topic.Arn
            Condition:
              StringEquals:
                AWS:SourceOwner: '111122223333'
`),
    },
    {
      name: 'service principal',
      yaml: policy(`          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Topic.Arn
`),
    },
  ],
  invalid: [
    {
      name: 'Principal * without condition (cfn_nag F21)',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sqs:SendMessage
            Resource: !GetAtt Topic.Arn
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error', fix: 'none' }],
    },
    {
      name: 'TopicInlinePolicy with NotPrincipal (cfn_nag F7)',
      yaml: policy(`          - Effect: Allow
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:root
            Action: sqs:ReceiveMessage
            Resource: !GetAtt Topic.Arn
`, 'AWS::SQS::QueueInlinePolicy', 'Queue: !Ref Topic'),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'every SQS action to another account (cfn_nag F20) is a warning',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: sqs:*
            Resource: !GetAtt Topic.Arn
`),
      findings: [{ messageId: 'broadAccess', path: [...S, 0], severity: 'warning', message: 'sqs:*' }],
    },
    {
      name: 'NotAction (cfn_nag W18) is a warning',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            NotAction: sqs:DeleteQueue
            Resource: !GetAtt Topic.Arn
`),
      findings: [{ messageId: 'broadAccess', path: [...S, 0], severity: 'warning' }],
    },
    {
      name: 'Fn::If condition: restricted in one branch only',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sqs:SendMessage
            Resource: !GetAtt Topic.Arn
            Condition: !If [Open, !Ref AWS::NoValue, {StringEquals: {aws:SourceAccount: '111122223333'}}]
`, undefined, undefined, `Conditions:
  Open: !Equals [!Ref 'AWS::Region', us-east-1]
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0, 'Condition', 'Fn::If', 1], severity: 'error' }],
    },
    {
      name: 'condition value from a parameter without default counts as fixed; ImportValue document is unverifiable',
      yaml: `
Resources:
  Topic:
    Type: AWS::SQS::Queue
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Topic]
      PolicyDocument: !ImportValue topic-policy
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Policy', 'Properties', 'PolicyDocument'], severity: 'info' }],
    },
  ],
});

test('a queue policy outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(policy(`          - Effect: Allow\n            Principal: '*'\n            Action: sqs:SendMessage\n            Resource: !GetAtt Topic.Arn\n`, undefined, undefined, 'Metadata:\n  cfn-hipaa:\n    phi: false\n'), 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'sqs-queue-policy-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
