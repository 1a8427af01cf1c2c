/**
 * The cfn-hipaa language server: LSP glue around the engine. Diagnostics as the user types (per
 * document debounce; stale results are never published), quick fixes and suggestions, suppress
 * with a reason, fix-all (source.fixAll.cfn-hipaa), hover, workspace lint, settings and the
 * workspace config file. All state lives in this instance; every handler fails soft.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionParams,
  Connection,
  Diagnostic,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectTargets, formatOf } from '../cli/files';
import { cdkPathOf, constructPathOf } from '../engine/cdk/assembly';
import type { AssemblyTemplate, ConstructTree } from '../engine/cdk/assembly';
import { lintAssembly } from '../engine/cdk/lint-assembly';
import { packageVersion } from '../cli/version';
import { findConfigFile, mergeConfigs, parseConfig } from '../engine/config';
import type { WorkspaceConfig } from '../engine/config';
import { fixAll, renderFix } from '../engine/fix';
import { lint } from '../engine/lint';
import { parse, YamlIncrementalState } from '../engine/parse';
import type { ParsedDocument } from '../engine/parse';
import { HIPAA_PACK } from '../engine/packs/hipaa';
import { buildTemplate } from '../engine/template/model';
import { PLACEHOLDER_REASON, suppressionFix } from '../engine/suppress';
import type { Finding, Fix, Format, ParseOptions } from '../engine/types';
import { SNIPPETS } from '../snippets';
import { ASSEMBLY_WATCH_GLOBS, AssemblyManager, filePath } from './assemblies';
import type { AssemblyJob } from './assembly-worker';
import { snippetCompletionItems } from './completion';
import { hoverMarkdown, toDiagnostic, toLspEdits, wholeDiff } from './convert';
import { ASSEMBLY_STATUS_REQUEST, CLIENT_COMMANDS, DEFAULT_SETTINGS, FIX_ALL_KIND, SERVER_COMMANDS } from './protocol';
import type { DiagnosticData, InitializationOptions, Settings } from './protocol';

interface Analysis {
  version: number;
  parsed: ParsedDocument;
  findings: Finding[];
  /** The settings object the analysis used (identity: a new object means re-analyze). */
  settings: Settings;
  config: WorkspaceConfig;
  /** The size limit the document was read with (config file, else editor setting). */
  maxSize: number;
  /** For a template of a cloud assembly in the workspace: the CDK context it was linted with. */
  cdk?: { tree?: ConstructTree; logicalIds: Record<string, string> };
}

interface SuppressArgs {
  uri: string;
  version: number;
  ruleId: string;
  logicalId: string;
  reason?: string;
}

