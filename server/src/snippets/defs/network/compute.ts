/** Lambda function in a VPC, EC2 launch template, app-tier security group. */
import type { JsonObject } from '../../../engine/types';
import type { SnippetDef } from '../../types';
import { KEY_COMPANION, PHI_KEY, getAtt, logGroup, ref, retentionTab, sub } from './common';

/** Python runtimes only: the inline default handler is Python. */
export const LAMBDA_RUNTIMES = 'python3.12,python3.13';
export const INSTANCE_TYPES = 'm7i.large,m7g.large,c7i.large,r7i.large,t3.medium';
export const LATEST_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

const assumeRole = (service: string): JsonObject => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

export const LAMBDA_SNIPPET: SnippetDef = {
  prefix: 'hipaa-lambda',
  title: 'HIPAA Lambda function (in a VPC, environment encrypted with a KMS key, encrypted logs)',
  compliance: [
    'Runs in private subnets of your VPC with its own security group: network isolation, access control (45 CFR 164.312(a)(1), 164.312(e)(1))',
    'Environment variables encrypted with a customer managed KMS key (PhiKey): encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Logs to a log group encrypted with PhiKey and retained six years; X-Ray tracing: audit controls (45 CFR 164.312(b))',
    'Execution role limited to VPC networking, its log group and decrypting with PhiKey: minimum necessary access (45 CFR 164.308(a)(4), 164.312(a)(1))',
  ],
  parameters: {
    '{{1:VpcId}}': { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the function' },
    '{{2:PrivateSubnetIds}}': { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Private subnets (with a NAT gateway or VPC endpoints) for the function' },
  },
  resources: {
    '{{3:Function}}SecurityGroup': {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Lambda function: no inbound, HTTPS outbound',
        VpcId: ref('{{1:VpcId}}'),
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS APIs' }],
      },
    },
    '{{3:Function}}Logs': logGroup('/aws/lambda/{{4:phi-function}}', retentionTab(5)),
    '{{3:Function}}Role': {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumeRole('lambda.amazonaws.com'),
        ManagedPolicyArns: [
          sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'),
          sub('arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess'),
        ],
        Policies: [
          {
            PolicyName: 'DecryptEnvironment',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: getAtt('PhiKey', 'Arn') }],
            },
          },
        ],
      },
    },
    '{{3:Function}}': {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: '{{4:phi-function}}',
        Description: '{{6:Processes PHI inside the VPC}}',
        Runtime: `{{7|${LAMBDA_RUNTIMES}|}}`,
        Handler: 'index.handler',
        Role: getAtt('{{3:Function}}Role', 'Arn'),
        MemorySize: 512,
        Timeout: 30,
        Architectures: ['x86_64'],
        Code: { ZipFile: '{{8:def handler(event, context):\n    return \"ok\"\n}}' },
        Environment: { Variables: { LOG_LEVEL: 'INFO' } },
        KmsKeyArn: getAtt('PhiKey', 'Arn'),
        VpcConfig: { SubnetIds: ref('{{2:PrivateSubnetIds}}'), SecurityGroupIds: [ref('{{3:Function}}SecurityGroup')] },
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: ref('{{3:Function}}Logs'), LogFormat: 'JSON' },
      },
    },
    PhiKey: PHI_KEY,
  },
  companions: [KEY_COMPANION],
};

export const LAUNCH_TEMPLATE_SNIPPET: SnippetDef = {
  prefix: 'hipaa-launch-template',
  title: 'HIPAA EC2 launch template (encrypted EBS with a KMS key, IMDSv2 only, no public IP, SSM access)',
  compliance: [
    'Root volume encrypted with a customer managed KMS key (PhiKey): encryption at rest (45 CFR 164.312(a)(2)(iv))',
    'Instance metadata service v2 only (HttpTokens required, hop limit 1): credentials cannot be stolen through SSRF (45 CFR 164.312(a)(1))',
    'No public IP address on the network interface: instances live in private subnets (45 CFR 164.312(e)(1))',
    'Administration through Systems Manager Session Manager (audited, no SSH port): access control and audit (45 CFR 164.312(a)(1), 164.312(b))',
    'Detailed monitoring on (45 CFR 164.308(a)(1)(ii)(D) information system activity review)',
  ],
  parameters: {
    '{{1:AppSecurityGroupId}}': { Type: 'AWS::EC2::SecurityGroup::Id', Description: 'Security group of the instances (see hipaa-security-group)' },
    '{{2:ImageId}}': { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: LATEST_AL2023, Description: 'AMI of the instances' },
  },
  resources: {
    '{{3:AppLaunchTemplate}}Role': {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: assumeRole('ec2.amazonaws.com'),
        ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore')],
      },
    },
    '{{3:AppLaunchTemplate}}Profile': {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { Roles: [ref('{{3:AppLaunchTemplate}}Role')] },
    },
    '{{3:AppLaunchTemplate}}': {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          ImageId: ref('{{2:ImageId}}'),
          InstanceType: `{{4|${INSTANCE_TYPES}|}}`,
          IamInstanceProfile: { Arn: getAtt('{{3:AppLaunchTemplate}}Profile', 'Arn') },
          Monitoring: { Enabled: true },
          EbsOptimized: true,
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
          NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [ref('{{1:AppSecurityGroupId}}')], DeleteOnTermination: true }],
          BlockDeviceMappings: [
            {
              DeviceName: '/dev/xvda',
              Ebs: { VolumeType: 'gp3', VolumeSize: '{{5:30}}', Encrypted: true, KmsKeyId: getAtt('PhiKey', 'Arn'), DeleteOnTermination: true },
            },
          ],
          TagSpecifications: [
            { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: '{{6:phi-app}}' }] },
            { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: '{{6:phi-app}}' }] },
          ],
        },
      },
    },
    PhiKey: PHI_KEY,
  },
  companions: [KEY_COMPANION],
};

export const SECURITY_GROUP_SNIPPET: SnippetDef = {
  prefix: 'hipaa-security-group',
  title: 'HIPAA app-tier security group (HTTPS from the load balancer only)',
  compliance: [
    'Inbound only from the load balancer security group, on the HTTPS port: no port open to the internet, no administration port (45 CFR 164.312(a)(1), 164.312(e)(1))',
    'Outbound HTTPS and the database port only: minimum necessary network access (45 CFR 164.308(a)(4))',
  ],
  parameters: {
    '{{1:VpcId}}': { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the application tier' },
    '{{2:LoadBalancerSecurityGroupId}}': { Type: 'AWS::EC2::SecurityGroup::Id', Description: 'Security group of the load balancer in front of the app' },
    '{{3:VpcCidr}}': { Type: 'String', Default: '10.0.0.0/16', AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$', Description: 'CIDR of the VPC (database traffic stays inside it)' },
  },
  resources: {
    '{{4:AppSecurityGroup}}': {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: '{{5:App tier: HTTPS from the load balancer only}}',
        VpcId: ref('{{1:VpcId}}'),
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: '{{6:443}}', ToPort: '{{6:443}}', SourceSecurityGroupId: ref('{{2:LoadBalancerSecurityGroupId}}'), Description: 'HTTPS from the load balancer' },
        ],
        SecurityGroupEgress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS APIs and updates' },
          { IpProtocol: 'tcp', FromPort: '{{7:5432}}', ToPort: '{{7:5432}}', CidrIp: ref('{{3:VpcCidr}}'), Description: 'Database inside the VPC' },
        ],
        Tags: [{ Key: 'Name', Value: '{{8:app-tier}}' }],
      },
    },
  },
};
