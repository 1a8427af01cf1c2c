/**
 * Lint a CDK cloud assembly as one unit: every stack template, nested stack template and stage of
 * the assembly (engine/cdk/assembly.ts reads them), with construct paths from the manifest and
 * tree.json. Pure: the caller read the files (CLI, language server worker).
 */
import { parse } from '../parse';
import type { ParsedDocument } from '../parse';
import { lint } from '../lint';
import type { Finding, LintConfig } from '../types';
import type { AssemblyTemplate, CloudAssembly } from './assembly';

export interface AssemblyLintResult {
  template: AssemblyTemplate;
  doc: ParsedDocument;
  findings: Finding[];
}

export interface AssemblyLintOptions {
  /** The configuration for one template (its directory's .cfn-hipaa.yaml, settings); undefined skips the template. */
  configFor?: (t: AssemblyTemplate) => (LintConfig & { maxSize?: number }) | undefined;
  /** Documents larger than this get a single template-too-large finding (ParseOptions.maxSize); beats the config's. */
  maxSize?: number;
  /** Asked between templates: return true to stop (a newer synth superseded this run). */
  isCancelled?: () => boolean;
}

/** The config a template of the assembly is linted with: the caller's, plus the assembly's CDK context. */
export function assemblyConfig(a: CloudAssembly, t: AssemblyTemplate, base: LintConfig): LintConfig {
  return { ...base, ...(a.tree ? { cdkTree: a.tree } : {}), cdkLogicalIds: t.logicalIds };
}

/**
 * Every template of the assembly, linted. Templates the caller's configFor skips, and templates not
 * reached before cancellation, are left out of the result.
 */
export function lintAssembly(a: CloudAssembly, options: AssemblyLintOptions = {}): AssemblyLintResult[] {
  const out: AssemblyLintResult[] = [];
  for (const t of a.templates) {
    if (options.isCancelled?.()) break;
    const base = options.configFor ? options.configFor(t) : {};
    if (base === undefined) continue;
    const maxSize = options.maxSize ?? base.maxSize;
    const doc = parse(t.text, { format: 'json', ...(maxSize !== undefined ? { maxSize } : {}) });
    out.push({ template: t, doc, findings: doc.isTemplate ? lint(doc, assemblyConfig(a, t, base)) : [] });
  }
  return out;
}
