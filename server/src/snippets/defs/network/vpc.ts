/** VPC with public and private subnets in two Availability Zones, NAT gateways, flow logs, a closed default security group. */
import type { JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import { KEY_COMPANION, PHI_KEY, getAtt, logGroup, ref, retentionTab, sub } from './common';

const az = (i: number): JsonObject => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] });
const nameTag = (suffix: string): JsonObject[] => [{ Key: 'Name', Value: sub(`\${AWS::StackName}-${suffix}`) }];

/** Python for the custom resource that removes every rule of the VPC's default security group. */
const RESTRICT_DEFAULT_SG_CODE = [
  'import boto3',
  'import cfnresponse',
  '',
  'def handler(event, context):',
  '    try:',
  "        if event['RequestType'] in ('Create', 'Update'):",
  "            ec2 = boto3.client('ec2')",
  "            group_id = event['ResourceProperties']['DefaultSecurityGroupId']",
  "            group = ec2.describe_security_groups(GroupIds=[group_id])['SecurityGroups'][0]",
  "            if group['IpPermissions']:",
  "                ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=group['IpPermissions'])",
  "            if group['IpPermissionsEgress']:",
  "                ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=group['IpPermissionsEgress'])",
  '        cfnresponse.send(event, context, cfnresponse.SUCCESS, {})',
  '    except Exception as error:',
  "        cfnresponse.send(event, context, cfnresponse.FAILED, {'Error': str(error)})",
  '',
].join('\n');

