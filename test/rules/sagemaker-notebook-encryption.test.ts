import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Notebook', 'Properties'];
const BASE = `
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/sm`;

ruleTester('sagemaker-notebook-encryption', {
  valid: [
    {
      name: 'customer managed key from the template, by Ref and GetAtt',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !Ref Key
  Notebook2:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'key ARN from a parameter Default passes',
      yaml: `
Parameters:
  NotebookKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !Ref NotebookKey
`,
    },
  ],
  invalid: [
    {
      name: 'no KmsKeyId, one key: suggestion only (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest', message: 'system-managed KMS key' }],
    },
    {
      name: 'no key in the template: suggestion adds one',
      yaml: `
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed alias',
      yaml: `
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: alias/aws/sagemaker
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: only the branch without a key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !If [Prod, !Ref Key, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'parameter AllowedValues each judged',
      yaml: `
Parameters:
  NotebookKey:
    Type: String
    AllowedValues: [alias/aws/sagemaker, alias/phi]
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !Ref NotebookKey
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning' }],
    },
    {
      name: 'imported key and parameter without Default: unverifiable',
      yaml: `
Parameters:
  KeyArn:
    Type: String
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !ImportValue nb-key
  Notebook2:
    Type: AWS::SageMaker::NotebookInstance
    Properties:${BASE}
      KmsKeyId: !Ref KeyArn
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info' },
        { messageId: 'unverifiable', path: ['Resources', 'Notebook2', 'Properties', 'KmsKeyId'], severity: 'info' },
      ],
    },
  ],
});
