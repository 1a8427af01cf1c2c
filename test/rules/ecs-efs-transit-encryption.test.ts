import { ruleTester } from '../helpers/rule-tester';

const V = ['Resources', 'Task', 'Properties', 'Volumes'];

ruleTester('ecs-efs-transit-encryption', {
  valid: [
    {
      name: 'EFS volume with TransitEncryption ENABLED; other volume kinds are ignored',
      yaml: `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: ENABLED
        - Name: scratch
          Host: {}
        - Name: docker
          DockerVolumeConfiguration:
            Driver: local
`,
    },
    {
      name: 'no volumes',
      yaml: `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
`,
    },
    {
      name: 'ENABLED from a parameter Default',
      yaml: `
Parameters:
  Transit:
    Type: String
    AllowedValues: [ENABLED, DISABLED]
    Default: ENABLED
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: !Ref Transit
`,
    },
  ],
  invalid: [
    {
      name: 'absent TransitEncryption (default DISABLED): safe fix',
      yaml: `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
`,
      findings: [{ messageId: 'notEnabled', path: [...V, 0, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'error', fix: 'safe', message: 'default is DISABLED' }],
      output: `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: ENABLED
`,
    },
    {
      name: 'explicit DISABLED, and DISABLED from a parameter Default (fixed at the Default)',
      yaml: `
Parameters:
  Transit:
    Type: String
    AllowedValues: [ENABLED, DISABLED]
    Default: DISABLED
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: DISABLED
        - Name: more
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef1
            TransitEncryption: !Ref Transit
`,
      findings: [
        { messageId: 'disabled', path: [...V, 0, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'error', fix: 'safe' },
        { messageId: 'disabled', path: [...V, 1, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'error', fix: 'safe', message: 'parameter Transit' },
      ],
    },
    {
      name: 'Fn::If: only the DISABLED branch; parameter without Default or AllowedValues: unverifiable',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Parameters:
  Free:
    Type: String
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: !If [Prod, ENABLED, DISABLED]
        - Name: more
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef1
            TransitEncryption: !Ref Free
`,
      findings: [
        { messageId: 'disabled', path: [...V, 0, 'EFSVolumeConfiguration', 'TransitEncryption', 'Fn::If', 2], fix: 'safe', message: 'condition Prod is false' },
        { messageId: 'unverifiable', path: [...V, 1, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'info', message: 'no Default' },
      ],
    },
    {
      name: 'peer mistake: checkov CKV_AWS_97 judges only the first EFS volume',
      yaml: `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: ENABLED
        - Name: more
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef1
`,
      findings: [{ messageId: 'notEnabled', path: [...V, 1, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'error', fix: 'safe', message: 'volume more' }],
    },
    {
      name: 'DISABLED from a mapping: the fix overrides it on the property',
      yaml: `
Mappings:
  Settings:
    Transit:
      Mode: DISABLED
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: !FindInMap [Settings, Transit, Mode]
`,
      findings: [{ messageId: 'disabled', path: [...V, 0, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'error', fix: 'safe', message: 'DISABLED' }],
      output: `
Mappings:
  Settings:
    Transit:
      Mode: DISABLED
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: fs-0123456789abcdef0
            TransitEncryption: ENABLED
`,
    },
    {
      name: 'imported value is unverifiable',
      yaml: `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Volumes:
        - Name: data
          EFSVolumeConfiguration:
            FilesystemId: !ImportValue shared-fs
            TransitEncryption: !ImportValue transit-setting
`,
      findings: [{ messageId: 'unverifiable', path: [...V, 0, 'EFSVolumeConfiguration', 'TransitEncryption'], severity: 'info', message: 'Fn::ImportValue' }],
    },
  ],
});
