/**
 * Incremental YAML parsing for the editor. A template is split, by a cheap line scan, into the
 * text before the first resource (head), one piece per resource, and the text after Resources
 * (tail). Each piece is parsed on its own and cached by its text; an edit inside one resource
 * re-parses that resource only, and cached pieces are moved to their new offsets. The pieces are
 * assembled into one yaml Document, so the source map and fix renderer work unchanged.
 *
 * The fast path applies only to documents it can split with certainty, and only when every piece
 * parses without error; anything else (anchors, document markers, odd indentation, a syntax error
 * anywhere, duplicate keys across pieces) returns undefined and the caller does a full parse. A
 * test checks over the whole corpus that both paths give the same model, problems and findings.
 *
 * The state is owned by the caller (one per open document in the language server).
 */
import { Document, isMap, isPair, isScalar, Pair, parseDocument, visit, YAMLMap } from 'yaml';
import type { Node as YamlNode, ParsedNode } from 'yaml';
import type { Json, JsonObject } from '../types';
import type { ParseProblem } from './problems';
import { convertYaml, YAML_PARSE_OPTIONS } from './yaml';
import type { YamlLimits, YamlParse } from './yaml';

interface Piece {
  text: string;
  doc: Document.Parsed;
  /** Offset the piece's node ranges currently refer to. */
  base: number;
  value: Json | undefined;
  /** Problems with offsets relative to the piece's start. */
  problems: ParseProblem[];
  shortTags: boolean;
}

export class YamlIncrementalState {
  private pieces = new Map<string, Piece[]>();
  /** Pieces used by the latest parse: everything else is dropped afterwards. */
  private used = new Set<Piece>();

  /** A cached piece for this text not yet used by the current parse, or a fresh one. */
  take(text: string, depth: number, limits: YamlLimits): Piece | undefined {
    const list = this.pieces.get(text) ?? [];
    let piece = list.find((p) => !this.used.has(p));
    if (!piece) {
      const doc = parseDocument(text, YAML_PARSE_OPTIONS);
      if (doc.errors.length > 0 || doc.warnings.some((w) => w.code !== 'TAG_RESOLVE_FAILED')) return undefined;
      const converted = convertYaml(doc, text, limits, (n) => n, depth);
      if (converted.problems.some((p) => p.id === 'parse-error')) return undefined;
      piece = { text, doc, base: 0, value: converted.value, problems: converted.problems, shortTags: converted.usesShortTags };
      list.push(piece);
      this.pieces.set(text, list);
    }
    this.used.add(piece);
    return piece;
  }

  /** Start a parse: nothing is in use yet. */
  begin(): void {
    this.used = new Set();
  }

  /** End a parse: keep only the pieces it used. */
  end(): void {
    for (const [text, list] of this.pieces) {
      const kept = list.filter((p) => this.used.has(p));
      if (kept.length) this.pieces.set(text, kept);
      else this.pieces.delete(text);
    }
  }
}

interface Layout {
  /** End of the head (start of the first resource piece). */
  headEnd: number;
  /** Start offsets of the resource pieces. */
  starts: number[];
  /** Start of the tail (end of the last resource piece). */
  tailStart: number;
}

