import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Notebook', 'Properties'];
const base = `
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/sm
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const inSubnet = `${base}\n      SubnetId: subnet-1\n      SecurityGroupIds: [sg-1]`;

ruleTester('sagemaker-notebook-direct-internet', {
  valid: [
    { name: 'Disabled in a subnet', yaml: `Resources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: Disabled\n` },
    {
      name: 'parameter default Disabled',
      yaml: `Parameters:\n  Access:\n    Type: String\n    Default: Disabled\nResources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: !Ref Access\n`,
    },
  ],
  invalid: [
    {
      name: 'absent: enabled by default, no subnet: no fix',
      yaml: `Resources:\n  Notebook:${base}\n`,
      findings: [{ messageId: 'directInternet', path: [...P, 'DirectInternetAccess'], severity: 'error', fix: 'none', message: 'by default' }],
    },
    {
      name: 'absent in a subnet: suggestion (replacement)',
      yaml: `Resources:\n  Notebook:${inSubnet}\n`,
      findings: [{ messageId: 'directInternet', path: [...P, 'DirectInternetAccess'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'explicit Enabled in a subnet',
      yaml: `Resources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: Enabled\n`,
      findings: [{ messageId: 'directInternet', path: [...P, 'DirectInternetAccess'], severity: 'error', fix: 'suggest', message: 'bypassing your VPC' }],
    },
    {
      name: 'Fn::If: Enabled in one branch',
      yaml: `Conditions:\n  Dev: !Equals [!Ref 'AWS::Region', us-west-2]\nResources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: !If [Dev, Enabled, Disabled]\n`,
      findings: [{ messageId: 'directInternet', path: [...P, 'DirectInternetAccess', 'Fn::If', 1], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'Disabled without a subnet: deployment fails (unverifiable)',
      yaml: `Resources:\n  Notebook:${base}\n      DirectInternetAccess: Disabled\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'SubnetId'], severity: 'info' }],
    },
    {
      name: 'parameter without default or allowed values: unverifiable',
      yaml: `Parameters:\n  Access:\n    Type: String\nResources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: !Ref Access\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'DirectInternetAccess'], severity: 'info' }],
    },
    {
      name: 'imported: unverifiable',
      yaml: `Resources:\n  Notebook:${inSubnet}\n      DirectInternetAccess: !ImportValue access\n`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'DirectInternetAccess'], severity: 'info' }],
    },
  ],
});

test('sagemaker-notebook-direct-internet: phi: false resource is out of scope', () => {
  const yaml = `Resources:\n  Notebook:${base.replace('    Properties:', '    Metadata:\n      cfn-hipaa:\n        phi: false\n    Properties:')}\n`;
  const f = lintText(yaml, 'yaml').findings.filter((x) => x.ruleId === 'sagemaker-notebook-direct-internet');
  assert.equal(f.length, 1);
  assert.ok(f[0].outOfScope);
});
