/**
 * Language server benchmark (prints figures; not a test), as an LSP client sees it:
 * - server start (spawn) to the first diagnostics of an opened 500-resource YAML template;
 * - typing: didChange -> publishDiagnostics for that version, debounce set to 0, p50/p95 over 50 edits;
 * - memory: resident set size with the ~5 MB cdk synth-style JSON open and linted.
 * Run with `npm run bench:lsp` (after `npm run build`).
 * Targets for this stage: p95 < 60 ms, start < 1 s, RSS < 150 MB.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TestClient } from '../lsp/client';
import { generate, toYaml } from './generate';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const yaml = toYaml(generate(500, false)) + '\n';
  const uri = 'file:///bench/template.yaml';

  const t0 = performance.now();
  const c = new TestClient();
  c.configuration = { debounce: 0 };
  await c.initialize();
  await c.open(uri, yaml);
  const first = await c.diagnostics(uri, 1, 30_000);
  const startMs = performance.now() - t0;

  // 50 edits, each waiting for its own version's diagnostics: change a bucket name's digits.
  const lines = yaml.split('\n');
  const targets = lines.map((l, i) => ({ l, i })).filter((x) => /BucketName: !Sub 'app-\d+-/.test(x.l)).slice(0, 50);
  const times: number[] = [];
  let version = 1;
  for (const { l, i } of targets) {
    version++;
    const col = l.indexOf("'app-") + 5;
    const started = performance.now();
    await c.change(uri, version, [{ range: { start: { line: i, character: col }, end: { line: i, character: col + 1 } }, text: 'x' }]);
    await c.diagnostics(uri, version, 10_000);
    times.push(performance.now() - started);
  }

  await c.shutdown();

  // A fresh server with only a ~5 MB cdk synth-style template open.
  const json = JSON.stringify(generate(3800, true), null, 1);
  const jsonUri = 'file:///bench/cdk.template.json';
  const cj = new TestClient();
  await cj.initialize();
  const idleRss = rssMb(cj.proc.pid!);
  const tj = performance.now();
  await cj.open(jsonUri, json, 'json');
  const jsonDiags = await cj.diagnostics(jsonUri, 1, 60_000);
  const jsonMs = performance.now() - tj;
  const rss = rssMb(cj.proc.pid!);
  await cj.shutdown();

  console.log(`cfn-hipaa language server benchmark - node ${process.version}\n`);
  console.log(`start (spawn) to first diagnostics, 500-resource YAML: ${startMs.toFixed(0)} ms (${first.length} diagnostics)`);
  console.log(`didChange -> publishDiagnostics, 500-resource YAML, debounce 0, ${times.length} edits: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  console.log(`open ${(json.length / 1024 / 1024).toFixed(1)} MB cdk synth-style JSON to diagnostics: ${jsonMs.toFixed(0)} ms (${jsonDiags.length} diagnostics)`);
  console.log(`server RSS: ${idleRss.toFixed(0)} MB idle, ${rss.toFixed(0)} MB with the ${(json.length / 1024 / 1024).toFixed(1)} MB template open`);
  console.log('\nTargets: p95 < 60 ms, start < 1000 ms, RSS < 150 MB.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
