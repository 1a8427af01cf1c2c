/**
 * Extension-host test entry point, in the shape @vscode/test-electron's `extensionTestsPath`
 * expects: VS Code loads this module inside its extension host and awaits `run()`. The same file
 * runs under code-server (../code-server.test.ts, via the workbench URL's payload) and under
 * desktop VS Code (runTest.ts). The tests themselves are in cases.ts.
 */
import * as path from 'node:path';
import Mocha from 'mocha';
import { say } from './report';

export function run(): Promise<void> {
  // The spec reporter prints through Base.consoleLog with %s/%d placeholders: format it here.
  Mocha.reporters.Base.consoleLog = say;
  // color: false: the report ends up in a log file, not a terminal.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  mocha.addFile(path.join(__dirname, 'cases.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
