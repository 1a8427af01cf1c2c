/**
 * cfn-hipaa in a real VS Code extension host (loaded by suite.ts through mocha). Uses only the
 * public `vscode` API, as a user's editor would: open, type, quick fix, save. Every wait is on an
 * event (onDidChangeDiagnostics) with a timeout, never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BUCKET_AND_KEY, SAFE_AND_UNSAFE, SECOND_BUCKET } from './fixtures';
import { say } from './report';

const EXTENSION_ID = 'cfn-hipaa.cfn-hipaa';
const SOURCE = 'cfn-hipaa';
const TIMEOUT = 20_000;

function ruleOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function mine(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describeAll(ds: vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(ruleOf(d))} ${d.message.slice(0, 60)}`));
}

/** Resolves with the cfn-hipaa diagnostics of `uri` once `ok` holds for them (now or after a change event). */
function waitForDiagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeout = TIMEOUT): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (ds: vscode.Diagnostic[]) => {
      sub?.dispose();
      if (timer) clearTimeout(timer);
      resolve(ds);
    };
    const check = () => {
      const ds = mine(uri);
      if (ok(ds)) finish(ds);
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    timer = setTimeout(() => {
      sub?.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}; cfn-hipaa diagnostics now: ${describeAll(mine(uri))}`));
    }, timeout);
    check();
  });
}

/** Resolves once the document's text satisfies `ok` (waits on onDidChangeTextDocument). */
function waitForText(doc: vscode.TextDocument, ok: (text: string) => boolean, what: string, timeout = TIMEOUT): Promise<string> {
  return new Promise((resolve, reject) => {
    if (ok(doc.getText())) return resolve(doc.getText());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
    }, timeout);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && ok(doc.getText())) {
        clearTimeout(timer);
        sub.dispose();
        resolve(doc.getText());
      }
    });
  });
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder open');
  assert.equal(folder.uri.scheme, 'file', `workspace folder scheme (${folder.uri.toString()})`);
  return folder.uri.fsPath;
}

/** Writes a template into the workspace and shows it in an editor. */
async function openTemplate(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(workspaceDir(), name);
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  assert.equal(doc.languageId, 'yaml');
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function lineOf(doc: vscode.TextDocument, needle: string): number {
  const i = doc.getText().split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `the document has a line with ${needle}`);
  return i;
}

describe('cfn-hipaa in VS Code (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    say(`VS Code ${vscode.version}, remoteName=${vscode.env.remoteName ?? '(local)'}, appHost=${vscode.env.appHost}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    say(`extension ${EXTENSION_ID} from ${ext.extensionUri.toString()}`);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('typing and quick fixes', () => {
    let editor: vscode.TextEditor;
    let uri: vscode.Uri;

    before(async () => {
      editor = await openTemplate('intake.yaml', BUCKET_AND_KEY);
      uri = editor.document.uri;
    });

    after(closeAll);

    it('flags the unencrypted S3 bucket when the template opens', async () => {
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 's3-bucket-encryption'), 'an s3-bucket-encryption diagnostic');
      assert.equal(ds.length, 1, describeAll(ds));
      const [d] = ds;
      assert.match(d.message, /IntakeBucket/);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      // Reported where BucketEncryption belongs: on the bucket's Properties key.
      assert.equal(d.range.start.line, lineOf(editor.document, 'IntakeBucket:') + 2, `reported on the bucket's Properties: ${describeAll(ds)}`);
      assert.equal(editor.document.getText(d.range), 'Properties');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext?.isActive, 'the extension activated on the YAML file');
    });

    it('registers its commands once active', async () => {
      const commands = new Set(await vscode.commands.getCommands(true));
      for (const c of ['cfnHipaa.fixAllInFile', 'cfnHipaa.lintWorkspace', 'cfnHipaa.showRuleDocs', 'cfnHipaa.restartServer']) {
        assert.ok(commands.has(c), `command ${c} is registered`);
      }
    });

    it('flags a second bucket as it is typed, without saving', async () => {
      const doc = editor.document;
      const ok = await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), SECOND_BUCKET));
      assert.ok(ok, 'the edit applied');
      assert.ok(doc.isDirty, 'the document has unsaved changes');
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => x.message.includes('ArchiveBucket')), 'a diagnostic on ArchiveBucket');
      assert.equal(ds.filter((x) => ruleOf(x) === 's3-bucket-encryption').length, 2, describeAll(ds));
      assert.ok(doc.isDirty, 'still unsaved: the finding came from the buffer, not the file');
      assert.equal(readFileSync(doc.uri.fsPath, 'utf8'), BUCKET_AND_KEY, 'the file on disk is unchanged');
    });

    it('offers the safe fix as the preferred quick fix, and applying it clears the finding', async () => {
      const doc = editor.document;
      const target = mine(uri).find((x) => x.message.includes('ArchiveBucket'));
      assert.ok(target, 'the ArchiveBucket diagnostic is there');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
      // The API's CodeAction results carry no `diagnostics` (VS Code does not convert them back):
      // every quick fix here is for this range, and only cfn-hipaa offers fixes in YAML.
      const ours = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
      assert.ok(ours.length > 0, `quick fixes at the diagnostic: ${JSON.stringify(actions.map((a) => a.title))}`);
      say(`quick fixes offered: ${JSON.stringify(ours.map((a) => (a.isPreferred ? `${a.title} (preferred)` : a.title)))}`);
      const preferred = ours.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `exactly one preferred fix: ${JSON.stringify(ours.map((a) => [a.title, a.isPreferred]))}`);
      assert.equal(ours[0], preferred[0], 'the preferred fix comes first');
      const fix = preferred[0];
      assert.ok(fix.edit, `the preferred fix "${fix.title}" carries an edit`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applied');
      const ds = await waitForDiagnostics(uri, (d) => !d.some((x) => x.message.includes('ArchiveBucket')), 'the ArchiveBucket diagnostic to clear');
      assert.equal(ds.length, 1, `only IntakeBucket remains: ${describeAll(ds)}`);
      const archive = doc.getText().slice(doc.offsetAt(new vscode.Position(lineOf(doc, 'ArchiveBucket:'), 0)));
      assert.match(archive, /SSEAlgorithm: aws:kms/);
      assert.match(archive, /KMSMasterKeyID:/);
      assert.match(archive, /PhiKey/);
    });
  });

  describe('fix-all', () => {
    after(closeAll);

    it('saving with editor.codeActionsOnSave source.fixAll.cfn-hipaa clears every safe finding', async () => {
      const setting = vscode.workspace.getConfiguration('editor').get<Record<string, string>>('codeActionsOnSave');
      assert.deepEqual(setting, { 'source.fixAll.cfn-hipaa': 'explicit' }, 'the test workspace\'s .vscode/settings.json is in effect');
      const editor = await openTemplate('messaging.yaml', SAFE_AND_UNSAFE);
      const doc = editor.document;
      const before = await waitForDiagnostics(doc.uri, (d) => d.length === 4, 'four findings');
      assert.deepEqual(before.map(ruleOf).sort(), ['logs-log-group-encryption', 's3-bucket-encryption', 'sns-topic-encryption', 'sqs-queue-encryption']);
      // A save only runs code actions when there is something to save.
      await editor.edit((b) => b.insert(new vscode.Position(1, 0), '# reviewed\n'));
      assert.ok(doc.isDirty);
      await vscode.commands.executeCommand('workbench.action.files.save');
      const after = await waitForDiagnostics(doc.uri, (d) => d.length === 1, 'only the finding without a safe fix to remain');
      assert.equal(ruleOf(after[0]), 'logs-log-group-encryption', describeAll(after));
      assert.ok(!doc.isDirty, 'the document was saved');
      const disk = readFileSync(doc.uri.fsPath, 'utf8');
      assert.equal(disk, doc.getText(), 'the fixes were saved to disk');
      assert.match(disk, /SSEAlgorithm: aws:kms/);
      assert.equal(disk.match(/KmsMasterKeyId:/g)?.length, 2, 'queue and topic use the key');
      assert.match(disk, /# reviewed/);
    });

    it('the cfnHipaa.fixAllInFile command fixes the active file', async () => {
      const editor = await openTemplate('fix-command.yaml', SAFE_AND_UNSAFE);
      const doc = editor.document;
      await waitForDiagnostics(doc.uri, (d) => d.length === 4, 'four findings');
      await vscode.commands.executeCommand('cfnHipaa.fixAllInFile');
      await waitForText(doc, (t) => t.includes('SSEAlgorithm: aws:kms'), 'the command\'s edit');
      const after = await waitForDiagnostics(doc.uri, (d) => d.length === 1, 'only the finding without a safe fix to remain');
      assert.equal(ruleOf(after[0]), 'logs-log-group-encryption', describeAll(after));
    });
  });

  describe('CDK cloud assembly in the workspace', () => {
    after(closeAll);

    it('a synth (cdk.out written) puts its templates\' findings into Problems unopened; hover names the construct; removing cdk.out clears them', async () => {
      const out = path.join(workspaceDir(), 'cdk.out');
      mkdirSync(out, { recursive: true });
      const stack = (name: string) => JSON.stringify({ Resources: { RawBucket0C3EE094: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': `${name}/RawBucket/Resource` } } } }, null, 1);
      const template = path.join(out, 'PhiStack.template.json');
      const other = path.join(out, 'OtherStack.template.json');
      writeFileSync(template, stack('PhiStack'));
      writeFileSync(other, stack('OtherStack'));
      // cdk synth writes manifest.json last: the extension's file watcher tells the server.
      const artifact = (file: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: file } });
      writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { PhiStack: artifact('PhiStack.template.json'), OtherStack: artifact('OtherStack.template.json') } }));
      const uri = vscode.Uri.file(template);
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 's3-bucket-encryption'), 'findings of the unopened assembly template', 30_000);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the template was not opened');
      assert.match(ds[0].message, /\(construct PhiStack\/RawBucket\)/);
      await waitForDiagnostics(vscode.Uri.file(other), (d) => d.length === 1, 'findings of the second stack');

      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, ds[0].range.start.translate(0, 1));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /CDK construct:\*\* `PhiStack\/RawBucket`/, text);
      await closeAll();

      // (VS Code keeps a closed document open for a while: the never-opened stack shows the clearing.)
      rmSync(out, { recursive: true, force: true });
      await waitForDiagnostics(vscode.Uri.file(other), (d) => d.length === 0, 'the findings cleared with cdk.out', 30_000);
    });
  });
});
