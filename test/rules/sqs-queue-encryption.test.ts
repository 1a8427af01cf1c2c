import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Queue', 'Properties'];

ruleTester('sqs-queue-encryption', {
  valid: [
    {
      name: 'customer managed key from the template (GetAtt)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'customer managed key by Ref to an alias resource',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/phi
      TargetKeyId: !Ref Key
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref Alias
`,
    },
    {
      name: 'customer managed key ARN literal',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'key from a parameter default (customer alias)',
      yaml: `
Parameters:
  QueueKey:
    Type: String
    Default: alias/phi-queue
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref QueueKey
`,
    },
    {
      name: 'key built with Fn::Sub around a template key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/\${Key}'
`,
    },
    {
      name: 'both If branches use customer managed keys',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  KeyA:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  KeyB:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [Prod, !GetAtt KeyA.Arn, !GetAtt KeyB.Arn]
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
          - rule: sqs-queue-encryption
            reason: Carries only job ids, never PHI (SEC-42)
`,
    },
  ],
  invalid: [
    {
      name: 'no encryption setting, one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 5 # keep
`,
      findings: [{ messageId: 'noEncryptionSetting', path: [...P, 'KmsMasterKeyId'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 5 # keep
      KmsMasterKeyId:
        Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'short-form file gets a short-form fix, after the last property and its comment',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-jobs'   # name
  Other:
    Type: AWS::SNS::Topic
`,
      findings: [{ messageId: 'noEncryptionSetting', path: [...P, 'KmsMasterKeyId'], fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-jobs'   # name
      KmsMasterKeyId: !GetAtt Key.Arn
  Other:
    Type: AWS::SNS::Topic
`,
    },
    {
      name: 'no Properties at all, no key in the template: suggestion adds one',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
`,
      findings: [{ messageId: 'noEncryptionSetting', path: [...P, 'KmsMasterKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'explicit opt-out is an error',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
`,
      findings: [{ messageId: 'sseDisabled', path: [...P, 'SqsManagedSseEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'opt-out through a parameter default is reported at the property, pointing at the parameter',
      yaml: `
Parameters:
  SseOn:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref SseOn
`,
      findings: [{ messageId: 'sseDisabled', path: [...P, 'SqsManagedSseEnabled'], severity: 'error', fix: 'safe', message: 'parameter SseOn' }],
    },
    {
      name: 'parameter without Default but AllowedValues: each value is judged',
      yaml: `
Parameters:
  SseOn:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: !Ref SseOn
`,
      findings: [
        { messageId: 'sqsOwnedKey', path: [...P, 'SqsManagedSseEnabled'], severity: 'warning' },
        { messageId: 'sseDisabled', path: [...P, 'SqsManagedSseEnabled'], severity: 'error' },
      ],
    },
    {
      name: 'SSE-SQS is hardening',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
`,
      findings: [{ messageId: 'sqsOwnedKey', path: [...P, 'SqsManagedSseEnabled'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed key alias, and its ARN form',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs
  Queue2:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: arn:aws:kms:us-east-1:111122223333:alias/aws/sqs
`,
      findings: [
        { messageId: 'awsManagedKey', path: [...P, 'KmsMasterKeyId'], severity: 'warning', fix: 'safe' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Queue2', 'Properties', 'KmsMasterKeyId'], severity: 'warning', fix: 'safe' },
      ],
    },
    {
      name: 'only the false branch of Fn::If is judged bad (peers check only the true branch)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [Prod, !GetAtt Key.Arn, alias/aws/sqs]
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsMasterKeyId', 'Fn::If', 2], message: 'condition Prod is false' }],
    },
    {
      name: 'AWS::NoValue branch falls back to SqsManagedSseEnabled, under the same condition',
      yaml: `
Conditions:
  HasKey: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [HasKey, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
      SqsManagedSseEnabled: !If [HasKey, !Ref 'AWS::NoValue', false]
`,
      findings: [{ messageId: 'sseDisabled', path: [...P, 'SqsManagedSseEnabled', 'Fn::If', 2], severity: 'error' }],
    },
    {
      name: 'key from an import or a parameter without Default is unverifiable, never a silent pass',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !ImportValue shared-key-arn
  Queue2:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KmsMasterKeyId'], severity: 'info', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: ['Resources', 'Queue2', 'Properties', 'KmsMasterKeyId'], severity: 'info', message: 'parameter KeyArn, which has no Default' },
      ],
    },
    {
      name: 'a placeholder suppression reason suppresses nothing',
      yaml: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: sqs-queue-encryption
            reason: 'TODO: explain why this finding is acceptable'
`,
      findings: [{ messageId: 'noEncryptionSetting', path: [...P, 'KmsMasterKeyId'] }],
    },
  ],
});
