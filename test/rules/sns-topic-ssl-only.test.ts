import { ruleTester } from '../helpers/rule-tester';
import { newResourceCases } from '../helpers/tls-policy-cases';

const DOC = ['Resources', 'TopicPolicy', 'Properties', 'PolicyDocument'];

ruleTester('sns-topic-ssl-only', {
  valid: [
    {
      name: 'topic policy by Ref, Deny sns:Publish on Ref topic',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 'sns:Publish'
            Resource: !Ref Topic
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'cdk synth enforceSSL statement',
      yaml: `
Resources:
  TopicBFC7AF6E:
    Type: AWS::SNS::Topic
  TopicPolicyA1747468:
    Type: AWS::SNS::TopicPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Action: sns:Publish
            Condition:
              Bool:
                aws:SecureTransport: "false"
            Effect: Deny
            Principal: "*"
            Resource:
              Ref: TopicBFC7AF6E
            Sid: AllowPublishThroughSSLOnly
        Version: "2012-10-17"
      Topics:
        - Ref: TopicBFC7AF6E
`,
    },
    {
      name: 'inline policy by TopicArn, sns:* on the Sub ARN with the literal name',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: lab-results
  Inline:
    Type: AWS::SNS::TopicInlinePolicy
    Properties:
      TopicArn: !GetAtt Topic.TopicArn
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: { AWS: '*' }
            Action: ['sns:*']
            Resource: !Sub 'arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:lab-results'
            Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'topic policy by literal ARN, Resource *',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: lab-results
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: ['arn:aws:sns:us-east-1:111122223333:lab-results']
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: '*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': false } }
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: sns-topic-ssl-only
            reason: Build notifications only, never PHI (SEC-9)
`,
    },
  ],
  invalid: [
    {
      name: 'a topic policy that allows a service: the fix appends the statement (safe)',
      yaml: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Statement:
          - Sid: AllowEvents
            Effect: Allow
            Principal:
              Service: events.amazonaws.com
            Action: sns:Publish
            Resource: !Ref Topic
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Statement:
          - Sid: AllowEvents
            Effect: Allow
            Principal:
              Service: events.amazonaws.com
            Action: sns:Publish
            Resource: !Ref Topic
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: sns:Publish
            Resource: !Ref Topic
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
    },
    {
      name: 'Deny sns:Subscribe only does not protect publishing',
      yaml: `Resources:
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement: [{ Effect: Deny, Principal: '*', Action: 'sns:Subscribe', Resource: !Ref Topic, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'Fn::If chooses the Deny resource: the branch naming another topic fails',
      yaml: `Conditions:
  UseMain: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Other:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic, !Ref Other]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 'sns:Publish'
            Resource: !If [UseMain, '*', !Ref Other]
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
  ],
});

newResourceCases('sns-topic-ssl-only', [
  {
    name: 'no topic policy: a suggestion adds one (it replaces the default topic policy)',
    yaml: `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: Lab results
`,
    findings: [{ messageId: 'noPolicy', path: ['Resources', 'Topic'], severity: 'warning', fix: 'suggest' }],
  },
]);
