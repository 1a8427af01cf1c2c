/**
 * cfn-hipaa in real VS Code: code-server (VS Code 1.100.3 from npm, installed by
 * scripts/setup-code-server.sh) driven by headless Debian Chromium through playwright-core.
 *
 * (a) The extension-host suite (vscode/suite.ts, mocha, the real `vscode` API) runs in a
 *     development window opened with the workbench URL's `payload`, as @vscode/test-electron
 *     would run it in desktop VS Code; the page reports the result through
 *     window.codeAutomationExit.
 * (b) A UI test of the packaged cfn-hipaa.vsix, installed with --install-extension: squiggle,
 *     status bar, Problems panel, hover, Ctrl+. then Enter, Ctrl+S.
 * (c) The extension's output channel (written by VS Code under the user data dir) shows no
 *     handler failure of the language server.
 *
 * Every wait is on a condition (process output, locators, waitForFunction, events), never a
 * fixed sleep. Set SKIP_CODE_SERVER_TESTS=1 to skip; UPDATE_SCREENSHOT=1 to rewrite the README
 * screenshot docs/images/vscode.png (otherwise screenshots go to test-results/).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { BUCKET_AND_KEY, createWorkspace, WORKSPACE_SETTINGS, writeUserSettings } from './vscode/fixtures';
import { PREFIX } from './vscode/report';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CODE_SERVER = path.join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
const VSIX = path.join(ROOT, 'cfn-hipaa.vsix');
const DIST = path.join(ROOT, 'dist');
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/assembly-worker.js', 'dist/cli.js'];
const SUITE = path.join(ROOT, 'out', 'test', 'editors', 'vscode', 'suite.js');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env.SKIP_CODE_SERVER_TESTS === '1' ? 'SKIP_CODE_SERVER_TESTS=1' : false;

const t0 = Date.now();
function log(message: string): void {
  console.log(`[code-server test +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}

/** Runs a command to completion, its output going to the test log. */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: 'inherit' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Rejects after `ms` unless `p` settles first. */
function within<T>(p: Promise<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${typeof what === 'string' ? what : what()}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The newest modification time of the files in a folder (0 when it is missing). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs));
}

/** The files of a zip archive (a .vsix), by name. Stored and deflated entries only, as vsce writes them. */
function readZip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, `${file} is a zip archive`);
  const files = new Map<string, Buffer>();
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `${file}: central directory entry`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

/**
 * Why cfn-hipaa.vsix must be (re)built, or undefined when it is current: it is missing, or it is
 * older than dist/ and its bundles differ. (`npm test` rebuilds dist/ with identical output just
 * before the tests run; repackaging then would rewrite dist/ under the test files that run it.)
 */
function vsixOutdated(): string | undefined {
  if (!existsSync(VSIX)) return 'cfn-hipaa.vsix is missing';
  if (statSync(VSIX).mtimeMs >= newest(DIST)) return undefined;
  const packed = readZip(VSIX);
  for (const f of [...BUNDLES, 'package.json']) {
    const inVsix = packed.get(`extension/${f}`);
    if (!inVsix || !existsSync(path.join(ROOT, f)) || !inVsix.equals(readFileSync(path.join(ROOT, f)))) return `cfn-hipaa.vsix is older than dist/ and its ${f} differs`;
  }
  return undefined;
}

