/**
 * Linting a cloud assembly as one unit (engine/cdk/lint-assembly.ts, engine/template/unit.ts):
 * Fn::ImportValue followed to the exporting stack, nested-stack parameters to the parent's
 * Parameters, `Fn::GetAtt Nested.Outputs.X` into the nested stack, references from other stacks
 * seen by the rules that look for a resource's partners, and CDK's region conditions. Each case is
 * checked against the same templates linted one by one (what the CLI did before), so a test fails
 * if resolution stops crossing stacks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAssembly } from '../../server/src/engine/cdk/assembly';
import { mergeConfigs, parseConfig } from '../../server/src/engine/config';
import { lintAssembly } from '../../server/src/engine/cdk/lint-assembly';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { Finding } from '../../server/src/engine/types';

type Tpl = Record<string, unknown>;

/** An in-memory assembly: stacks by name; nested templates by file name. */
function assembly(stacks: Record<string, Tpl>, nested: Record<string, Tpl> = {}) {
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({
      version: '36.0.0',
      artifacts: Object.fromEntries(Object.keys(stacks).map((name) => [name, { type: 'aws:cloudformation:stack', properties: { templateFile: `${name}.template.json` } }])),
    }),
  };
  for (const [name, t] of Object.entries(stacks)) files[`${name}.template.json`] = JSON.stringify(t, null, 1);
  for (const [file, t] of Object.entries(nested)) files[file] = JSON.stringify(t, null, 1);
  return readAssembly((rel) => files[rel]);
}

function unitFindings(stacks: Record<string, Tpl>, nested: Record<string, Tpl> = {}, config = {}): Map<string, Finding[]> {
  const results = lintAssembly(assembly(stacks, nested), { configFor: () => config });
  return new Map(results.map((r) => [r.template.stackName, r.findings]));
}

/** The same templates, each linted alone. */
function aloneFindings(t: Tpl): Finding[] {
  return lint(parse(JSON.stringify(t, null, 1), { format: 'json' }));
}

const of = (fs: Finding[] | undefined, rule: string, id?: string) => (fs ?? []).filter((f) => f.ruleId === rule && (id === undefined || f.logicalId === id));

const KEY_POLICY_ROOT_ONLY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'kms:*', Resource: '*' }],
};

const DATA = {
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false, KeyPolicy: KEY_POLICY_ROOT_ONLY }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
    Records: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    },
  },
  Outputs: {
    ExportsOutputKeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'Data:ExportsOutputFnGetAttKeyArn' } },
    ExportsOutputRefRecords: { Value: { Ref: 'Records' }, Export: { Name: 'Data:ExportsOutputRefRecords' } },
    ExportsOutputTlsPolicy: { Value: 'ELBSecurityPolicy-2016-08', Export: { Name: 'Data:TlsPolicy' } },
  },
};

const TLS_DENY = {
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  Resource: [
    { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::ImportValue': 'Data:ExportsOutputRefRecords' }]] },
    { 'Fn::Join': ['', ['arn:aws:s3:::', { 'Fn::ImportValue': 'Data:ExportsOutputRefRecords' }, '/*']] },
  ],
};

const APP = {
  Resources: {
    Audit: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::ImportValue': 'Data:ExportsOutputFnGetAttKeyArn' } } },
    RecordsPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { 'Fn::ImportValue': 'Data:ExportsOutputRefRecords' }, PolicyDocument: { Version: '2012-10-17', Statement: [TLS_DENY] } },
    },
  },
};

