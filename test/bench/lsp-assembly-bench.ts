/**
 * Background cloud assembly lint vs typing (prints figures; not a test), as an LSP client sees it:
 * keystroke (didChange) -> publishDiagnostics latency, p50/p95, on a 500-resource YAML template,
 * debounce 0,
 *   1. alone (a workspace without cdk.out);
 *   2. while a ~5 MB cdk synth-style assembly template is linted in the background, re-synthesized
 *      (rewritten + didChangeWatchedFiles) whenever the previous lint has finished, so that a lint
 *      runs during the edits;
 *   3. for comparison, while the same 5 MB template is linted on the server's main thread (open in
 *      the editor and edited between keystrokes): what the worker thread avoids.
 * Run with `npm run bench:lsp-assembly` (builds first).
 * Target: p95 during a background assembly lint within 1.5x of alone (and < 60 ms).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../lsp/client';
import { generate, toYaml } from './generate';

interface Status {
  dir: string;
  started: number;
  completed: number;
  cancelled: number;
  running: boolean;
  pending: boolean;
  lastMs?: number;
}

const EDITS = 60;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function line(label: string, xs: number[]): string {
  return `${label}: p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} edits)`;
}

/** Open the YAML and time `EDITS` edits; `between` runs before each edit (not timed). */
async function typing(c: TestClient, yaml: string, uri: string, between: (i: number) => Promise<void>): Promise<number[]> {
  await c.open(uri, yaml);
  await c.diagnostics(uri, 1, 30_000);
  const lines = yaml.split('\n');
  const targets = lines.map((l, i) => ({ l, i })).filter((x) => /BucketName: !Sub 'app-\d+-/.test(x.l));
  const times: number[] = [];
  let version = 1;
  for (let k = 0; k < EDITS; k++) {
    const { l, i } = targets[k % targets.length];
    await between(k);
    version++;
    const col = l.indexOf("'app-") + 5;
    const started = performance.now();
    await c.change(uri, version, [{ range: { start: { line: i, character: col }, end: { line: i, character: col + 1 } }, text: String(k % 10) }]);
    await c.diagnostics(uri, version, 60_000);
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  const yaml = toYaml(generate(500, false)) + '\n';
  const big = JSON.stringify(generate(3800, true), null, 1);
  const mb = (big.length / 1024 / 1024).toFixed(1);

  // 1. Alone.
  const empty = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-bench-empty-'));
  const a = new TestClient();
  a.configuration = { debounce: 0 };
  await a.initialize({ rootUri: pathToFileURL(empty).href });
  const alone = await typing(a, yaml, pathToFileURL(path.join(empty, 'template.yaml')).href, async () => undefined);
  await a.shutdown();

  // 2. During background assembly lints.
  const ws = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-bench-asm-'));
  const out = path.join(ws, 'cdk.out');
  mkdirSync(out);
  const manifest = path.join(out, 'manifest.json');
  const template = path.join(out, 'EhrStack.template.json');
  writeFileSync(manifest, JSON.stringify({ version: '36.0.0', artifacts: { EhrStack: { type: 'aws:cloudformation:stack', properties: { templateFile: 'EhrStack.template.json' } } } }));
  writeFileSync(template, big);
  const b = new TestClient();
  b.configuration = { debounce: 0 };
  await b.initialize({ rootUri: pathToFileURL(ws).href });
  const status = async () => (await b.conn.sendRequest<Status[]>('cfnHipaa/assemblies'))[0];
  // Wait for the first (start-up) lint, to know how long one takes.
  const t0 = performance.now();
  for (;;) {
    const s = await status();
    if (s?.completed >= 1) break;
    if (performance.now() - t0 > 120_000) throw new Error('the assembly lint did not finish');
    await new Promise((r) => setTimeout(r, 20));
  }
  const firstLint = (await status()).lastMs ?? NaN;
  let synths = 0;
  let busyEdits = 0;
  const during = await typing(b, yaml, pathToFileURL(path.join(ws, 'template.yaml')).href, async () => {
    const s = await status();
    if (!s.running && !s.pending) {
      // A new synth: a different text, so the fingerprint changes and the assembly is linted again.
      synths++;
      writeFileSync(template, synths % 2 ? big + '\n' : big);
      await b.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).href, type: 2 }] });
      // Past the debounce, until the worker runs.
      for (let i = 0; i < 200 && !(await status()).running; i++) await new Promise((r) => setTimeout(r, 5));
    }
    if ((await status()).running) busyEdits++;
  });
  const end = await status();
  await b.shutdown();

  // 3. The same template linted on the main thread (an open document, changed before each keystroke).
  const c = new TestClient();
  c.configuration = { debounce: 0 };
  await c.initialize({ rootUri: pathToFileURL(empty).href });
  const bigUri = pathToFileURL(path.join(empty, 'big.template.json')).href;
  await c.open(bigUri, big, 'json');
  await c.diagnostics(bigUri, 1, 120_000);
  let bigVersion = 1;
  const mainThread = await typing(c, yaml, pathToFileURL(path.join(empty, 'template.yaml')).href, async (k) => {
    if (k % 5 !== 0) return;
    bigVersion++;
    await c.change(bigUri, bigVersion, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }]);
  });
  await c.shutdown();
  rmSync(ws, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });

  console.log(`cfn-hipaa language server: typing while a cloud assembly is linted - node ${process.version}\n`);
  console.log(`background lint of the ${mb} MB assembly template (worker thread): ${firstLint} ms per run`);
  console.log(line('didChange -> publishDiagnostics, 500-resource YAML, alone', alone));
  console.log(line(`... during background assembly lints (${synths} synths, ${end.completed - 1} runs completed, ${end.cancelled} cancelled, ${busyEdits} edits while a lint ran)`, during));
  console.log(line(`... for comparison, the ${mb} MB template re-linted on the main thread every 5th edit`, mainThread));
  console.log('\nTarget: p95 during background lints within 1.5x of alone, and < 60 ms.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
