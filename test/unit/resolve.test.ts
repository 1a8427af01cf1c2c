import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/engine/parse';
import { buildTemplate } from '../../server/src/engine/template/model';
import { Resolver } from '../../server/src/engine/template/resolve';
import type { Outcome } from '../../server/src/engine/template/resolve';
import type { Path } from '../../server/src/engine/types';

function resolver(yaml: string): Resolver {
  const doc = parse(yaml, { format: 'yaml' });
  assert.deepEqual(doc.problems, []);
  return new Resolver(buildTemplate(doc.value)!);
}

const brief = (o: Outcome) => ({
  value: o.value,
  known: o.known,
  origin: o.origin.join('.'),
  conditions: o.conditions.map((c) => `${c.name}=${c.value}`).join(','),
});

const X: Path = ['Resources', 'R', 'Properties', 'X'];

function outcomes(params: string, x: string, extra = ''): ReturnType<typeof brief>[] {
  const r = resolver(`${params}\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: ${x}\n${extra}`);
  return r.at(X).map(brief);
}

describe('value resolution', () => {
  test('a literal', () => {
    assert.deepEqual(outcomes('', 'hello'), [{ value: 'hello', known: true, origin: X.join('.'), conditions: '' }]);
  });

  test('Ref to a parameter resolves to its Default', () => {
    assert.deepEqual(outcomes('Parameters:\n  P:\n    Type: String\n    Default: abc', '!Ref P'), [
      { value: 'abc', known: true, origin: 'Parameters.P.Default', conditions: '' },
    ]);
  });

  test('a parameter without Default but with AllowedValues gives each value', () => {
    assert.deepEqual(outcomes("Parameters:\n  P:\n    Type: String\n    AllowedValues: ['true', 'false']", '!Ref P').map((o) => [o.value, o.origin]), [
      ['true', 'Parameters.P.AllowedValues.0'],
      ['false', 'Parameters.P.AllowedValues.1'],
    ]);
  });

  test('a parameter with neither is unknown, with a reason', () => {
    const r = resolver('Parameters:\n  P:\n    Type: String\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Ref P\n');
    const [o] = r.at(X);
    assert.equal(o.known, false);
    assert.match(o.reason!, /parameter P, which has no Default/);
  });

  test('an SSM parameter type is read at deploy time: its Default is a parameter name, not a value', () => {
    const r = resolver('Parameters:\n  P:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /phi/key\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Ref P\n');
    const [o] = r.at(X);
    assert.equal(o.known, false);
    assert.match(o.reason!, /SSM Parameter Store \(\/phi\/key\)/);
  });

  test('Fn::If yields both branches under the condition', () => {
    assert.deepEqual(outcomes('Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]', '!If [C, a, !Ref AWS::NoValue]'), [
      { value: 'a', known: true, origin: [...X, 'Fn::If', 1].join('.'), conditions: 'C=true' },
      { value: undefined, known: true, origin: [...X, 'Fn::If', 2].join('.'), conditions: 'C=false' },
    ]);
  });

  test('nested Fn::If on the same condition never contradicts itself', () => {
    const got = outcomes('Conditions:\n  C: !Equals [!Ref AWS::Region, us-east-1]', '!If [C, !If [C, a, impossible], !If [C, impossible, b]]');
    assert.deepEqual(got.map((o) => [o.value, o.conditions]), [
      ['a', 'C=true'],
      ['b', 'C=false'],
    ]);
  });

  test('conditions derived from others are decided (Not, And, Or, Condition)', () => {
    const got = outcomes(
      'Conditions:\n  A: !Equals [!Ref AWS::Region, us-east-1]\n  NotA: !Not [!Condition A]\n  Both: !And [!Condition A, !Condition NotA]',
      '!If [A, !If [NotA, x, y], !If [Both, z, w]]',
    );
    assert.deepEqual(got.map((o) => o.value), ['y', 'w']);
  });

  test('a literal Fn::Equals is decided', () => {
    assert.deepEqual(outcomes("Conditions:\n  Never: !Equals ['a', 'b']", '!If [Never, x, y]').map((o) => [o.value, o.conditions]), [['y', '']]);
  });

  test('a parameter Default that contradicts an assumed condition is not used in that branch', () => {
    const got = outcomes("Parameters:\n  Snap:\n    Type: String\n    Default: ''\nConditions:\n  HasSnap: !Not [!Equals [!Ref Snap, '']]", '!If [HasSnap, !Ref Snap, none]');
    assert.equal(got[0].known, false, "with HasSnap true, Snap is not ''");
    assert.equal(got[1].value, 'none');
  });

  test('Fn::FindInMap with a deploy-time key yields every entry', () => {
    const got = outcomes('Mappings:\n  M:\n    us-east-1: {Enc: "true"}\n    eu-west-1: {Enc: "false"}\n    ap-south-1: {Enc: "true"}', '!FindInMap [M, !Ref AWS::Region, Enc]');
    assert.deepEqual(got.map((o) => [o.value, o.origin]), [
      ['true', 'Mappings.M.us-east-1.Enc'],
      ['false', 'Mappings.M.eu-west-1.Enc'],
    ]);
  });

  test('Fn::Sub with known parts is a string; with a resource it names the resource', () => {
    assert.deepEqual(outcomes('Parameters:\n  Env:\n    Type: String\n    Default: prod', "!Sub 'app-${Env}-${!Literal}'").map((o) => o.value), ['app-prod-${Literal}']);
    const r = resolver("Resources:\n  K:\n    Type: AWS::KMS::Key\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${K}'\n");
    const [o] = r.at(X);
    assert.equal(o.known, false);
    assert.deepEqual(o.refs, ['K']);
    assert.equal(o.text, 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${K}');
  });

  test('Fn::Join of known parts', () => {
    assert.deepEqual(outcomes('Parameters:\n  P:\n    Type: String\n    Default: b', "!Join ['-', [a, !Ref P, c]]").map((o) => o.value), ['a-b-c']);
  });

  test('Ref and GetAtt to resources resolve to the resource', () => {
    const r = resolver('Resources:\n  K:\n    Type: AWS::KMS::Key\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !GetAtt K.Arn\n      Y: !Ref K\n');
    assert.deepEqual(r.at(X)[0].resource, { logicalId: 'K', type: 'AWS::KMS::Key', attribute: 'Arn' });
    assert.deepEqual(r.at(['Resources', 'R', 'Properties', 'Y'])[0].resource, { logicalId: 'K', type: 'AWS::KMS::Key' });
    assert.deepEqual(r.template.referencesTo('K').map((x) => [x.from, x.kind, x.path.join('.')]), [
      ['R', 'GetAtt', 'Resources.R.Properties.X'],
      ['R', 'Ref', 'Resources.R.Properties.Y'],
    ]);
  });

  test('Fn::ImportValue and pseudo parameters are unknown, with reasons', () => {
    assert.match(outcomes('', '!ImportValue shared').map((o) => String(o.known))[0], /false/);
    const r = resolver('Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Ref AWS::Region\n');
    assert.match(r.at(X)[0].reason!, /AWS::Region, known only at deploy time/);
  });

  test('a dynamic reference is unknown', () => {
    const [o] = resolver('Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: "{{resolve:ssm:/phi/key}}"\n').at(X);
    assert.equal(o.known, false);
    assert.match(o.reason!, /dynamic reference/);
  });

  test('SAM Globals are layered under a serverless resource, with their origin', () => {
    const r = resolver(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Environment:
      Variables:
        STAGE: prod
    Layers: [arn:aws:lambda:us-east-1:111122223333:layer:base:1]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: t
      Layers: [arn:aws:lambda:us-east-1:111122223333:layer:extra:1]
  Bare:
    Type: AWS::Serverless::Function
`);
    const props = ['Resources', 'Fn', 'Properties'];
    assert.deepEqual(r.at([...props, 'Runtime']).map((o) => [o.value, o.origin.join('.')]), [['nodejs20.x', 'Resources.Fn.Properties.Runtime']]);
    assert.deepEqual(r.at([...props, 'Environment', 'Variables', 'STAGE']).map((o) => [o.value, o.origin.join('.'), o.logical.join('.')]), [
      ['prod', 'Globals.Function.Environment.Variables.STAGE', 'Resources.Fn.Properties.Environment.Variables.STAGE'],
    ]);
    assert.deepEqual(r.at([...props, 'Environment', 'Variables', 'TABLE']).map((o) => o.value), ['t']);
    // Lists are additive: Globals first.
    assert.deepEqual(r.at([...props, 'Layers', 0]).map((o) => o.origin.join('.')), ['Globals.Function.Layers.0']);
    assert.deepEqual(r.at([...props, 'Layers', 1]).map((o) => o.origin.join('.')), ['Resources.Fn.Properties.Layers.0']);
    // A function with no Properties still gets its Globals.
    assert.deepEqual(r.at(['Resources', 'Bare', 'Properties', 'Runtime']).map((o) => o.value), ['python3.12']);
  });

  test('the number of outcomes is bounded', () => {
    const conds = Array.from({ length: 10 }, (_, i) => `  C${i}: !Equals [!Ref AWS::Region, r${i}]`).join('\n');
    let x = 'v';
    for (let i = 0; i < 10; i++) x = `!If [C${i}, ${x}, ${x}]`;
    const r = resolver(`Conditions:\n${conds}\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: ${x}\n`);
    const got = r.at(X);
    assert.ok(got.length <= 64, `${got.length} outcomes`);
    assert.ok(got.every((o) => !o.known && /more than 64 possible values/.test(o.reason ?? '')), 'past the bound, values are unknown (never silently passed)');
  });
});