describe('cross-stack references in one cloud assembly', () => {
  test('a bucket policy in another stack that denies plain HTTP makes the bucket pass', () => {
    assert.equal(of(aloneFindings(DATA), 's3-bucket-ssl-requests-only', 'Records').length, 1, 'alone, the bucket has no TLS-only policy');
    const f = unitFindings({ Data: DATA, App: APP });
    assert.deepEqual(of(f.get('Data'), 's3-bucket-ssl-requests-only'), []);
  });

  test('a key used by another stack is judged as a key that encrypts data', () => {
    const alone = of(aloneFindings({ Resources: { Key: DATA.Resources.Key } }), 'kms-key-rotation', 'Key');
    assert.deepEqual(alone.map((x) => x.level), ['hardening']);
    const f = unitFindings({ Data: { Resources: { Key: DATA.Resources.Key }, Outputs: { K: DATA.Outputs.ExportsOutputKeyArn } }, App: APP });
    assert.deepEqual(of(f.get('Data'), 'kms-key-rotation', 'Key').map((x) => x.level), ['violation']);
  });

  test('a log group encrypted with an imported key: the key policy of the other stack is checked', () => {
    const alone = of(aloneFindings(APP), 'logs-log-group-encryption', 'Audit');
    assert.deepEqual(alone.map((x) => x.level), ['unverifiable']);
    const f = unitFindings({ Data: DATA, App: APP });
    const found = of(f.get('App'), 'logs-log-group-encryption', 'Audit');
    assert.deepEqual(found.map((x) => x.level), ['violation'], 'the key policy does not let CloudWatch Logs use the key');
    assert.match(found[0].message, /Data\/Key|stack Data/);
    // The finding stays on the log group's own text: no range or related location in another file.
    assert.deepEqual(found[0].path.slice(0, 2), ['Resources', 'Audit']);
    for (const r of found[0].related ?? []) assert.notEqual(r.path[0], 'Stacks');

    const granted = structuredClone(DATA);
    granted.Resources.Key.Properties.KeyPolicy.Statement.push({
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
    } as never);
    assert.deepEqual(of(unitFindings({ Data: granted, App: APP }).get('App'), 'logs-log-group-encryption', 'Audit'), []);
  });

  test('an exported literal is known in the importing stack', () => {
    const lb = {
      Resources: {
        Listener: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: { LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1', Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1' }], SslPolicy: { 'Fn::ImportValue': 'Data:TlsPolicy' }, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] },
        },
      },
    };
    assert.deepEqual(of(aloneFindings(lb), 'elbv2-listener-tls-policy').map((x) => x.level), ['unverifiable']);
    const found = of(unitFindings({ Data: DATA, Lb: lb }).get('Lb'), 'elbv2-listener-tls-policy');
    assert.deepEqual(found.map((x) => x.level), ['violation'], 'ELBSecurityPolicy-2016-08 allows TLS 1.0');
    assert.match(found[0].message, /stack Data/);
  });

  test('an import no stack of the assembly exports stays unverifiable, and says so', () => {
    const app = { Resources: { Audit: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::ImportValue': 'Elsewhere:KeyArn' } } } } };
    const found = of(unitFindings({ Data: DATA, App: app }).get('App'), 'logs-log-group-encryption', 'Audit');
    assert.deepEqual(found.map((x) => x.level), ['unverifiable']);
    assert.match(found[0].message, /which no stack of this cloud assembly exports/);
  });

  test('fixes never write another stack\'s logical ids into this document', () => {
    const app = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } } } };
    const alone = of(aloneFindings({ Resources: { ...app.Resources, Key: DATA.Resources.Key } }), 'sqs-queue-encryption', 'Queue');
    assert.ok(alone.some((x) => JSON.stringify([x.fix, x.suggestions]).includes('"Key"')), 'alone, a key of the same template is offered');
    const found = of(unitFindings({ Data: DATA, App: app }).get('App'), 'sqs-queue-encryption', 'Queue');
    assert.equal(found.length, 1);
    assert.ok(!JSON.stringify([found[0].fix, found[0].suggestions]).includes('Data/'), 'the other stack\'s key is not offered');
    assert.ok((found[0].suggestions ?? []).length > 0 || found[0].fix, 'a fix that stays in this template is still offered');
  });
});

