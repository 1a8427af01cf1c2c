import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester, toJson } from '../helpers/rule-tester';

const SAM = 'Transform: AWS::Serverless-2016-10-31\n';
const T = (id: string) => ['Resources', id, 'Type'];

ruleTester('hipaa-eligible-service', {
  valid: [
    {
      name: 'S3 bucket: Amazon S3 is eligible',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
    },
    {
      name: 'IAM role, instance profile and managed policy hold no data',
      yaml: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Role]
`,
    },
    {
      name: 'custom resources and CloudFormation plumbing are not judged',
      yaml: `
Resources:
  Custom:
    Type: Custom::PopulateTable
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:populate
  Other:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:populate
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  CDKMetadata:
    Type: AWS::CDK::Metadata
    Properties:
      Analytics: v2:deflate64:H4sIAAAAAAAA
  Network:
    Type: My::Organization::Network::MODULE
    Properties:
      CidrBlock: 10.0.0.0/16
`,
    },
    {
      name: 'SAM types map to their services (Lambda, API Gateway, DynamoDB, Step Functions) and a nested application is not judged',
      yaml: `${SAM}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return e"
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Http:
    Type: AWS::Serverless::HttpApi
  Table:
    Type: AWS::Serverless::SimpleTable
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
  Nested:
    Type: AWS::Serverless::Application
    Properties:
      Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:111122223333:applications/app', SemanticVersion: 1.0.0 }
`,
    },
    {
      name: 'EC2 and VPC, load balancers, AWS Managed Microsoft AD (only Simple AD is excluded)',
      yaml: `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Directory:
    Type: AWS::DirectoryService::MicrosoftAD
    Properties:
      Name: corp.example.com
      Password: '{{resolve:secretsmanager:ad:SecretString:password}}'
      VpcSettings: { SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1 }
`,
    },
    {
      name: 'Amazon Bedrock is eligible (added after 2022)',
      yaml: `
Resources:
  KnowledgeBase:
    Type: AWS::Bedrock::KnowledgeBase
`,
    },
    {
      name: 'eligible service under a Condition',
      yaml: `
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
`,
    },
  ],
  invalid: [
    {
      name: 'GameLift fleet: Amazon GameLift is not HIPAA-eligible',
      yaml: `
Resources:
  Fleet:
    Type: AWS::GameLift::Fleet
    Properties:
      Name: game
`,
      findings: [{ messageId: 'notEligible', path: T('Fleet'), severity: 'error', fix: 'none', message: 'Amazon GameLift is not a HIPAA-eligible service' }],
    },
    {
      name: 'Simple AD: a full type excluded inside an eligible namespace',
      yaml: `
Resources:
  Directory:
    Type: AWS::DirectoryService::SimpleAD
    Properties:
      Name: corp.example.com
      Password: '{{resolve:secretsmanager:ad:SecretString:password}}'
      Size: Small
      VpcSettings: { SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1 }
`,
      findings: [{ messageId: 'notEligible', path: T('Directory'), severity: 'error', message: 'Simple AD' }],
    },
    {
      name: 'SimpleDB domain and Data Pipeline (legacy, never on the list)',
      yaml: `
Resources:
  Domain:
    Type: AWS::SDB::Domain
  Pipeline:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
`,
      findings: [
        { messageId: 'notEligible', path: T('Domain'), severity: 'error', message: 'Amazon SimpleDB' },
        { messageId: 'notEligible', path: T('Pipeline'), severity: 'error', message: 'AWS Data Pipeline' },
      ],
    },
    {
      name: 'a namespace cfn-hipaa does not know is information, with the prefix to add',
      yaml: `
Resources:
  Member:
    Type: AWS::ManagedBlockchain::Member
`,
      findings: [{ messageId: 'unknownService', path: T('Member'), severity: 'info', fix: 'none', message: '"AWS::ManagedBlockchain::": true or false' }],
    },
    {
      name: 'a third-party registry type is not covered by the AWS BAA: information',
      yaml: `
Resources:
  Atlas:
    Type: MongoDB::Atlas::Cluster
    Properties:
      Name: records
  Bucket:
    Type: AWS::S3::Bucket
`,
      findings: [{ messageId: 'thirdPartyType', path: T('Atlas'), severity: 'info', fix: 'none', message: 'not an AWS resource type' }],
    },
    {
      name: 'a non-eligible resource under a Condition is still judged (it may be created)',
      yaml: `
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fleet:
    Type: AWS::GameLift::Fleet
    Condition: IsProd
`,
      findings: [{ messageId: 'notEligible', path: T('Fleet'), severity: 'error' }],
    },
    {
      name: 'SAM template mixing eligible and non-eligible services: only the latter is reported, once',
      yaml: `${SAM}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return e"
  Repo:
    Type: AWS::CodeStar::GitHubRepository
    Properties:
      RepositoryName: app
      RepositoryOwner: example
`,
      findings: [{ messageId: 'notEligible', path: T('Repo'), severity: 'error', message: 'AWS CodeStar' }],
    },
  ],
});

test('hipaa-eligible-service: findings in a template marked phi: false are outOfScope; a resource marked phi: true is back in scope', () => {
  const yaml = `Metadata:
  cfn-hipaa:
    phi: false
Resources:
  Fleet:
    Type: AWS::GameLift::Fleet
  Member:
    Type: AWS::ManagedBlockchain::Member
  Kept:
    Type: AWS::GameLift::Alias
    Metadata:
      cfn-hipaa:
        phi: true
`;
  for (const format of ['yaml', 'json'] as const) {
    const { findings } = lintText(format === 'yaml' ? yaml : toJson(yaml), format);
    const mine = findings.filter((f) => f.ruleId === 'hipaa-eligible-service');
    assert.deepEqual(
      mine.map((f) => [f.logicalId, f.messageId, !!f.outOfScope]),
      [
        ['Fleet', 'notEligible', true],
        ['Member', 'unknownService', true],
        ['Kept', 'notEligible', false],
      ],
      format,
    );
    assert.match(mine[0].outOfScope ?? '', /template is marked phi: false/);
  }
});

test('hipaa-eligible-service: a resource marked phi: false is outOfScope, its neighbour is not', () => {
  const yaml = `Resources:
  Fleet:
    Type: AWS::GameLift::Fleet
    Metadata:
      cfn-hipaa:
        phi: false
  Build:
    Type: AWS::GameLift::Build
`;
  const { findings } = lintText(yaml, 'yaml');
  const mine = findings.filter((f) => f.ruleId === 'hipaa-eligible-service');
  assert.deepEqual(mine.map((f) => [f.logicalId, !!f.outOfScope]), [['Fleet', true], ['Build', false]]);
  assert.match(mine[0].outOfScope ?? '', /resource Fleet is marked phi: false/);
});

test('hipaa-eligible-service: odd resources (no Type, a list for Properties) do not crash the rule', () => {
  const yaml = `Resources:
  NoType:
    Properties: {}
  Listy:
    Type: AWS::GameLift::Fleet
    Properties: [1, 2]
  Bare:
    Type: Custom::Thing
`;
  const { findings } = lintText(yaml, 'yaml');
  assert.deepEqual(findings.filter((f) => f.ruleId === 'rule-error'), []);
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'hipaa-eligible-service').map((f) => f.logicalId),
    ['Listy'],
  );
});
