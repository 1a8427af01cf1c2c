import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Topic', 'Properties'];
const KEY = [...P, 'KmsMasterKeyId'];

ruleTester('sns-topic-encryption', {
  valid: [
    {
      name: 'customer managed key from the template (GetAtt)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'key by Ref (key id) and by Ref to an alias resource: intrinsics pass (guard rejects them)',
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
      AliasName: alias/phi-topic
      TargetKeyId: !Ref Key
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref Key
  Topic2:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId:
        Ref: Alias
`,
    },
    {
      name: 'customer alias name and key ARN literals',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/phi-topic
  Topic2:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'key from a parameter Default (customer key ARN)',
      yaml: `
Parameters:
  TopicKeyArn:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKeyArn
`,
    },
    {
      name: 'key ARN built with Fn::Sub around a template key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Sub 'arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/\${Key}'
`,
    },
    {
      name: 'both Fn::If branches use customer managed keys',
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
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !If [Prod, !GetAtt KeyA.Arn, alias/phi-topic-dev]
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
          - rule: sns-topic-encryption
            reason: Deployment notifications only, never PHI (SEC-12)
`,
    },
  ],
  invalid: [
    {
      name: 'no KmsMasterKeyId (SNS stores messages unencrypted), one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: phi-alerts # keep
`,
      findings: [{ messageId: 'notEncrypted', path: KEY, severity: 'error', fix: 'safe', message: 'unencrypted' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: phi-alerts # keep
      KmsMasterKeyId:
        Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'no Properties, no key in the template: a suggestion adds one',
      yaml: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
`,
      findings: [{ messageId: 'notEncrypted', path: KEY, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'two template keys: a suggestion per key, no safe fix',
      yaml: `
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
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: phi-alerts
`,
      findings: [{ messageId: 'notEncrypted', path: KEY, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'keys the topic cannot use (another Condition, asymmetric) are not offered',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  ProdKey:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
    Condition: Prod
  SigningKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: RSA_2048
      KeyUsage: SIGN_VERIFY
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: phi-alerts
`,
      findings: [{ messageId: 'notEncrypted', path: KEY, severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'the AWS managed key, by alias and by alias ARN, is hardening',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
  Topic2:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: arn:aws:kms:us-east-1:111122223333:alias/aws/sns
`,
      findings: [
        { messageId: 'awsManagedKey', path: KEY, severity: 'warning', fix: 'safe', message: 'alias/aws/sns' },
        { messageId: 'awsManagedKey', path: ['Resources', 'Topic2', 'Properties', 'KmsMasterKeyId'], severity: 'warning', fix: 'safe', message: 'arn:aws:kms:us-east-1:111122223333:alias/aws/sns' },
      ],
    },
    {
      name: 'only the false branch of Fn::If is unencrypted (peers check only the true branch)',
      yaml: `Conditions:
  Encrypt: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !If [Encrypt, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'notEncrypted', path: [...KEY, 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Encrypt is false' }],
      output: `Conditions:
  Encrypt: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'only the true branch of Fn::If uses the AWS managed key',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !If [Dev, alias/aws/sns, !GetAtt Key.Arn]
`,
      findings: [{ messageId: 'awsManagedKey', path: [...KEY, 'Fn::If', 1], severity: 'warning', fix: 'safe', message: 'condition Dev is true' }],
    },
    {
      name: 'the AWS managed key from a parameter Default is reported at the property, naming the parameter',
      yaml: `
Parameters:
  TopicKey:
    Type: String
    Default: alias/aws/sns
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
`,
      findings: [{ messageId: 'awsManagedKey', path: KEY, severity: 'warning', fix: 'safe', message: 'parameter TopicKey' }],
    },
    {
      name: 'an empty parameter Default means no key',
      yaml: `
Parameters:
  TopicKeyArn:
    Type: String
    Default: ''
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKeyArn
`,
      findings: [{ messageId: 'notEncrypted', path: KEY, severity: 'error', fix: 'suggest', message: 'parameter TopicKeyArn' }],
    },
    {
      name: 'imported key, parameter without Default, SSM parameter, custom resource output: unverifiable',
      yaml: `
Parameters:
  KeyArn:
    Type: String
  SsmKey:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /phi/topic-key-arn
Resources:
  KeyMaker:
    Type: Custom::KeyMaker
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:key-maker
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !ImportValue shared-phi-key-arn
  Topic2:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref KeyArn
  Topic3:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref SsmKey
  Topic4:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !GetAtt KeyMaker.KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: KEY, severity: 'info', fix: 'none', message: 'imported from another stack' },
        { messageId: 'unverifiable', path: ['Resources', 'Topic2', 'Properties', 'KmsMasterKeyId'], severity: 'info', fix: 'none', message: 'parameter KeyArn, which has no Default' },
        { messageId: 'unverifiable', path: ['Resources', 'Topic3', 'Properties', 'KmsMasterKeyId'], severity: 'info', fix: 'none', message: 'SSM Parameter Store' },
        { messageId: 'unverifiable', path: ['Resources', 'Topic4', 'Properties', 'KmsMasterKeyId'], severity: 'info', fix: 'none', message: 'Custom::KeyMaker KeyMaker' },
      ],
    },
  ],
});
