import { ruleTester } from '../helpers/rule-tester';

const K = ['Resources', 'Key', 'Properties'];

const BUCKET = `
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
`;

ruleTester('kms-key-rotation', {
  valid: [
    {
      name: 'rotation on',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
${BUCKET}`,
    },
    {
      name: 'rotation on as a string, with a custom period',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: 'true'
      RotationPeriodInDays: 180
`,
    },
    {
      name: 'asymmetric signing key cannot rotate automatically',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: ECC_NIST_P256
      KeyUsage: SIGN_VERIFY
`,
    },
    {
      name: 'HMAC key cannot rotate automatically',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: HMAC_256
      KeyUsage: GENERATE_VERIFY_MAC
`,
    },
    {
      name: 'imported key material (Origin EXTERNAL) cannot rotate automatically',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Origin: EXTERNAL
`,
    },
    {
      name: 'rotation from a parameter whose default is true',
      yaml: `
Parameters:
  Rotate:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !Ref Rotate
`,
    },
    {
      name: 'peer mistake: Guard and cfn_nag fail EnableKeyRotation given through Fn::If whose branches are both true',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !If [Prod, true, 'true']
`,
    },
  ],
  invalid: [
    {
      name: 'key used by a bucket without rotation (CloudFormation default off)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: PHI key
${BUCKET}`,
      findings: [{ messageId: 'usedNoRotation', path: [...K, 'EnableKeyRotation'], severity: 'error', fix: 'safe', message: 'encrypts S3 Bucket Bucket' }],
      output: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: PHI key
      EnableKeyRotation: true
${BUCKET}`,
    },
    {
      name: 'key with no Properties at all, used through an alias',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
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
      findings: [{ messageId: 'usedNoRotation', path: [...K, 'EnableKeyRotation'], severity: 'error', fix: 'safe', message: 'SQS Queue Queue' }],
    },
    {
      name: 'rotation explicitly off on an unused key is hardening',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
`,
      findings: [{ messageId: 'noRotation', path: [...K, 'EnableKeyRotation'], severity: 'warning', fix: 'safe' }],
      output: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`,
    },
    {
      name: 'peer mistake: cfn_nag judges only the true branch of Fn::If',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !If [Prod, true, false]
`,
      findings: [{ messageId: 'noRotation', path: [...K, 'EnableKeyRotation', 'Fn::If', 2], severity: 'warning', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'rotation off through a parameter default: the fix changes the default',
      yaml: `
Parameters:
  Rotate:
    Type: String
    Default: 'false'
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !Ref Rotate
`,
      findings: [{ messageId: 'noRotation', path: [...K, 'EnableKeyRotation'], severity: 'warning', fix: 'safe', message: 'Default of parameter Rotate' }],
    },
    {
      name: 'rotation from an imported value is unverifiable',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !ImportValue shared-rotation
`,
      findings: [{ messageId: 'unverifiable', path: [...K, 'EnableKeyRotation'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'symmetric key spec written out explicitly is still checked',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: SYMMETRIC_DEFAULT
      KeyUsage: ENCRYPT_DECRYPT
`,
      findings: [{ messageId: 'noRotation', path: [...K, 'EnableKeyRotation'], severity: 'warning', fix: 'safe' }],
    },
  ],
});
