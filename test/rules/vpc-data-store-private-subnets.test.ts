import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const ID = 'vpc-data-store-private-subnets';

/** A VPC with a private subnet (Priv), a public subnet (Pub: default route to the IGW) and an auto-public subnet (Auto). */
const NET = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties:
      Type: ipsec.1
  Priv:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Pub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
  Auto:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.3.0/24
      MapPublicIpOnLaunch: true
  PrivRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PubRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  PrivAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Priv
      RouteTableId: !Ref PrivRt
  PubAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Pub
      RouteTableId: !Ref PubRt
  PubDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PubRt
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  PrivVpn:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivRt
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Vgw
`;

const group = (subnets: string) => `
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: ${subnets}
`;

const db = (extra = '') => `
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: !Ref DbSubnets${extra}
`;

const DB_PATH = ['Resources', 'Db', 'Properties', 'DBSubnetGroupName'];

ruleTester('vpc-data-store-private-subnets', {
  valid: [
    { name: 'RDS instance in a private subnet group', yaml: `Resources:${NET}${group('[!Ref Priv]')}${db()}` },
    {
      name: 'peer mistake: a default route to a virtual private gateway (GatewayId) is not an internet gateway',
      yaml: `Resources:${NET}${group('[!Ref Priv]')}${db()}`,
    },
    {
      name: 'egress-only internet gateway route is outbound only',
      yaml: `Resources:${NET}
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties:
      VpcId: !Ref Vpc
  PrivV6:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivRt
      DestinationIpv6CidrBlock: ::/0
      EgressOnlyInternetGatewayId: !Ref Eigw
${group('[!Ref Priv]')}${db()}`,
    },
    { name: 'subnet without association uses the main route table: no finding from routes', yaml: `Resources:${NET}
  Lone:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.9.0/24