describe('network placement across stacks', () => {
  const NET = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Route: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
      SubA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      AssocA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'SubA' }, RouteTableId: { Ref: 'Rt' } } },
      Private: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
    },
    Outputs: {
      A: { Value: { Ref: 'SubA' }, Export: { Name: 'Net:SubA' } },
      P: { Value: { Ref: 'Private' }, Export: { Name: 'Net:Private' } },
      V: { Value: { Ref: 'Vpc' }, Export: { Name: 'Net:Vpc' } },
    },
  };
  const db = (subnet: string) => ({
    Resources: {
      Group: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'x', SubnetIds: [{ 'Fn::ImportValue': subnet }] } },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', StorageEncrypted: true, DBSubnetGroupName: { Ref: 'Group' }, PubliclyAccessible: false } },
    },
  });

  test('a database in another stack\'s public subnet is found, naming the route to the internet gateway', () => {
    const found = of(unitFindings({ Net: NET, App: db('Net:SubA') }).get('App'), 'vpc-data-store-private-subnets', 'Db');
    assert.deepEqual(found.map((x) => x.level), ['violation']);
    assert.match(found[0].message, /Net\/SubA .*Net\/Igw/);
    assert.notDeepEqual(of(aloneFindings(db('Net:SubA')), 'vpc-data-store-private-subnets').map((x) => x.level), ['violation']);
  });

  test('the same database in the private subnet passes', () => {
    assert.deepEqual(of(unitFindings({ Net: NET, App: db('Net:Private') }).get('App'), 'vpc-data-store-private-subnets'), []);
  });

  test('a flow log in another stack counts for the VPC', () => {
    const logs = {
      Resources: {
        FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { 'Fn::ImportValue': 'Net:Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::central-flow-logs' } },
      },
    };
    assert.equal(of(unitFindings({ Net: NET }).get('Net'), 'ec2-vpc-flow-logs', 'Vpc').length, 1);
    assert.deepEqual(of(unitFindings({ Net: NET, Logs: logs }).get('Net'), 'ec2-vpc-flow-logs', 'Vpc'), []);
  });
});

describe('nested stacks', () => {
  const parent = {
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: KEY_POLICY_ROOT_ONLY }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' },
      Db: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: { TemplateURL: 'https://example.invalid/x.json', Parameters: { referencetoParentKeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] }, Encrypted: 'false' } },
        Metadata: { 'aws:asset:path': 'ParentDb.nested.template.json' },
      },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Db', 'Outputs.ParentDbQueueKey'] } } },
    },
  };
  const nested = {
    Parameters: { referencetoParentKeyArn: { Type: 'String' }, Encrypted: { Type: 'String' } },
    Resources: {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'referencetoParentKeyArn' } },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      },
      Fs: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: { Ref: 'Encrypted' } } },
    },
    Outputs: { ParentDbQueueKey: { Value: 'alias/aws/sns' } },
  };

  test('a nested stack parameter takes the value its parent passes', () => {
    const alone = of(aloneFindings(nested), 'efs-filesystem-encryption', 'Fs');
    assert.deepEqual(alone.map((x) => x.level), ['unverifiable'], 'alone, the parameter has no Default');
    const f = unitFindings({ Parent: parent }, { 'ParentDb.nested.template.json': nested });
    const found = of(f.get('Parent/Db'), 'efs-filesystem-encryption', 'Fs');
    assert.deepEqual(found.map((x) => x.level), ['violation']);
    assert.match(found[0].message, /stack Parent/);
  });

  test('the parent\'s key, passed in, counts as used (rotation rule) and as a customer key', () => {
    const f = unitFindings({ Parent: parent }, { 'ParentDb.nested.template.json': nested });
    assert.deepEqual(of(f.get('Parent/Db'), 'dynamodb-table-encryption'), []);
    const keyAlone = of(aloneFindings({ Resources: { Key: { ...parent.Resources.Key, Properties: { EnableKeyRotation: false } } } }), 'kms-key-rotation');
    assert.deepEqual(keyAlone.map((x) => x.level), ['hardening']);
    const off = structuredClone(parent);
    off.Resources.Key.Properties.EnableKeyRotation = false;
    const g = unitFindings({ Parent: off }, { 'ParentDb.nested.template.json': nested });
    assert.deepEqual(of(g.get('Parent'), 'kms-key-rotation', 'Key').map((x) => x.level), ['violation']);
  });

  test('Fn::GetAtt on a nested stack output reads the nested stack', () => {
    const f = unitFindings({ Parent: parent }, { 'ParentDb.nested.template.json': nested });
    const found = of(f.get('Parent'), 'sns-topic-encryption', 'Topic');
    // alias/aws/sns: the AWS managed key, which the rule reports as a hardening finding, never unverifiable.
    assert.ok(found.every((x) => x.level !== 'unverifiable'), JSON.stringify(found.map((x) => x.message)));
    const alone = of(aloneFindings(parent), 'sns-topic-encryption', 'Topic');
    assert.notDeepEqual(alone.map((x) => x.level), found.map((x) => x.level));
  });
});

