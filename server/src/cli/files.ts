/**
 * Which files to lint: explicit files as given, directories walked for template-looking files
 * (skipping node_modules, .git and other hidden folders), and globs expanded with tinyglobby.
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Format } from '../engine/types';
import { readAssembly } from '../engine/cdk/assembly';
import type { AssemblyTemplate, CloudAssembly } from '../engine/cdk/assembly';

export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.cfn'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'cdk.out', '.aws-sam']);

export interface Target {
  file: string;
  /** Named explicitly on the command line (report if it isn't a template). */
  explicit: boolean;
  /** A template of a CDK cloud assembly (a directory with manifest.json named on the command line). */
  cdk?: { template: AssemblyTemplate; assembly: CloudAssembly };
}

/**
 * Read a cloud assembly directory from disk (engine/cdk/assembly.ts does the reading; this gives it
 * the files, never outside the directory). `onRead` sees every file read, e.g. to fingerprint it.
 */
export function readAssemblyDir(dir: string, onRead?: (relativePath: string, text: string) => void): CloudAssembly {
  const root = path.resolve(dir);
  return readAssembly((rel: string): string | undefined => {
    const abs = path.resolve(root, rel);
    if (abs !== root && !abs.startsWith(root + path.sep)) return undefined; // stay inside the assembly
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
    onRead?.(rel, text);
    return text;
  });
}

/** Read a cloud assembly directory: its manifest's templates, nested assemblies and nested stacks. */
export function assemblyTargets(dir: string, label: string = dir): { targets: Target[]; errors: string[] } {
  const root = path.resolve(dir);
  const a = readAssemblyDir(root);
  return {
    targets: a.templates.map((t) => ({ file: path.join(root, ...t.file.split('/')), explicit: true, cdk: { template: t, assembly: a } })),
    errors: a.problems.map((p) => `cloud assembly ${label}: ${p}`),
  };
}

export interface CollectResult {
  targets: Target[];
  errors: string[];
}

export async function collectTargets(args: string[], cwd: string): Promise<CollectResult> {
  const targets: Target[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean) => {
    const abs = path.resolve(cwd, file);
    if (seen.has(abs)) return;
    seen.add(abs);
    targets.push({ file: abs, explicit });
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory() && (await isFile(path.join(abs, 'manifest.json')))) {
      // A CDK cloud assembly (cdk.out) named by the user: lint the templates its manifest lists.
      const a = assemblyTargets(abs, arg);
      errors.push(...a.errors);
      for (const t of a.targets) {
        if (seen.has(t.file)) continue;
        seen.add(t.file);
        targets.push(t);
      }
    } else if (stat?.isDirectory()) {
      for (const f of await walk(abs)) add(f, false);
    } else if (stat?.isFile()) {
      add(abs, true);
    } else if (isDynamicPattern(arg)) {
      const matches = await glob(arg, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true });
      if (matches.length === 0) errors.push(`No files match ${arg}.`);
      for (const m of matches.sort()) add(m, false);
    } else {
      errors.push(`Cannot read ${arg}: no such file or directory.`);
    }
  }
  return { targets, errors };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      out.push(...(await walk(p)));
    } else if (e.isFile() && TEMPLATE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
      out.push(p);
    }
  }
  return out;
}

/** Format from the extension; content decides for .template and anything else. */
export function formatOf(file: string): Format | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}
