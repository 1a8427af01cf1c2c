import { ruleTester } from '../helpers/rule-tester';

const DB = ['Resources', 'Db', 'Properties'];
const CL = ['Resources', 'Cluster', 'Properties'];

ruleTester('rds-force-ssl', {
  valid: [
    {
      name: 'PostgreSQL instance with a template group that sets rds.force_ssl 1',
      yaml: `
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: postgres14
      Parameters:
        rds.force_ssl: '1'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '14.10'
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref Params
`,
    },
    {
      name: 'PostgreSQL 15+ and absent EngineVersion: rds.force_ssl is on by default',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '16.3'
  Db2:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
  Db3:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBParameterGroupName: default.postgres17
`,
    },
    {
      name: 'MySQL with require_secure_transport ON; group found by its literal name',
      yaml: `
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      DBParameterGroupName: phi-mysql
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: 'ON'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: phi-mysql
`,
    },
    {
      name: 'Aurora member instances are judged through their cluster',
      yaml: `
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: aurora-mysql8.0
      Parameters:
        require_secure_transport: '1'
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBClusterParameterGroupName: !Ref ClusterParams
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
  # An Aurora instance whose cluster is elsewhere is judged with that cluster, not here.
  Orphan:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
`,
    },
    {
      name: 'value from a parameter Default',
      yaml: `
Parameters:
  ForceSsl:
    Type: String
    AllowedValues: ['0', '1']
    Default: '1'
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: aurora-postgresql15
      Parameters:
        rds.force_ssl: !Ref ForceSsl
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      DBClusterParameterGroupName: !Ref ClusterParams
`,
    },
    {
      name: 'a read replica of an instance on a strict group, and of a PostgreSQL 16 instance',
      yaml: `
Resources:
  Strict:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: 'ON'
  Primary:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !Ref Strict
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
  Pg:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '16.4'
  PgReplica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !GetAtt Pg.DBInstanceArn
`,
    },
  ],
  invalid: [
    {
      name: 'template group without the parameter: safe fix adds it',
      yaml: `Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        max_connections: '100'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'notRequired', path: [...DB, 'DBParameterGroupName'], severity: 'warning', fix: 'safe', message: 'resource Params' }],
      output: `Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        max_connections: '100'
        require_secure_transport: 'ON'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !Ref Params
`,
    },
    {
      name: 'explicit off is an error',
      yaml: `
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: postgres16
      Parameters:
        rds.force_ssl: 0
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'DBParameterGroupName'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'PostgreSQL 14 with no parameter group: suggestion adds one with the derived family',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '14.10'
      DBInstanceClass: db.t3.micro
`,
      findings: [{ messageId: 'defaultGroup', path: [...DB, 'DBParameterGroupName'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Aurora PostgreSQL cluster on the default group; the version is a parameter: no family, no fix',
      yaml: `
Parameters:
  Version:
    Type: String
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EngineVersion: !Ref Version
`,
      findings: [{ messageId: 'defaultGroup', path: [...CL, 'DBClusterParameterGroupName'], severity: 'warning', fix: 'none' }],
    },
    {
      name: 'named default group of an old PostgreSQL family',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBParameterGroupName: default.postgres13
`,
      findings: [{ messageId: 'defaultGroup', path: [...DB, 'DBParameterGroupName'], severity: 'warning', fix: 'suggest', message: 'default.postgres13' }],
    },
    {
      name: 'Multi-AZ DB cluster (MySQL) with require_secure_transport OFF',
      yaml: `
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: 'OFF'
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: mysql
      DBClusterInstanceClass: db.m6gd.large
      DBClusterParameterGroupName: !Ref ClusterParams
`,
      findings: [{ messageId: 'disabled', path: [...CL, 'DBClusterParameterGroupName'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'SQL Server: rds.force_ssl missing; fix notes the reboot',
      yaml: `
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: sqlserver-se-15.0
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: sqlserver-se
      LicenseModel: license-included
      DBParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'notRequired', path: [...DB, 'DBParameterGroupName'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'Fn::If on the group value: only the off branch is reported',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mariadb10.11
      Parameters:
        require_secure_transport: !If [Prod, 'ON', 'OFF']
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mariadb
      DBParameterGroupName: !Ref Params
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'DBParameterGroupName'], severity: 'error', fix: 'safe', message: 'condition Prod is false' }],
    },
    {
      name: 'Fn::If between two groups on the instance',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Strict:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: 'ON'
  Loose:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: no tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: '0'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !If [Prod, !Ref Strict, !Ref Loose]
`,
      findings: [{ messageId: 'disabled', path: [...DB, 'DBParameterGroupName'], severity: 'error', message: 'resource Loose' }],
    },
    {
      name: 'external group name, imported group and parameter without Default are unverifiable',
      yaml: `
Parameters:
  Value:
    Type: String
Resources:
  Params:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: !Ref Value
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: shared-mysql-params
  Db2:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !ImportValue shared-params
  Db3:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBParameterGroupName: !Ref Params
`,
      findings: [
        { messageId: 'unverifiable', path: [...DB, 'DBParameterGroupName'], severity: 'info', message: 'shared-mysql-params is not defined in this template' },
        { messageId: 'unverifiable', path: ['Resources', 'Db2', 'Properties', 'DBParameterGroupName'], severity: 'info', message: 'Fn::ImportValue' },
        { messageId: 'unverifiable', path: ['Resources', 'Db3', 'Properties', 'DBParameterGroupName'], severity: 'info', message: 'no Default' },
      ],
    },
    {
      name: 'Oracle is configured through option groups: unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: oracle-ee
`,
      findings: [{ messageId: 'unverifiable', path: [...DB, 'Engine'], severity: 'info', message: 'option group' }],
    },
    {
      name: 'engine and group family chosen by one parameter: reported, but no fix that could write a parameter of the other family',
      yaml: `
Parameters:
  Engine:
    Type: String
    AllowedValues: [mysql8, postgres15]
Mappings:
  EngineMap:
    mysql8:
      Engine: aurora-mysql
      Family: aurora-mysql8.0
    postgres15:
      Engine: aurora-postgresql
      Family: aurora-postgresql15
Conditions:
  IsMySQL: !Equals [!FindInMap [EngineMap, !Ref Engine, Engine], aurora-mysql]
Resources:
  ClusterParams:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties:
      Description: charset
      Family: !FindInMap [EngineMap, !Ref Engine, Family]
      Parameters: !If
        - IsMySQL
        - character_set_server: utf8
        - client_encoding: UTF8
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: !FindInMap [EngineMap, !Ref Engine, Engine]
      DBClusterParameterGroupName: !Ref ClusterParams
`,
      findings: [
        { messageId: 'notRequired', path: [...CL, 'DBClusterParameterGroupName'], severity: 'warning', fix: 'none', message: 'require_secure_transport' },
        { messageId: 'notRequired', path: [...CL, 'DBClusterParameterGroupName'], severity: 'warning', fix: 'none', message: 'require_secure_transport' },
        { messageId: 'notRequired', path: [...CL, 'DBClusterParameterGroupName'], severity: 'warning', fix: 'none', message: 'rds.force_ssl' },
        { messageId: 'notRequired', path: [...CL, 'DBClusterParameterGroupName'], severity: 'warning', fix: 'none', message: 'rds.force_ssl' },
      ],
    },
    {
      name: 'a same-Region read replica takes its source engine, version and parameter group',
      yaml: `
Resources:
  Loose:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: no tls
      Family: postgres14
      Parameters:
        work_mem: '8192'
  Primary:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: '14.12'
      DBParameterGroupName: !Ref Loose
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: !Ref Primary
`,
      findings: [
        { messageId: 'notRequired', path: ['Resources', 'Primary', 'Properties', 'DBParameterGroupName'], severity: 'warning', fix: 'safe' },
        { messageId: 'notRequired', path: ['Resources', 'Replica', 'Properties', 'DBParameterGroupName'], severity: 'warning', fix: 'safe', message: 'resource Loose' },
      ],
    },
    {
      name: 'a strict group the instance does not use does not make it pass',
      yaml: `
Resources:
  Strict:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: tls
      Family: mysql8.0
      Parameters:
        require_secure_transport: 'ON'
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      EngineVersion: '8.0.35'
`,
      findings: [{ messageId: 'defaultGroup', path: [...DB, 'DBParameterGroupName'], severity: 'warning', fix: 'suggest' }],
    },
  ],
});
