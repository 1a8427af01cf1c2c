/**
 * The rule contract. One rule per file; file name = rule id. A rule reports paths, never positions;
 * fixes are ops on paths. Citations and default severities live in packs/ as data.
 */
import type { Fix, Json, Level, LintConfig, Path, RelatedInfo } from '../types';
import type { Resource, Template } from '../template/model';
import type { Outcome, Resolver } from '../template/resolve';

export interface RuleMessage {
  /** Text with {{placeholders}}; {{id}} (logical id) and {{type}} are always available. */
  text: string;
  level: Level;
}

export interface RuleMeta {
  id: string;
  title: string;
  /** One paragraph: what the rule checks. */
  description: string;
  /** The resource types it checks; ['*'] for every resource. */
  resourceTypes: readonly string[];
  messages: Record<string, RuleMessage>;
  /** The strongest fix the rule offers: 'safe' (fix-all), 'suggest' (needs a person), or none. */
  fix?: 'safe' | 'suggest';
  /**
   * The equivalent checks of other tools (RULE-CATALOG columns), so that users migrating from them
   * find this rule, and so that a suppression written for them in Metadata also applies here.
   */
  peers?: Peers;
  /**
   * The rule concerns only resources that hold or carry PHI (network isolation, eligible services):
   * its findings on resources outside PHI scope (Metadata `cfn-hipaa: { phi: false }`, the config's
   * phiScope tag rule) are marked outOfScope and not reported by default. Encryption rules apply to
   * every resource.
   */
  phiScoped?: boolean;
}

export interface Peers {
  /** cdk-nag rule ids: `HIPAA.Security-S3BucketSSLRequestsOnly` (the same rule name in other NagPacks matches too), `AwsSolutions-S10`. */
  cdkNag?: readonly string[];
  /** AWS Config managed rule identifiers (kebab-case, as in the conformance pack). Documentation only: Config has no template suppressions. */
  config?: readonly string[];
  /** Guard rules registry rule names: `S3_BUCKET_SSL_REQUESTS_ONLY`. */
  guard?: readonly string[];
  /** checkov check ids: `CKV_AWS_19`. */
  checkov?: readonly string[];
  /** cfn_nag rule ids: `W51`, `F26`. */
  cfnNag?: readonly string[];
  /** cfn-lint rule ids. Documentation only: cfn-lint's ignore_checks are about its own correctness rules. */
  cfnLint?: readonly string[];
}

export interface Report {
  messageId: string;
  /**
   * Where: an Outcome (reported at its origin when that lies inside the resource, else at the
   * property it was read through, with related information pointing at the origin), or a path.
   */
  at: Outcome | Path;
  data?: Record<string, string | number>;
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedInfo[];
}

export interface RuleContext {
  readonly template: Template;
  /** The lint's settings (severity overrides, phiScope, eligibleServices). */
  readonly config: LintConfig;
  readonly resolver: Resolver;
  readonly resource: Resource;
  /** Outcomes of a property of this resource: prop('BucketEncryption', 'ServerSideEncryptionConfiguration'). */
  prop(...rel: (string | number)[]): Outcome[];
  /** Outcomes of a property under the conditions another outcome assumed (same Fn::If branches). */
  propWhen(o: Outcome, ...rel: (string | number)[]): Outcome[];
  /** Outcomes one or more steps below an outcome (keeps its conditions). */
  below(o: Outcome, ...rel: (string | number)[]): Outcome[];
  /** Absolute path of a property of this resource. */
  propPath(...rel: (string | number)[]): Path;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(resource: Resource, ctx: RuleContext): void;
}

/** The message every rule can use for a value decided at deploy time. */
export const UNVERIFIABLE: RuleMessage = {
  text: '{{type}} {{id}}: cannot verify {{what}}: {{reason}}.',
  level: 'unverifiable',
};

/** Helper for rule files: checks the meta's shape at compile time. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Json, Outcome };
