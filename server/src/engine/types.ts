/**
 * Shared engine types. The engine is pure: it takes text and config and returns data.
 * Nothing in server/src/engine may import fs, net, vscode or use timers (a test enforces it).
 */

/** A JSON value as the model holds it: intrinsics in long form ({"Fn::Sub": ...}, {"Ref": ...}). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A path into the template: keys and array indexes, e.g. ['Resources','PhiBucket','Properties']. */
export type Path = readonly (string | number)[];

/** 0-based line/character position, character in UTF-16 code units (as LSP). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
/** UTF-16 offsets into the document text, end exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOverride = Severity | 'off';

/**
 * How bad a finding is, independent of presentation. The pack maps levels to severities:
 * a violation (data demonstrably unprotected, or an explicit opt-out) is an error; hardening
 * (AWS already protects by default, but not the way HIPAA guidance asks, e.g. no customer-managed
 * key) is a warning; unverifiable (the value is decided at deploy time) is information.
 */
export type Level = 'violation' | 'hardening' | 'unverifiable';

export type Format = 'yaml' | 'json';

/** A text edit on the original document, in UTF-16 offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface RelatedInfo {
  path: Path;
  message: string;
}

/** A structured fix: ops on the model, rendered by engine/fix into text edits. */
export type FixOp =
  /** Create or replace the value at path (creating missing parent mappings). */
  | { op: 'set'; path: Path; value: Json }
  /** Add the keys of value to the mapping at path (recursively; creating it if missing). Existing scalars are replaced. */
  | { op: 'merge'; path: Path; value: JsonObject }
  /** Remove the key or item at path. */
  | { op: 'remove'; path: Path }
  /** Add a new resource under Resources. */
  | { op: 'addResource'; logicalId: string; resource: JsonObject };

export type FixKind = 'safe' | 'suggest';

export interface Fix {
  title: string;
  kind: FixKind;
  ops: FixOp[];
}

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  level: Level;
  severity: Severity;
  /** Where the finding is: the path of the offending value, or where a missing value would go. */
  path: Path;
  /** Range of `path` (or of its nearest existing ancestor's key). Filled in by lint(). */
  range: Range;
  offsets: OffsetRange;
  logicalId?: string;
  resourceType?: string;
  citations: string[];
  /** A safe fix (part of fix-all), if any. */
  fix?: Fix;
  /** Fixes that need a human to confirm (never applied by fix-all). */
  suggestions?: Fix[];
  related?: (RelatedInfo & { range: Range })[];
  /** Present when a suppression with a valid reason covers this finding. */
  suppressed?: SuppressedBy;
  /** Set (to the reason) for a finding of a PHI-scoped rule on a resource outside PHI scope: not reported by default. */
  outOfScope?: string;
  /**
   * For a resource that CDK generated (Metadata `aws:cdk:path`): the construct the user wrote, e.g.
   * `EhrStack/Database` (the L2 construct from tree.json when given, else the path without a
   * trailing `/Resource` or `/Default`). The message names it too.
   */
  constructPath?: string;
  docsUrl: string;
}

export interface SuppressedBy {
  reason: string;
  scope: 'resource' | 'template';
  /** Set when the suppression was written for another tool's equivalent rule (cdk-nag, Guard, cfn_nag, checkov). */
  peer?: { tool: PeerTool; rule: string };
}

/** `cdk-validations`: an acknowledgement with aws-cdk-lib's `Validations.of(construct).acknowledge()`. */
export type PeerTool = 'cdk-nag' | 'guard' | 'cfn_nag' | 'checkov' | 'cdk-validations';

export interface LintConfig {
  /** Per-rule severity override, or 'off'. Applies to violation and hardening findings. */
  rules?: Record<string, SeverityOverride>;
  /** Which resources hold or carry PHI, for the rules that only concern those (see engine/scope.ts). Default: all. */
  phiScope?: PhiScope;
  /**
   * Overrides of the HIPAA-eligible services list, for a BAA that differs from AWS's standard one:
   * a resource-type prefix ('AWS::Bedrock::') or a full type -> eligible (true) or not (false).
   */
  eligibleServices?: Record<string, boolean>;
  /**
   * The regions the templates are deployed to: conditions on AWS::Region / AWS::Partition are decided
   * by them. Absent: only China regions (outside AWS's BAA) are ruled out.
   */
  regions?: string[];
  /** The construct tree (tree.json) of the CDK cloud assembly the template belongs to (engine/cdk/assembly.ts). */
  cdkTree?: import('./cdk/assembly').ConstructTree;
  /**
   * Logical id -> construct path from the cloud assembly's manifest (`aws:cdk:logicalId` entries),
   * for resources whose template carries no `aws:cdk:path` Metadata (synthesized with path metadata off).
   */
  cdkLogicalIds?: Record<string, string>;
  /** Construct paths (no leading '/') that the assembly marks as CDK custom-resource handlers (engine/cdk/plumbing.ts). */
  cdkHandlerPaths?: string[];
}

export interface PhiScope {
  /** Only resources with every one of these tags (value '*' = any value), and what they reference, are in scope. */
  tags?: Record<string, string>;
}

export interface ParseOptions {
  /** 'yaml' | 'json'; detected from content when absent. */
  format?: Format;
  /** Documents larger than this (UTF-16 code units) get a single template-too-large finding. Default 10 MB. */
  maxSize?: number;
  /** YAML alias expansion limit (yaml's maxAliasCount). Default 100. */
  maxAliasCount?: number;
  /** Maximum nesting depth of mappings/sequences. Default 200. */
  maxDepth?: number;
  /**
   * Editor state for incremental YAML parsing (one per open document): re-parses only the
   * resources an edit touched. Same result as a full parse; the CLI never needs it.
   */
  incremental?: import('./parse/incremental').YamlIncrementalState;
}
