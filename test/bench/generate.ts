/** Generated templates for the benchmarks: realistic resource mixes, written as people and cdk synth write them. */
const TYPES = [
  (i: number) => ({ Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': `app-${i}-\${AWS::AccountId}` }, VersioningConfiguration: { Status: 'Enabled' } } }),
  (i: number) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: `q${i}`, KmsMasterKeyId: { 'Fn::If': ['Prod', { 'Fn::GetAtt': ['Key', 'Arn'] }, 'alias/aws/sqs'] } } }),
  (i: number) => ({ Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Env' }, DisplayName: `t${i}` } }),
  (i: number) => ({ Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/app/${i}`, RetentionInDays: 30 } }),
  (i: number) => ({ Type: 'AWS::DynamoDB::Table', Properties: { TableName: `t${i}`, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] } }),
  (i: number) => ({ Type: 'AWS::Lambda::Function', Properties: { FunctionName: `f${i}`, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'exports.handler = async () => {}' }, Environment: { Variables: { TABLE: { Ref: 'Env' }, STAGE: 'prod' } } } }),
  (i: number) => ({ Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', StorageEncrypted: { Ref: 'Encrypt' }, DBName: `db${i}` } }),
  (i: number) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: `sg ${i}`, VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }] } }),
];

export function generate(n: number, cdk: boolean): Record<string, unknown> {
  const resources: Record<string, unknown> = {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
  };
  for (let i = 0; i < n; i++) {
    const r = TYPES[i % TYPES.length](i) as Record<string, unknown>;
    if (cdk) {
      // Roughly what cdk synth emits per resource: metadata, tags, and IAM policy documents.
      r.Metadata = { 'aws:cdk:path': `EhrStack/Service${Math.floor(i / 10)}/Construct${i}/Resource` };
      const props = (r.Properties ??= {}) as Record<string, unknown>;
      props.Tags = ['DataClassification'].map((Key) => ({ Key, Value: `${Key.toLowerCase()}-value-${i % 7}` }));
      resources[`Construct${i}PolicyA1B2C3D4`] = {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: `Construct${i}Policy`,
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: { 'Fn::GetAtt': [`Resource${i}A1B2C3D4`, 'Arn'] } },
              { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': ['Key', 'Arn'] } },
            ],
          },
        },
        Metadata: { 'aws:cdk:path': `EhrStack/Service${Math.floor(i / 10)}/Construct${i}/Policy/Resource` },
      };
    }
    resources[`Resource${i}${cdk ? 'A1B2C3D4' : ''}`] = r;
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { Env: { Type: 'String', Default: 'prod' }, Encrypt: { Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] } },
    Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: resources,
  };
}

/** YAML with short-form tags, as people write it. */
export function toYaml(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return value.map((v) => `${pad}- ${toYaml(v, indent + 2).trimStart()}`).join('\n');
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'Ref') return `!Ref ${String(o.Ref)}`;
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') return `!GetAtt ${(o['Fn::GetAtt'] as string[]).join('.')}`;
    if (keys.length === 1 && keys[0] === 'Fn::Sub') return `!Sub '${String(o['Fn::Sub'])}'`;
    return keys
      .map((k) => {
        const v = o[k];
        const inline = typeof v !== 'object' || v === null || (Object.keys(v).length === 1 && ['Ref', 'Fn::GetAtt', 'Fn::Sub'].includes(Object.keys(v)[0]));
        return inline ? `${pad}${k}: ${toYaml(v, 0)}` : `${pad}${k}:\n${toYaml(v, indent + 2)}`;
      })
      .join('\n');
  }
  return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
}

