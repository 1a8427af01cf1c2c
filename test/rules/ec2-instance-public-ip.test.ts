import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const p = (id: string, ...rest: (string | number)[]) => ['Resources', id, 'Properties', ...rest];

const NET = `
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Priv:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Auto:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      MapPublicIpOnLaunch: true
`;

ruleTester('ec2-instance-public-ip', {
  valid: [
    {
      name: 'instance in a subnet without MapPublicIpOnLaunch',
      yaml: `Resources:${NET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Priv
`,
    },
    {
      name: 'instance in an auto-public subnet whose primary interface says AssociatePublicIpAddress: false',
      yaml: `Resources:${NET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces:
        - DeviceIndex: '0'
          SubnetId: !Ref Auto
          AssociatePublicIpAddress: 'false'
`,
    },
    {
      name: 'launch template and launch configuration with AssociatePublicIpAddress false',
      yaml: `Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: false
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      AssociatePublicIpAddress: false
`,
    },
    {
      name: 'subnets outside the template are not judged',
      yaml: `Parameters:
  SubnetId:
    Type: AWS::EC2::Subnet::Id
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref SubnetId
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      LaunchConfigurationName: !Ref Lc
      VPCZoneIdentifier: [subnet-0123456789abcdef0]
`,
    },
    {
      name: 'NAT instances need their public address (SourceDestCheck false, a route to the instance, user data turning the check off)',
      yaml: `Resources:${NET}
  Nat:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SourceDestCheck: false
      NetworkInterfaces:
        - DeviceIndex: '0'
          SubnetId: !Ref Auto
          AssociatePublicIpAddress: true
  Router:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Auto
  Rt:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  ViaRouter:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Rt
      DestinationCidrBlock: 0.0.0.0/0
      InstanceId: !Ref Router
  NatLt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: true
        UserData: !Base64 |
          #!/bin/bash
          aws ec2 modify-instance-attribute --instance-id $ID --source-dest-check "{\\"Value\\": false}"
`,
    },
    {
      name: 'launch template that opts out, used by a group in an auto-public subnet',
      yaml: `Resources:${NET}
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: false
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      LaunchTemplate:
        LaunchTemplateId: !Ref Lt
        Version: !GetAtt Lt.LatestVersionNumber
      VPCZoneIdentifier: [!Ref Auto]
`,
    },
  ],
  invalid: [
    {
      name: 'instance network interface with AssociatePublicIpAddress true (suggestion: replaces the instance)',
      yaml: `Resources:${NET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces:
        - DeviceIndex: '0'
          SubnetId: !Ref Priv
          AssociatePublicIpAddress: true
`,
      findings: [{ messageId: 'associatePublicIp', path: p('Web', 'NetworkInterfaces', 0, 'AssociatePublicIpAddress'), severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'peer mistake: cdk-nag/Config/Guard/checkov do not resolve the subnet (instance SubnetId in an auto-public subnet)',
      yaml: `Resources:${NET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Auto
`,
      findings: [
        {
          messageId: 'subnetPublicIp',
          path: p('Web', 'SubnetId'),
          severity: 'error',
          fix: 'none',
          message: 'EC2 instance Web is launched in subnet Auto, which sets MapPublicIpOnLaunch: true, and its primary network interface does not set AssociatePublicIpAddress: false: it gets a public IP address. Use a private subnet, or a network interface with AssociatePublicIpAddress: false.',
        },
      ],
    },
    {
      name: 'peer mistake: cdk-nag/Guard ignore NetworkInterfaces[*].SubnetId (the interface subnet counts, by GetAtt)',
      yaml: `Resources:${NET}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces:
        - DeviceIndex: 0
          SubnetId: !GetAtt Auto.SubnetId
`,
      findings: [{ messageId: 'subnetPublicIp', path: p('Web', 'NetworkInterfaces', 0, 'SubnetId'), severity: 'error' }],
    },
    {
      name: 'launch template: safe fix writes a new version',
      yaml: `Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: true
`,
      findings: [{ messageId: 'associatePublicIp', path: p('Lt', 'LaunchTemplateData', 'NetworkInterfaces', 0, 'AssociatePublicIpAddress'), severity: 'error', fix: 'safe' }],
      output: `Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: false
`,
    },
    {
      name: 'launch configuration with AssociatePublicIpAddress from a parameter default',
      yaml: `Parameters:
  PublicIp:
    Type: String
    Default: 'true'
    AllowedValues: ['true', 'false']
Resources:
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      AssociatePublicIpAddress: !Ref PublicIp
`,
      findings: [{ messageId: 'associatePublicIp', path: p('Lc', 'AssociatePublicIpAddress'), severity: 'error', fix: 'safe' }],
    },
    {
      name: 'launch configuration Fn::If: only the true branch',
      yaml: `Conditions:
  Dev: !Equals [!Ref AWS::Region, us-west-2]
Resources:
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      AssociatePublicIpAddress: !If [Dev, true, false]
`,
      findings: [{ messageId: 'associatePublicIp', path: p('Lc', 'AssociatePublicIpAddress', 'Fn::If', 1), severity: 'error', fix: 'safe' }],
    },
    {
      name: 'launch configuration from an import: unverifiable',
      yaml: `Resources:
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      AssociatePublicIpAddress: !ImportValue public-ip-setting
`,
      findings: [{ messageId: 'unverifiable', path: p('Lc', 'AssociatePublicIpAddress'), severity: 'info' }],
    },
    {
      name: 'launch configuration without the property, used by a group in an auto-public subnet',
      yaml: `Resources:${NET}
  Lc:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      LaunchConfigurationName: !Ref Lc
      VPCZoneIdentifier: [!Ref Priv, !Ref Auto]
`,
      findings: [{ messageId: 'launchConfigSubnet', path: p('Lc', 'AssociatePublicIpAddress'), severity: 'error', fix: 'safe' }],
    },
    {
      name: 'launch template without AssociatePublicIpAddress, used by groups in an auto-public subnet (LaunchTemplate and MixedInstancesPolicy)',
      yaml: `Resources:${NET}
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
  Lt2:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            Groups: [sg-0123456789abcdef0]
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      LaunchTemplate:
        LaunchTemplateId: !Ref Lt
        Version: !GetAtt Lt.LatestVersionNumber
      VPCZoneIdentifier: [!Ref Auto]
  Mixed:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '1'
      MixedInstancesPolicy:
        LaunchTemplate:
          LaunchTemplateSpecification:
            LaunchTemplateId: !Ref Lt2
            Version: !GetAtt Lt2.LatestVersionNumber
      VPCZoneIdentifier: [!GetAtt Auto.SubnetId]
`,
      findings: [
        { messageId: 'launchTemplateSubnet', path: p('Lt', 'LaunchTemplateData', 'NetworkInterfaces'), severity: 'error', fix: 'none' },
        { messageId: 'launchTemplateSubnet', path: p('Lt2', 'LaunchTemplateData', 'NetworkInterfaces'), severity: 'error', fix: 'none' },
      ],
    },
    {
      name: 'subnet MapPublicIpOnLaunch from a parameter without Default: unverifiable',
      yaml: `Parameters:
  AutoIp:
    Type: String
Resources:${NET.replace('MapPublicIpOnLaunch: true', 'MapPublicIpOnLaunch: !Ref AutoIp')}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Auto
`,
      findings: [{ messageId: 'unverifiable', path: p('Web', 'SubnetId'), severity: 'info' }],
    },
  ],
});

test('ec2-instance-public-ip: a resource marked phi: false is out of scope', () => {
  const text = `Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Metadata:
      cfn-hipaa:
        phi: false
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: true
`;
  const f = lintText(text, 'yaml').findings.filter((x) => x.ruleId === 'ec2-instance-public-ip');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
