import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../helpers/rule-tester';
import { hasLocalStorage } from '../../server/src/engine/rules/sagemaker/sagemaker-endpoint-config-encryption';

const P = ['Resources', 'Config', 'Properties'];
const variant = (type: string) => `
        - ModelName: model
          VariantName: v-${type.replace(/\./g, '')}
          InitialInstanceCount: 1
          InstanceType: ${type}`;

test('instance families with local NVMe storage', () => {
  for (const t of ['ml.m5d.large', 'ml.g4dn.xlarge', 'ml.p4d.24xlarge', 'ml.c5d.xlarge', 'ml.r5d.large', 'ml.g5.xlarge', 'ml.p3dn.24xlarge']) assert.ok(hasLocalStorage(t), t);
  for (const t of ['ml.m5.large', 'ml.c5.xlarge', 'ml.t2.medium', 'ml.p3.2xlarge', 'ml.inf1.xlarge', 'ml.g4ad']) assert.equal(hasLocalStorage(t), t === 'ml.g4ad', t);
});

ruleTester('sagemaker-endpoint-config-encryption', {
  valid: [
    {
      name: 'customer managed key from the template',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: !GetAtt Key.Arn
      ProductionVariants:${variant('ml.m5.large')}
`,
    },
    {
      name: 'local NVMe instance storage: KmsKeyId is not accepted, nothing to report',
      yaml: `
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:${variant('ml.m5.large')}${variant('ml.g4dn.xlarge')}
`,
    },
    {
      name: 'serverless variant has no volume',
      yaml: `
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - ModelName: model
          VariantName: serverless
          ServerlessConfig:
            MaxConcurrency: 5
            MemorySizeInMB: 2048
`,
    },
  ],
  invalid: [
    {
      name: 'no KmsKeyId on an EBS-backed instance type: suggestion (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:${variant('ml.m5.large')}
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'serverless plus an instance variant: reported',
      yaml: `
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:${variant('ml.c5.xlarge')}
        - ModelName: model
          VariantName: serverless
          ServerlessConfig:
            MaxConcurrency: 5
            MemorySizeInMB: 2048
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed key',
      yaml: `
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: alias/aws/sagemaker
      ProductionVariants:${variant('ml.m5.large')}
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'Fn::If on the key',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Key:
    Type: AWS::KMS::Key
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: !If [Prod, !Ref Key, !Ref AWS::NoValue]
      ProductionVariants:${variant('ml.m5.large')}
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'instance type from a parameter without Default: unverifiable',
      yaml: `
Parameters:
  InstanceType:
    Type: String
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - ModelName: model
          VariantName: v
          InitialInstanceCount: 1
          InstanceType: !Ref InstanceType
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'ProductionVariants', 0, 'InstanceType'], severity: 'info' }],
    },
    {
      name: 'instance type from a parameter Default; imported key unverifiable',
      yaml: `
Parameters:
  InstanceType:
    Type: String
    Default: ml.m5.xlarge
Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: !ImportValue sm-key
      ProductionVariants:
        - ModelName: model
          VariantName: v
          InitialInstanceCount: 1
          InstanceType: !Ref InstanceType
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'KmsKeyId'], severity: 'info', message: 'imported' }],
    },
  ],
});