/** Kills a process group we started (code-server and the processes it forked), by its id. */
async function killGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await within(exited, 5_000, 'code-server to stop');
  } catch {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

interface RenderedLine {
  text: string;
  /** Viewport coordinates. */
  top: number;
  height: number;
}

/** Monaco's rendered lines in document order (the DOM order is not: sort by position). */
async function editorLines(page: Page): Promise<RenderedLine[]> {
  // (This project compiles without the DOM lib: type the few element members used here.)
  type El = { textContent: string | null; getBoundingClientRect(): { top: number; height: number } };
  const lines = await page.$$eval('.editor-instance .monaco-editor .view-lines .view-line', (els) =>
    (els as unknown as El[]).map((e) => {
      const r = e.getBoundingClientRect();
      return { text: (e.textContent ?? '').replace(/\u00a0/g, ' '), top: r.top, height: r.height };
    }),
  );
  return lines.sort((a, b) => a.top - b.top);
}

describe('cfn-hipaa in real VS Code (code-server + headless Chromium)', { skip: SKIP, timeout: 20 * 60_000 }, () => {
  let tmp = '';
  let port = 0;
  let server: ChildProcess | undefined;
  let serverLog = '';
  let context: BrowserContext | undefined;

  const timings: Record<string, number> = {};
  async function timed<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const start = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - start;
      log(`${name}: ${timings[name]} ms`);
    }
  }

  async function screenshotOnFailure(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      mkdirSync(RESULTS, { recursive: true });
      const file = path.join(RESULTS, `${name}-failure.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      log(`failure screenshot: ${path.relative(ROOT, file)}`);
      log(`code-server output (last 4000 characters):\n${serverLog.slice(-4000)}`);
      throw err;
    }
  }

  before(async () => {
    await timed('setup (scripts/setup-code-server.sh)', () => run('bash', [path.join(ROOT, 'scripts', 'setup-code-server.sh')]));

    await timed('package (when the .vsix is outdated)', () => {
      const why = vsixOutdated();
      if (!why) return log('cfn-hipaa.vsix is up to date');
      if (!BUNDLES.every((f) => existsSync(path.join(ROOT, f)))) {
        log(`${why}, and dist/ is not built: npm run package`);
        run('npm', ['run', 'package']);
      } else {
        // `npm run package` is `npm run build && vsce package ...`. Under `npm test` the build has
        // just run, and rebuilding would rewrite dist/ while the CLI, LSP and Neovim test files
        // (running in parallel with this one) execute it: package dist/ as it is.
        log(`${why}: vsce package (dist/ as built)`);
        run(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', VSIX]);
      }
    });
    assert.ok(existsSync(SUITE), `${SUITE} exists (npx tsc -b)`);

    tmp = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-code-server-'));
    const dirs = Object.fromEntries(['user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'chromium'].map((d) => [d, path.join(tmp, d)]));
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    writeUserSettings(dirs['user-data']);
    const configFile = path.join(tmp, 'code-server.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EXTENSIONS_GALLERY: '{"serviceUrl":""}',
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      XDG_CACHE_HOME: dirs['xdg-cache'],
      XDG_STATE_HOME: dirs['xdg-state'],
    };
    const common = ['--config', configFile, '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];

    await timed('install the .vsix (--install-extension)', () => run(CODE_SERVER, [...common, '--install-extension', VSIX], { env }));
    assert.ok(readdirSync(dirs.extensions).some((d) => d.startsWith('cfn-hipaa.cfn-hipaa-')), 'the .vsix is installed');

    port = await freePort();
    await timed('start code-server', async () => {
      const child = spawn(
        CODE_SERVER,
        [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
        { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      server = child;
      // If this process dies without running `after` (a signal, a crash), take code-server along.
      const killNow = () => {
        try {
          if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        if (process.env.KEEP_CODE_SERVER_TMP !== '1') rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
      };
      process.once('exit', killNow);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          killNow();
          process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
        });
      }
      const listening = new Promise<void>((resolve, reject) => {
        const onData = (b: Buffer) => {
          serverLog += b.toString();
          if (serverLog.includes('HTTP server listening on')) resolve();
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${serverLog}`)));
        child.once('error', reject);
      });
      await within(listening, 60_000, () => `code-server to listen on 127.0.0.1:${port}\n${serverLog}`);
    });

    context = await timed('launch Chromium', () =>
      chromium.launchPersistentContext(dirs.chromium, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1280, height: 800 },
      }),
    );
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await killGroup(server);
    if (tmp && process.env.KEEP_CODE_SERVER_TMP === '1') log(`kept ${tmp}`);
    else if (tmp) rmSync(tmp, { recursive: true, force: true });
    log(`timings (ms): ${JSON.stringify(timings)}`);
  });

  it('(a) the extension-host suite passes inside the workbench', async () => {
    const ws = createWorkspace(path.join(tmp, 'suite-workspace'));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(SUITE)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const page = await context!.newPage();
    const hostOutput: string[] = [];
    const workbenchLog: string[] = [];
    page.on('console', (m) => {
      // Report lines arrive wrapped in the workbench's log format ("%c INFO color: ... <text>").
      const text = m.text();
      const at = text.indexOf(PREFIX);
      if (at >= 0) {
        hostOutput.push(text.slice(at + PREFIX.length + 1));
        console.log(`  | ${text.slice(at + PREFIX.length + 1)}`);
      } else workbenchLog.push(`[workbench ${m.type()}] ${text}`);
    });
    page.on('pageerror', (e) => workbenchLog.push(`[workbench pageerror] ${e.message}`));
    let exit!: (r: { code: number; logs: unknown }) => void;
    const exited = new Promise<{ code: number; logs: unknown }>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => exit({ code, logs }));
    await screenshotOnFailure(page, 'extension-host', async () => {
      const result = await timed('(a) extension-host suite', async () => {
        await page.goto(url);
        return within(exited, 5 * 60_000, 'the extension-host suite to call window.codeAutomationExit');
      });
      if (result.code !== 0) log(`workbench console:\n${workbenchLog.join('\n')}`);
      assert.equal(result.code, 0, `the extension-host suite exited with ${result.code} (its report is above)`);
      assert.ok(hostOutput.some((l) => /\d+ passing/.test(l)), 'the mocha report reached the log');
    });
    await page.close();
  });

  it('(b) the installed .vsix: squiggle, Problems panel, hover, Ctrl+. Enter fixes the bucket', async () => {
    const ws = path.join(tmp, 'ui-workspace');
    // No fix-on-save here: the file on disk must show what the quick fix alone did.
    createWorkspace(ws, { 'intake.yaml': BUCKET_AND_KEY });
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'files.autoSave': 'off', 'cfnHipaa.rules': WORKSPACE_SETTINGS['cfnHipaa.rules'] }) + '\n');
    const page = await context!.newPage();
    page.on('pageerror', (e) => console.log(`  [workbench pageerror] ${e.message}`));
    await screenshotOnFailure(page, 'ui', () =>
      timed('(b) UI test', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
        const editorArea = page.locator('.editor-instance .monaco-editor').first();

        // Open the template from the Explorer.
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'intake.yaml' }).first().click({ timeout: 60_000 });
        await page.locator('.tabs-container .tab', { hasText: 'intake.yaml' }).first().waitFor({ timeout: 30_000 });
        await editorArea.locator('.view-line', { hasText: 'IntakeBucket' }).first().waitFor({ timeout: 30_000 });

        // A squiggle, and the extension's status bar item counting the finding.
        const squiggle = editorArea.locator('.squiggly-warning, .squiggly-error').first();
        await squiggle.waitFor({ timeout: 60_000 });
        const statusItem = page.locator('.statusbar-item', { hasText: 'HIPAA: 1' }).first();
        await statusItem.waitFor({ timeout: 30_000 });

        // The squiggle is on the bucket's Properties key: the line BucketEncryption belongs in.
        const squiggleBox = (await squiggle.boundingBox())!;
        const lines = await editorLines(page);
        const midY = squiggleBox.y + squiggleBox.height / 2;
        const flagged = lines.findIndex((l) => l.top <= midY && midY < l.top + l.height);
        assert.ok(flagged >= 0, `a rendered line holds the squiggle: ${JSON.stringify(lines)}`);
        assert.equal(lines[flagged].text.trim(), 'Properties:', `the flagged line: ${JSON.stringify(lines.map((l) => l.text))}`);
        assert.equal(lines[flagged - 2].text.trim(), 'IntakeBucket:', 'the flagged Properties are the bucket\'s');

        // Hover: the finding with its HIPAA citations (the README screenshot).
        await page.mouse.move(squiggleBox.x + squiggleBox.width / 2, squiggleBox.y + squiggleBox.height / 2);
        const hover = page.locator('.monaco-hover', { hasText: 'IntakeBucket' }).first();
        await hover.waitFor({ timeout: 30_000 });
        assert.match(await hover.innerText(), /164\.312/, 'the hover cites the HIPAA Security Rule');
        mkdirSync(RESULTS, { recursive: true });
        const shot = process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs', 'images', 'vscode.png') : path.join(RESULTS, 'vscode.png');
        mkdirSync(path.dirname(shot), { recursive: true });
        await page.screenshot({ path: shot });
        log(`screenshot: ${path.relative(ROOT, shot)}`);
        await page.mouse.move(0, 0);
        await hover.waitFor({ state: 'hidden', timeout: 10_000 });

        // The status bar item opens the Problems panel, which lists the finding with its source.
        await statusItem.click();
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'IntakeBucket' }).first();
        await problem.waitFor({ timeout: 30_000 });
        const problemText = (await problem.innerText()).replace(/\s+/g, ' ');
        assert.match(problemText, /cfn-hipaa/, `Problems entry names its source: ${problemText}`);
        assert.match(problemText, /s3-bucket-encryption/, `Problems entry names the rule: ${problemText}`);

        // Cursor on the flagged line, Ctrl+. and Enter: the preferred (first) quick fix.
        const box = (await squiggle.boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const position = `Ln ${flagged + 1},`;
        await page.locator('.statusbar-item', { hasText: position }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget').first();
        await menu.waitFor({ timeout: 30_000 });
        const items = menu.locator('.monaco-list-row.action');
        await items.first().waitFor({ timeout: 10_000 });
        const titles = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        log(`quick fixes offered: ${JSON.stringify(titles)}`);
        const focused = (await menu.locator('.monaco-list-row.action.focused').first().innerText()).replace(/\s+/g, ' ').trim();
        assert.equal(focused, titles[0], 'the first quick fix is focused');
        assert.match(focused, /SSE-KMS.*PhiKey/, `the preferred quick fix encrypts with the template's key: ${focused}`);
        await page.screenshot({ path: path.join(RESULTS, 'vscode-quick-fix.png') });
        await page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 10_000 });

        // The editor shows the fix; the squiggle and the Problems entry go away.
        await page.waitForFunction(
          `Array.from(document.querySelectorAll('.editor-instance .monaco-editor .view-line')).some((e) => e.textContent.replace(/\\u00a0/g, ' ').includes('SSEAlgorithm: aws:kms'))`,
          undefined,
          { timeout: 30_000 },
        );
        await editorArea.locator('.squiggly-warning, .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
        await problem.waitFor({ state: 'detached', timeout: 30_000 });

        // Ctrl+S, then read the file back from disk once the tab is no longer dirty.
        const dirtyTab = page.locator('.tabs-container .tab.dirty', { hasText: 'intake.yaml' });
        await dirtyTab.waitFor({ timeout: 10_000 });
        assert.doesNotMatch(readFileSync(path.join(ws, 'intake.yaml'), 'utf8'), /BucketEncryption/, 'not saved yet');
        await page.keyboard.press('Control+s');
        await dirtyTab.waitFor({ state: 'detached', timeout: 30_000 });
        const saved = readFileSync(path.join(ws, 'intake.yaml'), 'utf8');
        assert.match(saved, /SSEAlgorithm: aws:kms/);
        assert.match(saved, /KMSMasterKeyID:/);
        assert.match(saved, /PhiKey/);
        const shown = (await editorLines(page)).map((l) => l.text);
        assert.deepEqual(shown, saved.split('\n').slice(0, shown.length), 'the editor shows what was saved');

        // Snippets: a new resource key under Resources, type "hipaa", ask for suggestions: the
        // compliant snippets are listed (the README screenshot of the completion list).
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Shift+Home');
        await page.keyboard.press('Backspace');
        await page.keyboard.type('  hipaa');
        await page.keyboard.press('Control+Space');
        const rows = page.locator('.suggest-widget .monaco-list-row', { hasText: 'hipaa-' });
        await rows.first().waitFor({ timeout: 30_000 });
        const labels = await rows.allInnerTexts();
        assert.ok(labels.length >= 5, `the completion list shows the hipaa- snippets: ${JSON.stringify(labels)}`);
        const snippetsShot = process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs', 'images', 'snippets.png') : path.join(RESULTS, 'snippets.png');
        mkdirSync(path.dirname(snippetsShot), { recursive: true });
        await page.screenshot({ path: snippetsShot });
        log(`screenshot: ${path.relative(ROOT, snippetsShot)}`);
        await page.keyboard.press('Escape');
      }),
    );
    await page.close();
  });

  it('(c) the language server logged no failures', () => {
    // The server fails soft: a handler that throws is logged ("cfn-hipaa: <handler> failed: ...")
    // to the extension's output channel, which VS Code writes to user-data/logs/*/exthost*/.
    const logs: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name === 'cfn-hipaa.log') logs.push(f);
      }
    };
    walk(path.join(tmp, 'user-data', 'logs'));
    assert.ok(logs.length >= 2, `both windows' output channels were logged: ${JSON.stringify(logs)}`);
    const failures = logs.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => /\bfailed\b|\[error\]/i.test(l)).map((l) => `${path.relative(tmp, f)}: ${l}`));
    assert.deepEqual(failures, [], 'no errors in the cfn-hipaa output channel');
  });
});
