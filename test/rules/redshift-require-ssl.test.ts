import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Warehouse', 'Properties'];

ruleTester('redshift-require-ssl', {
  valid: [
    {
      name: 'template group with require_ssl true',
      yaml: `
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: enable_user_activity_logging
          ParameterValue: 'true'
        - ParameterName: require_ssl
          ParameterValue: 'true'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
    },
    {
      name: 'group found by its literal ParameterGroupName; value from a parameter Default',
      yaml: `
Parameters:
  RequireSsl:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      ParameterGroupName: phi-redshift
      Description: tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: !Ref RequireSsl
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: phi-redshift
`,
    },
    {
      name: 'the 2025 default group default.redshift-2.0 requires TLS',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: default.redshift-2.0
`,
    },
    {
      name: 'Serverless workgroup without require_ssl, and with require_ssl true',
      yaml: `
Resources:
  Workgroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      WorkgroupName: phi
  Workgroup2:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      WorkgroupName: phi2
      ConfigParameters:
        - ParameterKey: require_ssl
          ParameterValue: 'true'
`,
    },
  ],
  invalid: [
    {
      name: 'template group without require_ssl: safe fix appends the entry',
      yaml: `Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: logging
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: enable_user_activity_logging
          ParameterValue: 'true'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'notInGroup', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'safe', message: 'resource Params' }],
      output: `Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: logging
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: enable_user_activity_logging
          ParameterValue: 'true'
        - ParameterName: require_ssl
          ParameterValue: 'true'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
    },
    {
      name: 'template group without Parameters at all',
      yaml: `
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: empty
      ParameterGroupFamily: redshift-1.0
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'notInGroup', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'require_ssl false: safe fix sets it true',
      yaml: `
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: no tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: 'false'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'Fn::If on the value: only the false branch',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: !If [Dev, 'false', 'true']
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'safe', message: 'condition Dev is true' }],
    },
    {
      name: 'no parameter group: hardening, suggestion adds one',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
`,
      findings: [{ messageId: 'defaultGroup', path: [...P, 'ClusterParameterGroupName'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'default.redshift-1.0 named explicitly',
      yaml: `
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: default.redshift-1.0
`,
      findings: [{ messageId: 'oldDefaultGroup', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: checkov judges the group alone, so a cluster that does not use the strict group passes there',
      yaml: `
Resources:
  Strict:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: 'true'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: default.redshift-1.0
`,
      findings: [{ messageId: 'oldDefaultGroup', path: [...P, 'ClusterParameterGroupName'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'family redshift-2.0 group without require_ssl: hardening',
      yaml: `
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: logging
      ParameterGroupFamily: redshift-2.0
      Parameters:
        - ParameterName: enable_user_activity_logging
          ParameterValue: 'true'
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'familyDefault', path: [...P, 'ClusterParameterGroupName'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'Serverless workgroup with require_ssl false: safe fix',
      yaml: `Resources:
  Workgroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      WorkgroupName: phi
      ConfigParameters:
        - ParameterKey: enable_user_activity_logging
          ParameterValue: 'true'
        - ParameterKey: require_ssl
          ParameterValue: 'false'
`,
      findings: [{ messageId: 'workgroupDisabled', path: ['Resources', 'Workgroup', 'Properties', 'ConfigParameters', 1, 'ParameterValue'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Workgroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      WorkgroupName: phi
      ConfigParameters:
        - ParameterKey: enable_user_activity_logging
          ParameterValue: 'true'
        - ParameterKey: require_ssl
          ParameterValue: 'true'
`,
    },
    {
      name: 'Serverless workgroup with require_ssl from a parameter Default false',
      yaml: `
Parameters:
  RequireSsl:
    Type: String
    Default: 'false'
Resources:
  Workgroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      ConfigParameters:
        - ParameterKey: require_ssl
          ParameterValue: !Ref RequireSsl
`,
      findings: [{ messageId: 'workgroupDisabled', path: ['Resources', 'Workgroup', 'Properties', 'ConfigParameters', 0, 'ParameterValue'], severity: 'error', fix: 'safe', message: 'parameter RequireSsl' }],
    },
    {
      name: 'external group, imported group and a value without Default are unverifiable',
      yaml: `
Parameters:
  RequireSsl:
    Type: String
Resources:
  Params:
    Type: AWS::Redshift::ClusterParameterGroup
    Properties:
      Description: tls
      ParameterGroupFamily: redshift-1.0
      Parameters:
        - ParameterName: require_ssl
          ParameterValue: !Ref RequireSsl
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: shared-redshift-params
  Warehouse2:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !ImportValue redshift-params
  Warehouse3:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterParameterGroupName: !Ref Params
`,
      findings: [
        { messageId: 'unverifiable', path: [...P, 'ClusterParameterGroupName'], severity: 'info', message: 'shared-redshift-params' },
        { messageId: 'unverifiable', path: ['Resources', 'Warehouse2', 'Properties', 'ClusterParameterGroupName'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Warehouse3', 'Properties', 'ClusterParameterGroupName'], severity: 'info', message: 'no Default' },
      ],
    },
  ],
});
