import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Settings', 'Properties', 'DataCatalogEncryptionSettings'];

ruleTester('glue-data-catalog-encryption', {
  valid: [
    {
      name: 'SSE-KMS with a template key, passwords encrypted with it',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: !Ref Key
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: "peer mistake: checkov fails SSE-KMS-WITH-SERVICE-ROLE and ReturnConnectionPasswordEncrypted 'true' (a string)",
      yaml: `
Resources:
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS-WITH-SERVICE-ROLE
          SseAwsKmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
          CatalogEncryptionServiceRole: arn:aws:iam::111122223333:role/glue-catalog
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: 'true'
          KmsKeyId: alias/glue-passwords
`,
    },
  ],
  invalid: [
    {
      name: 'DISABLED with one template key: safe fix sets mode and key',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: DISABLED
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'catalogNotEncrypted', path: [...P, 'EncryptionAtRest', 'CatalogEncryptionMode'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: !GetAtt Key.Arn
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'nothing set, no key: error and warning with suggestions',
      yaml: `
Resources:
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings: {}
`,
      findings: [
        { messageId: 'catalogNotEncrypted', path: [...P, 'EncryptionAtRest'], severity: 'error', fix: 'suggest' },
        { messageId: 'passwordsPlaintext', path: [...P, 'ConnectionPasswordEncryption'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'SSE-KMS without a key is the AWS managed key; password flag false with a customer key: safe fix flips the flag',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: false
          KmsKeyId: !Ref Key
`,
      findings: [
        { messageId: 'catalogDefaultKey', path: [...P, 'EncryptionAtRest', 'SseAwsKmsKeyId'], severity: 'warning', fix: 'safe' },
        { messageId: 'passwordsPlaintext', path: [...P, 'ConnectionPasswordEncryption', 'ReturnConnectionPasswordEncrypted'], severity: 'warning', fix: 'safe' },
      ],
    },
    {
      name: 'AWS managed keys named explicitly',
      yaml: `
Resources:
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: alias/aws/glue
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: alias/aws/glue
`,
      findings: [
        { messageId: 'catalogAwsManagedKey', path: [...P, 'EncryptionAtRest', 'SseAwsKmsKeyId'], severity: 'warning', fix: 'suggest' },
        { messageId: 'passwordAwsManagedKey', path: [...P, 'ConnectionPasswordEncryption', 'KmsKeyId'], severity: 'warning', fix: 'suggest' },
      ],
    },
    {
      name: 'mode from a parameter Default: the fix changes the Default (AllowedValues permit it)',
      yaml: `
Parameters:
  Mode:
    Type: String
    AllowedValues: [DISABLED, SSE-KMS]
    Default: DISABLED
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: !Ref Mode
          SseAwsKmsKeyId: !GetAtt Key.Arn
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'catalogNotEncrypted', path: [...P, 'EncryptionAtRest', 'CatalogEncryptionMode'], severity: 'error', fix: 'safe', message: 'parameter Mode' }],
    },
    {
      name: 'Fn::If: DISABLED in one branch only',
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
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: !If [Prod, SSE-KMS, DISABLED]
          SseAwsKmsKeyId: !GetAtt Key.Arn
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'catalogNotEncrypted', path: [...P, 'EncryptionAtRest', 'CatalogEncryptionMode', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'imported key and unknown mode are unverifiable',
      yaml: `
Parameters:
  Mode:
    Type: String
Resources:
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: !Ref Mode
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: !ImportValue glue-key
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'EncryptionAtRest', 'CatalogEncryptionMode'], severity: 'info' },
        { messageId: 'unverifiable', path: [...P, 'ConnectionPasswordEncryption', 'KmsKeyId'], severity: 'info' },
      ],
    },
    {
      name: 'odd shape: settings written as a string',
      yaml: `
Resources:
  Settings:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings: SSE-KMS
`,
      findings: [{ messageId: 'unverifiable', path: P, severity: 'info' }],
    },
  ],
});
