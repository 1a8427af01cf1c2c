/**
 * A minimal LSP client for protocol tests: spawns the bundled server with --stdio and speaks
 * JSON-RPC with vscode-jsonrpc. Everything waits on conditions (with a timeout), never on sleeps.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: Diagnostic['range'] }; message: string }[];
  data?: unknown;
}

export interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface TextEdit {
  range: Diagnostic['range'];
  newText: string;
}

export class TestClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly published: Publish[] = [];
  readonly logs: string[] = [];
  readonly appliedEdits: unknown[] = [];
  /**
   * Settings the server is given (cfnHipaa.*). These tests are about the protocol, so they leave out
   * the rules that want TLS-only resource policies and public access blocks, which every bare bucket, queue and topic of
   * their templates would otherwise also trip; `rules` given by a test are added to these.
   */
  private settings: Record<string, unknown> = {};
  static readonly QUIET_RULES = { 's3-bucket-ssl-requests-only': 'off', 'sqs-queue-ssl-only': 'off', 'sns-topic-ssl-only': 'off', 'rds-force-ssl': 'off', 's3-bucket-public-access-block': 'off' };
  get configuration(): Record<string, unknown> {
    return { ...this.settings, rules: { ...TestClient.QUIET_RULES, ...((this.settings.rules as Record<string, unknown>) ?? {}) } };
  }
  set configuration(v: Record<string, unknown>) {
    this.settings = v;
  }
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor(opts: { env?: Record<string, string> } = {}) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Publish) => {
      this.published.push(p);
      this.notify();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.configuration));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('$/progress', () => undefined);
    this.conn.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
      this.appliedEdits.push(p.edit);
      this.notify();
      return { applied: true };
    });
    this.conn.listen();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolve once `pred` holds (checked after every message), or fail after `ms`. */
  async until<T>(pred: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs.slice(-5).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async initialize(opts: { rootUri?: string | null; initializationOptions?: unknown; capabilities?: Record<string, unknown> } = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const r = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: opts.rootUri ?? null,
      workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'ws' }] : null,
      capabilities: opts.capabilities ?? {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
      },
      initializationOptions: opts.initializationOptions ?? {},
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: { range?: TextEdit['range']; text: string }[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The latest diagnostics published for a uri (optionally for a given version). */
  latest(uri: string, version?: number): Publish | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p.uri === uri && (version === undefined || p.version === version)) return p;
    }
    return undefined;
  }

  async diagnostics(uri: string, version?: number, ms?: number): Promise<Diagnostic[]> {
    return (await this.until(() => this.latest(uri, version), `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}`, ms)).diagnostics;
  }

  async shutdown(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

/** Apply LSP text edits to a text (edits from one response, in document coordinates). */
export function applyLspEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
