import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Desk', 'Properties'];
const BASE = `
      BundleId: wsb-0123456789
      DirectoryId: d-0123456789
      UserName: alice`;

ruleTester('workspaces-volume-encryption', {
  valid: [
    {
      name: 'both volumes encrypted with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
      RootVolumeEncryptionEnabled: true
      UserVolumeEncryptionEnabled: 'true'
      VolumeEncryptionKey: !GetAtt Key.Arn
`,
    },
    {
      name: 'flags and key from parameter Defaults',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
  DeskKey:
    Type: String
    Default: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
      RootVolumeEncryptionEnabled: !Ref Encrypt
      UserVolumeEncryptionEnabled: !Ref Encrypt
      VolumeEncryptionKey: !Ref DeskKey
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set: two violations, suggestions only (re-create)',
      yaml: `
Resources:
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
`,
      findings: [
        { messageId: 'notEncrypted', path: [...P, 'RootVolumeEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'root volume' },
        { messageId: 'notEncrypted', path: [...P, 'UserVolumeEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'user volume' },
      ],
    },
    {
      name: 'root volume encrypted with the default key, user volume off',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
      RootVolumeEncryptionEnabled: true
      UserVolumeEncryptionEnabled: false
`,
      findings: [
        { messageId: 'defaultKey', path: [...P, 'VolumeEncryptionKey'], severity: 'warning', fix: 'suggest' },
        { messageId: 'disabled', path: [...P, 'UserVolumeEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'UserVolumeEncryptionEnabled: false' },
      ],
    },
    {
      name: 'AWS managed key alias is reported once for both volumes',
      yaml: `
Resources:
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
      RootVolumeEncryptionEnabled: true
      UserVolumeEncryptionEnabled: true
      VolumeEncryptionKey: alias/aws/workspaces
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'VolumeEncryptionKey'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If: only the false branch; imported key and parameter without Default are unverifiable',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Parameters:
  Free:
    Type: String
Resources:
  Desk:
    Type: AWS::WorkSpaces::Workspace
    Properties:${BASE}
      RootVolumeEncryptionEnabled: !If [Prod, true, false]
      UserVolumeEncryptionEnabled: !Ref Free
      VolumeEncryptionKey: !ImportValue shared-key
`,
      findings: [
        { messageId: 'disabled', path: [...P, 'RootVolumeEncryptionEnabled', 'Fn::If', 2], severity: 'error', message: 'condition Prod is false' },
        { messageId: 'unverifiable', path: [...P, 'UserVolumeEncryptionEnabled'], severity: 'info', message: 'no Default' },
        { messageId: 'unverifiable', path: [...P, 'VolumeEncryptionKey'], severity: 'info', message: 'Fn::ImportValue' },
      ],
    },
  ],
});
