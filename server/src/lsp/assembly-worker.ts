/**
 * Worker thread of the language server (dist/assembly-worker.js): reads one cloud assembly
 * directory from disk, lints it with the engine's lintAssembly and posts back the diagnostics of each
 * of its templates. The main thread stays free for the documents being typed in; a run that a newer
 * synth supersedes is cancelled by terminating the worker. Nothing in the assembly is executed.
 */
import { createHash } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver/node';
import { readAssemblyDir } from '../cli/files';
import { lintAssembly } from '../engine/cdk/lint-assembly';
import type { LintConfig } from '../engine/types';
import { toDiagnostic } from './convert';

/** What the main thread asks for (workerData). */
export interface AssemblyJob {
  /** The assembly's root directory (the one holding manifest.json), absolute. */
  dir: string;
  config: LintConfig;
  maxSize: number;
  /** Templates whose path relative to `root` ('/'-separated) matches one of `patterns` are not linted. */
  exclude: { root: string; patterns: string[] };
  /** The fingerprint of the last completed run: if nothing read (nor the job) has changed, skip the lint. */
  previousFingerprint?: string;
}

export interface TemplateResult {
  type: 'template';
  /** Absolute path of the template file. */
  file: string;
  uri: string;
  stackName: string;
  diagnostics: Diagnostic[];
}

export interface DoneMessage {
  type: 'done';
  fingerprint: string;
  /** True when the fingerprint equals the previous one: nothing was linted or posted. */
  unchanged: boolean;
  /** Every template of the assembly (absolute paths), linted or excluded. */
  files: string[];
  /** What could not be read, in words (a malformed manifest, a missing template). */
  problems: string[];
  /** Whether manifest.json itself could be read as a manifest. */
  manifestOk: boolean;
  ms: number;
}

export type WorkerMessage = TemplateResult | DoneMessage;

/** The lint itself, callable without a worker (tests, fallback). */
export function runAssemblyJob(job: AssemblyJob, post: (m: WorkerMessage) => void): void {
  const started = Date.now();
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ config: job.config, maxSize: job.maxSize, exclude: job.exclude }));
  const assembly = readAssemblyDir(job.dir, (rel, text) => {
    hash.update('\0' + rel + '\0');
    hash.update(text);
  });
  const fingerprint = hash.digest('hex');
  const abs = (rel: string) => path.join(job.dir, ...rel.split('/'));
  const files = assembly.templates.map((t) => abs(t.file));
  const manifestOk = !assembly.problems.some((p) => /^manifest\.json /.test(p));
  if (fingerprint === job.previousFingerprint) {
    post({ type: 'done', fingerprint, unchanged: true, files, problems: assembly.problems, manifestOk, ms: Date.now() - started });
    return;
  }
  const excluded = job.exclude.patterns.length ? picomatch(job.exclude.patterns, { dot: true }) : undefined;
  const results = lintAssembly(assembly, {
    maxSize: job.maxSize,
    configFor: (t) => {
      if (excluded && excluded(path.relative(job.exclude.root, abs(t.file)).split(path.sep).join('/'))) return undefined;
      return job.config;
    },
  });
  for (const r of results) {
    const file = abs(r.template.file);
    const uri = pathToFileURL(file).href;
    const diagnostics = r.findings.filter((f) => !f.suppressed && !f.outOfScope).map((f) => toDiagnostic(f, uri, 0));
    post({ type: 'template', file, uri, stackName: r.template.stackName, diagnostics });
  }
  post({ type: 'done', fingerprint, unchanged: false, files, problems: assembly.problems, manifestOk, ms: Date.now() - started });
}

/**
 * Background work: lower this thread's scheduling priority (Linux: a thread id is a pid to
 * setpriority), so that the server's main thread, and the editor, get the CPU first. Best effort.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: run at normal priority
  }
}

if (parentPort && workerData && (workerData as { cfnHipaaAssemblyJob?: AssemblyJob }).cfnHipaaAssemblyJob) {
  const port = parentPort;
  lowerPriority();
  runAssemblyJob((workerData as { cfnHipaaAssemblyJob: AssemblyJob }).cfnHipaaAssemblyJob, (m) => port.postMessage(m));
}
