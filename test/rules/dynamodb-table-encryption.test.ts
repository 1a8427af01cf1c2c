import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Table', 'Properties'];
const SSE = [...P, 'SSESpecification'];

/** Key schema every table case shares (indented for a resource's Properties). */
const SCHEMA = `      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH`;

ruleTester('dynamodb-table-encryption', {
  valid: [
    {
      name: 'SSE with a customer managed key from the template (GetAtt)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'key by Ref (key id) and by Ref to an alias of a template key: intrinsics pass (guard rejects them)',
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
      AliasName: alias/phi-table
      TargetKeyId: !Ref Key
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !Ref Key
  Table2:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: 'true'
        SSEType: KMS
        KMSMasterKeyId: !Ref Alias
`,
    },
    {
      name: 'SSE flag and key from parameter defaults',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
  KeyArn:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: !Ref Encrypt
        SSEType: KMS
        KMSMasterKeyId: !Ref KeyArn
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
  KeyB:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !If [Prod, !GetAtt KeyA.Arn, !GetAtt KeyB.Arn]
`,
    },
    {
      name: 'global table with a customer managed key on every replica (peers skip global tables)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
      Replicas:
        - Region: !Ref AWS::Region
          SSESpecification:
            KMSMasterKeyId: !GetAtt Key.Arn
        - Region: us-west-2
          SSESpecification:
            KMSMasterKeyId: arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab
`,
    },
    {
      name: 'SAM SimpleTable with its own SSESpecification',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: id
        Type: String
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'SAM SimpleTables encrypted through Globals, with and without Properties',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  SimpleTable:
    SSESpecification:
      SSEEnabled: true
      SSEType: KMS
      KMSMasterKeyId: !GetAtt Key.Arn
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
  Table2:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: id
        Type: String
`,
    },
    {
      name: 'SAM Globals and the resource merge: SSE on in Globals, key on the resource',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  SimpleTable:
    SSESpecification:
      SSEEnabled: true
      SSEType: KMS
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      SSESpecification:
        KMSMasterKeyId: !GetAtt Key.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'no SSESpecification (AWS owned key), one template key: safe fix',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...SSE, 'SSEEnabled'], severity: 'warning', fix: 'safe', message: 'a key AWS owns' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId:
          Fn::GetAtt: [Key, Arn]
`,
    },
    {
      name: 'no key in the template: a suggestion adds one',
      yaml: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...SSE, 'SSEEnabled'], severity: 'warning', fix: 'suggest' }],
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
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
`,
      findings: [{ messageId: 'awsManagedKey', path: [...SSE, 'KMSMasterKeyId'], severity: 'warning', fix: 'suggest', message: 'the AWS managed key (aws/dynamodb)' }],
    },
    {
      name: 'SSEEnabled false is an explicit opt-out; the fix turns it on with the key',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub '\${AWS::StackName}-patients'
${SCHEMA}
      SSESpecification:
        SSEEnabled: false
`,
      findings: [{ messageId: 'sseDisabled', path: [...SSE, 'SSEEnabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub '\${AWS::StackName}-patients'
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'the AWS managed alias is hardening',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: alias/aws/dynamodb
`,
      findings: [{ messageId: 'awsManagedKey', path: [...SSE, 'KMSMasterKeyId'], severity: 'warning', fix: 'safe', message: 'alias/aws/dynamodb' }],
    },
    {
      name: 'only the false branch of Fn::If opts out (peers check only the true branch)',
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
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: !If [Prod, true, false]
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'sseDisabled', path: [...SSE, 'SSEEnabled', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'opt-out through a parameter Default is reported at the property, naming the parameter',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: !Ref Encrypt
        SSEType: KMS
        KMSMasterKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'sseDisabled', path: [...SSE, 'SSEEnabled'], severity: 'error', fix: 'safe', message: 'parameter Encrypt' }],
    },
    {
      name: 'flag from a parameter without Default, key imported: unverifiable, never a silent pass',
      yaml: `
Parameters:
  Encrypt:
    Type: String
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: !Ref Encrypt
  Table2:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !ImportValue shared-phi-key-arn
`,
      findings: [
        { messageId: 'unverifiable', path: [...SSE, 'SSEEnabled'], severity: 'info', fix: 'none', message: 'parameter Encrypt, which has no Default' },
        { messageId: 'unverifiable', path: ['Resources', 'Table2', 'Properties', 'SSESpecification', 'KMSMasterKeyId'], severity: 'info', fix: 'none', message: 'imported from another stack' },
      ],
    },
    {
      name: 'global table without SSESpecification: the fix turns SSE on and sets the replica key',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
${SCHEMA}
      Replicas:
        - Region: !Ref AWS::Region
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...SSE, 'SSEEnabled'], severity: 'warning', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
${SCHEMA}
      Replicas:
        - Region: !Ref AWS::Region
          SSESpecification:
            KMSMasterKeyId: !GetAtt Key.Arn
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
`,
    },
    {
      name: 'global table: a replica without a key uses the AWS managed key, reported at that replica',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
${SCHEMA}
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
      Replicas:
        - Region: !Ref AWS::Region
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'Replicas', 0, 'SSESpecification', 'KMSMasterKeyId'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'SAM SimpleTable without SSESpecification (peers skip SimpleTable)',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: id
        Type: String
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...SSE, 'SSEEnabled'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'SAM Globals opt out for every SimpleTable; a plain table in the same template gets no Globals',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  SimpleTable:
    SSESpecification:
      SSEEnabled: false
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
  Table2:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: id
        Type: String
  Plain:
    Type: AWS::DynamoDB::Table
    Properties:
${SCHEMA}
`,
      findings: [
        { messageId: 'sseDisabled', path: [...SSE, 'SSEEnabled'], severity: 'error', fix: 'safe', message: 'SAM Globals' },
        { messageId: 'sseDisabled', path: ['Resources', 'Table2', 'Properties', 'SSESpecification', 'SSEEnabled'], severity: 'error', fix: 'safe', message: 'SAM Globals' },
        { messageId: 'awsOwnedKey', path: ['Resources', 'Plain', 'Properties', 'SSESpecification', 'SSEEnabled'], severity: 'warning', fix: 'safe' },
      ],
    },
    {
      name: 'SAM Globals turn SSE on without a key: the AWS managed key',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  SimpleTable:
    SSESpecification:
      SSEEnabled: true
Resources:
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
  Table:
    Type: AWS::Serverless::SimpleTable
`,
      findings: [{ messageId: 'awsManagedKey', path: [...SSE, 'KMSMasterKeyId'], severity: 'warning', fix: 'safe' }],
    },
  ],
});
