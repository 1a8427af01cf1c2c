import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Project', 'Properties'];
const BASE = `
      ServiceRole: arn:aws:iam::111122223333:role/build
      Source: { Type: NO_SOURCE, BuildSpec: 'version: 0.2' }
      Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0 }`;

ruleTester('codebuild-project-encryption', {
  valid: [
    {
      name: 'S3 artifacts with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: !GetAtt Key.Arn
      Artifacts:
        Type: S3
        Location: my-artifacts
`,
    },
    {
      name: 'no S3 artifacts (NO_ARTIFACTS, CODEPIPELINE): no key needed',
      yaml: `
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      Artifacts:
        Type: NO_ARTIFACTS
  Project2:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      Artifacts:
        Type: CODEPIPELINE
`,
    },
    {
      name: 'EncryptionDisabled false with a customer key from a parameter Default',
      yaml: `
Parameters:
  BuildKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: !Ref BuildKey
      Artifacts:
        Type: S3
        Location: my-artifacts
        EncryptionDisabled: false
`,
    },
  ],
  invalid: [
    {
      name: 'EncryptionDisabled true on S3 artifacts: error, safe fix removes it',
      yaml: `Resources:
  Key:
    Type: AWS::KMS::Key
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::111122223333:role/build
      EncryptionKey: !GetAtt Key.Arn
      Artifacts:
        Type: S3
        Location: my-artifacts
        EncryptionDisabled: true
`,
      findings: [{ messageId: 'encryptionDisabled', path: [...P, 'Artifacts', 'EncryptionDisabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Key:
    Type: AWS::KMS::Key
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::111122223333:role/build
      EncryptionKey: !GetAtt Key.Arn
      Artifacts:
        Type: S3
        Location: my-artifacts
`,
    },
    {
      name: 'peer mistake: checkov CKV_AWS_78 checks only the primary artifact and only a boolean true (secondary artifact with the string true)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      Artifacts:
        Type: NO_ARTIFACTS
      SecondaryArtifacts:
        - ArtifactIdentifier: reports
          Type: S3
          Location: my-artifacts
          EncryptionDisabled: 'true'
`,
      findings: [
        { messageId: 'defaultKey', path: [...P, 'EncryptionKey'], severity: 'warning', fix: 'suggest' },
        { messageId: 'encryptionDisabled', path: [...P, 'SecondaryArtifacts', 0, 'EncryptionDisabled'], severity: 'error', fix: 'safe', message: 'reports' },
      ],
    },
    {
      name: 'S3 build logs with encryption off; disabled logs are not checked',
      yaml: `
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      Artifacts:
        Type: NO_ARTIFACTS
      LogsConfig:
        S3Logs:
          Status: ENABLED
          Location: my-logs/build
          EncryptionDisabled: true
  Project2:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      Artifacts:
        Type: NO_ARTIFACTS
      LogsConfig:
        S3Logs:
          Status: DISABLED
          EncryptionDisabled: true
`,
      findings: [{ messageId: 'encryptionDisabled', path: [...P, 'LogsConfig', 'S3Logs', 'EncryptionDisabled'], severity: 'error', fix: 'safe', message: 'S3 build logs' }],
    },
    {
      name: 'AWS managed key alias',
      yaml: `
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: alias/aws/s3
      Artifacts:
        Type: S3
        Location: my-artifacts
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'EncryptionKey'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cfn_nag W32 takes only the true branch of Fn::If (the disabling false branch is reported)',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: !GetAtt Key.Arn
      Artifacts:
        Type: S3
        Location: my-artifacts
        EncryptionDisabled: !If [Prod, false, true]
`,
      findings: [{ messageId: 'encryptionDisabled', path: [...P, 'Artifacts', 'EncryptionDisabled', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'imported key and flag from a parameter without Default are unverifiable; parameter AllowedValues judged',
      yaml: `
Parameters:
  Free:
    Type: String
  Off:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Project:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: !ImportValue shared-key
      Artifacts:
        Type: S3
        Location: my-artifacts
        EncryptionDisabled: !Ref Free
  Project2:
    Type: AWS::CodeBuild::Project
    Properties:${BASE}
      EncryptionKey: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Artifacts:
        Type: S3
        Location: my-artifacts
        EncryptionDisabled: !Ref Off
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'EncryptionKey'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: [...P, 'Artifacts', 'EncryptionDisabled'], severity: 'info', message: 'no Default' },
        { messageId: 'encryptionDisabled', path: ['Resources', 'Project2', 'Properties', 'Artifacts', 'EncryptionDisabled'], severity: 'error', message: 'parameter Off' },
      ],
    },
  ],
});
