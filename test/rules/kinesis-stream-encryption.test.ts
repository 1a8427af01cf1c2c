import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Stream', 'Properties'];

ruleTester('kinesis-stream-encryption', {
  valid: [
    {
      name: 'customer managed key from the template (GetAtt Arn)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'customer managed key by Ref (key id) and by a customer alias name',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !Ref Key
  Stream2:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: alias/phi-stream
`,
    },
    {
      name: 'key from a parameter default',
      yaml: `
Parameters:
  StreamKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !Ref StreamKey
`,
    },
  ],
  invalid: [
    {
      name: 'no StreamEncryption, one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'StreamEncryption'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: KMS
        KeyId:
          Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'no Properties, no key in the template: suggestion adds one',
      yaml: `
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'StreamEncryption'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'AWS managed key alias/aws/kinesis is hardening, fix replaces only the key',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: alias/aws/kinesis
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'StreamEncryption', 'KeyId'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId:
          Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'AWS managed key from a parameter default: the fix overrides the property, not the parameter',
      yaml: `
Parameters:
  StreamKey:
    Type: String
    Default: alias/aws/kinesis
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !Ref StreamKey
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'StreamEncryption', 'KeyId'], severity: 'warning', fix: 'safe', message: 'parameter StreamKey' }],
    },
    {
      name: 'parameter without Default but AllowedValues: each value is judged',
      yaml: `
Parameters:
  StreamKey:
    Type: String
    AllowedValues: [alias/aws/kinesis, alias/phi]
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !Ref StreamKey
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'StreamEncryption', 'KeyId'], severity: 'warning' }],
    },
    {
      name: 'the bare name aws/kinesis is the AWS managed key too',
      yaml: `
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: aws/kinesis
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'StreamEncryption', 'KeyId'], severity: 'warning', fix: 'suggest', message: 'aws/kinesis' }],
    },
    {
      name: 'EncryptionType NONE is a violation',
      yaml: `
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: NONE
        KeyId: alias/aws/kinesis
`,
      findings: [{ messageId: 'disabled', path: [...P, 'StreamEncryption', 'EncryptionType'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: encryption removed in one branch (peers check only the true branch)',
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
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption: !If
        - Prod
        - EncryptionType: KMS
          KeyId: !GetAtt Key.Arn
        - !Ref AWS::NoValue
`,
      findings: [{ messageId: 'disabled', path: [...P, 'StreamEncryption', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'Fn::If on the key: only the AWS managed branch is reported',
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
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !If [Prod, !GetAtt Key.Arn, alias/aws/kinesis]
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'StreamEncryption', 'KeyId', 'Fn::If', 2], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'imported key and a parameter without Default are unverifiable',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption:
        EncryptionType: KMS
        KeyId: !ImportValue shared-key
  Stream2:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption: !If [Dev, !Ref AWS::NoValue, {EncryptionType: KMS, KeyId: !Ref KeyArn}]
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'StreamEncryption', 'KeyId'], severity: 'info', message: 'imported' },
        { messageId: 'disabled', path: ['Resources', 'Stream2', 'Properties', 'StreamEncryption', 'Fn::If', 1], severity: 'error' },
        { messageId: 'unverifiable', path: ['Resources', 'Stream2', 'Properties', 'StreamEncryption', 'Fn::If', 2, 'KeyId'], severity: 'info', message: 'KeyArn' },
      ],
    },
    {
      name: 'odd shape: StreamEncryption is a list',
      yaml: `
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption: [KMS]
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'StreamEncryption'], severity: 'info' }],
    },
  ],
});
