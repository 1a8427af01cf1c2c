/**
 * Neovim as a second, independent LSP client (its own JSON-RPC, capability negotiation, document
 * sync, diagnostics store and workspace-edit code, nothing shared with vscode-languageclient).
 *
 * scripts/setup-neovim.sh installs Debian's neovim (0.7.x) when it is missing; then
 * `nvim --headless --clean -n -u test/editors/neovim/attach.lua` starts dist/server.js --stdio,
 * opens a template and a plain YAML file, waits for the cfn-hipaa diagnostic, asks for code
 * actions, applies the preferred one, writes the file, waits for the re-lint and writes a JSON
 * result that is checked here. Every wait is on a condition; nvim is killed after 60 s.
 *
 * Needs `npm run build` first (dist/server.js).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const SERVER = path.join(REPO, 'dist/server.js');
const CLI = path.join(REPO, 'dist/cli.js');
const ATTACH = path.join(REPO, 'test/editors/neovim/attach.lua');
const SETUP = path.join(REPO, 'scripts/setup-neovim.sh');
const NVIM_TIMEOUT_MS = 60_000;
const RULE = 'sns-topic-encryption';

const TEMPLATE = `Resources:
  Key:
    { Type: AWS::KMS::Key, DeletionPolicy: Retain, UpdateReplacePolicy: Retain, Properties: { EnableKeyRotation: true } }
  Topic:
    Type: AWS::SNS::Topic
`;

/** YAML that is not a CloudFormation template (a compose-style config). */
const NOT_A_TEMPLATE = `name: billing
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  topic:
    type: sns
`;

interface VimDiagnostic {
  code?: string;
  source?: string;
  message: string;
  lnum: number;
  col: number;
  severity: number;
}

