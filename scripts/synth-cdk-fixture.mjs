// Regenerate test/fixtures/cdk-synth: synthesize the CDK app of test/fixtures/cdk-app with
// aws-cdk-lib (no CDK CLI, no AWS account, no Docker) and write the cloud assembly there.
// Run after `tsc -b` (it uses the compiled app): `npx tsc -b && node scripts/synth-cdk-fixture.mjs`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'out/test/fixtures/cdk-app/write-fixture.js');
if (!existsSync(compiled)) {
  console.error(`${path.relative(root, compiled)} is missing: run \`npx tsc -b\` first`);
  process.exit(2);
}
const dest = path.join(root, 'test/fixtures/cdk-synth');
// Replace the synthesized files, keep README.md.
if (existsSync(dest)) {
  for (const name of readdirSync(dest)) if (name !== 'README.md') rmSync(path.join(dest, name), { recursive: true, force: true });
}
const { writeFixture } = createRequire(import.meta.url)(compiled);
const written = writeFixture(dest);
console.log(`wrote ${written.length} files to ${path.relative(root, dest)}: ${written.join(', ')}`);
