import { ruleTester } from '../helpers/rule-tester';
import { newResourceCases } from '../helpers/tls-policy-cases';

const DOC = ['Resources', 'QueuePolicy', 'Properties', 'PolicyDocument'];

ruleTester('sqs-queue-ssl-only', {
  valid: [
    {
      name: 'queue policy by Ref with the queue ARN',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 'sqs:*'
            Resource: !GetAtt Queue.Arn
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'cdk synth enforceSSL statement',
      yaml: `
Resources:
  Queue4A7E3555:
    Type: AWS::SQS::Queue
    UpdateReplacePolicy: Delete
    DeletionPolicy: Delete
  QueuePolicy25439813:
    Type: AWS::SQS::QueuePolicy
    Properties:
      PolicyDocument:
        Statement:
          - Action: sqs:*
            Condition:
              Bool:
                aws:SecureTransport: "false"
            Effect: Deny
            Principal:
              AWS: "*"
            Resource:
              Fn::GetAtt:
                - Queue4A7E3555
                - Arn
        Version: "2012-10-17"
      Queues:
        - Ref: Queue4A7E3555
`,
    },
    {
      name: 'inline policy, Resource *',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Inline:
    Type: AWS::SQS::QueueInlinePolicy
    Properties:
      Queue: !Ref Queue
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: { AWS: '*' }
            Action: '*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': false } }
`,
    },
    {
      name: 'literal queue URL and ARN with the literal queue name',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: intake.fifo
      FifoQueue: true
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: ['https://sqs.us-east-1.amazonaws.com/111122223333/intake.fifo']
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: ['sqs:SendMessage', 'sqs:*']
            Resource: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:intake.fifo'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: sqs-queue-ssl-only
            reason: Carries only job ids, never PHI (SEC-42)
`,
    },
  ],
  invalid: [
    {
      name: 'an Allow-only queue policy: the fix appends the statement to it (never a second policy)',
      yaml: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Queue
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: AllowSns
            Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Queue
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: AllowSns
            Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: sqs:*
            Resource: !GetAtt Queue.Arn
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
    },
    {
      name: 'one policy for two queues whose Deny names only the first: the second gets a statement of its own',
      yaml: `Resources:
  QueueA:
    Type: AWS::SQS::Queue
  QueueB:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref QueueA, !Ref QueueB]
      PolicyDocument:
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 'sqs:*'
            Resource: !GetAtt QueueA.Arn
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'Deny only for SendMessage is not enough (Action must be sqs:* or *)',
      yaml: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          Effect: Deny
          Principal: '*'
          Action: 'sqs:SendMessage'
          Resource: !GetAtt Queue.Arn
          Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'the policy has a Condition the queue does not',
      yaml: `Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Condition: Strict
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 'sqs:*'
            Resource: !GetAtt Queue.Arn
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'policyConditional', path: ['Resources', 'QueuePolicy', 'Condition'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'policy for an imported queue list: unverifiable',
      yaml: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: !Split [',', !ImportValue queue-urls]
      PolicyDocument:
        Statement: []
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Queue'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'statement decided by a parameter without Default: unverifiable',
      yaml: `Parameters:
  DenyEffect:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: !Ref DenyEffect
            Principal: '*'
            Action: 'sqs:*'
            Resource: !GetAtt Queue.Arn
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'unverifiable', path: [...DOC, 'Statement', 0, 'Effect'], severity: 'info' }],
    },
  ],
});

newResourceCases('sqs-queue-ssl-only', [
  {
    name: 'no queue policy: safe fix adds one',
    yaml: `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 345600
`,
    findings: [{ messageId: 'noPolicy', path: ['Resources', 'Queue'], severity: 'warning', fix: 'safe' }],
    output: `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 345600
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - Ref: Queue
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: sqs:*
            Resource:
              Fn::GetAtt: [Queue, Arn]
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
  },
  {
    name: 'a policy for another queue does not count',
    yaml: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
  OtherPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Other]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 'sqs:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    findings: [{ messageId: 'noPolicy', path: ['Resources', 'Queue'], fix: 'safe' }],
  },
]);
