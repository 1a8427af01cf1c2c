import { CDK_PLUMBING_CASES } from '../helpers/cdk-plumbing';
import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Fn', 'Properties'];

ruleTester('lambda-environment-encryption', {
  valid: [
    ...CDK_PLUMBING_CASES,
    {
      name: 'environment variables with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: !GetAtt Key.Arn
      Environment:
        Variables:
          TABLE: patients
`,
    },
    {
      name: 'no environment variables, an empty map, or only removed variables: nothing to encrypt',
      yaml: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
  Fn2:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      Environment:
        Variables: {}
  Fn3:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      Environment:
        Variables:
          NODE_ENV: !Ref 'AWS::NoValue'
`,
    },
    {
      name: 'SAM: key from Globals, variables on the function',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          TABLE: patients
`,
    },
    {
      name: 'key from a parameter Default',
      yaml: `
Parameters:
  EnvKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: !Ref EnvKey
      Environment:
        Variables:
          TABLE: patients
`,
    },
  ],
  invalid: [
    {
      name: 'variables without a key, one template key: suggestion only (the role needs kms:Decrypt)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      Environment:
        Variables:
          TABLE: patients
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyArn'], severity: 'warning', fix: 'suggest', message: 'aws/lambda' }],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_173 accepts any KmsKeyArn, even the AWS managed key',
      yaml: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: arn:aws:kms:us-east-1:111122223333:alias/aws/lambda
      Environment:
        Variables:
          TABLE: patients
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyArn'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'SAM: variables from Globals, no key anywhere',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables:
        TABLE: patients
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyArn'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If on the key: only the NoValue branch is reported; import and parameter without Default are unverifiable',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Parameters:
  EnvKey:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: !If [Prod, !GetAtt Key.Arn, !Ref 'AWS::NoValue']
      Environment:
        Variables:
          TABLE: patients
  Fn2:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: !ImportValue shared-key
      Environment:
        Variables:
          TABLE: patients
  Fn3:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: { ZipFile: 'def handler(e, c): pass' }
      KmsKeyArn: !Ref EnvKey
      Environment:
        Variables:
          TABLE: patients
`,
      findings: [
        { messageId: 'defaultKey', path: [...P, 'KmsKeyArn', 'Fn::If', 2], severity: 'warning', message: 'condition Prod is false' },
        { messageId: 'unverifiable', path: ['Resources', 'Fn2', 'Properties', 'KmsKeyArn'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Fn3', 'Properties', 'KmsKeyArn'], severity: 'info', message: 'no Default' },
      ],
    },
    {
      name: 'SAM: an AWS managed key and variables from Globals are reported on the function',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Environment:
      Variables:
        TABLE: patients
    KmsKeyArn: alias/aws/lambda
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyArn'], severity: 'warning', fix: 'suggest', message: 'SAM Globals' }],
    },
  ],
});
