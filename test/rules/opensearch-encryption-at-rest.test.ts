import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Domain', 'Properties'];
const E = [...P, 'EncryptionAtRestOptions'];

ruleTester('opensearch-encryption-at-rest', {
  valid: [
    {
      name: 'customer managed key from the template (Ref)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: true
        KmsKeyId: !Ref Key
`,
    },
    {
      name: 'legacy Elasticsearch domain with a customer key ARN literal',
      yaml: `
Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: 'true'
        KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'Enabled from a parameter default, key from a parameter default',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
  KeyId:
    Type: String
    Default: alias/search
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: !Ref Encrypt
        KmsKeyId: !Ref KeyId
`,
    },
    {
      name: 'both If branches encrypt with template keys',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  KeyA:
    Type: AWS::KMS::Key
  KeyB:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions: !If
        - Prod
        - { Enabled: true, KmsKeyId: !Ref KeyA }
        - { Enabled: true, KmsKeyId: !GetAtt KeyB.Arn }
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: opensearch-encryption-at-rest
            reason: Holds only public product catalogue data (SEC-7)
`,
    },
  ],
  invalid: [
    {
      name: 'absent options, one template key: safe fix adds them (no interruption)',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
`,
      findings: [{ messageId: 'notEncrypted', path: [...E, 'Enabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EngineVersion: OpenSearch_2.11
      EncryptionAtRestOptions:
        Enabled: true
        KmsKeyId:
          Ref: Key
`,
    },
    {
      name: 'absent options, no template key: suggestion adds a key',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
`,
      findings: [{ messageId: 'notEncrypted', path: [...E, 'Enabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit false: suggestion only (recreates the domain)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: false
`,
      findings: [{ messageId: 'disabled', path: [...E, 'Enabled'], severity: 'error', fix: 'suggest', message: 'EncryptionAtRestOptions.Enabled: false' }],
    },
    {
      name: 'AWS managed key by default: hardening, suggestion',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: true
`,
      findings: [{ messageId: 'awsManagedKey', path: [...E, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed alias aws/es',
      yaml: `
Resources:
  Domain:
    Type: AWS::Elasticsearch::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: true
        KmsKeyId: alias/aws/es
`,
      findings: [{ messageId: 'awsManagedKey', path: [...E, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'alias/aws/es' }],
    },
    {
      name: 'Enabled from a parameter without Default: each allowed value',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: !Ref Encrypt
        KmsKeyId: !Ref Key
`,
      findings: [{ messageId: 'disabled', path: [...E, 'Enabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Enabled from a parameter with no Default or AllowedValues: unverifiable',
      yaml: `
Parameters:
  Encrypt:
    Type: String
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: !Ref Encrypt
`,
      findings: [{ messageId: 'unverifiable', path: [...E, 'Enabled'], severity: 'info' }],
    },
    {
      name: 'key imported from another stack: unverifiable',
      yaml: `
Resources:
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: true
        KmsKeyId: !ImportValue shared-search-key
`,
      findings: [{ messageId: 'unverifiable', path: [...E, 'KmsKeyId'], severity: 'info' }],
    },
    {
      name: 'options removed in the false If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions: !If
        - Prod
        - Enabled: true
          KmsKeyId: !Ref Key
        - !Ref AWS::NoValue
`,
      findings: [{ messageId: 'notEncrypted', path: [...E, 'Fn::If', 2, 'Enabled'], severity: 'error', fix: 'safe', message: 'Prod' }],
    },
    {
      name: 'Enabled false in one If branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions:
        Enabled: !If [Prod, true, false]
        KmsKeyId: !Ref Key
`,
      findings: [{ messageId: 'disabled', path: [...E, 'Enabled', 'Fn::If', 2], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: Guard, checkov and cfn_nag skip AWS::OpenSearchService::Domain',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Domain:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions: {}
`,
      findings: [{ messageId: 'notEncrypted', path: [...E, 'Enabled'], severity: 'error', fix: 'suggest' }],
    },
  ],
});
