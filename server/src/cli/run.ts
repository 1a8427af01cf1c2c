/**
 * The cfn-hipaa command line, as a function of its arguments and I/O (testable without a process).
 * Exit codes: 0 nothing at error severity remains, 1 something does, 2 usage or I/O error.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fixAll } from '../engine/fix';
import { lint } from '../engine/lint';
import { parse } from '../engine/parse';
import { lintAssembly } from '../engine/cdk/lint-assembly';
import type { AssemblyLintResult } from '../engine/cdk/lint-assembly';
import type { AssemblyTemplate } from '../engine/cdk/assembly';
import { ENGINE_META, RULES } from '../engine/rules';
import { mergeConfigs } from '../engine/config';
import { ConfigFiles } from './config-files';
import type { LintConfig, SeverityOverride } from '../engine/types';
import { collectTargets, formatOf } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import type { FileReport } from './report';

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  version: string;
}

export const USAGE = `Usage: cfn-hipaa lint [options] <file | directory | glob>...

Checks AWS CloudFormation templates (YAML, JSON, cdk synth output) against the HIPAA Security
Rule and prints each finding with its 45 CFR 164.3xx citation. Directories are searched for
templates (.yaml .yml .json .template .cfn), skipping node_modules, cdk.out and hidden folders;
files that are not CloudFormation templates are skipped. A directory holding manifest.json (a CDK
cloud assembly such as cdk.out) is read as one: the templates of its stacks, stages and nested
stacks, each finding naming its construct (e.g. EhrStack/Database).

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
      --group-by construct        Text output: findings under their template (stack) and construct
      --fix                       Apply every safe fix in place, then report what remains
      --unsafe-fixes              With --fix, also apply suggested fixes: changes that replace a
                                  resource on update, add a KMS key or grant a permission
      --include-suppressed        Also show findings suppressed in Metadata (with their reason)
      --include-out-of-scope      Also show network and eligible-services findings on resources
                                  outside PHI scope (Metadata phi: false, the config's phiScope)
      --rule <id=severity>        Override a rule's severity: error, warning, info or off
                                  (repeatable), e.g. --rule s3-bucket-encryption=off
      --max-size <n>              Skip (and report) templates longer than n characters
                                  (default 10485760, i.e. 10 MB of ASCII)
  -c, --config <file>             Use this config file instead of the nearest .cfn-hipaa.yaml,
                                  .cfn-hipaa.yml or .cfn-hipaa.json above each template
      --no-config                 Ignore config files
  -o, --output <file>             Write the report to a file instead of standard output
      --no-color                  No colors (also when NO_COLOR is set)
      --list-rules                List the rules and their citations
  -h, --help                      Show this help
  -v, --version                   Show the version

Exit codes: 0 no error-severity finding remains, 1 at least one does, 2 usage or I/O error.
`;

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        'group-by': { type: 'string' },
        fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        'include-suppressed': { type: 'boolean', default: false },
        'include-out-of-scope': { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        'max-size': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'no-config': { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    io.stderr(`cfn-hipaa: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  if (values['list-rules']) {
    io.stdout(listRules());
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'lint') {
    io.stderr(command === undefined ? USAGE : `cfn-hipaa: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0) {
    io.stderr(`cfn-hipaa: name at least one file, directory or glob to lint.\n\n${USAGE}`);
    return 2;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    io.stderr(`cfn-hipaa: unknown format "${format}" (use text, json or sarif).\n`);
    return 2;
  }
  const groupBy = values['group-by'];
  if (groupBy !== undefined && groupBy !== 'construct') {
    io.stderr(`cfn-hipaa: --group-by takes "construct", not "${groupBy}".\n`);
    return 2;
  }
  if (values['unsafe-fixes'] && !values.fix) {
    io.stderr('cfn-hipaa: --unsafe-fixes only makes sense with --fix.\n');
    return 2;
  }
  const cliConfig: LintConfig = { rules: {} };
  const known = new Set<string>([...RULES.map((r) => r.meta.id), ...Object.keys(ENGINE_META)]);
  for (const spec of values.rule ?? []) {
    const m = /^([\w-]+)=(\w+)$/.exec(spec);
    if (!m || !SEVERITIES.has(m[2])) {
      io.stderr(`cfn-hipaa: --rule takes <rule-id>=<error|warning|info|off>, not "${spec}".\n`);
      return 2;
    }
    if (!known.has(m[1])) {
      io.stderr(`cfn-hipaa: there is no rule "${m[1]}" (see --list-rules).\n`);
      return 2;
    }
    cliConfig.rules![m[1]] = m[2] as SeverityOverride;
  }
  let maxSize: number | undefined;
  if (values['max-size'] !== undefined) {
    maxSize = Number(values['max-size']);
    if (!Number.isInteger(maxSize) || maxSize <= 0) {
      io.stderr(`cfn-hipaa: --max-size takes a positive number of characters, not "${values['max-size']}".\n`);
      return 2;
    }
  }

  const configs = new ConfigFiles(io, values.config ? path.resolve(io.cwd, values.config) : undefined, values['no-config'] ?? false);
  if (values.config && !configs.load(path.resolve(io.cwd, values.config))) return 2;

  const { targets, errors } = await collectTargets(paths, io.cwd);
  let ioError = errors.length > 0;
  let warnedCdkFix = false;
  for (const e of errors) io.stderr(`cfn-hipaa: ${e}\n`);

  // A cloud assembly is linted as one unit (cross-stack references resolved), once, up front.
  const assemblyResults = new Map<AssemblyTemplate, AssemblyLintResult>();
  for (const a of new Set(targets.flatMap((t) => (t.cdk ? [t.cdk.assembly] : [])))) {
    const byTemplate = new Map(targets.flatMap((t) => (t.cdk?.assembly === a ? [[t.cdk.template, t.file] as const] : [])));
    const results = lintAssembly(a, {
      ...(maxSize !== undefined ? { maxSize } : {}),
      configFor: (t) => {
        const file = byTemplate.get(t);
        const fileConfig = file === undefined ? undefined : configs.forFile(file);
        if (file === undefined || fileConfig === undefined || configs.excludes(file)) return undefined;
        return mergeConfigs(fileConfig, cliConfig);
      },
    });
    for (const r of results) assemblyResults.set(r.template, r);
  }

  const reports: FileReport[] = [];
  const started = Date.now();
  const progress = io.stderrIsTTY && targets.length > 20;
  let lastProgress = 0;
  for (const [i, t] of targets.entries()) {
    if (progress && Date.now() - started > 1000 && Date.now() - lastProgress > 100) {
      lastProgress = Date.now();
      io.stderr(`\rLinting ${i + 1}/${targets.length} ${path.relative(io.cwd, t.file)}\x1b[K`);
    }
    let text: string;
    try {
      text = t.cdk ? t.cdk.template.text : await fs.readFile(t.file, 'utf8');
    } catch (err) {
      ioError = true;
      io.stderr(`cfn-hipaa: cannot read ${path.relative(io.cwd, t.file) || t.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      continue;
    }
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom) text = text.slice(1);
    // The config file's settings, then the command line's (flags win).
    const fileConfig = configs.forFile(t.file);
    if (fileConfig === undefined) {
      ioError = true;
      continue;
    }
    if (configs.excludes(t.file)) continue;
    const config = mergeConfigs(fileConfig, cliConfig);
    const options = { format: formatOf(t.file), maxSize: maxSize ?? config.maxSize };
    const unit = t.cdk ? assemblyResults.get(t.cdk.template) : undefined;
    if (t.cdk && !unit) continue;
    const doc = unit ? unit.doc : parse(text, options);
    if (!doc.isTemplate) {
      if (t.explicit) io.stderr(`cfn-hipaa: ${path.relative(io.cwd, t.file)} is not a CloudFormation template; skipped.\n`);
      continue;
    }
    const display = path.relative(io.cwd, t.file) || path.basename(t.file);
    const stack = t.cdk ? { stack: t.cdk.template.stackName } : {};
    if (values.fix && t.cdk) {
      // cdk synth writes these files: a fix here is lost at the next synth. Fix the CDK code.
      if (!warnedCdkFix) io.stderr('cfn-hipaa: --fix leaves cloud assembly templates alone (cdk synth rewrites them): change the CDK code instead.\n');
      warnedCdkFix = true;
      reports.push({ file: t.file, display, ...stack, findings: unit!.findings, fixed: [] });
    } else if (values.fix) {
      const r = fixAll(text, config, options, { unsafe: values['unsafe-fixes'] });
      if (r.output !== text) {
        try {
          await fs.writeFile(t.file, (bom ? '\ufeff' : '') + r.output, 'utf8');
        } catch (err) {
          ioError = true;
          io.stderr(`cfn-hipaa: cannot write ${display}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
          reports.push({ file: t.file, display, ...stack, findings: lint(doc, config), fixed: [] });
          continue;
        }
      }
      reports.push({ file: t.file, display, ...stack, findings: r.remaining, fixed: r.output !== text ? r.fixed : [] });
    } else {
      reports.push({ file: t.file, display, ...stack, findings: unit ? unit.findings : lint(doc, config), fixed: [] });
    }
  }
  if (progress && lastProgress > 0) io.stderr('\r\x1b[K');

  const color = values['no-color'] ? false : values.color === true ? true : !io.env.NO_COLOR && io.stdoutIsTTY && !values.output;
  const includeSuppressed = values['include-suppressed'] ?? false;
  // Findings outside PHI scope are not reported unless asked for; the text summary counts them.
  if (!values['include-out-of-scope']) {
    for (const r of reports) {
      r.outOfScope = r.findings.filter((f) => f.outOfScope).length;
      r.findings = r.findings.filter((f) => !f.outOfScope);
    }
  }
  const output =
    format === 'json'
      ? formatJson(reports, includeSuppressed)
      : format === 'sarif'
        ? formatSarif(reports, { cwd: io.cwd, version: io.version, includeSuppressed })
        : formatText(reports, { color, includeSuppressed, ...(groupBy ? { groupBy } : {}) });
  if (values.output) {
    try {
      await fs.writeFile(path.resolve(io.cwd, values.output), output, 'utf8');
    } catch (err) {
      io.stderr(`cfn-hipaa: cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(output);
  }
  if (ioError) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error' && !f.suppressed && !f.outOfScope)) ? 1 : 0;
}

function listRules(): string {
  const lines = RULES.map((r) => `${r.meta.id.padEnd(28)} ${r.meta.title}`);
  return lines.join('\n') + '\n';
}
