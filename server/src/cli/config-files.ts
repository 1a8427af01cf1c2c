/**
 * Config files for the CLI: the nearest .cfn-hipaa.{yaml,yml,json} above each template (or the one
 * named with --config), read once each. A malformed config is an error naming the file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { findConfigFile, parseConfig } from '../engine/config';
import type { WorkspaceConfig } from '../engine/config';
import type { CliIO } from './run';

export class ConfigFiles {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, WorkspaceConfig | undefined>();

  constructor(
    private readonly io: CliIO,
    private readonly explicit: string | undefined,
    private readonly disabled: boolean,
  ) {}

  /** The config file that governs `file`, or undefined. */
  fileFor(file: string): string | undefined {
    if (this.disabled) return undefined;
    if (this.explicit) return this.explicit;
    const dir = path.dirname(file);
    if (!this.byDir.has(dir)) this.byDir.set(dir, findConfigFile(dir, (f) => existsSync(f), path.sep));
    return this.byDir.get(dir);
  }

  /** Settings for `file`: {} without a config file, undefined when its config file is broken. */
  forFile(file: string): WorkspaceConfig | undefined {
    const cfg = this.fileFor(file);
    return cfg ? this.load(cfg) : {};
  }

  /** Does the governing config file exclude `file`? */
  excludes(file: string): boolean {
    const cfg = this.fileFor(file);
    const config = cfg ? this.load(cfg) : undefined;
    if (!cfg || !config?.exclude?.length) return false;
    const rel = path.relative(path.dirname(cfg), file).split(path.sep).join('/');
    return picomatch(config.exclude, { dot: true })(rel);
  }

  load(file: string): WorkspaceConfig | undefined {
    if (this.loaded.has(file)) return this.loaded.get(file);
    let config: WorkspaceConfig | undefined;
    const shown = path.relative(this.io.cwd, file) || file;
    try {
      const text = readFileSync(file, 'utf8');
      const r = parseConfig(text, file);
      if (r.problems.length) {
        for (const p of r.problems) {
          const line = text.slice(0, p.start).split('\n').length;
          this.io.stderr(`cfn-hipaa: ${shown}:${line}: ${p.message}\n`);
        }
      } else {
        config = r.config;
      }
    } catch (err) {
      this.io.stderr(`cfn-hipaa: cannot read config ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    }
    this.loaded.set(file, config);
    return config;
  }
}
