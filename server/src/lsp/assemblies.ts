/**
 * CDK cloud assemblies in the workspace (`cdk.out/manifest.json`): found at start-up, re-linted in
 * the background after every synth (the client's file watcher tells the server), their templates'
 * findings published without the user opening them. Bookkeeping only: the lint runs in a worker
 * thread (assembly-worker.ts) so that typing in open documents is never held up by a large template.
 *
 * - A burst of change events (synth writes many files) is debounced per assembly.
 * - A newer change cancels the running lint of that assembly (the worker is terminated).
 * - Each assembly keeps a fingerprint of what it read (manifest, templates, tree, config): an
 *   assembly that has not changed is not re-linted, so a workspace with many assemblies only lints
 *   the ones a synth rewrote.
 * - One worker at a time: one core stays with the editor.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { glob } from 'tinyglobby';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { readAssemblyDir } from '../cli/files';
import type { AssemblyTemplate, CloudAssembly } from '../engine/cdk/assembly';
import type { AssemblyJob, WorkerMessage } from './assembly-worker';
import type { AssemblyStatus } from './protocol';

/** The glob, relative to a workspace folder, of the assemblies the server looks after. */
export const ASSEMBLY_GLOB = '**/cdk.out/manifest.json';
/**
 * What a client watches: the manifest (synth writes it last), and the cdk.out folder itself, since a
 * watcher reports `rm -rf cdk.out` as the folder's deletion only.
 */