interface NeovimResult {
  nvim: { major: number; minor: number; patch: number };
  offset_encoding: string;
  server_info?: { name: string; version?: string };
  server_capabilities: Record<string, unknown>;
  template_uri: string;
  other_uri: string;
  publishes: { uri: string; version?: number; codes: string[] }[];
  logs: { type: number; message: string }[];
  before: VimDiagnostic[];
  other_diagnostics: VimDiagnostic[];
  other_all_diagnostics: VimDiagnostic[];
  request_diagnostic: { range: unknown; code: string; source: string; data?: unknown };
  actions: { title: string; kind?: string; isPreferred: boolean; hasEdit: boolean; hasCommand: boolean }[];
  preferred_title: string;
  preferred_edit: unknown;
  edited_version: number;
  after: VimDiagnostic[];
  buffer_text: string;
  saved_text: string;
  modified_after_write: boolean;
  server_exit: { code: number; signal: number };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs nvim in its own process group (so that a timeout also kills the server it started). */
function runNvim(cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-u', ATTACH], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, NVIM_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

describe('Neovim 0.7 as an LSP client of dist/server.js', () => {
  let dir: string;
  let templateFile: string;
  let otherFile: string;
  let result: NeovimResult;
  let run: Run;

  before(
    async () => {
      assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
      const setup = spawnSync('bash', [SETUP], { encoding: 'utf8', timeout: 10 * 60_000 });
      assert.equal(setup.status, 0, `scripts/setup-neovim.sh failed (status ${setup.status}, signal ${setup.signal}):\n${setup.stderr}${setup.stdout}`);

      dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-nvim-')));
      const ws = path.join(dir, 'ws');
      mkdirSync(ws);
      templateFile = path.join(ws, 'topic.yaml');
      otherFile = path.join(ws, 'compose.yaml');
      writeFileSync(templateFile, TEMPLATE);
      writeFileSync(otherFile, NOT_A_TEMPLATE);
      const resultFile = path.join(dir, 'result.json');
      const xdg = (name: string) => {
        const d = path.join(dir, 'xdg', name);
        mkdirSync(d, { recursive: true });
        return d;
      };
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        // Keep nvim's lsp.log, shada and state out of the home directory.
        XDG_CONFIG_HOME: xdg('config'),
        XDG_DATA_HOME: xdg('data'),
        XDG_STATE_HOME: xdg('state'),
        XDG_CACHE_HOME: xdg('cache'),
        CFN_HIPAA_NODE: process.execPath,
        CFN_HIPAA_SERVER: SERVER,
        CFN_HIPAA_ROOT: ws,
        CFN_HIPAA_TEMPLATE: templateFile,
        CFN_HIPAA_OTHER: otherFile,
        CFN_HIPAA_RESULT: resultFile,
      };
      run = await runNvim(ws, env);
      const lspLog = readIfExists(path.join(dir, 'xdg/cache/nvim/lsp.log'));
      const details = `\n--- nvim stderr ---\n${run.stderr}\n--- nvim stdout ---\n${run.stdout}\n--- lsp.log ---\n${lspLog}`;
      assert.ok(!run.timedOut, `nvim did not finish within ${NVIM_TIMEOUT_MS / 1000} s and was killed${details}`);
      assert.equal(run.code, 0, `nvim exited with code ${run.code} (signal ${run.signal})${details}`);
      assert.ok(existsSync(resultFile), `nvim exited 0 but wrote no result${details}`);
      result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    },
    { timeout: 12 * 60_000 },
  );

  after(() => {
    if (dir && !process.env.CFN_HIPAA_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  });

  test('it really is Neovim, and the session negotiated as expected', () => {
    assert.equal(result.nvim.major, 0);
    assert.ok(result.nvim.minor >= 7, `nvim ${result.nvim.major}.${result.nvim.minor}`);
    assert.equal(result.server_info?.name, 'cfn-hipaa');
    assert.equal(result.offset_encoding, 'utf-16');
    const caps = result.server_capabilities as { textDocumentSync: { change: number; openClose: boolean }; codeActionProvider: { codeActionKinds: string[] } };
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.ok(caps.codeActionProvider.codeActionKinds.includes('quickfix'));
    assert.deepEqual(result.logs.filter((l) => l.type === 1), [], 'no errors logged by the server');
    assert.deepEqual(result.server_exit, { code: 0, signal: 0 }, 'the server exits cleanly on shutdown + exit');
    assert.ok(run.ms < NVIM_TIMEOUT_MS);
  });

  test('the finding arrives as a cfn-hipaa diagnostic in vim.diagnostic', () => {
    const d = result.before.find((x) => x.code === RULE);
    assert.ok(d, `no ${RULE} among ${JSON.stringify(result.before)}`);
    assert.equal(d.source, 'cfn-hipaa');
    assert.match(d.message, /SNS topic Topic/);
    assert.match(d.message, /45 CFR 164\.312/);
    assert.equal(d.lnum, 3, 'on the Topic logical id (0-based line 3)');
    assert.ok(result.publishes.some((p) => p.uri === result.template_uri && p.codes.includes(RULE)), 'published by the server, not made up by the client');
  });

  test('codeAction for the diagnostic offers the KMS fix as the preferred action; applying it and saving clears the finding', () => {
    assert.ok(result.actions.length >= 1, 'at least one action');
    const preferred = result.actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `exactly one preferred action: ${JSON.stringify(result.actions)}`);
    assert.equal(preferred[0].title, result.preferred_title);
    assert.match(result.preferred_title, /customer managed KMS key/);
    assert.equal(preferred[0].kind, 'quickfix');

    const onDisk = readFileSync(templateFile, 'utf8');
    assert.equal(result.saved_text, onDisk);
    assert.equal(result.buffer_text, onDisk, 'buffer and file agree after :write');
    assert.equal(result.modified_after_write, false);
    assert.ok(
      /KmsMasterKeyId: !GetAtt Key\.Arn/.test(onDisk) || /KmsMasterKeyId:\s*\n\s+Fn::GetAtt: \[\s*Key,\s*Arn\s*\]/.test(onDisk),
      `the saved file encrypts the topic with the Key's ARN:\n${onDisk}`,
    );
    assert.ok(onDisk.startsWith(TEMPLATE), `the fix only adds to the topic:\n${onDisk}`);

    // The server re-linted the edited version and the finding is gone.
    const fresh = result.publishes.filter((p) => p.uri === result.template_uri && (p.version === undefined || p.version >= result.edited_version));
    assert.ok(fresh.length >= 1, `a publish for version ${result.edited_version}: ${JSON.stringify(result.publishes)}`);
    assert.ok(!fresh.at(-1)!.codes.includes(RULE));
    assert.ok(!result.after.some((d) => d.code === RULE), `after: ${JSON.stringify(result.after)}`);

    // Independent check of the file Neovim wrote: the CLI finds nothing on it either.
    const cli = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--no-config', templateFile], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const findings = JSON.parse(cli.stdout) as { ruleId: string }[];
    assert.ok(!findings.some((f) => f.ruleId === RULE), cli.stdout);
  });

  test('a YAML file that is not a template gets no cfn-hipaa diagnostics', () => {
    const publishes = result.publishes.filter((p) => p.uri === result.other_uri);
    assert.ok(publishes.length >= 1, 'the server answered for the plain YAML file');
    assert.deepEqual(publishes.map((p) => p.codes), publishes.map(() => []));
    assert.deepEqual(result.other_diagnostics, []);
    assert.deepEqual(result.other_all_diagnostics, []);
  });
});
