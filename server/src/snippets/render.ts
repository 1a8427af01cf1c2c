/**
 * Snippet definitions rendered as VS Code snippet text (the syntax LSP completion items also use)
 * for YAML and JSON. Pure: no I/O.
 *
 * The tab stops of a definition ({{n:default}}, {{n|a,b|}}, {{0}}) become ${n:default},
 * ${n|a,b|} and $0; every other `$`, `}` and `\` is escaped, so Fn::Sub's ${AWS::Region} reaches
 * the document literally. YAML is written the way a person writes it: block mappings, short-form
 * tags (!Ref, !GetAtt X.Arn, !Sub...), flow lists for short lists of scalars, and quotes only where
 * a scalar needs them (decided on the text with the defaults, and on every choice).
 */
import type { Json, JsonObject } from '../engine/types';
import { tagOfLongForm } from '../engine/parse/tags';
import { isObject } from '../engine/template/model';
import { quoteIfNeeded } from '../engine/fix/yaml-emit';
import type { YamlStyle } from '../engine/fix/yaml-emit';
import { expandValue } from './types';
import type { SnippetDef } from './types';

export type SnippetFormat = 'yaml' | 'json';

export interface RenderOptions {
  /** Spaces per nesting level (2 by default). */
  indent?: number;
}

/** One entry of a VS Code snippet file. */
export interface VsCodeSnippet {
  prefix: string;
  description: string;
  body: string[];
}

const TAB_STOP = /\{\{(\d+)(?::([^{}]*)|\|([^{}|]*)\|)?\}\}/g;

type Piece = { text: string } | { n: string; def?: string; choices?: string[] };

function pieces(s: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of s.matchAll(TAB_STOP)) {
    if (m.index! > last) out.push({ text: s.slice(last, m.index) });
    out.push(m[3] !== undefined ? { n: m[1], choices: m[3].split(',') } : { n: m[1], def: m[2] });
    last = m.index! + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last) });
  return out;
}

/** Escape literal text for VS Code's snippet syntax. */
export function escapeSnippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

/**
 * The snippet text of a string with tab stops, each literal run (and each default) first escaped
 * by `escape` (the target format's quoting), then for the snippet syntax.
 */
function snippetString(s: string, escape: (t: string) => string): string {
  return pieces(s)
    .map((p) => {
      if ('text' in p) return escapeSnippetText(escape(p.text));
      if (p.choices) return `\${${p.n}|${p.choices.map((c) => escape(c).replace(/[,|\\]/g, (x) => '\\' + x)).join(',')}|}`;
      if (p.n === '0' && !p.def) return '$0';
      return `\${${p.n}:${escapeSnippetText(escape(p.def ?? ''))}}`;
    })
    .join('');
}

/** Every text a string can take: with the defaults, and with each choice of each choice tab stop. */
function variants(s: string): string[] {
  const ps = pieces(s);
  const dflt = (p: Piece) => ('text' in p ? p.text : p.choices ? p.choices[0] : (p.def ?? ''));
  const out = [ps.map(dflt).join('')];
  ps.forEach((p, i) => {
    if ('text' in p || !p.choices) return;
    for (const c of p.choices.slice(1)) out.push(ps.map((q, j) => (j === i ? c : dflt(q))).join(''));
  });
  return out;
}

// ------------------------------------------------------------------ YAML

const STYLE: YamlStyle = { unit: 2, quote: "'", indentSequences: true, shortTags: true, eol: '\n' };

/** A YAML scalar (key or value) with tab stops: plain, single- or double-quoted as its texts need. */
function yamlScalar(s: string, inFlow = false): string {
  const vs = variants(s);
  const forms = vs.map((v) => quoteIfNeeded(v, STYLE, inFlow));
  if (forms.every((f, i) => f === vs[i])) return snippetString(s, (t) => t);
  if (forms.some((f) => f.startsWith('"'))) return `"${snippetString(s, (t) => JSON.stringify(t).slice(1, -1))}"`;
  return `'${snippetString(s, (t) => t.replace(/'/g, "''"))}'`;
}

