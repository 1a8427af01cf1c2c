import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Db', 'Properties'];

ruleTester('rds-public-access', {
  valid: [
    {
      name: 'explicit false',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: false
`,
    },
    {
      name: 'peer mistake: cdk-nag and guard require an explicit false (private subnet group, flag absent)',
      yaml: `
Resources:
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: [subnet-1, subnet-2]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !Ref Subnets
`,
    },
    {
      name: 'aurora member instance whose cluster has a subnet group',
      yaml: `
Resources:
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: [subnet-1, subnet-2]
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      DBSubnetGroupName: !Ref Subnets
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
`,
    },
    {
      name: 'aurora cluster has no PubliclyAccessible setting of its own',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
`,
    },
    {
      name: 'aurora instance without a cluster (cannot be created; private by default)',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      Engine: aurora-mysql
`,
    },
    {
      name: 'subnet group in a template VPC without an internet gateway',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: [!Ref SubnetA]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !Ref Subnets
`,
    },
    {
      name: 'parameter default false',
      yaml: `
Parameters:
  Public:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: mysql
      PubliclyAccessible: !Ref Public
`,
    },
    {
      name: 'suppressed through a peer id (cdk_nag rules_to_suppress)',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cdk_nag:
        rules_to_suppress:
          - id: HIPAA.Security-RDSInstancePublicAccess
            reason: Demo database with synthetic data only
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: true
`,
    },
    {
      name: 'suppressed through a peer id (cfn_nag F22)',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F22
            reason: Demo database with synthetic data only
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
`,
    },
  ],
  invalid: [
    {
      name: 'explicit true: safe fix',
      yaml: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: private
      PubliclyAccessible: true
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: private
      PubliclyAccessible: false
`,
    },
    {
      name: 'absent without a subnet group: default VPC, public',
      yaml: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: false
`,
    },
    {
      name: 'absent with the subnet group named default',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: default
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe', message: 'subnet group "default"' }],
    },
    {
      name: 'string "true" from a parameter default: fix changes the default',
      yaml: `
Parameters:
  Public:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: private
      PubliclyAccessible: !Ref Public
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'parameter without default: each allowed value judged',
      yaml: `
Parameters:
  Public:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: private
      PubliclyAccessible: !Ref Public
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error' }],
    },
    {
      name: 'parameter without default or allowed values: unverifiable',
      yaml: `
Parameters:
  Public:
    Type: String
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: !Ref Public
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
    {
      name: 'Fn::If: the true branch is public',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: private
      PubliclyAccessible: !If [Dev, true, false]
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible', 'Fn::If', 1], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'Fn::If on the subnet group: the branch without one is in the default VPC',
      yaml: `
Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-west-2]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !If [Dev, !Ref 'AWS::NoValue', private]
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'imported value: unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: !ImportValue shared-public
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'PubliclyAccessible'], severity: 'info' }],
    },
    {
      name: 'absent, subnet group imported: unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !ImportValue shared-subnets
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'DBSubnetGroupName'], severity: 'info' }],
    },
    {
      name: 'aurora member instance explicitly public',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      DBSubnetGroupName: private
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      PubliclyAccessible: true
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'aurora member instance of a cluster without a subnet group',
      yaml: `
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe', message: 'its cluster Cluster has no DB subnet group' }],
    },
    {
      name: 'member of a cluster outside the template: unverifiable',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
      DBClusterIdentifier: shared-cluster
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'DBClusterIdentifier'], severity: 'info' }],
    },
    {
      name: 'read replica of a template instance without a subnet group',
      yaml: `
Resources:
  Source:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: false
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      SourceDBInstanceIdentifier: !Ref Source
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'safe' }],
    },
    {
      name: 'absent, subnet group in a VPC with an internet gateway: hardening, safe fix',
      yaml: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      CidrBlock: 10.0.1.0/24
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: [!Ref SubnetA]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !Ref Subnets
`,
      findings: [{ messageId: 'defaultPublicInVpc', path: [...P, 'PubliclyAccessible'], severity: 'warning', fix: 'safe', message: 'internet gateway (Attach)' }],
      output: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Igw
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      CidrBlock: 10.0.1.0/24
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: private
      SubnetIds: [!Ref SubnetA]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      DBSubnetGroupName: !Ref Subnets
      PubliclyAccessible: false
`,
    },
    {
      name: 'multi-AZ DB cluster without a subnet group: suggestion (replacement)',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: postgres
      DBClusterInstanceClass: db.m6gd.large
      AllocatedStorage: 100
      Iops: 1000
      StorageType: io1
`,
      findings: [{ messageId: 'defaultVpc', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest', message: 'DB cluster Db' }],
    },
    {
      name: 'multi-AZ DB cluster explicitly public',
      yaml: `
Resources:
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: mysql
      DBClusterInstanceClass: db.m6gd.large
      DBSubnetGroupName: private
      PubliclyAccessible: 'true'
`,
      findings: [{ messageId: 'public', path: [...P, 'PubliclyAccessible'], severity: 'error', fix: 'suggest' }],
    },
  ],
});

test('rds-public-access: a resource marked phi: false is out of scope', () => {
  const yaml = `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      DBInstanceClass: db.t3.micro
      Engine: postgres
      PubliclyAccessible: true
`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'rds-public-access');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope, 'finding is marked out of scope');
});
