import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'WorkGroup', 'Properties', 'WorkGroupConfiguration'];

ruleTester('athena-workgroup-encryption', {
  valid: [
    {
      name: 'SSE_KMS with a template key, enforced',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        ResultConfiguration:
          OutputLocation: s3://athena-results/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: !GetAtt Key.Arn
`,
    },
    {
      name: 'peer mistake: checkov CKV_AWS_82 fails an absent EnforceWorkGroupConfiguration; CSE_KMS with a literal key passes',
      yaml: `
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: CSE_KMS
            KmsKey: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'managed query results: ResultConfiguration does not apply',
      yaml: `
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        ManagedQueryResultsConfiguration:
          Enabled: true
`,
    },
  ],
  invalid: [
    {
      name: 'no result encryption, one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://athena-results/
`,
      findings: [{ messageId: 'resultsNotEncrypted', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://athena-results/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey:
              Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'no WorkGroupConfiguration at all, no key: suggestion',
      yaml: `
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
`,
      findings: [{ messageId: 'resultsNotEncrypted', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'SSE_S3 and not enforced',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: false
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: SSE_S3
`,
      findings: [
        { messageId: 'notEnforced', path: [...P, 'EnforceWorkGroupConfiguration'], severity: 'warning', fix: 'safe' },
        { messageId: 's3ManagedKey', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration', 'EncryptionOption'], severity: 'warning', fix: 'safe' },
      ],
    },
    {
      name: "enforcement off through a parameter Default 'false': the fix changes the Default",
      yaml: `
Parameters:
  Enforce:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: !Ref Enforce
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: alias/athena-results
`,
      findings: [{ messageId: 'notEnforced', path: [...P, 'EnforceWorkGroupConfiguration'], severity: 'warning', fix: 'safe', message: 'parameter Enforce' }],
    },
    {
      name: 'AWS managed key',
      yaml: `
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration:
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: alias/aws/s3
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration', 'KmsKey'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If on the option; imported key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi2
      WorkGroupConfiguration:
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: !If [Prod, SSE_KMS, SSE_S3]
            KmsKey: !ImportValue athena-key
`,
      findings: [
        { messageId: 's3ManagedKey', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration', 'EncryptionOption', 'Fn::If', 2], severity: 'warning', message: 'condition Prod is false' },
        { messageId: 'unverifiable', path: [...P, 'ResultConfiguration', 'EncryptionConfiguration', 'KmsKey'], severity: 'info' },
      ],
    },
    {
      name: 'odd shape: WorkGroupConfiguration is a list',
      yaml: `
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: phi
      WorkGroupConfiguration: [EnforceWorkGroupConfiguration]
`,
      findings: [{ messageId: 'unverifiable', path: P, severity: 'info' }],
    },
  ],
});
