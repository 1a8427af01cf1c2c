/**
 * Runs the extension-host suite (suite.ts) in desktop VS Code with @vscode/test-electron, when a
 * VS Code executable is available: `VSCODE_EXECUTABLE=/path/to/code node out/test/editors/vscode/runTest.js`.
 * Nothing is downloaded (runTests only downloads VS Code when no executable is given). Without
 * VSCODE_EXECUTABLE it skips: on machines that only reach npm and Debian, code-server runs the
 * same suite (../code-server.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createWorkspace, writeUserSettings } from './fixtures';

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    console.log('runTest: VSCODE_EXECUTABLE is not set; skipping the desktop VS Code run (code-server.test.js runs the same suite).');
    return;
  }
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const tmp = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-vscode-'));
  try {
    const workspace = createWorkspace(path.join(tmp, 'workspace'));
    const userDataDir = path.join(tmp, 'user-data');
    writeUserSettings(userDataDir);
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', path.join(tmp, 'extensions'),
        '--disable-extensions', // other installed extensions; the one under development stays enabled
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`runTest: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
