import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Flow', 'Properties'];
const KEY = `  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
`;
const DEF = `      RoleArn: arn:aws:iam::111122223333:role/flow
      DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}'
`;

ruleTester('stepfunctions-encryption', {
  valid: [
    {
      name: 'state machine with a template key',
      yaml: `Resources:
${KEY}  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}      EncryptionConfiguration:
        Type: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyId: !GetAtt Key.Arn
        KmsDataKeyReusePeriodSeconds: 300
`,
    },
    {
      name: 'activity with a literal customer key alias',
      yaml: `Resources:
  Flow:
    Type: AWS::StepFunctions::Activity
    Properties:
      Name: intake
      EncryptionConfiguration:
        Type: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyId: alias/phi-workflows
`,
    },
    {
      name: 'type from a parameter default',
      yaml: `Parameters:
  EncType:
    Type: String
    Default: CUSTOMER_MANAGED_KMS_KEY
Resources:
${KEY}  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}      EncryptionConfiguration:
        Type: !Ref EncType
        KmsKeyId: !Ref Key
`,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionConfiguration: AWS owned key; one template key offered as a suggestion',
      yaml: `Resources:
${KEY}  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}`,
      findings: [{ messageId: 'awsOwnedKey', path: [...P, 'EncryptionConfiguration', 'Type'], severity: 'warning', fix: 'suggest', message: 'no EncryptionConfiguration' }],
    },
    {
      name: 'explicit AWS_OWNED_KEY, no key in the template: suggestion adds one',
      yaml: `Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}      EncryptionConfiguration:
        Type: AWS_OWNED_KEY
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...P, 'EncryptionConfiguration', 'Type'], severity: 'warning', fix: 'suggest', message: 'Type AWS_OWNED_KEY' }],
    },
    {
      name: 'AWS managed alias',
      yaml: `Resources:
  Flow:
    Type: AWS::StepFunctions::Activity
    Properties:
      Name: intake
      EncryptionConfiguration:
        Type: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyId: alias/aws/states
`,
      findings: [{ messageId: 'awsManagedKey', path: ['Resources', 'Flow', 'Properties', 'EncryptionConfiguration', 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'only the false branch of Fn::If uses an AWS owned key',
      yaml: `Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
${KEY}  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}      EncryptionConfiguration:
        Type: !If [Prod, CUSTOMER_MANAGED_KMS_KEY, AWS_OWNED_KEY]
        KmsKeyId: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'awsOwnedKey', path: [...P, 'EncryptionConfiguration', 'Type', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'key from an imported value is unverifiable',
      yaml: `Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
${DEF}      EncryptionConfiguration:
        Type: CUSTOMER_MANAGED_KMS_KEY
        KmsKeyId: !ImportValue shared-key-arn
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'EncryptionConfiguration', 'KmsKeyId'], severity: 'info', fix: 'none' }],
    },
  ],
});