/** The long-form intrinsic key of a one-key object that has a short-form tag. */
function intrinsicKey(v: Json): string | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && tagOfLongForm(keys[0]) ? keys[0] : undefined;
}

/** Inline YAML (scalar, tagged scalar, flow list), or undefined when it needs block form. */
function yamlInline(v: Json, inFlow: boolean): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return yamlScalar(v, inFlow);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = v.map((x) => (isObject(x) && !intrinsicKey(x) ? undefined : yamlInline(x, true)));
    if (parts.some((p) => p === undefined)) return undefined;
    const s = `[${parts.join(', ')}]`;
    return s.length <= 80 ? s : undefined;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  const k = intrinsicKey(v);
  if (!k || intrinsicKey(v[k])) return undefined; // one node takes one tag: `!Base64 !Sub x` is not YAML
  const tag = tagOfLongForm(k)!;
  const arg = v[k];
  if (k === 'Fn::GetAtt' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && typeof arg[1] === 'string') {
    return `${tag} ${yamlScalar(`${arg[0]}.${arg[1]}`, inFlow)}`;
  }
  if (isObject(arg)) return undefined;
  const inner = yamlInline(arg, inFlow);
  return inner === undefined ? undefined : `${tag} ${inner}`;
}

/** Block form: what follows `key:` on its line (a tag, or nothing) and the lines below at `indent`. */
function yamlBlock(v: Json, indent: number, unit: number): { head: string; lines: string[] } {
  const k = intrinsicKey(v);
  if (k && !intrinsicKey((v as JsonObject)[k])) {
    const b = yamlBlock((v as JsonObject)[k], indent, unit);
    return { head: ` ${tagOfLongForm(k)}${b.head}`, lines: b.lines };
  }
  if (isObject(v)) return { head: '', lines: yamlMapping(v, indent, unit) };
  if (Array.isArray(v)) return { head: '', lines: yamlSequence(v, indent, unit) };
  return { head: ` ${yamlInline(v, false)}`, lines: [] };
}

function yamlMapping(obj: JsonObject, indent: number, unit: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [k, val] of Object.entries(obj)) {
    const key = yamlScalar(k);
    const one = yamlInline(val, false);
    if (one !== undefined) {
      lines.push(`${pad}${key}: ${one}`);
      continue;
    }
    const b = yamlBlock(val, indent + unit, unit);
    lines.push(`${pad}${key}:${b.head}`, ...b.lines);
  }
  return lines;
}

function yamlSequence(arr: Json[], indent: number, unit: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of arr) {
    const one = yamlInline(item, false);
    if (one !== undefined) {
      lines.push(`${pad}- ${one}`);
    } else if (isObject(item) && (!intrinsicKey(item) || intrinsicKey(item[intrinsicKey(item)!]))) {
      const inner = yamlMapping(item, indent + 2, unit);
      lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
    } else {
      const b = yamlBlock(item, indent + 2, unit);
      lines.push(`${pad}-${b.head}`, ...b.lines);
    }
  }
  return lines;
}

/** A mapping's entries as YAML lines, keys at column 0. */
export function yamlLines(obj: JsonObject, options: RenderOptions = {}): string[] {
  return yamlMapping(obj, 0, options.indent ?? 2);
}

// ------------------------------------------------------------------ JSON

function jsonString(s: string): string {
  return `"${snippetString(s, (t) => JSON.stringify(t).slice(1, -1))}"`;
}

