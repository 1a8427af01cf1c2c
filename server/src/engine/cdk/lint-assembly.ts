/**
 * Lint a CDK cloud assembly as one unit: every stack template, nested stack template and stage of
 * the assembly (engine/cdk/assembly.ts reads them), with construct paths from the manifest and
 * tree.json. Pure: the caller read the files (CLI, language server worker).
 */
import { parse } from '../parse';
import type { ParsedDocument } from '../parse';
import { lintDocument } from '../lint';
import { buildTemplate } from '../template/model';
import type { Template } from '../template/model';
import { StackUnit } from '../template/unit';
import type { UnitStack } from '../template/unit';
import type { Finding, LintConfig, ParseOptions } from '../types';
import { cdkPathOf } from './assembly';
import type { AssemblyTemplate, CloudAssembly } from './assembly';
import { applyAcknowledgements } from './acknowledgements';

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
  /**
   * Parses a template (default: `parse`). The language server passes a cache, so that typing in one
   * template of an assembly does not re-parse its unchanged siblings on every keystroke.
   */
  parse?: (t: AssemblyTemplate, options: ParseOptions) => ParsedDocument;
}

/** The config a template of the assembly is linted with: the caller's, plus the assembly's CDK context. */
export function assemblyConfig(a: CloudAssembly, t: AssemblyTemplate, base: LintConfig): LintConfig {
  return { ...base, ...(a.tree ? { cdkTree: a.tree } : {}), cdkLogicalIds: t.logicalIds, ...(t.handlerPaths.length ? { cdkHandlerPaths: t.handlerPaths } : {}) };
}

/**
 * Every template of the assembly, linted as one unit: each template's resolver follows
 * Fn::ImportValue to the sibling stack that exports the value, nested-stack parameters to what the
 * parent passes, and `Fn::GetAtt Nested.Outputs.X` into the nested stack (template/unit.ts).
 * Templates the caller's configFor skips, and templates not reached before cancellation, are left
 * out of the result (a skipped template still takes part in resolution).
 */
export function lintAssembly(a: CloudAssembly, options: AssemblyLintOptions = {}): AssemblyLintResult[] {
  const prepared: { template: AssemblyTemplate; base: (LintConfig & { maxSize?: number }) | undefined; doc: ParsedDocument; model?: Template }[] = [];
  const names = new Map<string, string>(); // file -> unit stack name
  const stacks: UnitStack[] = [];
  for (const t of a.templates) {
    if (options.isCancelled?.()) return [];
    const base = options.configFor ? options.configFor(t) : {};
    const maxSize = options.maxSize ?? base?.maxSize;
    const parseOptions: ParseOptions = { format: 'json', ...(maxSize !== undefined ? { maxSize } : {}) };
    const doc = options.parse ? options.parse(t, parseOptions) : parse(t.text, parseOptions);
    const model = doc.isTemplate && doc.value !== undefined ? buildTemplate(doc.value) : undefined;
    prepared.push({ template: t, base, doc, ...(model ? { model } : {}) });
    const name = [...names.values()].includes(t.stackName) ? `${t.artifactId}:${t.stackName}` : t.stackName;
    names.set(t.file, name);
    if (!model) continue;
    const parentName = t.parent ? names.get(t.parent.file) : undefined;
    stacks.push({ name, template: model, ...(t.parent && parentName ? { parent: { name: parentName, logicalId: t.parent.logicalId } } : {}) });
  }
  if (stacks.length > 1) new StackUnit(stacks);
  const out: AssemblyLintResult[] = [];
  for (const p of prepared) {
    if (options.isCancelled?.()) break;
    if (p.base === undefined) continue;
    const findings = p.doc.isTemplate ? lintDocument(p.doc, assemblyConfig(a, p.template, p.base), undefined, p.model).findings : [];
    const model = p.model;
    applyAcknowledgements(findings, p.template.acknowledgements, stackPathOf(p.template), (id) => cdkPathOf(model?.resources.get(id) ?? { logicalId: id }, p.template.logicalIds));
    out.push({ template: p.template, doc: p.doc, findings });
  }
  return out;
}

/** The construct path of a top-level stack (the common prefix of its logical-id map's paths), for "template" scope. */
function stackPathOf(t: AssemblyTemplate): string | undefined {
  if (t.parent) return undefined;
  const paths = Object.values(t.logicalIds).map((p) => p.split('/'));
  if (paths.length < 2) return undefined;
  const prefix: string[] = [];
  for (let i = 0; paths.every((p) => p.length > i + 1 && p[i] === paths[0][i]); i++) prefix.push(paths[0][i]);
  return prefix.length ? prefix.join('/') : undefined;
}
