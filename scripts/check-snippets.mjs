#!/usr/bin/env node
/**
 * Expand snippets with their defaults and print what cfn-hipaa and AWS's offline validator say
 * about each (a development aid; the tests assert the same). After `npx tsc -b`:
 *
 *   node scripts/check-snippets.mjs [prefix...]        # all snippets when no prefix is given
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { SNIPPETS, expandTemplate } = require(join(root, 'out/server/src/snippets/index.js'));
const { lint } = require(join(root, 'out/server/src/engine/lint.js'));
const { parse } = require(join(root, 'out/server/src/engine/parse/index.js'));
const YAML = require('yaml');
const validate = require('@aws/cloudformation-validate');

const wanted = process.argv.slice(2);
const defs = SNIPPETS.filter((d) => wanted.length === 0 || wanted.includes(d.prefix));
const dir = mkdtempSync(join(tmpdir(), 'cfn-hipaa-snippets-'));
const validator = new validate.SchemaValidator();
let bad = 0;
try {
  for (const d of defs) {
    const template = expandTemplate(d);
    for (const [format, text] of [['yaml', YAML.stringify(template)], ['json', JSON.stringify(template, null, 2)]]) {
      const findings = lint(parse(text, { format })); // suppressed and out-of-scope ones count too
      const file = join(dir, `${d.prefix}.${format}`);
      writeFileSync(file, text);
      const schema = validator.validate(new validate.TemplateFile(file)).filter((x) => x.category === 'Schema');
      const ok = findings.length === 0 && schema.length === 0;
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${d.prefix} (${format})`);
      for (const f of findings) console.log(`     cfn-hipaa ${f.ruleId} ${f.severity} ${f.logicalId ?? ''}: ${f.message}`);
      for (const s of schema) console.log(`     schema ${s.ruleId} ${s.entity?.logicalId ?? ''} ${s.propertyPath ?? ''}: ${s.message}`);
    }
  }
} finally {
  validator.free?.();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${defs.length} snippets, ${bad} failing (format runs)`);
process.exit(bad ? 1 : 0);