export function vpcResources(vpc: string, cidrs: { vpc: string; publicA: string; publicB: string; privateA: string; privateB: string }, retention: string): Record<string, JsonObject> {
  const r: Record<string, JsonObject> = {};
  r[vpc] = {
    Type: 'AWS::EC2::VPC',
    Properties: { CidrBlock: cidrs.vpc, EnableDnsSupport: true, EnableDnsHostnames: true, Tags: nameTag('vpc') },
  };
  r.InternetGateway = { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: nameTag('igw') } };
  r.InternetGatewayAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref(vpc), InternetGatewayId: ref('InternetGateway') } };
  r.PublicRouteTable = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(vpc), Tags: nameTag('public') } };
  r.PublicDefaultRoute = {
    Type: 'AWS::EC2::Route',
    DependsOn: 'InternetGatewayAttachment',
    Properties: { RouteTableId: ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('InternetGateway') },
  };
  for (const [i, x] of [[0, 'A'], [1, 'B']] as const) {
    r[`PublicSubnet${x}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref(vpc), AvailabilityZone: az(i), CidrBlock: x === 'A' ? cidrs.publicA : cidrs.publicB, MapPublicIpOnLaunch: false, Tags: nameTag(`public-${x.toLowerCase()}`) },
    };
    r[`PublicSubnet${x}RouteTableAssociation`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`PublicSubnet${x}`), RouteTableId: ref('PublicRouteTable') },
    };
    r[`NatEip${x}`] = { Type: 'AWS::EC2::EIP', DependsOn: 'InternetGatewayAttachment', Properties: { Domain: 'vpc', Tags: nameTag(`nat-${x.toLowerCase()}`) } };
    r[`NatGateway${x}`] = {
      Type: 'AWS::EC2::NatGateway',
      Properties: { AllocationId: getAtt(`NatEip${x}`, 'AllocationId'), SubnetId: ref(`PublicSubnet${x}`), Tags: nameTag(`nat-${x.toLowerCase()}`) },
    };
    r[`PrivateSubnet${x}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref(vpc), AvailabilityZone: az(i), CidrBlock: x === 'A' ? cidrs.privateA : cidrs.privateB, MapPublicIpOnLaunch: false, Tags: nameTag(`private-${x.toLowerCase()}`) },
    };
    r[`PrivateRouteTable${x}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(vpc), Tags: nameTag(`private-${x.toLowerCase()}`) } };
    r[`PrivateDefaultRoute${x}`] = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: ref(`PrivateRouteTable${x}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`NatGateway${x}`) },
    };
    r[`PrivateSubnet${x}RouteTableAssociation`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`PrivateSubnet${x}`), RouteTableId: ref(`PrivateRouteTable${x}`) },
    };
  }
  r.FlowLogGroup = logGroup(sub('/vpc/${AWS::StackName}/flow-logs'), retention);
  r.FlowLogRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': sub('${AWS::AccountId}') } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'DeliverFlowLogs',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: getAtt('FlowLogGroup', 'Arn') },
            ],
          },
        },
      ],
    },
  };
  r.FlowLog = {
    Type: 'AWS::EC2::FlowLog',
    Properties: {
      ResourceId: ref(vpc),
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: ref('FlowLogGroup'),
      DeliverLogsPermissionArn: getAtt('FlowLogRole', 'Arn'),
      MaxAggregationInterval: 60,
    },
  };
  // The default security group allows all traffic between its members: remove its rules.
  r.RestrictDefaultSecurityGroupFunctionSecurityGroup = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Custom resource that closes the default security group: HTTPS outbound only',
      VpcId: ref(vpc),
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'EC2 API and CloudFormation response' }],
    },
  };
  r.RestrictDefaultSecurityGroupFunctionLogs = logGroup(sub('/aws/lambda/${AWS::StackName}-restrict-default-sg'), retention);
  r.RestrictDefaultSecurityGroupFunctionRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')],
      Policies: [
        {
          PolicyName: 'CloseDefaultSecurityGroup',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'ec2:DescribeSecurityGroups', Resource: '*' },
              {
                Effect: 'Allow',
                Action: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
                Resource: sub(`arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:security-group/\${${vpc}.DefaultSecurityGroup}`),
              },
            ],
          },
        },
      ],
    },
  };
  r.RestrictDefaultSecurityGroupFunction = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Description: 'Removes every rule of the default security group of the VPC',
      Runtime: 'python3.12',
      Handler: 'index.handler',
      Timeout: 60,
      Role: getAtt('RestrictDefaultSecurityGroupFunctionRole', 'Arn'),
      Code: { ZipFile: RESTRICT_DEFAULT_SG_CODE },
      VpcConfig: {
        SubnetIds: [ref('PrivateSubnetA'), ref('PrivateSubnetB')],
        SecurityGroupIds: [ref('RestrictDefaultSecurityGroupFunctionSecurityGroup')],
      },
      LoggingConfig: { LogGroup: ref('RestrictDefaultSecurityGroupFunctionLogs') },
    },
  };
  r.RestrictDefaultSecurityGroup = {
    Type: 'Custom::VpcRestrictDefaultSG',
    // The function reaches the EC2 API and CloudFormation through the NAT gateways.
    DependsOn: ['PrivateDefaultRouteA', 'PrivateDefaultRouteB', 'PrivateSubnetARouteTableAssociation', 'PrivateSubnetBRouteTableAssociation'],
    Properties: {
      ServiceToken: getAtt('RestrictDefaultSecurityGroupFunction', 'Arn'),
      DefaultSecurityGroupId: getAtt(vpc, 'DefaultSecurityGroup'),
    },
  };
  return r;
}

export const VPC_SNIPPET: SnippetDef = {
  prefix: 'hipaa-vpc',
  title: 'HIPAA VPC (public and private subnets in two AZs, NAT gateways, encrypted flow logs, closed default security group)',
  compliance: [
    'Private subnets for applications and data stores, reaching the internet only through NAT gateways; no subnet assigns public IPs: network isolation (45 CFR 164.312(e)(1), 164.312(a)(1))',
    'Flow logs of ALL traffic to a log group encrypted with a customer managed KMS key (PhiKey) and retained six years: audit controls (45 CFR 164.312(b), 164.308(a)(1)(ii)(D))',
    'Default security group emptied by a custom resource (Custom::VpcRestrictDefaultSG), as the CDK does: no implicit allow-all between resources (45 CFR 164.312(a)(1))',
    'NAT gateway per Availability Zone: contingency, availability (45 CFR 164.308(a)(7))',
  ],
  resources: {
    ...vpcResources(
      '{{1:Vpc}}',
      { vpc: '{{2:10.0.0.0/16}}', publicA: '{{3:10.0.0.0/24}}', publicB: '{{4:10.0.1.0/24}}', privateA: '{{5:10.0.10.0/24}}', privateB: '{{6:10.0.11.0/24}}' },
      retentionTab(7),
    ),
    PhiKey: PHI_KEY,
  },
  companions: [KEY_COMPANION],
};