describe('CDK region conditions', () => {
  const stream = {
    Conditions: {
      AwsCdkKinesisEncryptedStreamsUnsupportedRegions: { 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-north-1'] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'cn-northwest-1'] }] },
    },
    Resources: {
      Stream: {
        Type: 'AWS::Kinesis::Stream',
        Properties: {
          ShardCount: 1,
          StreamEncryption: { 'Fn::If': ['AwsCdkKinesisEncryptedStreamsUnsupportedRegions', { Ref: 'AWS::NoValue' }, { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }] },
        },
      },
    },
  };
  const text = JSON.stringify(stream, null, 1);

  test('encryption switched off only in China regions is not flagged (outside AWS\'s BAA)', () => {
    const found = of(lint(parse(text, { format: 'json' })), 'kinesis-stream-encryption').filter((x) => x.level === 'violation');
    assert.deepEqual(found, []);
  });

  test('configured regions decide the condition', () => {
    const china = of(lint(parse(text, { format: 'json' }), { regions: ['cn-north-1'] }), 'kinesis-stream-encryption').filter((x) => x.level === 'violation');
    assert.equal(china.length, 1);
    const us = of(lint(parse(text, { format: 'json' }), { regions: ['us-east-1', 'eu-west-1'] }), 'kinesis-stream-encryption').filter((x) => x.level === 'violation');
    assert.deepEqual(us, []);
  });

  test('AWS::Partition: aws-cn ruled out by default; configured regions decide it', () => {
    const t = structuredClone(stream);
    t.Conditions.AwsCdkKinesisEncryptedStreamsUnsupportedRegions = { 'Fn::Equals': [{ Ref: 'AWS::Partition' }, 'aws-cn'] } as never;
    const text2 = JSON.stringify(t);
    const errors = (config = {}) => of(lint(parse(text2, { format: 'json' }), config), 'kinesis-stream-encryption').filter((x) => x.level === 'violation').length;
    assert.equal(errors(), 0);
    assert.equal(errors({ regions: ['cn-northwest-1'] }), 1);
    assert.equal(errors({ regions: ['us-gov-west-1', 'us-east-1'] }), 0);
    assert.equal(errors({ regions: ['cn-north-1', 'us-east-1'] }), 1, 'deployments disagree: both branches');
  });

  test('a condition on a commercial region stays open without configured regions', () => {
    const t = structuredClone(stream);
    t.Conditions.AwsCdkKinesisEncryptedStreamsUnsupportedRegions = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } as never;
    const found = of(lint(parse(JSON.stringify(t), { format: 'json' })), 'kinesis-stream-encryption').filter((x) => x.level === 'violation');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /AwsCdkKinesisEncryptedStreamsUnsupportedRegions is true/);
  });
});

