/**
 * The cloud assembly reader (engine/cdk/assembly.ts) on the hand-written cdk-out fixture and on
 * in-memory assemblies, and the construct path of a resource with and without tree.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { constructPathOf, isCloudAssembly, readAssembly } from '../../server/src/engine/cdk/assembly';
import type { ReadFile } from '../../server/src/engine/cdk/assembly';
import { isCdkPlumbing } from '../../server/src/engine/cdk/plumbing';
import { buildTemplate } from '../../server/src/engine/template/model';
import { lint } from '../../server/src/engine/lint';
import { lintAssembly } from '../../server/src/engine/cdk/lint-assembly';
import { parse } from '../../server/src/engine/parse';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/cdk-out');

const fromDisk: ReadFile = (rel) => {
  try {
    return readFileSync(path.join(FIXTURE, rel), 'utf8');
  } catch {
    return undefined;
  }
};

const fromMemory =
  (files: Record<string, unknown>): ReadFile =>
  (rel) =>
    rel in files ? (typeof files[rel] === 'string' ? (files[rel] as string) : JSON.stringify(files[rel])) : undefined;

describe('cloud assembly reader', () => {
  test('finds every stack template: the app stack, its nested stack and the stage stack', () => {
    const a = readAssembly(fromDisk);
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      a.templates.map((t) => [t.file, t.stackName, t.artifactId, t.parent?.logicalId ?? null]),
      [
        ['EhrStack.template.json', 'EhrStack', 'EhrStack', null],
        ['EhrStackAudit1A2B3C4D.nested.template.json', 'EhrStack/AuditNestedStackAuditNestedStackResource5A6B7C8D', 'EhrStack', 'AuditNestedStackAuditNestedStackResource5A6B7C8D'],
        ['assembly-Prod/ProdEhrStack1A2B3C4D.template.json', 'Prod-EhrStack', 'ProdEhrStack1A2B3C4D', null],
      ],
    );
    assert.equal(a.templates[1].parent?.file, 'EhrStack.template.json');
    assert.equal(a.templates[0].logicalIds.RawBucket0C3EE094, 'EhrStack/RawBucket/Resource');
    assert.equal(a.templates[0].logicalIds.BootstrapVersion, 'EhrStack/BootstrapVersion');
    assert.ok(a.templates[0].text.includes('RawBucket0C3EE094'));
    assert.equal(a.tree?.nodes['EhrStack/Archive']?.fqn, 'ehr-infra.ArchiveStore');
    assert.equal(a.tree?.nodes['EhrStack/RawBucket/Resource']?.cfnType, 'AWS::S3::Bucket');
    assert.ok(isCloudAssembly(fromDisk));
    assert.ok(!isCloudAssembly(fromMemory({})));
  });

  test('reports missing and malformed files and keeps reading the rest', () => {
    const a = readAssembly(
      fromMemory({
        'manifest.json': {
          version: '36.0.0',
          artifacts: {
            A: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A.template.json' } },
            B: { type: 'aws:cloudformation:stack', properties: { templateFile: 'B.template.json' } },
            S: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-S' } },
            T: { type: 'cdk:tree', properties: { file: 'tree.json' } },
          },
        },
        'A.template.json': { Resources: {} },
        'assembly-S/manifest.json': '{ not json',
        'tree.json': '[]',
      }),
    );
    assert.deepEqual(
      a.templates.map((t) => t.file),
      ['A.template.json'],
    );
    assert.deepEqual(a.problems, ['B.template.json (template of stack B) does not exist.', 'assembly-S/manifest.json is not valid JSON.', 'tree.json is not a construct tree.']);
    assert.equal(a.tree, undefined);
  });

  test('nested assemblies and nested stacks resolve relative paths, and cycles end', () => {
    const a = readAssembly(
      fromMemory({
        'manifest.json': { artifacts: { S: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-S' } } } },
        'assembly-S/manifest.json': {
          artifacts: {
            X: { type: 'aws:cloudformation:stack', properties: { templateFile: 'X.template.json', stackName: 'S-X' } },
            Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } },
          },
        },
        'assembly-S/X.template.json': { Resources: { N: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'XN.nested.template.json' } } } },
        'assembly-S/XN.nested.template.json': { Resources: { Loop: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'XN.nested.template.json' } } } },
      }),
    );
    assert.deepEqual(
      a.templates.map((t) => [t.file, t.stackName]),
      [
        ['assembly-S/X.template.json', 'S-X'],
        ['assembly-S/XN.nested.template.json', 'S-X/N'],
      ],
    );
    assert.deepEqual(a.problems, []);
  });

  test('construct path: the L2 from tree.json, else the path without /Resource or /Default', () => {
    const tree = readAssembly(fromDisk).tree;
    assert.equal(constructPathOf('EhrStack/Database/Resource'), 'EhrStack/Database');
    assert.equal(constructPathOf('/EhrStack/CDKMetadata/Default'), 'EhrStack/CDKMetadata');
    assert.equal(constructPathOf('EhrStack/Archive/Store'), 'EhrStack/Archive/Store');
    // tree.json: Store is a CfnBucket inside the user's ArchiveStore construct.
    assert.equal(constructPathOf('EhrStack/Archive/Store', tree), 'EhrStack/Archive');
    assert.equal(constructPathOf('EhrStack/IntakeHandler/ServiceRole/Resource', tree), 'EhrStack/IntakeHandler/ServiceRole');
    assert.equal(constructPathOf('EhrStack/IntakeHandler/InvokeAny', tree), 'EhrStack/IntakeHandler');
    // Not in the tree: the heuristic. An L1 written directly in a stack is its own construct.
    assert.equal(constructPathOf('EhrStack/Unknown/Resource', tree), 'EhrStack/Unknown');
    assert.equal(constructPathOf('S/Raw', { nodes: { S: { path: 'S', fqn: 'aws-cdk-lib.Stack' }, 'S/Raw': { path: 'S/Raw', fqn: 'aws-cdk-lib.aws_s3.CfnBucket' } } }), 'S/Raw');
  });

  test('findings carry the construct path; resources without aws:cdk:path do not', () => {
    const text = JSON.stringify({
      Resources: {
        Cdk: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false }, Metadata: { 'aws:cdk:path': 'EhrStack/Jobs/Resource' } },
        Plain: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } },
      },
    });
    const fs = lint(parse(text, { format: 'json' }), { rules: { 'sqs-queue-ssl-only': 'off' } });
    const cdk = fs.find((f) => f.logicalId === 'Cdk');
    const plain = fs.find((f) => f.logicalId === 'Plain');
    assert.equal(cdk?.constructPath, 'EhrStack/Jobs');
    assert.match(cdk!.message, / \(construct EhrStack\/Jobs\)$/);
    assert.equal(plain?.constructPath, undefined);
    assert.doesNotMatch(plain!.message, /construct/);
  });

  test('CDK plumbing: handler metadata or a Custom::*CustomResourceProvider path', () => {
    const t = buildTemplate({
      Resources: {
        A: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:is-custom-resource-handler-singleton': true } },
        B: { Type: 'AWS::IAM::Role', Metadata: { 'aws:cdk:path': 'S/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role' } },
        C: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'S/Handler/Resource' } },
        D: { Type: 'AWS::Lambda::Function' },
      },
    })!;
    assert.deepEqual(
      ['A', 'B', 'C', 'D'].map((id) => isCdkPlumbing(t.resource(id)!)),
      [true, true, false, false],
    );
  });
});

describe('CDK handlers marked in the construct metadata (<stack>.metadata.json)', () => {
  const template = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::111122223333:role/x', Code: { ZipFile: 'x' } }, Metadata: { 'aws:cdk:path': 'Ehr/ThirdPartyProvider/framework-onEvent/Resource' } },
    },
  };
  const lambdaFindings = (entries: unknown[]) => {
    const files: Record<string, unknown> = {
      'manifest.json': { version: '55.0.0', artifacts: { Ehr: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Ehr.template.json' }, additionalMetadataFile: 'Ehr.metadata.json' } } },
      'Ehr.metadata.json': { '/Ehr/ThirdPartyProvider/framework-onEvent/Resource': [{ type: 'aws:cdk:logicalId', data: 'Fn' }], '/Ehr/ThirdPartyProvider': entries },
      'Ehr.template.json': template,
    };
    const a = readAssembly(fromMemory(files));
    assert.deepEqual(a.problems, []);
    return lintAssembly(a)[0].findings.filter((f) => f.ruleId === 'lambda-in-vpc');
  };

  test('a function under a construct marked aws:cdk:is-custom-resource-handler-* is plumbing', () => {
    assert.deepEqual(lambdaFindings([{ type: 'aws:cdk:is-custom-resource-handler-customResourceProvider', data: true }]), []);
  });

  test('without the mark, the same function is flagged', () => {
    assert.equal(lambdaFindings([{ type: 'aws:cdk:analytics:construct', data: {} }]).length, 1);
  });

  test('the logical ids come from the metadata file too', () => {
    const files: Record<string, unknown> = {
      'manifest.json': { version: '55.0.0', artifacts: { Ehr: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Ehr.template.json' }, additionalMetadataFile: 'Ehr.metadata.json' } } },
      'Ehr.metadata.json': { '/Ehr/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'Bucket83908E77' }] },
      'Ehr.template.json': { Resources: {} },
    };
    assert.deepEqual(readAssembly(fromMemory(files)).templates[0].logicalIds, { Bucket83908E77: 'Ehr/Bucket/Resource' });
    delete files['Ehr.metadata.json'];
    assert.match(readAssembly(fromMemory(files)).problems.join('\n'), /Ehr\.metadata\.json \(construct metadata of a stack\) does not exist/);
  });
});
