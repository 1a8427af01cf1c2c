/**
 * What the VS Code client and the language server agree on: command ids, settings, and the
 * initialization options. Type-only for the client (esbuild inlines the constants).
 */
import type { SeverityOverride } from '../engine/types';

export const SERVER_COMMANDS = {
  /** [{ uri, version, ruleId, logicalId, reason }] -> applies the suppression edit. */
  applySuppression: 'cfnHipaa.server.applySuppression',
  /** [{ uri }] -> applies every safe fix in the document. */
  fixAll: 'cfnHipaa.server.fixAll',
  /** [] -> lints every template in the workspace folders; returns { files, findings }. */
  lintWorkspace: 'cfnHipaa.server.lintWorkspace',
} as const;

export const CLIENT_COMMANDS = {
  /** Code action command in VS Code: asks for a reason, then calls applySuppression. */
  suppressWithReason: 'cfnHipaa.suppressWithReason',
  showRuleDocs: 'cfnHipaa.showRuleDocs',
  fixAllInFile: 'cfnHipaa.fixAllInFile',
  lintWorkspace: 'cfnHipaa.lintWorkspace',
  restartServer: 'cfnHipaa.restartServer',
} as const;

/**
 * Request `cfnHipaa/assemblies` (no params): the cloud assemblies the server watches and what it has
 * done with them. For status displays and tests.
 */
export const ASSEMBLY_STATUS_REQUEST = 'cfnHipaa/assemblies';

export interface AssemblyStatus {
  /** The assembly directory (holding manifest.json). */
  dir: string;
  /** Change notifications (and start-up, settings changes) that asked for a check. */
  scheduled: number;
  /** Checks that started a worker. */
  started: number;
  /** Lint runs that finished and published. */
  completed: number;
  /** Checks that found nothing changed since the last run (no lint, nothing published). */
  unchanged: number;
  /** Runs superseded by a newer change before they finished (nothing of theirs published). */
  cancelled: number;
  /** Runs that crashed (logged). */
  failed: number;
  running: boolean;
  pending: boolean;
  /** Templates in the assembly at the last run. */
  templates: number;
  /** What could not be read at the last run. */
  problems: string[];
  /** Milliseconds the last run took in its worker. */
  lastMs?: number;
}

export const FIX_ALL_KIND = 'source.fixAll.cfn-hipaa';

export interface Settings {
  enable: boolean;
  /** Lint as you type (debounced) or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Milliseconds to wait after the last keystroke. */
  debounce: number;
  /** Per-rule severity override or 'off'. */
  rules: Record<string, SeverityOverride>;
  /** Glob patterns (relative to the workspace folder) of files never linted. */
  exclude: string[];
  /** Documents longer than this many characters get one "too large" finding instead. */
  maxSize: number;
  cdk: {
    /**
     * Lint the CDK cloud assemblies (`cdk.out/manifest.json`) of the workspace folders in the
     * background after every synth and show their templates' findings without opening them.
     */
    lintAssemblies: boolean;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounce: 150,
  rules: {},
  exclude: [],
  maxSize: 10 * 1024 * 1024,
  cdk: { lintAssemblies: true },
};

export interface InitializationOptions {
  /** The client can ask the user for a suppression reason (VS Code): offer a command, not an edit. */
  suppressPrompt?: boolean;
  /** The client can show rule docs offline (VS Code): offer a "show docs" action. */
  showDocs?: boolean;
}

/** Diagnostic.data: what a code action needs to find the finding again. */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
  path: (string | number)[];
  logicalId?: string;
  version: number;
}