export const ASSEMBLY_WATCH_GLOBS = [ASSEMBLY_GLOB, '**/cdk.out'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** What the language server provides: settings and config for an assembly, and its open documents. */
export interface AssemblyHost {
  connection: Connection;
  /** Workspace folder paths. */
  folders(): string[];
  /** The lint job's settings for the assembly (its manifest's URI), or undefined when assemblies are not linted. */
  jobConfig(manifestUri: string): Promise<Omit<AssemblyJob, 'dir' | 'previousFingerprint'> | undefined>;
  isOpen(uri: string): boolean;
  /** Re-analyze an open document (its assembly context changed). */
  revalidate(uri: string): void;
}

interface AssemblyState {
  dir: string;
  manifestUri: string;
  timer?: ReturnType<typeof setTimeout>;
  worker?: Worker;
  /** Current diagnostics per URI (templates and manifest.json), as published or to publish on close. */
  published: Map<string, Diagnostic[]>;
  /** Template file URIs of the last run. */
  templates: Set<string>;
  fingerprint?: string;
  stats: { scheduled: number; started: number; completed: number; unchanged: number; cancelled: number; failed: number };
  /** Bumped by every schedule: a run that began before the latest schedule is stale. */
  seq: number;
  lastMs?: number;
  problems: string[];
  /** The assembly as read for an open template's analysis (dropped after each run). */
  context?: CloudAssembly;
}

export class AssemblyManager {
  private readonly assemblies = new Map<string, AssemblyState>();
  private readonly queue: string[] = [];
  private running: AssemblyState | undefined;
  private generation = 0;

  constructor(
    private readonly host: AssemblyHost,
    private readonly options: { workerFile: string; debounce: number },
  ) {}

  // ------------------------------------------------------------------ discovery and events

  /** Find every assembly in the workspace folders; lint the new ones, forget those gone. */
  async discover(): Promise<void> {
    const gen = ++this.generation;
    const found = new Set<string>();
    for (const folder of this.host.folders()) {
      let manifests: string[] = [];
      try {
        manifests = await glob(ASSEMBLY_GLOB, { cwd: folder, absolute: true, ignore: IGNORE, onlyFiles: true });
      } catch (err) {
        this.host.connection.console.warn(`cfn-hipaa: cannot search ${folder} for cloud assemblies: ${(err as Error).message}`);
      }
      for (const m of manifests) found.add(path.dirname(path.resolve(m)));
    }
    if (gen !== this.generation) return; // a newer discovery runs
    for (const dir of found) this.schedule(dir);
    for (const dir of [...this.assemblies.keys()]) if (!found.has(dir)) this.forget(dir);
  }

  /**
   * didChangeWatchedFiles: a manifest.json of an assembly (created, changed or deleted), or any file
   * inside a known assembly. Returns true when one of the events concerned an assembly.
   */
  onFileEvents(uris: string[]): boolean {
    let any = false;
    for (const uri of uris) {
      const file = filePath(uri);
      if (!file) continue;
      const dir = this.assemblyOf(file) ?? (isRootManifest(file) ? path.dirname(file) : isAssemblyDir(file) ? file : undefined);
      if (!dir) continue;
      any = true;
      this.schedule(dir);
    }
    return any;
  }

  /** Settings or workspace config changed: check every assembly (unchanged ones are not re-linted). */
  recheckAll(): void {
    for (const dir of this.assemblies.keys()) this.schedule(dir);
  }

  private assemblyOf(file: string): string | undefined {
    for (const dir of this.assemblies.keys()) if (file === dir || file.startsWith(dir + path.sep)) return dir;
    return undefined;
  }

  // ------------------------------------------------------------------ scheduling

  private state(dir: string): AssemblyState {
    let s = this.assemblies.get(dir);
    if (!s) {
      s = {
        dir,
        manifestUri: pathToFileURL(path.join(dir, 'manifest.json')).href,
        published: new Map(),
        templates: new Set(),
        stats: { scheduled: 0, started: 0, completed: 0, unchanged: 0, cancelled: 0, failed: 0 },
        problems: [],
        seq: 0,
      };
      this.assemblies.set(dir, s);
    }
    return s;
  }

  /** Lint the assembly after a quiet period; a run in progress is stale now: cancel it. */
  private schedule(dir: string): void {
    const s = this.state(dir);
    s.stats.scheduled++;
    s.seq++;
    this.cancel(s);
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.enqueue(s);
    }, this.options.debounce);
  }

  private cancel(s: AssemblyState): void {
    const qi = this.queue.indexOf(s.dir);
    if (qi >= 0) this.queue.splice(qi, 1);
    if (s.worker) {
      const w = s.worker;
      s.worker = undefined;
      s.stats.cancelled++;
      w.removeAllListeners();
      w.on('error', () => undefined);
      void w.terminate();
      if (this.running === s) this.running = undefined;
      this.pump();
    }
  }

  private async enqueue(s: AssemblyState): Promise<void> {
    if (this.assemblies.get(s.dir) !== s) return;
    if (!existsSync(path.join(s.dir, 'manifest.json'))) {
      // Deleted (cdk.out removed): its findings go with it.
      this.forget(s.dir);
      return;
    }
    if (!this.queue.includes(s.dir)) this.queue.push(s.dir);
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    const dir = this.queue.shift();
    if (dir === undefined) return;
    const s = this.assemblies.get(dir);
    if (!s) return this.pump();
    this.running = s;
    void this.start(s).catch((err: unknown) => {
      this.host.connection.console.error(`cfn-hipaa: cloud assembly ${s.dir}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (this.running === s) this.running = undefined;
      this.pump();
    });
  }

  private async start(s: AssemblyState): Promise<void> {
    const seq = s.seq;
    const job = await this.host.jobConfig(s.manifestUri);
    if (this.running !== s) return;
    if (s.seq !== seq) {
      // A newer change arrived while asking for the settings: that one runs next.
      s.stats.cancelled++;
      this.running = undefined;
      this.pump();
      return;
    }
    if (!job) {
      // Turned off (cfnHipaa.cdk.lintAssemblies, cfnHipaa.enable, excluded): nothing published.
      this.clear(s);
      this.running = undefined;
      this.pump();
      return;
    }
    s.stats.started++;
    const full: AssemblyJob = { ...job, dir: s.dir, ...(s.fingerprint ? { previousFingerprint: s.fingerprint } : {}) };
    const worker = new Worker(this.options.workerFile, { workerData: { cfnHipaaAssemblyJob: full } });
    s.worker = worker;
    const fresh = new Map<string, Diagnostic[]>();
    let done = false;
    const finish = () => {
      if (s.worker === worker) s.worker = undefined;
      if (this.running === s) this.running = undefined;
      this.pump();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (s.worker !== worker) return;
      if (m.type === 'template') {
        // Published together when the run completes: a cancelled run publishes nothing.
        fresh.set(m.uri, m.diagnostics);
        return;
      }
      done = true;
      s.lastMs = m.ms;
      s.problems = m.problems;
      if (m.unchanged) {
        s.stats.unchanged++;
        s.fingerprint = m.fingerprint;
      } else {
        s.stats.completed++;
        s.fingerprint = m.fingerprint;
        s.context = undefined;
        const templates = new Set(m.files.map((f) => pathToFileURL(f).href));
        for (const [uri, diagnostics] of fresh) this.publish(s, uri, diagnostics);
        // Templates gone from the assembly, or excluded now: their findings go.
        for (const uri of [...s.published.keys()]) if (uri !== s.manifestUri && !fresh.has(uri)) this.publish(s, uri, []);
        s.templates = templates;
        this.publishProblems(s, m.problems, m.manifestOk);
        for (const uri of templates) if (this.host.isOpen(uri)) this.host.revalidate(uri);
      }
      finish();
    });
    worker.on('error', (err) => {
      if (s.worker !== worker) return;
      s.stats.failed++;
      this.host.connection.console.error(`cfn-hipaa: linting cloud assembly ${s.dir} failed: ${err.stack ?? err.message}`);
      finish();
    });
    worker.on('exit', (code) => {
      if (s.worker !== worker || done) return;
      s.stats.failed++;
      this.host.connection.console.error(`cfn-hipaa: linting cloud assembly ${s.dir} stopped (exit code ${code}).`);
      finish();
    });
  }

  // ------------------------------------------------------------------ publishing

  private publish(s: AssemblyState, uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length) s.published.set(uri, diagnostics);
    else s.published.delete(uri);
    // An open template is the editor's: its own analysis (with this assembly's context) publishes.
    if (this.host.isOpen(uri)) return;
    void this.host.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** What could not be read is said on manifest.json (and in the log), never a crash. */
  private publishProblems(s: AssemblyState, problems: string[], manifestOk: boolean): void {
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: manifestOk ? 2 : 1,
      source: 'cfn-hipaa',
      message: `cfn-hipaa cannot read this cloud assembly: ${p}`,
    }));
    if (problems.length) this.host.connection.console.warn(`cfn-hipaa: cloud assembly ${s.dir}: ${problems.join(' ')}`);
    if (diagnostics.length || s.published.has(s.manifestUri)) this.publish(s, s.manifestUri, diagnostics);
  }

  private clear(s: AssemblyState): void {
    for (const uri of [...s.published.keys()]) this.publish(s, uri, []);
    s.fingerprint = undefined;
    s.templates = new Set();
    s.context = undefined;
  }

  private forget(dir: string): void {
    const s = this.assemblies.get(dir);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    this.cancel(s);
    const templates = [...s.templates];
    this.clear(s);
    this.assemblies.delete(dir);
    // Still open in the editor: linted from now on as any open document.
    for (const uri of templates) if (this.host.isOpen(uri)) this.host.revalidate(uri);
  }

  // ------------------------------------------------------------------ for the rest of the server

  /** The assembly's diagnostics for a URI (to publish again when the editor closes the file). */
  diagnosticsFor(uri: string): Diagnostic[] | undefined {
    for (const s of this.assemblies.values()) {
      const d = s.published.get(uri);
      if (d) return d;
    }
    return undefined;
  }

  /** The assembly a template belongs to, read from disk (cached until the next run), for an open template's analysis. */
  contextFor(uri: string): { assembly: CloudAssembly; template: AssemblyTemplate } | undefined {
    for (const s of this.assemblies.values()) {
      if (!s.templates.has(uri)) continue;
      s.context ??= readAssemblyDir(s.dir);
      const file = filePath(uri);
      const template = s.context.templates.find((t) => path.join(s.dir, ...t.file.split('/')) === file);
      return template ? { assembly: s.context, template } : undefined;
    }
    return undefined;
  }

  status(): AssemblyStatus[] {
    return [...this.assemblies.values()].map((s) => ({
      dir: s.dir,
      ...s.stats,
      running: !!s.worker,
      pending: !!s.timer || this.queue.includes(s.dir),
      templates: s.templates.size,
      problems: s.problems,
      ...(s.lastMs !== undefined ? { lastMs: s.lastMs } : {}),
    }));
  }

  dispose(): void {
    for (const s of this.assemblies.values()) {
      if (s.timer) clearTimeout(s.timer);
      if (s.worker) void s.worker.terminate();
    }
  }
}

/** `.../cdk.out/manifest.json`: the root manifest of an assembly (not a stage's). */
function isRootManifest(file: string): boolean {
  return path.basename(file) === 'manifest.json' && path.basename(path.dirname(file)) === 'cdk.out' && !file.split(path.sep).includes('node_modules');
}

/** A `cdk.out` folder (created or deleted as a whole). */
function isAssemblyDir(file: string): boolean {
  return path.basename(file) === 'cdk.out' && !file.split(path.sep).includes('node_modules');
}

/** The file system path of a file: URI (undefined for other schemes or malformed URIs). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
