/**
 * Snippet completion as data: where in a template a snippet can go, and what accepting it
 * changes (the snippet text at the cursor, plus its parameters in the Parameters section). Pure:
 * offsets in, offsets out; the LSP glue (lsp/completion.ts) turns them into completion items.
 *
 * - Inside the top-level `Resources` mapping, at a resource key (YAML: a line indented like the
 *   resource keys; JSON: where a new member can start), every non-starter snippet is offered.
 * - In an empty document, the starters (whole templates).
 * - A companion (a KMS key, a log bucket) the template already has a resource of the same type
 *   for is left out, and the snippet references the existing resource instead.
 * - Logical ids that already exist get a fresh default (PhiBucket2).
 * - Parameters the snippet needs go into the Parameters section (created when missing); those
 *   that already exist are skipped.
 */
import { parseTree } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import { parse } from '../engine/parse';
import type { Json, JsonObject } from '../engine/types';
import { renderMembers, renderTemplate } from './render';
import { expandString, expandValue } from './types';
import type { SnippetDef } from './types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface SnippetCompletion {
  label: string;
  detail: string;
  /** Markdown: the title, what makes it compliant, what the completion reuses and adds. */
  documentation: string;
  filterText: string;
  sortText: string;
  /** Replaces the word typed so far; newText is VS Code snippet syntax, lines already indented. */
  edit: OffsetEdit;
  /** Plain text edits elsewhere (the parameters; a comma in JSON). */
  additionalEdits: OffsetEdit[];
}

const TAB_STOP = /\{\{(\d+)(?::([^{}]*)|\|([^{}|]*)\|)?\}\}/;
const WORD = /[A-Za-z0-9_-]/;

interface Place {
  /** The word typed so far: [start, end). */
  start: number;
  end: number;
  /** Indentation of the line (prefixed to every line of the insertion after the first). */
  lineIndent: string;
  /** Indent unit of the document. */
  unit: number;
  eol: string;
}

/** Completion items for the position `offset` of a document. */
export function snippetCompletions(text: string, offset: number, format: 'yaml' | 'json', snippets: readonly SnippetDef[]): SnippetCompletion[] {
  if (offset < 0 || offset > text.length) return [];
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  if (format === 'json' && start > 0 && text[start - 1] === '"') {
    start--;
    if (text[end] === '"') end++;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (/\S/.test(before)) return [];
  const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
  const after = text.slice(end, lineEnd).replace(/\r$/, '');
  if (format === 'yaml' && /\S/.test(after) && !/^\s+#/.test(after)) return [];
  const stripped = text.slice(0, start) + text.slice(end);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const place: Place = { start, end, lineIndent: before, unit: detectUnit(text, format), eol };

  const typed = text.slice(start, offset);
  if (isBlank(stripped, format)) {
    return snippets
      .filter((d) => d.starter)
      .map((d, i) => item(d, i, typed, { start, end, newText: joinLines(renderTemplate(d, format, { indent: place.unit }), place) }, [], []));
  }

  const parsed = parse(stripped, { format });
  const value = parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? parsed.value : undefined;
  const existing = objectAt(value, 'Resources');
  const existingParams = objectAt(value, 'Parameters');
  const where = format === 'yaml' ? yamlPlace(text, place) : jsonPlace(stripped, place);
  if (!where) return [];

  const out: SnippetCompletion[] = [];
  snippets.forEach((def, i) => {
    if (def.starter) return;
    const { resources, reused } = adapt(def, existing ?? {});
    const params = Object.entries(expandValue(def.parameters ?? {}) as JsonObject).filter(([name]) => !existingParams || !(name in existingParams));
    let body = joinLines(renderMembers(resources, format, { indent: place.unit }), place);
    const extra: OffsetEdit[] = [];
    if (format === 'json') {
      const j = where as JsonPlace;
      if (j.commaBefore !== undefined) extra.push({ start: j.commaBefore, end: j.commaBefore, newText: ',' });
      if (j.commaAfter) body += ',';
    }
    if (params.length) {
      const edit = format === 'yaml' ? yamlParameterEdit(text, Object.fromEntries(params), place) : jsonParameterEdit(stripped, Object.fromEntries(params), place);
      if (edit) extra.push(edit);
    }
    out.push(item(def, i, typed, { start, end, newText: body }, extra, reused, params.map(([n]) => n)));
  });
  return out;
}

function item(def: SnippetDef, index: number, typed: string, edit: OffsetEdit, additionalEdits: OffsetEdit[], reused: { id: string; type: string }[], added: string[] = []): SnippetCompletion {
  const doc = [`**${def.title}**`, '', ...def.compliance.map((c) => `- ${c}`)];
  if (reused.length) doc.push('', ...reused.map((r) => `Uses the template's \`${r.id}\` (${r.type}) instead of adding another.`));
  if (added.length) doc.push('', `Adds to Parameters: ${added.map((n) => `\`${n}\``).join(', ')}.`);
  return {
    label: def.prefix,
    detail: def.title,
    documentation: doc.join('\n'),
    // In JSON the word may start with the quote the user typed: filter on the same text.
    filterText: typed.startsWith('"') ? `"${def.prefix}` : def.prefix,
    sortText: String(index).padStart(4, '0'),
    edit,
    additionalEdits,
  };
}

