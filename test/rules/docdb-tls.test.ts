import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Docs', 'Properties'];

ruleTester('docdb-tls', {
  valid: [
    {
      name: 'no parameter group: the default group has tls enabled',
      yaml: `
Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      StorageEncrypted: true
`,
    },
    {
      name: 'named default group, and a template group without tls',
      yaml: `
Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: audit on
      Family: docdb5.0
      Parameters:
        audit_logs: enabled
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: default.docdb5.0
  Docs2:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
    },
    {
      name: 'tls1.2+ and fips-140-3; group found by its Name',
      yaml: `
Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Name: phi-docdb
      Description: tls
      Family: docdb5.0
      Parameters:
        tls: tls1.2+
  Fips:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: docdb5.0
      Parameters:
        tls: fips-140-3
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: phi-docdb
  Docs2:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Fips
`,
    },
  ],
  invalid: [
    {
      name: 'tls disabled: safe fix enables it',
      yaml: `Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: no tls
      Family: docdb5.0
      Parameters:
        tls: disabled
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...P, 'DBClusterParameterGroupName'], severity: 'error', fix: 'safe', message: 'resource Params' }],
      output: `Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: no tls
      Family: docdb5.0
      Parameters:
        tls: enabled
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
    },
    {
      name: 'tls from a parameter Default: the fix changes the Default',
      yaml: `
Parameters:
  Tls:
    Type: String
    AllowedValues: [enabled, disabled]
    Default: disabled
Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: docdb5.0
      Parameters:
        tls: !Ref Tls
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...P, 'DBClusterParameterGroupName'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'Fn::If: only the disabled branch is reported',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: docdb5.0
      Parameters:
        tls: !If [Dev, disabled, enabled]
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...P, 'DBClusterParameterGroupName'], severity: 'error', fix: 'safe', message: 'condition Dev is true' }],
    },
    {
      name: 'external group, imported group and a tls parameter without Default are unverifiable',
      yaml: `
Parameters:
  Tls:
    Type: String
Resources:
  Params:
    Type: AWS::DocDB::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: docdb5.0
      Parameters:
        tls: !Ref Tls
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: shared-docdb
  Docs2:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !ImportValue docdb-params
  Docs3:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBClusterParameterGroupName: !Ref Params
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'DBClusterParameterGroupName'], severity: 'info', message: 'shared-docdb is not defined' },
        { messageId: 'unverifiable', path: ['Resources', 'Docs2', 'Properties', 'DBClusterParameterGroupName'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Docs3', 'Properties', 'DBClusterParameterGroupName'], severity: 'info', message: 'no Default' },
      ],
    },
  ],
});