describe('config: regions', () => {
  test('a list of region codes is read and merged; anything else is a problem', () => {
    const ok = parseConfig('regions: [us-east-1, eu-west-2]\n', '.cfn-hipaa.yaml');
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.config.regions, ['us-east-1', 'eu-west-2']);
    assert.deepEqual(mergeConfigs({ regions: ['us-west-2'] }, ok.config).regions, ['us-east-1', 'eu-west-2']);
    assert.deepEqual(mergeConfigs({ regions: ['us-west-2'] }, {}).regions, ['us-west-2']);
    for (const bad of ['regions: us-east-1\n', 'regions: []\n', 'regions: [virginia]\n']) {
      const r = parseConfig(bad, '.cfn-hipaa.yaml');
      assert.equal(r.config.regions, undefined, bad);
      assert.match(r.problems[0].message, /regions must be a list of AWS region codes/, bad);
    }
  });
});

describe('CDK Validations acknowledgements (manifest aws:cdk:acknowledged-rules)', () => {
  const stack = {
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false }, Metadata: { 'aws:cdk:path': 'Ehr/Jobs/Queue/Resource' } },
      Other: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false }, Metadata: { 'aws:cdk:path': 'Ehr/Other/Resource' } },
    },
  };
  const withAcks = (entries: Record<string, Record<string, string>>) => {
    const files: Record<string, string> = {
      'manifest.json': JSON.stringify({
        version: '36.0.0',
        artifacts: {
          Ehr: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'Ehr.template.json' },
            metadata: {
              '/Ehr/Jobs/Queue/Resource': [{ type: 'aws:cdk:logicalId', data: 'Queue' }],
              '/Ehr/Other/Resource': [{ type: 'aws:cdk:logicalId', data: 'Other' }],
              ...Object.fromEntries(Object.entries(entries).map(([p, data]) => [p, [{ type: 'aws:cdk:acknowledged-rules', data }]])),
            },
          },
        },
      }),
      'Ehr.template.json': JSON.stringify(stack),
    };
    const results = lintAssembly(readAssembly((rel) => files[rel]));
    return of(results[0].findings, 'sqs-queue-encryption');
  };

  test('cfn-hipaa::<rule> on a construct covers it and what is below it, with the reason', () => {
    const found = withAcks({ '/Ehr/Jobs': { 'cfn-hipaa::sqs-queue-encryption': 'Holds job ids only, no PHI (ticket SEC-12)' } });
    const queue = found.find((f) => f.logicalId === 'Queue')!;
    assert.equal(queue.suppressed?.reason, 'Holds job ids only, no PHI (ticket SEC-12)');
    assert.deepEqual(queue.suppressed?.peer, { tool: 'cdk-validations', rule: 'cfn-hipaa::sqs-queue-encryption (at Ehr/Jobs)' });
    assert.equal(found.find((f) => f.logicalId === 'Other')!.suppressed, undefined, 'a sibling construct is not covered');
  });

  test('another rule of ours, or an unrelated plugin rule, does not cover the finding', () => {
    const found = withAcks({ '/Ehr': { 'cfn-hipaa::sqs-queue-ssl-only': 'x', 'Annotation::SomeWarning': 'y' } });
    assert.ok(found.length === 2 && found.every((f) => !f.suppressed));
  });

  test('a peer tool rule id that corresponds to ours covers the finding (any plugin namespace)', () => {
    // sqs-queue-encryption's peers: cdk-nag AwsSolutions-SQS2, checkov CKV_AWS_27 (meta.peers).
    for (const id of ['CdkNag::AwsSolutions-SQS2', 'checkov-plugin::CKV_AWS_27']) {
      const found = withAcks({ '/Ehr': { [id]: 'Encrypted by the producer' } });
      assert.deepEqual(found.map((f) => f.suppressed?.peer?.tool), ['cdk-validations', 'cdk-validations'], id);
    }
    assert.ok(withAcks({ '/Ehr': { 'CdkNag::AwsSolutions-SQS3': 'a DLQ rule' } }).every((f) => !f.suppressed));
  });
});

