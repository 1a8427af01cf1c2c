import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const S = ['Resources', 'Policy', 'Properties', 'PolicyDocument', 'Statement'];
const policy = (statement: string, type = 'AWS::SNS::TopicPolicy', target = 'Topics: [!Ref Topic]', extra = '') => `
${extra}Resources:
  Topic:
    Type: AWS::SNS::Topic
  Policy:
    Type: ${type}
    Properties:
      ${target}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statement}`;

ruleTester('sns-topic-policy-public', {
  valid: [
    {
      name: 'peer mistake: cfn_nag F18 fails the S3 event pattern (Principal * limited by aws:SourceAccount)',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sns:Publish
            Resource: !Ref Topic
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
`),
    },
    {
      name: 'CloudWatch pattern with aws:SourceOwner',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: '*'
            Action: sns:Publish
            Resource: !Ref Topic
            Condition:
              StringEquals:
                AWS:SourceOwner: '111122223333'
`),
    },
    {
      name: 'service principal',
      yaml: policy(`          - Effect: Allow
            Principal:
              Service: events.amazonaws.com
            Action: sns:Publish
            Resource: !Ref Topic
`),
    },
  ],
  invalid: [
    {
      name: 'Principal * without condition (cfn_nag F18)',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sns:Publish
            Resource: !Ref Topic
`),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error', fix: 'none' }],
    },
    {
      name: 'TopicInlinePolicy with NotPrincipal (cfn_nag F8)',
      yaml: policy(`          - Effect: Allow
            NotPrincipal:
              AWS: arn:aws:iam::111122223333:root
            Action: sns:Subscribe
            Resource: !Ref Topic
`, 'AWS::SNS::TopicInlinePolicy', 'TopicArn: !Ref Topic'),
      findings: [{ messageId: 'publicStatement', path: [...S, 0], severity: 'error' }],
    },
    {
      name: 'NotAction (cfn_nag W19) is a warning',
      yaml: policy(`          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            NotAction: sns:DeleteTopic
            Resource: !Ref Topic
`),
      findings: [{ messageId: 'broadAccess', path: [...S, 0], severity: 'warning' }],
    },
    {
      name: 'Fn::If condition: restricted in one branch only',
      yaml: policy(`          - Effect: Allow
            Principal: '*'
            Action: sns:Publish
            Resource: !Ref Topic
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
    Type: AWS::SNS::Topic
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument: !ImportValue topic-policy
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Policy', 'Properties', 'PolicyDocument'], severity: 'info' }],
    },
  ],
});

test('a topic policy outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(policy(`          - Effect: Allow\n            Principal: '*'\n            Action: sns:Publish\n            Resource: !Ref Topic\n`, undefined, undefined, 'Metadata:\n  cfn-hipaa:\n    phi: false\n'), 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'sns-topic-policy-public');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});