export class HipaaLanguageServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly analyses = new Map<string, Analysis>();
  /** Incremental YAML parse state per open document: an edit re-parses only the resources it touched. */
  private readonly yamlStates = new Map<string, YamlIncrementalState>();
  private readonly settingsByUri = new Map<string, Promise<Settings>>();
  private readonly configByDir = new Map<string, string | undefined>();
  private readonly configFiles = new Map<string, { config: WorkspaceConfig; problems: number }>();
  /** Documents whose didOpen has not yet been followed by its own content-change event. */
  private readonly justOpened = new Set<string>();
  /** Parsed templates of the workspace's cloud assemblies (until the next synth replaces them), for typing in a sibling. */
  private readonly assemblyDocs = new WeakMap<AssemblyTemplate, { maxSize: number | undefined; doc: ParsedDocument }>();
  /** Files (not open) that got diagnostics from a workspace lint. */
  private readonly workspaceDiagnostics = new Set<string>();
  private folders: WorkspaceFolder[] = [];
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private init: InitializationOptions = {};
  private hasConfiguration = false;
  private hasWatchedFilesRegistration = false;
  private hasDocumentChanges = false;
  /** The workspace's CDK cloud assemblies, linted in the background (assemblies.ts). */
  readonly assemblies: AssemblyManager;

  constructor(private readonly connection: Connection) {
    this.assemblies = new AssemblyManager(
      {
        connection,
        folders: () => this.folders.map((f) => filePath(f.uri)).filter((f): f is string => !!f),
        jobConfig: (uri) => this.assemblyJobConfig(uri),
        isOpen: (uri) => !!this.documents.get(uri),
        revalidate: (uri) => {
          this.analyses.delete(uri);
          this.schedule(uri, true);
        },
      },
      // The worker is bundled next to the server (dist/assembly-worker.js; out/ when run from tsc output).
      { workerFile: path.join(__dirname, 'assembly-worker.js'), debounce: ASSEMBLY_DEBOUNCE_MS },
    );
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => this.initialized());
    connection.onDidChangeConfiguration((p) =>
      this.guard('didChangeConfiguration', () => {
        this.settingsByUri.clear();
        if (!this.hasConfiguration) this.globalSettings = withDefaults((p.settings as { cfnHipaa?: Partial<Settings> } | undefined)?.cfnHipaa);
        this.revalidateAll();
        this.assemblies.recheckAll();
      }, undefined),
    );
    connection.onDidChangeWatchedFiles((p) =>
      this.guard('didChangeWatchedFiles', () => {
        const uris = p.changes.map((c) => c.uri);
        // A synth (cdk.out) is the assemblies' business; anything else is a workspace config file.
        const others = uris.filter((u) => !this.assemblies.onFileEvents([u]));
        if (others.length > 0 || uris.length === 0) {
          this.reloadConfigs();
          this.assemblies.recheckAll();
        }
      }, undefined),
    );
    connection.onRequest(ASSEMBLY_STATUS_REQUEST, () => this.guard('assemblies', () => this.assemblies.status(), []));
    connection.onShutdown(() => this.guard('shutdown', () => this.assemblies.dispose(), undefined));
    connection.onCodeAction((p) => this.guardAsync('codeAction', () => this.codeActions(p), [] as CodeAction[]));
    connection.onHover((p) => this.guardAsync('hover', () => this.hover(p), null));
    connection.onCompletion((p) => this.guard('completion', () => this.completion(p), [] as CompletionItem[]));
    connection.onExecuteCommand((p) => this.guardAsync('executeCommand', () => this.executeCommand(p.command, p.arguments ?? []), null));

    this.documents.onDidOpen((e) =>
      this.guard('didOpen', () => {
        this.justOpened.add(e.document.uri);
        this.schedule(e.document.uri, true);
      }, undefined),
    );
    this.documents.onDidChangeContent((e) =>
      this.guard('didChange', () => {
        // didOpen also fires a content change: the open handler has validated already.
        if (this.justOpened.delete(e.document.uri)) return;
        void this.onChange(e.document.uri);
      }, undefined),
    );
    this.documents.onDidSave((e) => this.guard('didSave', () => void this.onSave(e.document.uri), undefined));
    this.documents.onDidClose((e) =>
      this.guard('didClose', () => {
        const t = this.timers.get(e.document.uri);
        if (t) clearTimeout(t);
        this.timers.delete(e.document.uri);
        this.analyses.delete(e.document.uri);
        this.yamlStates.delete(e.document.uri);
        this.justOpened.delete(e.document.uri);
        this.settingsByUri.delete(e.document.uri);
        // A cloud assembly template keeps its findings in the Problems panel when closed.
        void this.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: this.assemblies.diagnosticsFor(e.document.uri) ?? [] });
      }, undefined),
    );
  }

  listen(): void {
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  // ------------------------------------------------------------------ lifecycle

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    this.hasConfiguration = !!caps.workspace?.configuration;
    this.hasWatchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.hasDocumentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    this.init = (p.initializationOptions as InitializationOptions | undefined) ?? {};
    this.folders = p.workspaceFolders ?? (p.rootUri ? [{ uri: p.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cfn-hipaa', version: packageVersion() },
    };
  }

  private initialized(): void {
    if (this.hasConfiguration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'cfnHipaa' });
    if (this.hasWatchedFilesRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.cfn-hipaa.{yaml,yml,json}' }, ...ASSEMBLY_WATCH_GLOBS.map((globPattern) => ({ globPattern }))],
      });
    }
    void this.guardAsync('discoverAssemblies', () => this.assemblies.discover(), undefined);
    // Throws for a client without workspace folder support: that client has no folder changes to tell.
    this.guard('workspaceFolders', () =>
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        this.folders = [...this.folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
        void this.guardAsync('discoverAssemblies', () => this.assemblies.discover(), undefined);
      }), undefined);
  }

  // ------------------------------------------------------------------ settings and config

  private settings(uri: string): Promise<Settings> {
    if (!this.hasConfiguration) return Promise.resolve(this.globalSettings);
    let s = this.settingsByUri.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cfnHipaa' })
        .then((v) => withDefaults(v as Partial<Settings> | undefined), () => DEFAULT_SETTINGS);
      this.settingsByUri.set(uri, s);
    }
    return s;
  }

  /** The workspace config file that applies to a document (nearest ancestor), read once and cached. */
  private configFor(uri: string): WorkspaceConfig | undefined {
    const file = filePath(uri);
    if (!file) return undefined;
    const dir = path.dirname(file);
    if (!this.configByDir.has(dir)) this.configByDir.set(dir, findConfigFile(dir, (f) => existsSync(f), path.sep));
    const configFile = this.configByDir.get(dir);
    if (!configFile) return undefined;
    let loaded = this.configFiles.get(configFile);
    if (!loaded) {
      let text = '';
      try {
        text = readFileSync(configFile, 'utf8');
      } catch (err) {
        this.connection.console.error(`cfn-hipaa: cannot read ${configFile}: ${(err as Error).message}`);
      }
      const { config, problems } = parseConfig(text, configFile);
      loaded = { config, problems: problems.length };
      this.configFiles.set(configFile, loaded);
      // A malformed config is reported on the config file itself, never a crash.
      const doc = TextDocument.create(pathToFileURL(configFile).href, 'yaml', 0, text);
      void this.connection.sendDiagnostics({
        uri: pathToFileURL(configFile).href,
        diagnostics: problems.map((p) => ({
          range: { start: doc.positionAt(p.start), end: doc.positionAt(p.end) },
          severity: 1,
          source: 'cfn-hipaa',
          message: p.message,
        })),
      });
    }
    return loaded.config;
  }

  private reloadConfigs(): void {
    this.configByDir.clear();
    this.configFiles.clear();
    this.revalidateAll();
  }

  /**
   * What a document is linted with, or undefined when it is not linted (disabled, excluded): the
   * team's config file wins over personal settings for the rules it names; its size limit, else
   * the setting's.
   */
  private effectiveConfig(uri: string, settings: Settings): { config: WorkspaceConfig; maxSize: number } | undefined {
    const fileConfig = this.configFor(uri) ?? {};
    if (!settings.enable || this.excluded(uri, settings, fileConfig)) return undefined;
    const config = mergeConfigs({ rules: settings.rules }, fileConfig);
    return { config, maxSize: config.maxSize ?? settings.maxSize };
  }

  private excluded(uri: string, settings: Settings, config: WorkspaceConfig): boolean {
    const file = filePath(uri);
    if (!file) return false;
    const { root, patterns } = this.excludeRule(file, settings, config);
    if (patterns.length === 0) return false;
    const rel = path.relative(root, file).split(path.sep).join('/');
    return picomatch(patterns, { dot: true })(rel);
  }

  /** Exclude patterns for a file and the directory they are relative to (its workspace folder). */
  private excludeRule(file: string, settings: Settings, config: WorkspaceConfig): { root: string; patterns: string[] } {
    const folder = this.folders.map((f) => filePath(f.uri)).find((f): f is string => !!f && file.startsWith(f + path.sep));
    return { root: folder ?? path.dirname(file), patterns: [...settings.exclude, ...(config.exclude ?? [])] };
  }

  /** What the background lint of a cloud assembly uses, or undefined when assemblies are not linted. */
  private async assemblyJobConfig(manifestUri: string): Promise<Omit<AssemblyJob, 'dir' | 'previousFingerprint'> | undefined> {
    const settings = await this.settings(manifestUri);
    if (!settings.cdk.lintAssemblies) return undefined;
    const effective = this.effectiveConfig(manifestUri, settings);
    const file = filePath(manifestUri);
    if (!effective || !file) return undefined;
    return { config: effective.config, maxSize: effective.maxSize, exclude: this.excludeRule(file, settings, this.configFor(manifestUri) ?? {}) };
  }

  /** A template of an assembly, parsed once per synth; the one being edited (`editing`) always afresh. */
  private assemblyDoc(t: AssemblyTemplate, editing: AssemblyTemplate, options: ParseOptions): ParsedDocument {
    if (t.file === editing.file) return parse(t.text, options);
    const cached = this.assemblyDocs.get(t);
    if (cached && cached.maxSize === options.maxSize) return cached.doc;
    const doc = parse(t.text, options);
    this.assemblyDocs.set(t, { maxSize: options.maxSize, doc });
    return doc;
  }

  // ------------------------------------------------------------------ validation

  private async onChange(uri: string): Promise<void> {
    const s = await this.settings(uri);
    if (s.run === 'onType') this.schedule(uri, false, s.debounce);
  }

  private async onSave(uri: string): Promise<void> {
    const s = await this.settings(uri);
    if (s.run === 'onSave') this.schedule(uri, true);
  }

  private schedule(uri: string, immediate: boolean, debounce = DEFAULT_SETTINGS.debounce): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    if (immediate) {
      void this.validate(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, Math.max(0, debounce)),
    );
  }

  private revalidateAll(): void {
    this.analyses.clear();
    for (const d of this.documents.all()) this.schedule(d.uri, true);
  }

  /** Lint the document and publish, unless a newer version has arrived meanwhile (stale work is dropped). */
  private async validate(uri: string): Promise<void> {
    await this.guardAsync(
      'validate',
      async () => {
        const doc = this.documents.get(uri);
        if (!doc) return;
        const version = doc.version;
        const settings = await this.settings(uri);
        const current = this.documents.get(uri);
        if (!current || current.version !== version) return;
        const analysis = this.analyze(current, settings);
        if (!analysis || !analysis.parsed.isTemplate) {
          // Not linted here; a cloud assembly's manifest.json keeps what the assembly said about it.
          await this.connection.sendDiagnostics({ uri, version, diagnostics: this.assemblies.diagnosticsFor(uri) ?? [] });
          return;
        }
        await this.connection.sendDiagnostics({ uri, version, diagnostics: analysis.findings.filter((f) => !f.suppressed && !f.outOfScope).map((f) => toDiagnostic(f, uri, version)) });
      },
      undefined,
    );
  }

  /** The analysis of the document's current version (cached), or undefined when not linted. */
  private analyze(doc: TextDocument, settings: Settings): Analysis | undefined {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings) return cached;
    const effective = this.effectiveConfig(doc.uri, settings);
    if (!effective) {
      this.analyses.delete(doc.uri);
      return undefined;
    }
    const { config, maxSize } = effective;
    let incremental = this.yamlStates.get(doc.uri);
    if (!incremental) this.yamlStates.set(doc.uri, (incremental = new YamlIncrementalState()));
    const assembly = this.assemblies.contextFor(doc.uri);
    // A template of a cloud assembly: linted as part of it (construct paths, and whatever else the
    // assembly gives), so that opening it shows exactly what the background lint published.
    const unit = assembly
      ? lintAssembly(
          { ...assembly.assembly, templates: assembly.assembly.templates.map((t) => (t === assembly.template ? { ...t, text: doc.getText() } : t)) },
          { maxSize, configFor: (t) => (t.file === assembly.template.file ? config : undefined), parse: (t, options) => this.assemblyDoc(t, assembly.template, options) },
        )[0]
      : undefined;
    let a: Analysis;
    if (assembly && unit) {
      a = { version: doc.version, parsed: unit.doc, findings: unit.findings, settings, config, maxSize, cdk: { ...(assembly.assembly.tree ? { tree: assembly.assembly.tree } : {}), logicalIds: assembly.template.logicalIds } };
    } else {
      const parsed = parse(doc.getText(), { format: formatFor(doc), maxSize, incremental });
      const findings = parsed.isTemplate ? lint(parsed, config) : [];
      a = { version: doc.version, parsed, findings, settings, config, maxSize };
    }
    this.analyses.set(doc.uri, a);
    return a;
  }

  /** Analysis for requests (code actions, hover): never waits on the debounce. */
  private async current(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const analysis = this.analyze(doc, await this.settings(uri));
    return analysis ? { doc, analysis } : undefined;
  }

  // ------------------------------------------------------------------ code actions

  private async codeActions(p: CodeActionParams): Promise<CodeAction[]> {
    const cur = await this.current(p.textDocument.uri);
    if (!cur) return [];
    const { doc, analysis } = cur;
    const wants = (kind: string) => !p.context.only || p.context.only.some((o) => kind === o || kind.startsWith(o + '.'));
    const actions: CodeAction[] = [];

    if (wants(CodeActionKind.QuickFix)) {
      for (const d of p.context.diagnostics) {
        if (d.source !== 'cfn-hipaa') continue;
        const f = this.findingFor(analysis, d);
        if (!f) continue;
        if (f.fix) actions.push(this.fixAction(doc, analysis, f.fix, d, true));
        for (const s of f.suggestions ?? []) actions.push(this.fixAction(doc, analysis, s, d, false));
        if (f.logicalId && f.ruleId in HIPAA_PACK.rules) actions.push(this.suppressAction(doc, analysis, f, d));
        if (this.init.showDocs) {
          actions.push({ title: `Show documentation for ${f.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Show rule documentation', command: CLIENT_COMMANDS.showRuleDocs, arguments: [f.ruleId] } });
        }
      }
    }
    if (p.context.only && wants(FIX_ALL_KIND)) {
      // Asked for (on save, or from the Source Action menu): compute the edit now.
      const edits = wholeDiff(analysis.parsed, fixAll(doc.getText(), analysis.config, { format: analysis.parsed.format, maxSize: analysis.maxSize }).output);
      if (edits.length) actions.push({ title: 'Fix all safe cfn-hipaa problems', kind: FIX_ALL_KIND, edit: this.workspaceEdit(doc, edits) });
    } else if (!p.context.only && analysis.findings.filter((f) => f.fix && !f.suppressed && !f.outOfScope).length > 1) {
      // In the light bulb (asked for at every cursor move): a command, computed only if chosen.
      actions.push({ title: 'Fix all safe cfn-hipaa problems', kind: FIX_ALL_KIND, command: { title: 'Fix all safe cfn-hipaa problems', command: SERVER_COMMANDS.fixAll, arguments: [{ uri: doc.uri }] } });
    }
    return actions;
  }

  private findingFor(analysis: Analysis, d: Diagnostic): Finding | undefined {
    const data = d.data as DiagnosticData | undefined;
    if (!data) return undefined;
    const key = JSON.stringify(data.path);
    return analysis.findings.find((f) => f.ruleId === data.ruleId && f.messageId === data.messageId && JSON.stringify(f.path) === key);
  }

  private fixAction(doc: TextDocument, analysis: Analysis, fix: Fix, d: Diagnostic, preferred: boolean): CodeAction {
    const edits = toLspEdits(analysis.parsed, renderFix(analysis.parsed, fix, { format: analysis.parsed.format }));
    return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred && fix.kind === 'safe', edit: this.workspaceEdit(doc, edits) };
  }

  private suppressAction(doc: TextDocument, analysis: Analysis, f: Finding, d: Diagnostic): CodeAction {
    const title = `Suppress ${f.ruleId} for ${f.logicalId}…`;
    if (this.init.suppressPrompt) {
      const args: SuppressArgs = { uri: doc.uri, version: doc.version, ruleId: f.ruleId, logicalId: f.logicalId! };
      return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: CLIENT_COMMANDS.suppressWithReason, arguments: [args] } };
    }
    // Clients that cannot ask: insert a placeholder reason, which is itself flagged until filled.
    const edits = this.suppressionEdits(analysis, f.logicalId!, f.ruleId, PLACEHOLDER_REASON);
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: this.workspaceEdit(doc, edits) };
  }

  private suppressionEdits(analysis: Analysis, logicalId: string, ruleId: string, reason: string): LspTextEdit[] {
    const template = buildTemplate(analysis.parsed.value);
    if (!template) return [];
    return toLspEdits(analysis.parsed, renderFix(analysis.parsed, suppressionFix(template, logicalId, ruleId, reason), { format: analysis.parsed.format }));
  }

  private workspaceEdit(doc: TextDocument, edits: LspTextEdit[]): WorkspaceEdit {
    if (this.hasDocumentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
    return { changes: { [doc.uri]: edits } };
  }

  // ------------------------------------------------------------------ hover

  private async hover(p: HoverParams): Promise<Hover | null> {
    const cur = await this.current(p.textDocument.uri);
    if (!cur) return null;
    const { analysis } = cur;
    const offset = analysis.parsed.lines.offset(p.position);
    let hits = analysis.findings.filter((f) => !f.outOfScope && f.offsets.start <= offset && offset <= f.offsets.end && f.offsets.end > f.offsets.start);
    const onDiagnostic = hits.length > 0;
    if (hits.length === 0) {
      // On a resource's logical id: everything found on that resource (and the construct CDK made it from).
      const template = buildTemplate(analysis.parsed.value);
      for (const r of template?.resources.values() ?? []) {
        const key = analysis.parsed.sourceMap.locate(r.path).key;
        if (key.start <= offset && offset <= key.end) {
          hits = analysis.findings.filter((f) => !f.outOfScope && f.logicalId === r.logicalId);
          const cdkPath = cdkPathOf(r, analysis.cdk?.logicalIds);
          const construct = cdkPath ? constructPathOf(cdkPath, analysis.cdk?.tree) : undefined;
          if (hits.length === 0 && construct) {
            return { contents: { kind: 'markdown', value: `**cfn-hipaa** · no HIPAA findings on \`${r.logicalId}\`\n\n**CDK construct:** \`${construct}\`` }, range: analysis.parsed.lines.range(key) };
          }
        }
      }
    }
    if (hits.length === 0) return null;
    const first = hits[0];
    return { contents: { kind: 'markdown', value: hoverMarkdown(hits, !onDiagnostic) }, range: hits.length === 1 ? first.range : undefined };
  }

  // ------------------------------------------------------------------ completion (snippets)

  private completion(p: CompletionParams): CompletionItem[] {
    const doc = this.documents.get(p.textDocument.uri);
    return doc ? snippetCompletionItems(doc, p.position, SNIPPETS) : [];
  }

  // ------------------------------------------------------------------ commands

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    switch (command) {
      case SERVER_COMMANDS.applySuppression: {
        const a = args[0] as SuppressArgs | undefined;
        if (!a?.uri || !a.ruleId || !a.logicalId) return null;
        const cur = await this.current(a.uri);
        if (!cur) return null;
        const reason = (a.reason ?? '').trim() || PLACEHOLDER_REASON;
        const edits = this.suppressionEdits(cur.analysis, a.logicalId, a.ruleId, reason);
        if (!edits.length) return null;
        return this.connection.workspace.applyEdit({ label: `Suppress ${a.ruleId} for ${a.logicalId}`, edit: this.workspaceEdit(cur.doc, edits) });
      }
      case SERVER_COMMANDS.fixAll: {
        const a = args[0] as { uri?: string } | undefined;
        const cur = a?.uri ? await this.current(a.uri) : undefined;
        if (!cur) return null;
        const edits = wholeDiff(cur.analysis.parsed, fixAll(cur.doc.getText(), cur.analysis.config, { format: cur.analysis.parsed.format, maxSize: cur.analysis.maxSize }).output);
        if (!edits.length) return { applied: true, changed: false };
        const r = await this.connection.workspace.applyEdit({ label: 'Fix all safe cfn-hipaa problems', edit: this.workspaceEdit(cur.doc, edits) });
        return { applied: r.applied, changed: true };
      }
      case SERVER_COMMANDS.lintWorkspace:
        return this.lintWorkspace();
      default:
        return null;
    }
  }

  /** Lint every template in the workspace folders; publish results for files that are not open. */
  private async lintWorkspace(): Promise<{ files: number; findings: number; cancelled: boolean }> {
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('cfn-hipaa: linting workspace templates', 0, 'Finding templates…', true);
    let files = 0;
    let count = 0;
    let cancelled = false;
    try {
      const roots = this.folders.map((f) => filePath(f.uri)).filter((f): f is string => !!f);
      const { targets } = await collectTargets(roots, '/');
      const previous = new Set(this.workspaceDiagnostics);
      for (const [i, t] of targets.entries()) {
        if (progress.token.isCancellationRequested) {
          cancelled = true;
          break;
        }
        const uri = pathToFileURL(t.file).href;
        progress.report(Math.round((100 * i) / Math.max(1, targets.length)), path.basename(t.file));
        if (this.documents.get(uri)) continue; // open documents are linted as they change
        const effective = this.effectiveConfig(uri, await this.settings(uri));
        if (!effective) continue;
        let text: string;
        try {
          text = readFileSync(t.file, 'utf8');
        } catch {
          continue;
        }
        const parsed = parse(text, { format: formatOf(t.file), maxSize: effective.maxSize });
        if (!parsed.isTemplate) continue;
        files++;
        const findings = lint(parsed, effective.config).filter((f) => !f.suppressed && !f.outOfScope);
        count += findings.length;
        previous.delete(uri);
        if (findings.length) this.workspaceDiagnostics.add(uri);
        else this.workspaceDiagnostics.delete(uri);
        await this.connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, uri, 0)) });
        // Yield now and then so that typing in open documents is never blocked by a workspace lint.
        if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      }
      if (!cancelled) {
        for (const uri of previous) {
          this.workspaceDiagnostics.delete(uri);
          await this.connection.sendDiagnostics({ uri, diagnostics: [] });
        }
      }
    } finally {
      progress.done();
    }
    return { files, findings: count, cancelled };
  }

  // ------------------------------------------------------------------ failing soft

  private guard<T>(name: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      this.logError(name, err);
      return fallback;
    }
  }

  private async guardAsync<T>(name: string, fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.logError(name, err);
      return fallback;
    }
  }

  private logError(name: string, err: unknown): void {
    this.connection.console.error(`cfn-hipaa: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

/** Quiet period after a cdk.out change before its assembly is linted (synth writes many files). */
const ASSEMBLY_DEBOUNCE_MS = 200;

function withDefaults(s: Partial<Settings> | undefined | null): Settings {
  const v = s ?? {};
  const cdk = v.cdk && typeof v.cdk === 'object' ? v.cdk : undefined;
  return {
    enable: typeof v.enable === 'boolean' ? v.enable : DEFAULT_SETTINGS.enable,
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    debounce: typeof v.debounce === 'number' && v.debounce >= 0 ? v.debounce : DEFAULT_SETTINGS.debounce,
    rules: v.rules && typeof v.rules === 'object' ? v.rules : {},
    exclude: Array.isArray(v.exclude) ? v.exclude.filter((x): x is string => typeof x === 'string') : [],
    maxSize: typeof v.maxSize === 'number' && v.maxSize > 0 ? v.maxSize : DEFAULT_SETTINGS.maxSize,
    cdk: { lintAssemblies: typeof cdk?.lintAssemblies === 'boolean' ? cdk.lintAssemblies : DEFAULT_SETTINGS.cdk.lintAssemblies },
  };
}

function formatFor(doc: TextDocument): Format | undefined {
  if (doc.languageId === 'json' || doc.languageId === 'jsonc') return 'json';
  if (doc.languageId === 'yaml') return 'yaml';
  return undefined;
}