/** One line for scalars, lists of scalars and one-key objects over those (`{ "Ref": "X" }`). */
function jsonInline(v: Json, depth = 0): string | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return jsonString(v);
  if (depth > 1) return undefined;
  if (Array.isArray(v)) {
    if (v.some((x) => typeof x === 'object' && x !== null)) return undefined;
    return `[${v.map((x) => jsonInline(x, depth + 1)).join(', ')}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  if (keys.length !== 1) return undefined;
  const inner = jsonInline(v[keys[0]], depth + 1);
  return inner === undefined ? undefined : `{ ${jsonString(keys[0])}: ${inner} }`;
}

function jsonValue(v: Json, indent: number, unit: number): string[] {
  const one = jsonInline(v);
  if (one !== undefined && one.length <= 80) return [one];
  if (typeof v === 'string') return [jsonString(v)];
  if (v === null || typeof v !== 'object') return [String(v)];
  const pad = ' '.repeat(indent + unit);
  const entries: [string | undefined, Json][] = Array.isArray(v) ? v.map((x) => [undefined, x]) : Object.entries(v);
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return [open + close];
  const lines = [open];
  entries.forEach(([k, x], i) => {
    const inner = jsonValue(x, indent + unit, unit);
    const comma = i < entries.length - 1 ? ',' : '';
    const head = k === undefined ? '' : `${jsonString(k)}: `;
    lines.push(`${pad}${head}${inner[0]}${inner.length === 1 ? comma : ''}`);
    if (inner.length > 1) lines.push(...inner.slice(1, -1), inner[inner.length - 1] + comma);
  });
  lines.push(' '.repeat(indent) + close);
  return lines;
}

/** A mapping's members as JSON lines (`"Key": value` separated by commas, no braces), keys at column 0. */
export function jsonMemberLines(obj: JsonObject, options: RenderOptions = {}): string[] {
  const unit = options.indent ?? 2;
  const entries = Object.entries(obj);
  const lines: string[] = [];
  entries.forEach(([k, x], i) => {
    const inner = jsonValue(x, 0, unit);
    inner[0] = `${jsonString(k)}: ${inner[0]}`;
    if (i < entries.length - 1) inner[inner.length - 1] += ',';
    lines.push(...inner);
  });
  return lines;
}

// ------------------------------------------------------------------ snippets

/** The body of a snippet: its resources (keys at column 0), or a whole template for a starter. */
export function renderBody(def: SnippetDef, format: SnippetFormat, options: RenderOptions = {}): string[] {
  return def.starter ? renderTemplate(def, format, options) : renderMembers(def.resources, format, options);
}

/** Resources (or any section's entries) as they are inserted inside the section. */
export function renderMembers(entries: JsonObject, format: SnippetFormat, options: RenderOptions = {}): string[] {
  return format === 'yaml' ? yamlLines(entries, options) : jsonMemberLines(entries, options);
}

/** A starter as a whole template: version, description, parameters, resources. */
export function renderTemplate(def: SnippetDef, format: SnippetFormat, options: RenderOptions = {}): string[] {
  const template: JsonObject = { AWSTemplateFormatVersion: '2010-09-09', Description: def.title };
  if (def.parameters && Object.keys(def.parameters).length) template.Parameters = def.parameters;
  template.Resources = def.resources;
  if (format === 'yaml') return yamlLines(template, options);
  return ['{', ...jsonMemberLines(template, options).map((l) => ' '.repeat(options.indent ?? 2) + l), '}'];
}

/** The parameters a snippet's resources reference, to add to the template (defaults filled in). */
export function parameterList(def: SnippetDef): string {
  return Object.entries((expandValue(def.parameters ?? {}) as JsonObject) ?? {})
    .map(([name, p]) => `${name} (${isObject(p) && typeof p.Type === 'string' ? p.Type : 'String'})`)
    .join(', ');
}

/** The description of a VS Code snippet: title, controls, and the parameters to add (resources only). */
export function snippetDescription(def: SnippetDef): string {
  const lines = [def.title, ...def.compliance.map((c) => `• ${c}`)];
  if (!def.starter && def.parameters && Object.keys(def.parameters).length) lines.push(`Add to Parameters: ${parameterList(def)}`);
  return lines.join('\n');
}

/** A VS Code snippet file ({ title: { prefix, description, body } }) for one format. */
export function renderSnippetFile(defs: readonly SnippetDef[], format: SnippetFormat): Record<string, VsCodeSnippet> {
  const out: Record<string, VsCodeSnippet> = {};
  for (const d of defs) {
    const name = out[d.title] ? `${d.title} (${d.prefix})` : d.title;
    out[name] = { prefix: d.prefix, description: snippetDescription(d), body: renderBody(d, format) };
  }
  return out;
}
