/**
 * cfn-hipaa for VS Code: starts the language server over IPC and adds what only an editor can do
 * (ask for a suppression reason, show bundled rule docs, a status bar count). No rule logic here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { CancellationToken, LanguageClientOptions, MessageSignature, ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import type { InitializationOptions } from '../../server/src/lsp/protocol';

/**
 * A request caught by the client stopping under it (a window closing while a quick-fix request is
 * in flight) is not an error: answer with the default instead of logging one.
 */
class HipaaLanguageClient extends LanguageClient {
  override handleFailedRequest<T>(type: MessageSignature, token: CancellationToken | undefined, error: unknown, defaultValue: T, showNotification?: boolean, throwOnCancel?: boolean): T {
    if (!this.isRunning()) return defaultValue;
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification, throwOnCancel);
  }
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('cfn-hipaa', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { suppressPrompt: true, showDocs: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'file', pattern: '**/*.template' },
    ],
    // Workspace config files, and cdk.out/manifest.json: cdk synth writes it last, and the server
    // lints that cloud assembly in the background; cdk.out itself, whose deletion is reported as
    // the folder's only (dynamic registration does the same for other clients).
    synchronize: {
      fileEvents: ['**/.cfn-hipaa.{yaml,yml,json}', '**/cdk.out/manifest.json', '**/cdk.out'].map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    },
    initializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
    // While the server is starting or stopping (say, a window closing) the editor gets nothing,
    // rather than a request that fails and an error in the output channel.
    middleware: {
      provideCodeActions: (document, range, context, token, next) => (client?.isRunning() ? next(document, range, context, token) : []),
      provideHover: (document, position, token, next) => (client?.isRunning() ? next(document, position, token) : null),
    },
  };
  client = new HipaaLanguageClient('cfnHipaa', 'cfn-hipaa', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'workbench.actions.view.problems';
  // The output channel is closed in deactivate(), after the client: it logs until it has stopped.
  context.subscriptions.push(status);
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return status.hide();
    const mine = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'cfn-hipaa');
    const errors = mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    if (mine.length === 0 && !isLintable(editor.document)) return status.hide();
    status.text = mine.length === 0 ? '$(shield) HIPAA' : `$(shield) HIPAA: ${mine.length}`;
    status.tooltip = mine.length === 0 ? 'cfn-hipaa: no HIPAA findings in this file' : `cfn-hipaa: ${mine.length} finding${mine.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in this file`;
    status.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(updateStatus), vscode.window.onDidChangeActiveTextEditor(updateStatus));

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.suppressWithReason, async (args: { uri: string; version: number; ruleId: string; logicalId: string }) => {
      const reason = await vscode.window.showInputBox({
        title: `Suppress ${args.ruleId} for ${args.logicalId}`,
        prompt: 'Why is this finding acceptable? The reason is written into the template and reviewed with it.',
        placeHolder: 'e.g. Public status-page notifications, never PHI (ticket SEC-142)',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim().length < 3 ? 'Give a reason.' : undefined),
      });
      if (!reason) return;
      await client?.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.applySuppression, arguments: [{ ...args, reason }] });
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixAllInFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixAll, arguments: [{ uri: editor.document.uri.toString() }] });
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.lintWorkspace, async () => {
      if (!client) return;
      const r = (await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.lintWorkspace, arguments: [] })) as { files: number; findings: number; cancelled: boolean } | null;
      if (r) void vscode.window.showInformationMessage(`cfn-hipaa: ${r.findings} finding${r.findings === 1 ? '' : 's'} in ${r.files} template${r.files === 1 ? '' : 's'}${r.cancelled ? ' (cancelled)' : ''}.`);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showRuleDocs, async (ruleId?: string) => {
      let id = ruleId;
      if (!id) {
        const docs = await vscode.workspace.fs.readDirectory(vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules'))));
        id = await vscode.window.showQuickPick(
          docs.map(([name]) => name.replace(/\.md$/, '')).filter((n) => n !== 'README'),
          { title: 'cfn-hipaa rule documentation' },
        );
      }
      if (!id || !/^[a-z0-9-]+$/.test(id)) return;
      // Offline: the pages ship inside the extension.
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`))));
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      output?.appendLine('Restarting the cfn-hipaa language server…');
      await client?.restart();
    }),
  );

  await client.start();
  updateStatus();
}

function isLintable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' || doc.languageId === 'json' || doc.fileName.endsWith('.template');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  output?.dispose();
  output = undefined;
}
