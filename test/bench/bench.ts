/**
 * Benchmark (prints figures; not a test): parse and full lint time for the largest corpus
 * templates, a generated 500-resource YAML template and a generated 5,000-resource JSON template
 * shaped like `cdk synth` output (~5 MB). Run with `npm run bench`.
 *
 * Targets for this stage: 500-resource YAML linted in < 50 ms; 5 MB JSON in < 1 s.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import type { Format } from '../../server/src/engine/types';
import { generate, toYaml } from './generate';
import { CORPUS } from '../helpers/corpus';



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
