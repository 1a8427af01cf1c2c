import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const p = (id: string, ...rest: string[]) => ['Resources', id, 'Properties', ...rest];

const SUBNET = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Sub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
`;

ruleTester('vpc-default-vpc-placement', {
  valid: [
    {
      name: 'instance with SubnetId, security group with VpcId',
      yaml: `Resources:${SUBNET}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Sub
`,
    },
    {
      name: 'peer mistake: cdk-nag/guard EC2InstancesInVPC ignore NetworkInterfaces[*].SubnetId',
      yaml: `Resources:${SUBNET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces:
        - DeviceIndex: '0'
          SubnetId: !Ref Sub
`,
    },
    {
      name: 'instance placed by its launch template (in the template, by Ref and by name)',
      yaml: `Resources:${SUBNET}
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: app-lt
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            SubnetId: !Ref Sub
  A:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Lt
        Version: !GetAtt Lt.LatestVersionNumber
  B:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateName: app-lt
        Version: '1'
`,
    },
    {
      name: 'subnet group and subnets from parameters and imports',
      yaml: `Parameters:
  DbSubnetGroup:
    Type: String
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: !Ref DbSubnetGroup
  Emr:
    Type: AWS::EMR::Cluster
    Properties:
      Name: e
      ReleaseLabel: emr-6.15.0
      JobFlowRole: r
      ServiceRole: s
      Instances:
        Ec2SubnetIds: [!ImportValue private-subnet-a]
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '2'
      VPCZoneIdentifier: !Split [',', !ImportValue private-subnets]
`,
    },
    {
      name: 'Aurora member and read replica are placed by their cluster or source',
      yaml: `Resources:
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: my-cluster
      DBInstanceClass: db.r6g.large
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      SourceDBInstanceIdentifier: arn:aws:rds:us-east-1:111122223333:db:primary
      DBInstanceClass: db.r6g.large
`,
    },
    {
      name: 'publicly accessible MQ broker (a public endpoint, not the default VPC: another rule)',
      yaml: `Resources:
  Mq:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: mq
      EngineType: RabbitMQ
      DeploymentMode: CLUSTER_MULTI_AZ
      PubliclyAccessible: true
`,
    },
  ],
  invalid: [
    {
      name: 'RDS instance with no DBSubnetGroupName (absent: default VPC)',
      yaml: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
`,
      findings: [
        {
          messageId: 'dataStore',
          path: p('Db', 'DBSubnetGroupName'),
          severity: 'error',
          fix: 'none',
          message: "RDS DB instance Db sets no DBSubnetGroupName: it would be placed in the account's default VPC (which has public subnets and an internet gateway). Give it a subnet group of private subnets in your own VPC.",
        },
      ],
    },
    {
      name: 'EC2 instance and Auto Scaling group with no subnets, security group with no VpcId',
      yaml: `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SecurityGroups: [!Ref Sg]
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '2'
      AvailabilityZones: !GetAZs ''
`,
      findings: [
        { messageId: 'securityGroup', path: p('Sg', 'VpcId'), severity: 'warning' },
        { messageId: 'compute', path: p('Web', 'SubnetId'), severity: 'error' },
        { messageId: 'compute', path: p('Asg', 'VPCZoneIdentifier'), severity: 'error' },
      ],
    },
    {
      name: 'instance with a network interface that names no subnet',
      yaml: `Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces:
        - DeviceIndex: '0'
          AssociatePublicIpAddress: false
`,
      findings: [{ messageId: 'compute', path: p('Web', 'SubnetId'), severity: 'error' }],
    },
    {
      name: 'instance whose template launch template names no subnet',
      yaml: `Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        InstanceType: t3.micro
  Web:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Lt
        Version: !GetAtt Lt.LatestVersionNumber
`,
      findings: [{ messageId: 'compute', path: p('Web', 'SubnetId'), severity: 'error' }],
    },
    {
      name: 'instance with a launch template from elsewhere: unverifiable',
      yaml: `Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateName: shared-lt
        Version: '3'
`,
      findings: [{ messageId: 'unverifiable', path: p('Web', 'LaunchTemplate', 'LaunchTemplateName'), severity: 'info' }],
    },
    {
      name: 'Fn::If removes the subnet group in one branch',
      yaml: `Parameters:
  Env:
    Type: String
    AllowedValues: [prod, dev]
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: c
      CacheSubnetGroupName: !If [Prod, my-subnets, !Ref AWS::NoValue]
`,
      findings: [{ messageId: 'dataStore', path: [...p('Cache', 'CacheSubnetGroupName'), 'Fn::If', 2], severity: 'error' }],
    },
    {
      name: 'data stores with no subnet group: Aurora, DocumentDB, Neptune, Redshift, DMS, MemoryDB, MQ, EMR, CacheCluster',
      yaml: `Resources:
  Aurora:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
  Doc:
    Type: AWS::DocDB::DBCluster
    Properties:
      StorageEncrypted: true
  Nep:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
  Rs:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: d
      MasterUsername: u
  Dms:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
  Mem:
    Type: AWS::MemoryDB::Cluster
    Properties:
      ClusterName: m
      NodeType: db.t4g.small
      ACLName: open-access
  Mq:
    Type: AWS::AmazonMQ::Broker
    Properties:
      BrokerName: mq
  Emr:
    Type: AWS::EMR::Cluster
    Properties:
      Name: e
      ReleaseLabel: emr-6.15.0
      JobFlowRole: r
      ServiceRole: s
      Instances:
        KeepJobFlowAliveWhenNoSteps: true
  Serverless:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      Engine: valkey
      ServerlessCacheName: s
  Cc:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      CacheNodeType: cache.t3.micro
      Engine: redis
      NumCacheNodes: 1
`,
      findings: [
        { messageId: 'dataStore', path: p('Aurora', 'DBSubnetGroupName'), severity: 'error' },
        { messageId: 'dataStore', path: p('Doc', 'DBSubnetGroupName'), severity: 'error' },
        { messageId: 'dataStore', path: p('Nep', 'DBSubnetGroupName'), severity: 'error' },
        { messageId: 'dataStore', path: p('Rs', 'ClusterSubnetGroupName'), severity: 'error' },
        { messageId: 'dataStore', path: p('Dms', 'ReplicationSubnetGroupIdentifier'), severity: 'error' },
        { messageId: 'dataStore', path: p('Mem', 'SubnetGroupName'), severity: 'error' },
        { messageId: 'dataStore', path: p('Mq', 'SubnetIds'), severity: 'error' },
        { messageId: 'dataStore', path: p('Emr', 'Instances', 'Ec2SubnetId'), severity: 'error' },
        { messageId: 'dataStore', path: p('Serverless', 'SubnetIds'), severity: 'error' },
        { messageId: 'dataStore', path: p('Cc', 'CacheSubnetGroupName'), severity: 'error' },
      ],
    },
    {
      name: 'SageMaker notebook with no SubnetId runs in an AWS-managed network',
      yaml: `Resources:
  Nb:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/nb
`,
      findings: [{ messageId: 'notebook', path: p('Nb', 'SubnetId'), severity: 'warning' }],
    },
  ],
});

test('vpc-default-vpc-placement: a resource marked phi: false is out of scope', () => {
  const text = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
`;
  const f = lintText(text, 'yaml').findings.filter((x) => x.ruleId === 'vpc-default-vpc-placement');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
