/**
 * Snippet definitions rendered as VS Code snippet text: deterministic, escaped, and a round trip
 * (the rendered body with its defaults parses to exactly what expandTemplate makes), YAML and JSON.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from '../../server/src/engine/parse';
import type { JsonObject } from '../../server/src/engine/types';
import { renderBody, renderSnippetFile, snippetDescription } from '../../server/src/snippets/render';
import { expandTemplate } from '../../server/src/snippets/types';
import type { SnippetDef } from '../../server/src/snippets/types';
import { BUCKET, expandSnippet, INSTANCE, SAMPLES, STARTER } from './snippet-samples';

const ROOT = path.resolve(__dirname, '../../..');

/** The document a non-starter body makes when inserted under `Resources:` (as VS Code inserts it, indented). */
function inserted(def: SnippetDef, format: 'yaml' | 'json', indent = 2): string {
  const body = expandSnippet(renderBody(def, format, { indent }).join('\n'));
  const pad = ' '.repeat(indent);
  if (def.starter) return body + '\n';
  const lines = body.split('\n').map((l) => pad + l);
  return format === 'yaml' ? `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${lines.join('\n')}\n` : `{\n"Resources": {\n${lines.join('\n')}\n}\n}\n`;
}

function parsedValue(text: string, format: 'yaml' | 'json'): JsonObject {
  const p = parse(text, { format });
  assert.deepEqual(p.problems, [], `parses cleanly:\n${text}`);
  assert.equal(p.isTemplate, true);
  if (format === 'json') assert.deepEqual(JSON.parse(text), p.value, 'plain JSON too');
  return p.value as JsonObject;
}