function objectAt(v: JsonObject | undefined, key: string): JsonObject | undefined {
  const x = v?.[key];
  return x && typeof x === 'object' && !Array.isArray(x) ? x : undefined;
}

function isBlank(text: string, format: 'yaml' | 'json'): boolean {
  const t = format === 'yaml' ? text.replace(/^\s*#.*$/gm, '').replace(/^---\s*$/m, '') : text;
  return t.trim() === '';
}

function joinLines(lines: string[], place: Place): string {
  return lines.map((l, i) => (i === 0 || l === '' ? l : place.lineIndent + l)).join(place.eol);
}

/** The indent unit of a document (2 or 4), from its first indented line; 2 when there is none. */
function detectUnit(text: string, format: 'yaml' | 'json'): number {
  const m = (format === 'yaml' ? /^( +)[^\s#-]/m : /^( +)"/m).exec(text);
  return m && m[1].length === 4 ? 4 : 2;
}

/** A section line or member: `Resources:` at column 0 (maybe quoted, maybe with a comment). */
function sectionLine(line: string, name: string): boolean {
  return new RegExp(`^(["']?)${name}\\1\\s*:\\s*(#.*)?$`).test(line.replace(/\r$/, ''));
}

interface Line {
  start: number;
  text: string;
  indent: number;
  significant: boolean;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const t = raw.replace(/\r$/, '');
    const indent = t.length - t.trimStart().length;
    out.push({ start, text: t, indent, significant: t.trim() !== '' && !t.trimStart().startsWith('#') });
    start += raw.length + 1;
  }
  return out;
}

// ------------------------------------------------------------------ YAML

/** Is the word at a resource key of the top-level Resources mapping? */
function yamlPlace(text: string, place: Place): boolean {
  const lines = splitLines(text);
  const cur = lines.findIndex((l, i) => l.start <= place.start && (i === lines.length - 1 || lines[i + 1].start > place.start));
  const indent = place.lineIndent.length;
  if (cur < 0 || indent === 0 || place.lineIndent.includes('\t')) return false;
  let parent = -1;
  for (let i = cur - 1; i >= 0; i--) {
    if (lines[i].significant && lines[i].indent < indent) {
      parent = i;
      break;
    }
  }
  if (parent < 0 || lines[parent].indent !== 0 || !sectionLine(lines[parent].text, 'Resources')) return false;
  // Not between a resource's lines (what follows would become part of the inserted one).
  const next = lines.slice(cur + 1).find((l) => l.significant);
  if (next && next.indent > indent) return false;
  // Indented like the other resource keys (the first one decides).
  for (let i = parent + 1; i < lines.length; i++) {
    if (i === cur || !lines[i].significant) continue;
    if (lines[i].indent === 0) break;
    return lines[i].indent === indent;
  }
  return true;
}

function yamlParameterEdit(text: string, params: JsonObject, place: Place): OffsetEdit | undefined {
  const lines = splitLines(text);
  const render = (indent: number) => renderMembers(params, 'yaml', { indent: place.unit }).map((l) => ' '.repeat(indent) + unescapeSnippet(l));
  const at = lines.findIndex((l) => l.indent === 0 && /^(["']?)Parameters\1\s*:/.test(l.text));
  if (at < 0) {
    const res = lines.findIndex((l) => l.indent === 0 && sectionLine(l.text, 'Resources'));
    if (res < 0) return undefined;
    return { start: lines[res].start, end: lines[res].start, newText: ['Parameters:', ...render(place.unit), ''].join(place.eol) };
  }
  const head = lines[at];
  if (/^(["']?)Parameters\1\s*:\s*\{\s*\}\s*(#.*)?$/.test(head.text)) {
    return { start: head.start, end: head.start + head.text.length, newText: ['Parameters:', ...render(place.unit)].join(place.eol) };
  }
  if (!sectionLine(head.text, 'Parameters')) return undefined; // a flow mapping: leave it alone
  let last = at;
  let childIndent = 0;
  for (let i = at + 1; i < lines.length; i++) {
    if (!lines[i].significant) continue;
    if (lines[i].indent === 0) break;
    if (!childIndent) childIndent = lines[i].indent;
    last = i;
  }
  const endOfLast = lines[last].start + lines[last].text.length;
  return { start: endOfLast, end: endOfLast, newText: place.eol + render(childIndent || place.unit).join(place.eol) };
}

/** Snippet text without tab stops back to plain text. */
function unescapeSnippet(s: string): string {
  return s.replace(/\\([$}\\])/g, '$1');
}

// ------------------------------------------------------------------ JSON

interface JsonPlace {
  /** Where a comma must go after the previous member (stripped and original offsets agree: it is before the word). */
  commaBefore?: number;
  /** A member follows: the insertion ends with a comma. */
  commaAfter: boolean;
}

function topProperty(root: JsonNode | undefined, name: string): JsonNode | undefined {
  if (root?.type !== 'object') return undefined;
  return root.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === name);
}

/** Is the word (removed from `stripped`) between members of the top-level Resources object? */
function jsonPlace(stripped: string, place: Place): JsonPlace | undefined {
  const at = place.start;
  const root = parseTree(stripped, [], { allowTrailingComma: true, disallowComments: false });
  const obj = topProperty(root, 'Resources')?.children?.[1];
  if (obj?.type !== 'object') return undefined;
  if (!(obj.offset < at && at < obj.offset + obj.length)) return undefined;
  if ((obj.children ?? []).some((p) => p.offset < at && at < p.offset + p.length)) return undefined;
  let i = at - 1;
  while (i >= 0 && /\s/.test(stripped[i])) i--;
  let j = at;
  while (j < stripped.length && /\s/.test(stripped[j])) j++;
  return { commaBefore: stripped[i] === '{' || stripped[i] === ',' ? undefined : i + 1, commaAfter: stripped[j] === '"' };
}

function jsonParameterEdit(stripped: string, params: JsonObject, place: Place): OffsetEdit | undefined {
  const root = parseTree(stripped, [], { allowTrailingComma: true, disallowComments: false });
  // Offsets in the stripped text after the word move by its length in the document.
  const orig = (n: number) => (n >= place.start ? n + (place.end - place.start) : n);
  const column = (n: number) => n - (stripped.lastIndexOf('\n', n - 1) + 1);
  const render = (indent: number) => renderMembers(params, 'json', { indent: place.unit }).map((l) => ' '.repeat(indent) + unescapeSnippet(l));
  const section = topProperty(root, 'Parameters');
  if (!section) {
    const res = topProperty(root, 'Resources');
    if (!res) return undefined;
    const col = column(res.offset);
    const text = ['"Parameters": {', ...render(col + place.unit), `${' '.repeat(col)}},`, ' '.repeat(col)].join(place.eol);
    return { start: orig(res.offset), end: orig(res.offset), newText: text };
  }
  const obj = section.children?.[1];
  if (obj?.type !== 'object') return undefined;
  const members = obj.children ?? [];
  if (members.length === 0) {
    const col = column(section.offset);
    const text = place.eol + render(col + place.unit).join(place.eol) + place.eol + ' '.repeat(col);
    return { start: orig(obj.offset + 1), end: orig(obj.offset + 1), newText: text };
  }
  const lastMember = members[members.length - 1];
  const pos = lastMember.offset + lastMember.length;
  return { start: orig(pos), end: orig(pos), newText: ',' + place.eol + render(column(lastMember.offset)).join(place.eol) };
}

// ------------------------------------------------------------------ companions and ids

/** A copy of the snippet's resources fitted to a template: companions reused, ids made unique. */
export function adapt(def: SnippetDef, existing: JsonObject): { resources: JsonObject; reused: { id: string; type: string }[] } {
  let resources = structuredClone(def.resources) as JsonObject;
  const reused: { id: string; type: string }[] = [];
  const typeOf = (r: Json) => (r && typeof r === 'object' && !Array.isArray(r) && typeof r.Type === 'string' ? r.Type : undefined);
  for (const c of def.companions ?? []) {
    const key = Object.keys(resources).find((k) => k === c.logicalId || expandString(k) === expandString(c.logicalId));
    const id = Object.keys(existing).find((k) => typeOf(existing[k]) === c.type);
    if (!key || !id) continue;
    delete resources[key];
    resources = renameId(resources, key, id) as JsonObject;
    reused.push({ id, type: c.type });
  }
  // Ids that are taken get a fresh default: ids that are one tab stop first (their mirrors follow).
  const keys = Object.keys(resources).sort((a, b) => Number(!isOneTabStop(a)) - Number(!isOneTabStop(b)));
  for (const k of keys) {
    if (!(k in resources)) continue;
    const id = expandString(k);
    if (!(id in existing)) continue;
    const taken = new Set([...Object.keys(existing), ...Object.keys(resources).map(expandString)]);
    let n = 2;
    while (taken.has(`${id}${n}`)) n++;
    const m = isOneTabStop(k);
    if (m) resources = renameId(resources, k, `{{${m[1]}:${id}${n}}}`) as JsonObject;
    else if (!TAB_STOP.test(k)) resources = renameId(resources, k, `${id}${n}`) as JsonObject;
  }
  return { resources, reused };
}

function isOneTabStop(k: string): RegExpExecArray | null {
  return /^\{\{(\d+):([^{}]*)\}\}$/.exec(k);
}

/** Every reference to a logical id renamed: the tab-stop text everywhere, or (a plain id) Ref, GetAtt, DependsOn and ${id} in Fn::Sub. */
function renameId(v: Json, from: string, to: string): Json {
  const marker = TAB_STOP.test(from);
  const str = (s: string) => (marker ? s.split(from).join(to) : s === from ? to : s.split('${' + from + '}').join('${' + to + '}').split('${' + from + '.').join('${' + to + '.'));
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return v.map((x) => renameId(x, from, to));
  if (v && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[marker || k === from ? str(k) : k] = renameId(x, from, to);
    return out;
  }
  return v;
}
