import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const FL = ['Resources', 'FlowLog', 'Properties'];

/** A VPC and a compliant CloudWatch Logs destination (group with a year's retention, key, role). */
const GROUP = `
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'
          - Effect: Allow
            Principal:
              Service: !Sub 'logs.\${AWS::Region}.amazonaws.com'
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']
            Resource: '*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: vpc-flow-logs.amazonaws.com
            Action: sts:AssumeRole
`;

function template(flowLogProps: string, groupProps = 'RetentionInDays: 365\n      KmsKeyId: !GetAtt Key.Arn', head = ''): string {
  return `${head}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      ${groupProps}
${GROUP}
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ${flowLogProps}
`;
}

const STD = `DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogGroupName: !Ref Group`;

ruleTester('ec2-vpc-flow-logs', {
  valid: [
    {
      name: 'flow log by Ref, all traffic, to a retained log group',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      ${STD}`),
    },
    {
      name: 'flow log by Fn::GetAtt VpcId, LogDestination is the group ARN',
      yaml: template(`ResourceId: !GetAtt Vpc.VpcId
      ResourceType: VPC
      TrafficType: ALL
      DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogDestination: !GetAtt Group.Arn`),
    },
    {
      name: 'REJECT traffic only is accepted',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: REJECT
      ${STD}`),
    },
    {
      name: 'log group without RetentionInDays keeps records forever',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      ${STD}`, 'KmsKeyId: !GetAtt Key.Arn'),
    },
    {
      name: 'literal log group name of a log group in the template',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogGroupName: vpc-flow-logs`, 'LogGroupName: vpc-flow-logs\n      RetentionInDays: 400\n      KmsKeyId: !GetAtt Key.Arn'),
    },
    {
      name: 'S3 destination (the bucket is judged by the s3 rules)',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Bucket:
    Type: AWS::S3::Bucket
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !Sub '\${Bucket.Arn}/flow-logs/'
`,
    },
    {
      name: 'VPC and flow log under the same condition',
      yaml: `
Conditions:
  Network: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Condition: Network
    Properties:
      CidrBlock: 10.0.0.0/16
  FlowLog:
    Type: AWS::EC2::FlowLog
    Condition: Network
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
`,
    },
    {
      name: 'two flow logs under complementary conditions cover the VPC',
      yaml: `
Conditions:
  Central: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  CentralFlowLog:
    Type: AWS::EC2::FlowLog
    Condition: Central
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: REJECT
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
  Other:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !If [Central, vpc-0123456789abcdef0, !Ref Vpc]
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::local-flow-logs
`,
    },
    {
      name: 'peer suppression: cfn_nag W60 on the VPC',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W60
            reason: Flow logs are enabled centrally by the network account (NET-7)
    Properties:
      CidrBlock: 10.0.0.0/16
`,
    },
  ],
  invalid: [
    {
      name: 'VPC without a flow log',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`,
      findings: [{ messageId: 'noFlowLog', path: ['Resources', 'Vpc'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'a flow log naming the VPC by a literal id does not count (no name guessing)',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0123456789abcdef0
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
`,
      findings: [{ messageId: 'noFlowLog', path: ['Resources', 'Vpc'], fix: 'suggest' }],
    },
    {
      name: 'a subnet flow log does not log the VPC',
      yaml: `
Conditions:
  Network: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Condition: Network
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Condition: Network
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
  FlowLog:
    Type: AWS::EC2::FlowLog
    Condition: Network
    Properties:
      ResourceId: !Ref Subnet
      ResourceType: Subnet
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
`,
      findings: [{ messageId: 'noFlowLog', path: ['Resources', 'Vpc'], fix: 'suggest' }],
    },
    {
      name: 'flow log only under a condition the VPC does not have',
      yaml: `
Conditions:
  Audit: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  FlowLog:
    Type: AWS::EC2::FlowLog
    Condition: Audit
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
`,
      findings: [{ messageId: 'conditionalFlowLog', path: ['Resources', 'Vpc'], severity: 'warning', fix: 'none', message: 'only when condition Audit is true' }],
    },
    {
      name: 'peer mistake: cfn_nag W60 reads only the true Fn::If branch; ResourceId picks the VPC in one branch only',
      yaml: `
Conditions:
  Audit: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !If [Audit, !Ref Vpc, vpc-0123456789abcdef0]
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::central-flow-logs
`,
      findings: [{ messageId: 'conditionalFlowLog', path: ['Resources', 'Vpc'], fix: 'none' }],
    },
    {
      name: 'TrafficType ACCEPT',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ACCEPT
      ${STD}`),
      findings: [{ messageId: 'acceptOnly', path: [...FL, 'TrafficType'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'TrafficType ACCEPT in one Fn::If branch',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: !If [Cheap, ACCEPT, ALL]
      ${STD}`, undefined, `Conditions:
  Cheap: !Equals [!Ref 'AWS::Region', us-east-1]`),
      findings: [{ messageId: 'acceptOnly', path: [...FL, 'TrafficType', 'Fn::If', 1], fix: 'suggest', message: '(this applies when condition Cheap is true)' }],
    },
    {
      name: 'TrafficType from a parameter Default',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: !Ref Traffic
      ${STD}`, undefined, `Parameters:
  Traffic:
    Type: String
    Default: ACCEPT
    AllowedValues: [ACCEPT, ALL]`),
      findings: [{ messageId: 'acceptOnly', path: [...FL, 'TrafficType'], fix: 'suggest', message: 'Default of parameter Traffic' }],
    },
    {
      name: 'TrafficType from a parameter without Default is unverifiable',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: !Ref Traffic
      ${STD}`, undefined, `Parameters:
  Traffic:
    Type: String`),
      findings: [{ messageId: 'unverifiable', path: [...FL, 'TrafficType'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'log group keeps records 30 days (LogGroupName by Ref)',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      ${STD}`, 'RetentionInDays: 30\n      KmsKeyId: !GetAtt Key.Arn'),
      findings: [{ messageId: 'shortRetention', path: [...FL, 'LogGroupName'], severity: 'warning', fix: 'suggest', message: 'only 30 days' }],
    },
    {
      name: 'log group keeps records 7 days (LogDestination by GetAtt Arn)',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: cloud-watch-logs
      DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogDestination: !GetAtt Group.Arn`, 'RetentionInDays: 7\n      KmsKeyId: !GetAtt Key.Arn'),
      findings: [{ messageId: 'shortRetention', path: [...FL, 'LogDestination'], fix: 'suggest' }],
    },
    {
      name: 'log group retention short in one Fn::If branch',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      ${STD}`, 'RetentionInDays: !If [Dev, 14, 731]\n      KmsKeyId: !GetAtt Key.Arn', `Conditions:
  Dev: !Equals [!Ref 'AWS::Region', us-east-1]`),
      findings: [{ messageId: 'shortRetention', path: [...FL, 'LogGroupName'], fix: 'suggest', message: 'condition Dev is true' }],
    },
    {
      name: 'log group from another stack (Fn::ImportValue) is unverifiable',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogGroupName: !ImportValue shared-flow-log-group`),
      findings: [{ messageId: 'unverifiable', path: [...FL, 'LogGroupName'], severity: 'info', fix: 'none', message: 'Fn::ImportValue' }],
    },
    {
      name: 'literal log group name not defined in the template is unverifiable',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      DeliverLogsPermissionArn: !GetAtt Role.Arn
      LogGroupName: vpc-flow-logs`),
      findings: [{ messageId: 'unverifiable', path: [...FL, 'LogGroupName'], fix: 'none', message: 'is not defined in this template' }],
    },
    {
      name: 'LogDestinationType from a parameter without Default is unverifiable',
      yaml: template(`ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: !Ref Destination
      ${STD}`, undefined, `Parameters:
  Destination:
    Type: String`),
      findings: [{ messageId: 'unverifiable', path: [...FL, 'LogDestinationType'], fix: 'none' }],
    },
    {
      name: 'VPC under a condition without a flow log: the added resources carry the condition',
      yaml: `
Conditions:
  Network: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Condition: Network
    Properties:
      CidrBlock: 10.0.0.0/16
`,
      findings: [{ messageId: 'noFlowLog', path: ['Resources', 'Vpc'], fix: 'suggest' }],
    },
    {
      name: 'logical ids of the added resources do not collide',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  VpcFlowLogGroup:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/phi
`,
      findings: [{ messageId: 'noFlowLog', path: ['Resources', 'Vpc'], fix: 'suggest' }],
    },
  ],
});

test('ec2-vpc-flow-logs: a VPC outside PHI scope is marked outOfScope', () => {
  const { findings } = lintText(
    `
Metadata:
  cfn-hipaa:
    phi: false
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`,
    'yaml',
  );
  const mine = findings.filter((f) => f.ruleId === 'ec2-vpc-flow-logs');
  assert.equal(mine.length, 1);
  assert.ok(mine[0].outOfScope);
});

test('ec2-vpc-flow-logs: the added flow log, group, key and role', () => {
  const { findings } = lintText(
    `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`,
    'yaml',
  );
  const f = findings.find((x) => x.ruleId === 'ec2-vpc-flow-logs')!;
  const ops = f.suggestions![0].ops;
  assert.deepEqual(ops.map((o) => (o.op === 'addResource' ? `${o.logicalId} ${String(o.resource.Type)}` : o.op)), [
    'VpcFlowLog AWS::EC2::FlowLog',
    'VpcFlowLogGroup AWS::Logs::LogGroup',
    'VpcFlowLogKey AWS::KMS::Key',
    'VpcFlowLogRole AWS::IAM::Role',
  ]);
});