const RESOURCES_LINE = /^Resources:[ \t]*(#.*)?\r?$/;
/**
 * Anchors and aliases make pieces depend on each other: no fast path. They start a node: at a
 * line's start, after `: ` or `- `, or in a flow collection (not `s3:*Object` or `vpc-*azs`).
 */
const ANCHOR_OR_ALIAS = /(^[ ]*|[:-][ ]+|[[{,][ ]*)[&*][A-Za-z0-9_]/m;
const DOCUMENT_MARKER = /^(---|\.\.\.|%).*$/gm;

/** Only one document, with at most a `---` before any content. */
function singleDocument(text: string): boolean {
  const markers = [...text.matchAll(DOCUMENT_MARKER)];
  if (markers.length === 0) return true;
  if (markers.length > 1 || !/^---[ \t]*(#.*)?\r?$/.test(markers[0][0])) return false;
  return text
    .slice(0, markers[0].index)
    .split('\n')
    .every((l) => l.trim() === '' || l.trim().startsWith('#'));
}

/** Where the resources are, or undefined when the document can't be split with certainty. */
export function splitResources(text: string): Layout | undefined {
  if (ANCHOR_OR_ALIAS.test(text) || !singleDocument(text) || text.includes('\t')) return undefined;
  let pos = 0;
  let resourcesAt = -1;
  const lineAt: { start: number; text: string }[] = [];
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    lineAt.push({ start: pos, text: line });
    if (RESOURCES_LINE.test(line)) {
      if (resourcesAt >= 0) return undefined; // two Resources sections
      resourcesAt = lineAt.length - 1;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (resourcesAt < 0) return undefined;
  let indent = -1;
  const starts: number[] = [];
  let tailStart = text.length;
  for (let i = resourcesAt + 1; i < lineAt.length; i++) {
    const { start, text: line } = lineAt[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lead = line.length - line.trimStart().length;
    if (lead === 0) {
      tailStart = start;
      break;
    }
    if (indent < 0) indent = lead;
    if (lead < indent) return undefined; // under-indented: let the full parser judge
    if (lead === indent) {
      if (trimmed.startsWith('-') || trimmed.startsWith('?') || trimmed.startsWith('{') || trimmed.startsWith('[')) return undefined;
      starts.push(start);
    }
  }
  if (starts.length === 0) return undefined;
  return { headEnd: starts[0], starts, tailStart };
}

/** Move a piece's node ranges (all of them) so that they refer to `base`. */
function relocate(piece: Piece, base: number): void {
  const delta = base - piece.base;
  if (delta === 0) return;
  visit(piece.doc, (_key, node) => {
    const r = (node as YamlNode).range;
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
  });
  piece.base = base;
}

function rootPairs(doc: Document.Parsed): Pair[] | undefined {
  const c = doc.contents;
  if (c === null) return [];
  if (!isMap(c) || c.flow) return undefined;
  return c.items.filter(isPair) as Pair[];
}

/** Parse with the state's cache, or return undefined when the full parser must decide. */
export function parseYamlIncremental(text: string, limits: YamlLimits, state: YamlIncrementalState): YamlParse | undefined {
  const layout = splitResources(text);
  if (!layout) return undefined;
  state.begin();
  try {
    const head = state.take(text.slice(0, layout.headEnd), 0, limits);
    if (!head) return undefined;
    relocate(head, 0);
    const resourcePieces: Piece[] = [];
    for (let i = 0; i < layout.starts.length; i++) {
      const start = layout.starts[i];
      const end = i + 1 < layout.starts.length ? layout.starts[i + 1] : layout.tailStart;
      const piece = state.take(text.slice(start, end), 1, limits);
      if (!piece) return undefined;
      relocate(piece, start);
      resourcePieces.push(piece);
    }
    const tail = layout.tailStart < text.length ? state.take(text.slice(layout.tailStart), 0, limits) : undefined;
    if (layout.tailStart < text.length && !tail) return undefined;
    if (tail) relocate(tail, layout.tailStart);

    // The head must end with `Resources:` (no value); pieces hold one resource each.
    const headPairs = rootPairs(head.doc);
    const tailPairs = tail ? rootPairs(tail.doc) : [];
    if (!headPairs || !tailPairs || headPairs.length === 0) return undefined;
    const resourcesPair = headPairs[headPairs.length - 1];
    const empty = resourcesPair.value === null || (isScalar(resourcesPair.value) && resourcesPair.value.value === null && !resourcesPair.value.source);
    if (String((resourcesPair.key as { value?: unknown })?.value) !== 'Resources' || !empty) return undefined;
    const resourcePairs: Pair[] = [];
    for (const p of resourcePieces) {
      const pairs = rootPairs(p.doc);
      if (!pairs || pairs.length !== 1) return undefined;
      resourcePairs.push(pairs[0]);
    }

    // The model, exactly as the full walk would build it; duplicates across pieces go to the full parser.
    const headValue = (head.value ?? {}) as JsonObject;
    const resources: JsonObject = {};
    for (const p of resourcePieces) {
      const [id, value] = Object.entries(p.value as JsonObject)[0];
      if (Object.prototype.hasOwnProperty.call(resources, id)) return undefined;
      resources[id] = value;
    }
    const value: JsonObject = {};
    for (const [k, v] of Object.entries(headValue)) value[k] = k === 'Resources' ? resources : v;
    for (const [k, v] of Object.entries((tail?.value ?? {}) as JsonObject)) {
      if (Object.prototype.hasOwnProperty.call(value, k)) return undefined;
      value[k] = v;
    }

    // One document for the source map and the fix renderer.
    const resourcesMap = new YAMLMap();
    resourcesMap.items = resourcePairs;
    const first = resourcePieces[0].doc.contents as YamlNode;
    const last = resourcePieces[resourcePieces.length - 1].doc.contents as YamlNode;
    resourcesMap.range = [first.range![0], last.range![1], last.range![2]];
    // New pair and root objects: the cached pieces' own documents stay as they were parsed.
    const root = new YAMLMap();
    root.items = [...headPairs.slice(0, -1), new Pair(resourcesPair.key, resourcesMap), ...tailPairs];
    const headRoot = head.doc.contents as YamlNode;
    const lastRoot = (tail?.doc.contents as YamlNode | null) ?? resourcesMap;
    root.range = [headRoot.range![0], lastRoot.range![1], lastRoot.range![2]];
    const doc = new Document() as Document.Parsed;
    doc.contents = root as unknown as ParsedNode;

    const problems: ParseProblem[] = [];
    for (const p of [head, ...resourcePieces, ...(tail ? [tail] : [])]) {
      for (const q of p.problems) problems.push({ ...q, start: q.start + p.base, end: q.end + p.base });
    }
    const usesShortTags = [head, ...resourcePieces, ...(tail ? [tail] : [])].some((p) => p.shortTags);
    return { doc, toOriginal: (n) => n, parsedText: text, value, problems, usesShortTags };
  } finally {
    state.end();
  }
}
