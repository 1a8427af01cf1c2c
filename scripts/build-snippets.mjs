#!/usr/bin/env node
/**
 * Writes the VS Code snippet files (snippets/cloudformation.yaml.json, snippets/cloudformation.json.json)
 * from the snippet definitions, after `npx tsc -b`:
 *
 *   node scripts/build-snippets.mjs            # write the files
 *   node scripts/build-snippets.mjs --check    # exit 1 when the committed files differ (CI)
 *   ... --dir <dir>                            # another folder than snippets/ (tests)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const check = args.includes('--check');
const dirArg = args.indexOf('--dir');
const dir = dirArg >= 0 ? resolve(args[dirArg + 1]) : join(root, 'snippets');

let SNIPPETS, renderSnippetFile;
try {
  ({ SNIPPETS } = require(join(root, 'out/server/src/snippets/index.js')));
  ({ renderSnippetFile } = require(join(root, 'out/server/src/snippets/render.js')));
} catch (err) {
  console.error(`build-snippets: run \`npx tsc -b\` first (${err.message})`);
  process.exit(2);
}

const files = {
  'cloudformation.yaml.json': renderSnippetFile(SNIPPETS, 'yaml'),
  'cloudformation.json.json': renderSnippetFile(SNIPPETS, 'json'),
};

let stale = 0;
for (const [name, content] of Object.entries(files)) {
  const file = join(dir, name);
  const text = JSON.stringify(content, null, 2) + '\n';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    stale++;
    console.error(`${relative(process.cwd(), file) || file} is ${current === undefined ? 'missing' : 'out of date'}`);
  } else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative(process.cwd(), file)} (${Object.keys(content).length} snippets)`);
  }
}
if (stale) {
  console.error('Regenerate them: npx tsc -b && node scripts/build-snippets.mjs');
  process.exit(1);
}
if (check) console.log(`snippet files are up to date (${SNIPPETS.length} snippets)`);