describe('snippet renderer', () => {
  test('rendering is deterministic', () => {
    for (const format of ['yaml', 'json'] as const) {
      const a = JSON.stringify(renderSnippetFile(SAMPLES, format));
      const b = JSON.stringify(renderSnippetFile(structuredClone(SAMPLES), format));
      assert.equal(a, b);
    }
  });

  for (const format of ['yaml', 'json'] as const) {
    for (const def of SAMPLES) {
      test(`${def.prefix} (${format}): with its defaults it parses to exactly expandTemplate's resources`, () => {
        const value = parsedValue(inserted(def, format), format);
        const expected = expandTemplate(def);
        if (def.starter) {
          assert.deepEqual(value, { ...expected, Description: def.title });
        } else {
          assert.deepEqual(value.Resources, expected.Resources);
        }
      });
    }
    test(`indent unit 4 (${format}) round-trips too`, () => {
      for (const def of SAMPLES) assert.deepEqual(parsedValue(inserted(def, format, 4), format).Resources, expandTemplate(def).Resources);
      assert.match(renderBody(BUCKET, format, { indent: 4 })[1], /^ {4}"?Type/);
    });
  }

  test('YAML reads the way a person writes it: short-form tags, tab stops, escapes, quotes only where needed', () => {
    const body = renderBody(BUCKET, 'yaml');
    const text = body.join('\n');
    assert.equal(body[0], '${2:PhiKey}:', 'logical id at column 0');
    assert.equal(body[1], '  Type: AWS::KMS::Key');
    assert.ok(body.includes('${1:PhiBucket}Policy:'), 'a mirrored id in a longer key');
    assert.ok(body.includes('    Bucket: !Ref ${1:PhiBucket}'), 'mirrored in a Ref');
    assert.match(text, /KMSMasterKeyID: !GetAtt \$\{2:PhiKey\}\.Arn$/m);
    assert.match(text, /BucketName: !Sub \$\{3:phi\}-\\\$\{AWS::Region\\\}-\\\$\{AWS::AccountId\\\}$/m, '${AWS::Region} escaped');
    assert.match(text, /SSEAlgorithm: \$\{4\|aws:kms,aws:kms:dsse\|\}$/m, 'a choice');
    assert.match(text, /Value: 'true'$/m, "the string 'true' is quoted");
    assert.match(text, /Value: '\$\{6:365\}'$/m, 'a placeholder whose default would read as a number is quoted');
    assert.match(text, /Value: '\$\{7:''q'' owner\}'$/m, 'a default that starts with a quote');
    assert.match(text, /Principal: '\*'$/m);
    assert.match(text, /aws:SecureTransport: 'false'$/m);
    assert.match(text, /Value: "\\\$5 \{not\\\} a \\\\\\\\ path: #1"$/m, 'a backslash: double quotes; literal $ } \\ escaped for the snippet');
    assert.match(text, /Resource: \[!GetAtt \$\{1:PhiBucket\}\.Arn, !Sub '\\\$\{\$\{1:PhiBucket\}\.Arn\\\}\/\*'\]$/m, 'quoted in a flow list');
    const inst = renderBody(INSTANCE, 'yaml').join('\n');
    assert.match(inst, /AvailabilityZone: !Select \[0, !GetAZs ''\]$/m);
    assert.match(inst, /UserData:\n\s+Fn::Base64: !Sub "#!\/bin\/bash\\\\necho \\\$\{AWS::Region\\\} > \/etc\/region\\\\n"$/m, 'one tag per node');
    assert.match(inst, /KmsKeyId: !If \[IsProd, !Ref AWS::NoValue, alias\/aws\/ebs\]$/m);
    assert.match(inst, /DependsOn: \[\$\{1:AppSubnet\}\]$/m);
    assert.match(inst, /Value: app\$0$/m);
  });

  test('JSON: members separated by commas, keys at column 0, tab stops and escapes', () => {
    const body = renderBody(BUCKET, 'json');
    assert.equal(body[0], '"${2:PhiKey}": {');
    assert.equal(body.filter((l) => /^"/.test(l)).length, 3, 'three resources');
    assert.deepEqual(body.filter((l) => /^\}/.test(l)), ['},', '},', '}']);
    const text = body.join('\n');
    assert.match(text, /"Fn::Sub": "\$\{3:phi\}-\\\$\{AWS::Region\\\}-\\\$\{AWS::AccountId\\\}"/);
    assert.match(text, /"SSEAlgorithm": "\$\{4\|aws:kms,aws:kms:dsse\|\}"/);
    assert.match(text, /"KMSMasterKeyID": \{ "Fn::GetAtt": \["\$\{2:PhiKey\}", "Arn"\] \}/, 'short intrinsics on one line');
    assert.match(text, /"Value": "\\\$5 \{not\\\} a \\\\\\\\ path: #1"/, 'JSON escape, then snippet escape');
  });

  test('starter: a whole template in both formats', () => {
    const yaml = renderBody(STARTER, 'yaml');
    assert.deepEqual(yaml.slice(0, 3), ["AWSTemplateFormatVersion: '2010-09-09'", "Description: 'Test starter: logs for an app'", 'Parameters:']);
    const json = renderBody(STARTER, 'json');
    assert.equal(json[0], '{');
    assert.equal(json[json.length - 1], '}');
  });

  test('the VS Code snippet file: title -> prefix, description with the controls and the parameters to add, body', () => {
    const file = renderSnippetFile(SAMPLES, 'yaml');
    assert.deepEqual(Object.keys(file), SAMPLES.map((d) => d.title));
    const e = file[BUCKET.title];
    assert.equal(e.prefix, 'hipaa-test-bucket');
    assert.deepEqual(e.body, renderBody(BUCKET, 'yaml'));
    assert.equal(e.description, snippetDescription(BUCKET));
    assert.match(e.description, /SSE-KMS with a customer managed key/);
    assert.match(e.description, /Add to Parameters: LogBucketName \(String\)/);
    assert.doesNotMatch(file[STARTER.title].description, /Add to Parameters/, 'a starter has its parameters');
    const dup = renderSnippetFile([BUCKET, { ...INSTANCE, title: BUCKET.title }], 'json');
    assert.deepEqual(Object.keys(dup), [BUCKET.title, `${BUCKET.title} (hipaa-test-instance)`], 'titles stay unique');
  });

  test('build-snippets --check: the committed files match the definitions; a stale file fails', () => {
    const script = path.join(ROOT, 'scripts/build-snippets.mjs');
    const ok = spawnSync(process.execPath, [script, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(ok.status, 0, `snippets/*.json are stale: ${ok.stderr}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-snippet-files-'));
    const missing = spawnSync(process.execPath, [script, '--check', '--dir', dir], { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    execFileSync(process.execPath, [script, '--dir', dir]);
    for (const name of ['cloudformation.yaml.json', 'cloudformation.json.json']) {
      assert.equal(readFileSync(path.join(dir, name), 'utf8'), readFileSync(path.join(ROOT, 'snippets', name), 'utf8'));
    }
    assert.equal(spawnSync(process.execPath, [script, '--check', '--dir', dir]).status, 0);
    writeFileSync(path.join(dir, 'cloudformation.json.json'), '{ "Old": { "prefix": "hipaa-old", "body": [] } }\n');
    const stale = spawnSync(process.execPath, [script, '--check', '--dir', dir], { encoding: 'utf8' });
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /cloudformation\.json\.json is out of date/);
  });
});