${group('[!Ref Lone]')}${db()}` },
    {
      name: 'subnets from a parameter are not judged',
      yaml: `Parameters:
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Resources:${group('!Ref Subnets')}${db()}`,
    },
    { name: 'subnet group from another stack (literal name) is not judged', yaml: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: shared-db-subnets
` },
    { name: 'no subnet group at all is the default-VPC rule\'s finding', yaml: `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
` },
    {
      name: 'EFS mount target in a private subnet (GetAtt of nothing: Ref)',
      yaml: `Resources:${NET}
  Fs:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
  Mt:
    Type: AWS::EFS::MountTarget
    Properties:
      FileSystemId: !Ref Fs
      SubnetId: !Ref Priv
      SecurityGroups: [sg-0123456789abcdef0]
`,
    },
    {
      name: 'subnets out of the template\'s reach (literal ids) are not judged',
      yaml: `Resources:
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      SubnetIds: [subnet-0123456789abcdef0]
`,
    },
  ],
  invalid: [
    {
      name: 'Aurora member is judged through its cluster (one finding, on the cluster)',
      yaml: `Resources:${NET}${group('[!Ref Pub]')}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      DBSubnetGroupName: !Ref DbSubnets
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
      DBSubnetGroupName: !Ref DbSubnets
`,
      findings: [{ messageId: 'publicSubnet', path: ['Resources', 'Cluster', 'Properties', 'DBSubnetGroupName'], severity: 'error' }],
    },
    {
      name: 'RDS instance in a subnet group with a subnet routed to an internet gateway',
      yaml: `Resources:${NET}${group('[!Ref Priv, !Ref Pub]')}${db()}`,
      findings: [{ messageId: 'publicSubnet', path: DB_PATH, severity: 'error', fix: 'none', message: 'RDS DB instance Db is placed in public subnets through DBSubnetGroupName (subnet group DbSubnets): Pub (route table PubRt has a default route (PubDefault) to internet gateway Igw). Keep PHI data stores in private subnets (no public IP on launch, no default route to an internet gateway).' }],
    },
    {
      name: 'subnet with MapPublicIpOnLaunch true',
      yaml: `Resources:${NET}${group('[!Ref Auto]')}${db()}`,
      findings: [{ messageId: 'publicSubnet', path: DB_PATH, severity: 'error' }],
    },
    {
      name: 'MapPublicIpOnLaunch as the string "true" from a parameter default',
      yaml: `Parameters:
  AutoIp:
    Type: String
    Default: 'true'
Resources:${NET.replace('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: !Ref AutoIp')}${group('[!Ref Auto]')}${db()}`,
      findings: [{ messageId: 'publicSubnet', path: DB_PATH, severity: 'error' }],
    },
    {
      name: 'route by GetAtt to the subnet and a literal igw id, IPv6 default route',
      yaml: `Resources:${NET}
  Other:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.4.0/24
  OtherRt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  OtherAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !GetAtt Other.SubnetId
      RouteTableId: !GetAtt OtherRt.RouteTableId
  OtherV6:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref OtherRt
      DestinationIpv6CidrBlock: ::/0
      GatewayId: igw-0123456789abcdef0
  Cache:
    Type: AWS::ElastiCache::SubnetGroup
    Properties:
      Description: cache
      SubnetIds: [!Ref Other]
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: redis
      CacheSubnetGroupName: !Ref Cache
`,
      findings: [{ messageId: 'publicSubnet', path: ['Resources', 'Redis', 'Properties', 'CacheSubnetGroupName'], severity: 'error' }],
    },
    {
      name: 'subnet group by its literal name',
      yaml: `Resources:${NET}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupName: phi-db
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref Pub]
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBSubnetGroupName: phi-db
`,
      findings: [{ messageId: 'publicSubnet', path: ['Resources', 'Db', 'Properties', 'DBSubnetGroupName'], severity: 'error' }],
    },
    {
      name: 'Fn::If: only the branch with the public subnet',
      yaml: `Conditions:
  Prod: !Equals [!Ref AWS::Region, us-east-1]
Resources:${NET}${group('!If [Prod, [!Ref Priv], [!Ref Pub]]')}${db()}`,
      findings: [{ messageId: 'publicSubnet', path: DB_PATH, severity: 'error' }],
    },
    {
      name: 'EMR cluster subnet (emr-master-no-public-ip)',
      yaml: `Resources:${NET}
  Emr:
    Type: AWS::EMR::Cluster
    Properties:
      Name: emr
      ReleaseLabel: emr-6.15.0
      JobFlowRole: EMR_EC2_DefaultRole
      ServiceRole: EMR_DefaultRole
      Instances:
        Ec2SubnetId: !Ref Auto
`,
      findings: [{ messageId: 'publicSubnet', path: ['Resources', 'Emr', 'Properties', 'Instances', 'Ec2SubnetId'], severity: 'error' }],
    },
    {
      name: 'OpenSearch, MSK and MQ subnet lists',
      yaml: `Resources:${NET}
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      VPCOptions:
        SubnetIds: [!Ref Priv, !Ref Pub]
  Kafka:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: k
      KafkaVersion: 3.5.1
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [!Ref Auto, !Ref Priv]
  Broker:
    Type: AWS::AmazonMQ::Broker
    Properties:
      SubnetIds: [!Ref Pub]
`,
      findings: [
        { messageId: 'publicSubnet', path: ['Resources', 'Search', 'Properties', 'VPCOptions', 'SubnetIds'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Kafka', 'Properties', 'BrokerNodeGroupInfo', 'ClientSubnets'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Broker', 'Properties', 'SubnetIds'], severity: 'error' },
      ],
    },
    {
      name: 'Redshift, DMS, DocumentDB, MemoryDB subnet groups',
      yaml: `Resources:${NET}
  RsGroup:
    Type: AWS::Redshift::ClusterSubnetGroup
    Properties:
      Description: rs
      SubnetIds: [!Ref Pub]
  Rs:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: d
      MasterUsername: u
      ClusterSubnetGroupName: !Ref RsGroup
  DmsGroup:
    Type: AWS::DMS::ReplicationSubnetGroup
    Properties:
      ReplicationSubnetGroupDescription: dms
      SubnetIds: [!Ref Auto]
  Dms:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      ReplicationSubnetGroupIdentifier: !Ref DmsGroup
  DocGroup:
    Type: AWS::DocDB::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: doc
      SubnetIds: [!Ref Pub]
  Doc:
    Type: AWS::DocDB::DBCluster
    Properties:
      DBSubnetGroupName: !Ref DocGroup
  MemGroup:
    Type: AWS::MemoryDB::SubnetGroup
    Properties:
      SubnetGroupName: mem
      SubnetIds: [!Ref Pub]
  Mem:
    Type: AWS::MemoryDB::Cluster
    Properties:
      ClusterName: mem
      NodeType: db.t4g.small
      ACLName: open-access
      SubnetGroupName: mem
`,
      findings: [
        { messageId: 'publicSubnet', path: ['Resources', 'Rs', 'Properties', 'ClusterSubnetGroupName'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Dms', 'Properties', 'ReplicationSubnetGroupIdentifier'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Doc', 'Properties', 'DBSubnetGroupName'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Mem', 'Properties', 'SubnetGroupName'], severity: 'error' },
      ],
    },
    {
      name: 'DAX subnet group, ElastiCache serverless, Redshift Serverless and DocumentDB elastic subnet lists',
      yaml: `Resources:${NET}
  DaxGroup:
    Type: AWS::DAX::SubnetGroup
    Properties:
      SubnetIds: [!Ref Pub]
  Dax:
    Type: AWS::DAX::Cluster
    Properties:
      IAMRoleARN: arn:aws:iam::111122223333:role/dax
      NodeType: dax.t3.small
      ReplicationFactor: 1
      SubnetGroupName: !Ref DaxGroup
  Serverless:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      Engine: redis
      ServerlessCacheName: s
      SubnetIds: [!Ref Auto]
  Wg:
    Type: AWS::RedshiftServerless::Workgroup
    Properties:
      WorkgroupName: wg
      SubnetIds: [!Ref Pub]
  Elastic:
    Type: AWS::DocDBElastic::Cluster
    Properties:
      ClusterName: e
      AdminUserName: u
      AuthType: SECRET_ARN
      ShardCapacity: 2
      ShardCount: 1
      SubnetIds: [!Ref Auto]
`,
      findings: [
        { messageId: 'publicSubnet', path: ['Resources', 'Dax', 'Properties', 'SubnetGroupName'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Serverless', 'Properties', 'SubnetIds'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Wg', 'Properties', 'SubnetIds'], severity: 'error' },
        { messageId: 'publicSubnet', path: ['Resources', 'Elastic', 'Properties', 'SubnetIds'], severity: 'error' },
      ],
    },
    {
      name: 'template subnet with MapPublicIpOnLaunch from a parameter without Default: unverifiable once',
      yaml: `Parameters:
  AutoIp:
    Type: String
Resources:${NET.replace('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: !Ref AutoIp')}${group('[!Ref Auto, !Ref Priv]')}${db()}`,
      findings: [{ messageId: 'unverifiable', path: DB_PATH, severity: 'info' }],
    },
    {
      name: 'route table imported from another stack: unverifiable',
      yaml: `Resources:${NET}
  Imp:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref Priv
      RouteTableId: !ImportValue shared-rt
${group('[!Ref Priv]')}${db()}`,
      findings: [{ messageId: 'unverifiable', path: DB_PATH, severity: 'info' }],
    },
  ],
});

test(`${ID}: a data store marked phi: false is out of scope`, () => {
  const text = `Metadata:
  cfn-hipaa:
    phi: false
Resources:${NET}${group('[!Ref Pub]')}${db()}`;
  const f = lintText(text, 'yaml').findings.filter((x) => x.ruleId === ID);
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
