#!/usr/bin/env node
/**
 * Register a rule written in server/src/engine/rules/<service>/<id>.ts: adds its import and entry
 * to rules/index.ts and its citations to packs/hipaa.ts, keeping both lists sorted.
 *
 *   node scripts/register-rule.mjs <service>/<id> <citations>
 *
 * <citations>: a constant of packs/hipaa.ts (ENC, TRANS, KEYS) and/or 45 CFR references, joined by
 * commas: "ENC" or "TRANS,164.312(c)(2)". Run it again with new citations to change them.
 *
 *   node scripts/register-rule.mjs --sync
 *
 * rewrites the registry's imports and list from the rule files on disk (after merging branches
 * that each added rules).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = join(root, 'server/src/engine/rules');
const camelOf = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

// --sync: rewrite rules/index.ts's imports and RULES list from the rule files on disk (after a
// merge of branches that each added rules; the pack entries keep their citations).
if (process.argv[2] === '--sync') {
  const rules = readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'util')
    .flatMap((d) => readdirSync(join(rulesDir, d.name)).filter((f) => f.endsWith('.ts')).map((f) => [d.name, f.slice(0, -3)]))
    .sort((a, b) => (a[0] + '/' + a[1]).localeCompare(b[0] + '/' + b[1]));
  const indexFile = join(rulesDir, 'index.ts');
  const text = readFileSync(indexFile, 'utf8');
  const head = text.slice(0, text.indexOf("import type { Rule } from './rule';") + "import type { Rule } from './rule';".length);
  const tail = text.slice(text.indexOf('\nconst BY_TYPE'));
  const imports = rules.map(([d, id]) => `import ${camelOf(id)} from './${d}/${id}';`).join('\n');
  const list = rules.map(([, id]) => id).sort().map((id) => `  ${camelOf(id)},`).join('\n');
  writeFileSync(indexFile, `${head}\n${imports}\n\nexport const RULES: readonly Rule[] = ([\n${list}\n] as Rule[]).sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));\n${tail}`);
  console.log(`rules/index.ts lists ${rules.length} rules`);
  process.exit(0);
}

const [spec, citationsArg] = process.argv.slice(2);
if (!spec || !citationsArg || !/^[a-z0-9]+\/[a-z0-9-]+$/.test(spec)) {
  console.error('usage: node scripts/register-rule.mjs <service>/<rule-id> <ENC|TRANS|KEYS|164.3xx(..),...>');
  process.exit(2);
}
const [service, id] = spec.split('/');
if (!existsSync(join(root, 'server/src/engine/rules', service, `${id}.ts`))) {
  console.error(`server/src/engine/rules/${service}/${id}.ts does not exist: write the rule first`);
  process.exit(2);
}
const camel = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

// rules/index.ts: one import line per rule, one entry per rule in the RULES array.
const indexPath = join(root, 'server/src/engine/rules/index.ts');
let index = readFileSync(indexPath, 'utf8');
const importLine = `import ${camel} from './${service}/${id}';`;
const imports = index.match(/^import \w+ from '\.\/[^']+';$/gm) ?? [];
if (!imports.includes(importLine)) {
  const sorted = [...imports, importLine].sort((a, b) => a.split(' from ')[1].localeCompare(b.split(' from ')[1]));
  index = index.replace(imports.join('\n'), sorted.join('\n'));
}
const arr = index.match(/export const RULES: readonly Rule\[\] = \(\[\n([\s\S]*?)\] as Rule\[\]\)/);
if (!arr) throw new Error('cannot find the RULES array in rules/index.ts');
const entries = new Set(arr[1].split('\n').filter((l) => l.trim()).map((l) => l.trim().replace(/,$/, '')));
entries.add(camel);
index = index.replace(arr[1], [...entries].sort().map((e) => `  ${e},\n`).join(''));
writeFileSync(indexPath, index);

// packs/hipaa.ts: `'id': { citations: ... },` inside `rules: { ... }`.
const packPath = join(root, 'server/src/engine/packs/hipaa.ts');
let pack = readFileSync(packPath, 'utf8');
const block = pack.match(/\n  rules: \{\n([\s\S]*?)\n  \},\n\};/);
if (!block) throw new Error('cannot find the rules map in packs/hipaa.ts');
const lines = block[1].split('\n').filter((l) => !l.includes(`'${id}':`));
const parts = citationsArg.split(',').map((c) => c.trim()).filter(Boolean);
const value = parts.map((c) => (/^[A-Z]+$/.test(c) ? `...${c}` : `'${c}'`));
const citations = value.length === 1 && value[0].startsWith('...') ? value[0].slice(3) : `[${value.join(', ')}]`;
lines.push(`    '${id}': { citations: ${citations} },`);
lines.sort();
pack = pack.replace(block[1], lines.join('\n'));
writeFileSync(packPath, pack);
console.log(`registered ${id} (${service}) with citations ${citations}`);
