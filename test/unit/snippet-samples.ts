/**
 * Sample snippet definitions for the renderer and completion tests (the real ones live in
 * server/src/snippets/defs), and a reader of VS Code snippet syntax that fills in the defaults.
 */
import type { SnippetDef } from '../../server/src/snippets/types';

/** A bucket with its key (a companion), a mirrored id, a choice, Fn::Sub with ${AWS::...}, and text that needs escaping. */
export const BUCKET: SnippetDef = {
  prefix: 'hipaa-test-bucket',
  title: 'Test bucket (KMS, TLS-only)',
  compliance: ['SSE-KMS with a customer managed key', 'TLS-only bucket policy'],
  parameters: { LogBucketName: { Type: 'String', Description: 'Bucket that receives the access logs' } },
  resources: {
    '{{2:PhiKey}}': {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' }],
        },
      },
    },
    '{{1:PhiBucket}}': {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': '{{3:phi}}-${AWS::Region}-${AWS::AccountId}' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: '{{4|aws:kms,aws:kms:dsse|}}', KMSMasterKeyID: { 'Fn::GetAtt': ['{{2:PhiKey}}', 'Arn'] } } },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'LogBucketName' }, LogFilePrefix: '{{5:logs/}}' },
        Tags: [
          { Key: 'phi', Value: 'true' },
          { Key: 'retention', Value: '{{6:365}}' },
          { Key: 'note', Value: '$5 {not} a \\ path: #1' },
          { Key: 'owner', Value: "{{7:'q' owner}}" },
        ],
      },
    },
    '{{1:PhiBucket}}Policy': {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: '{{1:PhiBucket}}' },
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [{ 'Fn::GetAtt': ['{{1:PhiBucket}}', 'Arn'] }, { 'Fn::Sub': '${{{1:PhiBucket}}.Arn}/*' }],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  },
  companions: [{ logicalId: '{{2:PhiKey}}', type: 'AWS::KMS::Key' }],
};

/** Nested intrinsics (Select/GetAZs, Base64 of a multi-line Sub, If with AWS::NoValue), numbers, booleans, empty lists, $0. */
export const INSTANCE: SnippetDef = {
  prefix: 'hipaa-test-instance',
  title: 'Test subnet and launch template',
  compliance: ['No public IP', 'IMDSv2', 'Encrypted volumes'],
  parameters: { VpcId: { Type: 'AWS::EC2::VPC::Id' } },
  resources: {
    '{{1:AppSubnet}}': {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: { Ref: 'VpcId' },
        CidrBlock: '{{2:10.0.1.0/24}}',
        AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        MapPublicIpOnLaunch: false,
        Tags: [{ Key: 'Name', Value: 'app{{0}}' }],
      },
    },
    '{{3:AppTemplate}}': {
      Type: 'AWS::EC2::LaunchTemplate',
      DependsOn: ['{{1:AppSubnet}}'],
      Properties: {
        LaunchTemplateData: {
          InstanceType: '{{4|t3.micro,m5.large|}}',
          MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
          UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${AWS::Region} > /etc/region\n' } },
          SecurityGroupIds: [],
          NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, SubnetId: { Ref: '{{1:AppSubnet}}' } }],
          BlockDeviceMappings: [
            {
              DeviceName: '/dev/xvda',
              Ebs: { Encrypted: true, VolumeSize: { 'Fn::If': ['IsProd', 100, 20] }, KmsKeyId: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'alias/aws/ebs'] } },
            },
          ],
        },
      },
    },
  },
};

/** A whole template for an empty file. */
export const STARTER: SnippetDef = {
  prefix: 'hipaa-test-starter',
  title: 'Test starter: logs for an app',
  compliance: ['Log retention of a year'],
  starter: true,
  parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'], Default: 'prod' } },
  resources: {
    '{{1:AppLogs}}': { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, LogGroupName: { 'Fn::Sub': '/app/${Env}/{{2:web}}' } } },
  },
};

export const SAMPLES: SnippetDef[] = [BUCKET, INSTANCE, STARTER];

/**
 * VS Code snippet text with every tab stop replaced by its default (a choice by its first
 * option), as VS Code inserts it. Strict: a `$` or `\` that the syntax would not read as literal
 * text throws (outside a placeholder `}` is text), so an escaping mistake of the renderer fails.
 */
export function expandSnippet(text: string): string {
  let i = 0;
  const unescapeChoice = (s: string) => s.replace(/\\([,|\\])/g, '$1');
  function read(inPlaceholder: boolean): string {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined || !'$}\\'.includes(next)) throw new Error(`lone backslash at ${i}: ${text.slice(i, i + 20)}`);
        out += next;
        i += 2;
        continue;
      }
      if (c === '}') {
        i++;
        if (inPlaceholder) return out;
        out += c; // outside a placeholder, `}` is text
        continue;
      }
      if (c === '$') {
        const rest = text.slice(i);
        let m = /^\$\d+/.exec(rest);
        if (m) {
          i += m[0].length;
          continue;
        }
        m = /^\$\{\d+\|((?:[^|\\]|\\.)*)\|\}/.exec(rest);
        if (m) {
          out += unescapeChoice(m[1].split(/(?<!\\),/)[0]);
          i += m[0].length;
          continue;
        }
        m = /^\$\{\d+:/.exec(rest);
        if (m) {
          i += m[0].length;
          out += read(true);
          continue;
        }
        throw new Error(`unescaped $ at ${i}: ${text.slice(i, i + 20)}`);
      }
      out += c;
      i++;
    }
    if (inPlaceholder) throw new Error('unclosed placeholder');
    return out;
  }
  return read(false);
}
