/**
 * Benchmark (prints figures; not a test): parse and full lint time for the largest corpus
 * templates, a generated 500-resource YAML template and a generated 5,000-resource JSON template
 * shaped like `cdk synth` output (~5 MB). Run with `npm run bench`.
 *
 * Targets for this stage: 500-resource YAML linted in < 50 ms; 5 MB JSON in < 1 s.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { Format } from '../../server/src/engine/types';

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = [process.env.CFN_HIPAA_CORPUS, path.resolve(REPO, '../shared/corpus'), '/work/shared/corpus'].find((c): c is string => !!c && existsSync(c));

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

function generate(n: number, cdk: boolean): Record<string, unknown> {
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
function toYaml(value: unknown, indent = 0): string {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(name: string, text: string, format: Format, runs: number): void {
  // Warm up once (JIT), then take the median of `runs`.
  lint(parse(text, { format }));
  const parseTimes: number[] = [];
  const totalTimes: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const doc = parse(text, { format });
    const t1 = performance.now();
    findings = lint(doc).length;
    const t2 = performance.now();
    parseTimes.push(t1 - t0);
    totalTimes.push(t2 - t0);
  }
  const kb = (text.length / 1024).toFixed(0).padStart(6);
  console.log(`${name.padEnd(58)} ${kb} KB  parse ${median(parseTimes).toFixed(1).padStart(7)} ms  parse+lint ${median(totalTimes).toFixed(1).padStart(7)} ms  ${String(findings).padStart(5)} findings`);
}

function largestCorpusTemplates(n: number): string[] {
  if (!CORPUS) return [];
  const files: { file: string; size: number }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(ya?ml|json|template)$/.test(name)) files.push({ file: p, size: st.size });
    }
  };
  walk(CORPUS);
  return files.sort((a, b) => b.size - a.size).slice(0, n).map((f) => f.file);
}

console.log(`cfn-hipaa benchmark - node ${process.version}, median of repeated runs after one warm-up\n`);
for (const file of largestCorpusTemplates(5)) {
  const format: Format = file.endsWith('.json') ? 'json' : 'yaml';
  measure(`corpus ${path.relative(CORPUS!, file)}`, readFileSync(file, 'utf8'), format, 20);
}
const yaml500 = toYaml(generate(500, false)) + '\n';
measure('generated YAML, 500 resources (short-form tags)', yaml500, 'yaml', 20);
const json5000 = JSON.stringify(generate(5000, true), null, 1);
measure(`generated JSON, 5,000 resources (cdk synth style, ${(json5000.length / 1024 / 1024).toFixed(1)} MB)`, json5000, 'json', 5);
console.log('\nTargets: 500-resource YAML < 50 ms; 5 MB JSON < 1000 ms.');
