/**
 * Which files to lint: explicit files as given, directories walked for template-looking files
 * (skipping node_modules, .git and other hidden folders), and globs expanded with tinyglobby.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Format } from '../engine/types';

export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template', '.cfn'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'cdk.out', '.aws-sam']);

export interface Target {
  file: string;
  /** Named explicitly on the command line (report if it isn't a template). */
  explicit: boolean;
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
    if (stat?.isDirectory()) {
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
