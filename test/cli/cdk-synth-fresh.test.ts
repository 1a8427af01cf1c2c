/**
 * Slow tier: synthesize test/fixtures/cdk-app with aws-cdk-lib (a few seconds; no CDK CLI, no AWS
 * account, no Docker) and check that
 * (a) cfn-hipaa finds on the fresh synth exactly what it finds on the committed fixture
 *     test/fixtures/cdk-synth (rule id, construct path, stack, severity, logical id), and
 * (b) the committed fixture is up to date: every file equal (as JSON) to the fresh one.
 * Runs when CDK_SYNTH_TESTS=1 (`npm test` and `npm run test:cdk-synth` set it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type * as WriteFixture from '../fixtures/cdk-app/write-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const COMMITTED = path.join(ROOT, 'test/fixtures/cdk-synth');
const REGENERATE = 'test/fixtures/cdk-synth is out of date: run `npx tsc -b && node scripts/synth-cdk-fixture.mjs` and commit the result';
const SKIP = process.env.CDK_SYNTH_TESTS === '1' ? false : 'slow (synthesizes a CDK app): set CDK_SYNTH_TESTS=1, or run `npm run test:cdk-synth`';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  logicalId: string | null;
  stack?: string;
  constructPath?: string;
}

function findings(dir: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--include-suppressed', '--include-out-of-scope', dir], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}`);
  return (JSON.parse(r.stdout) as JsonFinding[]).map((f) => [path.basename(f.file), f.stack, f.constructPath, f.logicalId, f.ruleId, f.severity].join(' ')).sort();
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((n) => n !== 'README.md').sort();

describe('the CDK fixture app, synthesized now', { skip: SKIP, timeout: 120_000 }, () => {
  const fresh = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-cdk-fresh-'));
  after(() => rmSync(fresh, { recursive: true, force: true }));
  // synth once for both tests (inside describe so a skipped suite does not synthesize)
  let written: string[] = [];
  test('synthesizes without Docker, CDK CLI or AWS account', () => {
    // Loaded here, not at the top: the fast tier skips this file and need not load aws-cdk-lib.
    const { writeFixture } = require('../fixtures/cdk-app/write-fixture') as typeof WriteFixture;
    written = writeFixture(fresh);
    assert.ok(written.includes('manifest.json') && written.includes('EhrData.template.json') && written.includes('EhrAppStorage226B389E.nested.template.json'), written.join(', '));
  });

  test('cfn-hipaa finds the same on the fresh synth as on the committed fixture', () => {
    assert.deepEqual(findings(fresh), findings(COMMITTED), REGENERATE);
  });

  test('the committed fixture is up to date (same files, equal as JSON)', () => {
    assert.deepEqual(jsonFiles(COMMITTED), [...written].sort(), `${REGENERATE} (the files differ)`);
    for (const name of written) {
      const a = JSON.parse(readFileSync(path.join(COMMITTED, name), 'utf8')) as unknown;
      const b = JSON.parse(readFileSync(path.join(fresh, name), 'utf8')) as unknown;
      assert.deepEqual(a, b, `${REGENERATE} (${name} differs)`);
    }
  });

  test("the fixture's README names the aws-cdk-lib version that wrote it", () => {
    const version = (JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')) as { version: string }).version;
    assert.ok(readFileSync(path.join(COMMITTED, 'README.md'), 'utf8').includes(`aws-cdk-lib ${version}`), `test/fixtures/cdk-synth/README.md should name aws-cdk-lib ${version}`);
  });
});