describe('Fn::GetStackOutput (CDK weak references)', () => {
  const data = { Resources: { Key: DATA.Resources.Key }, Outputs: { KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] } } } };
  const reports = (stackName: string) => ({
    Resources: {
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetStackOutput': { StackName: stackName, OutputName: 'KeyArn', Region: { Ref: 'AWS::Region' } } } } },
    },
  });

  test('reads the named stack\'s Output (no Export needed) and the key counts as used there', () => {
    const f = unitFindings({ Data: data, Reports: reports('Data') });
    const logs = of(f.get('Reports'), 'logs-log-group-encryption', 'Logs');
    assert.deepEqual(logs.map((x) => x.level), ['violation'], 'the key policy grants CloudWatch Logs nothing');
    assert.deepEqual(of(f.get('Data'), 'kms-key-rotation', 'Key').map((x) => x.level), ['violation']);
  });

  test('alone, or naming a stack the assembly does not have, it is unverifiable and says why', () => {
    const alone = of(aloneFindings(reports('Data')), 'logs-log-group-encryption', 'Logs');
    assert.deepEqual(alone.map((x) => x.level), ['unverifiable']);
    assert.match(alone[0].message, /Fn::GetStackOutput \(output KeyArn of stack Data\)/);
    const missing = of(unitFindings({ Data: data, Reports: reports('Elsewhere') }).get('Reports'), 'logs-log-group-encryption', 'Logs');
    assert.match(missing[0].message, /which no stack of this cloud assembly has/);
  });

  test('the YAML short form !GetStackOutput reads as the long form', () => {
    const yaml = 'Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      KmsKeyId: !GetStackOutput\n        StackName: Data\n        OutputName: KeyArn\n';
    const doc = parse(yaml, { format: 'yaml' });
    assert.deepEqual((doc.value as { Resources: { Logs: { Properties: unknown } } }).Resources.Logs.Properties, { KmsKeyId: { 'Fn::GetStackOutput': { StackName: 'Data', OutputName: 'KeyArn' } } });
    assert.deepEqual(doc.problems, []);
  });
});

describe('robustness', () => {
  test('stacks that import from each other in a circle: unverifiable, no crash, no rule-error', () => {
    const a = { Resources: { Fs: { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: { 'Fn::ImportValue': 'B:X' } } } }, Outputs: { X: { Value: { 'Fn::ImportValue': 'B:X' }, Export: { Name: 'A:X' } } } };
    const b = { Resources: { T: { Type: 'AWS::SNS::Topic', Properties: {} } }, Outputs: { X: { Value: { 'Fn::ImportValue': 'A:X' }, Export: { Name: 'B:X' } } } };
    const f = unitFindings({ A: a, B: b });
    assert.deepEqual(of(f.get('A'), 'rule-error'), []);
    const fs = of(f.get('A'), 'efs-filesystem-encryption', 'Fs');
    assert.deepEqual(fs.map((x) => x.level), ['unverifiable']);
    assert.match(fs[0].message, /passed between stacks more than 16 times \(a circular reference\?\) \(in stack [AB]\)\. The value comes from stack [AB] \(output X\)\./);
  });
});

describe('lintAssembly options', () => {
  test('a parse hook serves every template (the language server caches the unchanged siblings with it)', () => {
    const a = assembly({ Data: DATA, App: APP });
    const seen: string[] = [];
    const docs = new Map<string, ReturnType<typeof parse>>();
    const results = lintAssembly(a, {
      parse: (t, options) => {
        seen.push(t.stackName);
        assert.equal(options.format, 'json');
        const doc = parse(t.text, options);
        docs.set(t.stackName, doc);
        return doc;
      },
    });
    assert.deepEqual(seen, ['Data', 'App']);
    for (const r of results) assert.equal(r.doc, docs.get(r.template.stackName), 'the hook\'s document is the one linted');
    // Same findings as with the default parser: cross-stack resolution included.
    assert.deepEqual(of(results.find((r) => r.template.stackName === 'Data')!.findings, 's3-bucket-ssl-requests-only'), []);
  });
});
