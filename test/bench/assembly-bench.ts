/**
 * Benchmark (prints figures; not a test): a cloud assembly linted as one unit (lintAssembly,
 * cross-stack resolution on) against the same templates linted one by one. The assembly is the
 * generated ~5 MB cdk-synth-style stack with its KMS key and VPC moved to a second stack and every
 * reference to them turned into Fn::ImportValue. Run with `npm run bench:assembly`.
 */
import { performance } from 'node:perf_hooks';
import { readAssembly } from '../../server/src/engine/cdk/assembly';
import { lintAssembly } from '../../server/src/engine/cdk/lint-assembly';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import { generate } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const app = generate(5000, true) as { Resources: Record<string, unknown> };
const data = {
  Resources: { Key: app.Resources.Key, Vpc: app.Resources.Vpc },
  Outputs: {
    KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'Data:KeyArn' } },
    KeyId: { Value: { Ref: 'Key' }, Export: { Name: 'Data:KeyId' } },
    VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: 'Data:VpcId' } },
  },
};
delete app.Resources.Key;
delete app.Resources.Vpc;
const appText = JSON.stringify(app, null, 1)
  .replace(/\{\s*"Fn::GetAtt":\s*\[\s*"Key",\s*"Arn"\s*\]\s*\}/g, '{ "Fn::ImportValue": "Data:KeyArn" }')
  .replace(/\{\s*"Ref":\s*"Key"\s*\}/g, '{ "Fn::ImportValue": "Data:KeyId" }')
  .replace(/\{\s*"Ref":\s*"Vpc"\s*\}/g, '{ "Fn::ImportValue": "Data:VpcId" }');
const files: Record<string, string> = {
  'manifest.json': JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Data: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Data.template.json' } },
      App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
    },
  }),
  'Data.template.json': JSON.stringify(data, null, 1),
  'App.template.json': appText,
};
const imports = (appText.match(/Fn::ImportValue/g) ?? []).length;

const runs = 5;
const unit: number[] = [];
const alone: number[] = [];
let unitFindings = 0;
let aloneFindings = 0;
for (let i = 0; i <= runs; i++) {
  const t0 = performance.now();
  const results = lintAssembly(readAssembly((rel) => files[rel]));
  const t1 = performance.now();
  const separate = ['Data.template.json', 'App.template.json'].map((f) => lint(parse(files[f], { format: 'json' })));
  const t2 = performance.now();
  if (i === 0) continue; // warm-up
  unit.push(t1 - t0);
  alone.push(t2 - t1);
  unitFindings = results.reduce((n, r) => n + r.findings.length, 0);
  aloneFindings = separate.reduce((n, f) => n + f.length, 0);
}
const kb = (appText.length / 1024).toFixed(0);
console.log(`assembly: App ${kb} KB (${imports} Fn::ImportValue) + Data; median of ${runs}`);
console.log(`  linted one by one          ${median(alone).toFixed(0).padStart(6)} ms  ${aloneFindings} findings`);
console.log(`  linted as one unit         ${median(unit).toFixed(0).padStart(6)} ms  ${unitFindings} findings`);
