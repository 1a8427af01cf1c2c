/**
 * Source map: path <-> UTF-16 offset ranges, for YAML and JSON. Lookups are lazy (a walk down the
 * parser's tree per path), so nothing is paid for documents without findings.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { parseTree, visit } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import type { OffsetRange, Path, Position, Range } from '../types';
import { longFormOfTag } from './tags';
import { findTagBefore } from './yaml';

export interface Located {
  /** The deepest existing prefix of the requested path. */
  found: Path;
  /** True when the whole path exists. */
  exact: boolean;
  /** Range of the key of the deepest found element (an array item's own range; the tag of a short-form intrinsic). */
  key: OffsetRange;
  /** Range of the deepest found element's value (including a short-form tag), trimmed of trailing blanks. */
  value: OffsetRange;
}

export interface SourceMap {
  locate(path: Path): Located;
  /**
   * The range a finding at `path` should underline: a scalar value itself; the key of a mapping or
   * sequence value (underlining a whole block is noise); for a missing path, the key of its
   * nearest existing ancestor.
   */
  rangeFor(path: Path): OffsetRange;
  /** Optional: resolve many paths at once before calling locate/rangeFor on them (a batch is cheaper). */
  prepare?(paths: readonly Path[]): void;
}

const EMPTY: OffsetRange = { start: 0, end: 0 };

/** 0-based line/character from UTF-16 offsets; line starts computed once, on first use. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && t.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  offset(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line >= starts.length) return this.text.length;
    const lineStart = starts[Math.max(0, pos.line)];
    const nextStart = pos.line + 1 < starts.length ? starts[pos.line + 1] : this.text.length;
    return Math.min(lineStart + Math.max(0, pos.character), nextStart);
  }

  range(r: OffsetRange): Range {
    return { start: this.position(r.start), end: this.position(r.end) };
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

// ---------------------------------------------------------------- YAML

export class YamlSourceMap implements SourceMap {
  /** Key -> pair per mapping, built on first lookup: findings in a 5,000-resource template stay linear. */
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly text: string,
    private readonly parsedText: string,
    private readonly doc: Document.Parsed,
    private readonly toOriginal: (n: number) => number,
  ) {}

  /** The yaml node at `path` (resolving aliases), with the path actually found. */
  nodeAt(path: Path): { node: YamlNode | undefined; pair?: Pair; found: Path; exact: boolean; tagConsumed: boolean } {
    let node = this.doc.contents as YamlNode | null;
    let pair: Pair | undefined;
    let tagConsumed = false;
    const found: (string | number)[] = [];
    for (const seg of path) {
      if (!node) break;
      if (isAlias(node)) node = (node.resolve(this.doc) as YamlNode | undefined) ?? null;
      if (!node) break;
      // Step into a short-form tag: `!If [...]` holds the model's {"Fn::If": [...]}.
      if (!tagConsumed && node.tag && longFormOfTag(node.tag) === seg) {
        tagConsumed = true;
        found.push(seg);
        continue;
      }
      if (node.tag && longFormOfTag(node.tag) && !tagConsumed) break; // path expects a key the tag doesn't hold
      if (isMap(node)) {
        const p = this.findPair(node as YAMLMap, seg);
        if (!p) break;
        pair = p;
        node = (p.value as YamlNode | null) ?? null;
        tagConsumed = false;
        found.push(seg);
        if (!node) {
          // `Key:` with no value: the pair exists, its value is null.
          return { node: undefined, pair, found, exact: found.length === path.length, tagConsumed };
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = (node as YAMLSeq).items[seg] as YamlNode | undefined;
        if (item === undefined) break;
        pair = undefined;
        node = item;
        tagConsumed = false;
        found.push(seg);
      } else if (isScalar(node) && node.tag === '!GetAtt' && tagConsumed && typeof seg === 'number') {
        // `!GetAtt A.B` is one scalar holding both list items.
        found.push(seg);
        break;
      } else {
        break;
      }
    }
    return { node: node ?? undefined, pair, found, exact: found.length === path.length, tagConsumed };
  }

  locate(path: Path): Located {
    const { node, pair, found, tagConsumed } = this.nodeAt(path);
    const exact = found.length === path.length;
    const value = node ? this.valueRange(node, tagConsumed) : pair?.key ? this.keyRange(pair) : EMPTY;
    let key: OffsetRange;
    const last = found[found.length - 1];
    if (found.length === 0) key = value;
    else if (tagConsumed && node && typeof last === 'string' && longFormOfTag(node.tag ?? '') === last) {
      key = this.tagRange(node) ?? value;
    } else if (typeof last === 'number' || !pair) key = value;
    else key = this.keyRange(pair);
    return { found, exact, key, value };
  }

  rangeFor(path: Path): OffsetRange {
    const { node, pair, found, tagConsumed } = this.nodeAt(path);
    const exact = found.length === path.length;
    if (exact && node && (isScalar(node) || (node as YAMLMap).flow || tagConsumed || node.tag)) {
      return this.valueRange(node, tagConsumed);
    }
    if (pair && typeof found[found.length - 1] === 'string' && !tagConsumed) return this.keyRange(pair);
    if (node) {
      // An array item or the document itself: underline its first line.
      const r = this.valueRange(node, tagConsumed);
      const nl = this.text.indexOf('\n', r.start);
      return { start: r.start, end: nl >= 0 && nl < r.end ? trimEnd(this.text, r.start, nl) : r.end };
    }
    return pair ? this.keyRange(pair) : EMPTY;
  }

  private findPair(map: YAMLMap, seg: string | number): Pair | undefined {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item)) continue;
        const k = item.key;
        index.set(isScalar(k) ? String(k.value) : k == null ? '' : String(k), item); // last one wins, like the model
      }
      this.keyIndex.set(map, index);
    }
    return index.get(String(seg));
  }

  private keyRange(pair: Pair): OffsetRange {
    const k = pair.key as YamlNode | null;
    if (!k?.range) return EMPTY;
    return { start: this.toOriginal(k.range[0]), end: this.toOriginal(k.range[1]) };
  }

  private tagRange(node: YamlNode): OffsetRange | undefined {
    if (!node.range || !node.tag) return undefined;
    const at = findTagBefore(this.parsedText, node.range[0], node.tag);
    if (at === undefined) return undefined;
    return { start: this.toOriginal(at), end: this.toOriginal(at + node.tag.length) };
  }

  /** Range of a node's value: from its tag (unless the path stepped inside it) to its content end. */
  valueRange(node: YamlNode, insideTag = false): OffsetRange {
    if (!node.range) return EMPTY;
    let start = node.range[0];
    if (node.tag && !insideTag) {
      const at = findTagBefore(this.parsedText, start, node.tag);
      if (at !== undefined) start = at;
    }
    const s = this.toOriginal(start);
    const e = this.toOriginal(node.range[1]);
    return { start: s, end: trimEnd(this.text, s, e) };
  }
}



// ---------------------------------------------------------------- JSON

/** One node of the batched path index: where a requested path (or a prefix) sits in the text. */
interface IndexNode {
  children: Map<string, IndexNode>;
  key?: OffsetRange;
  value?: OffsetRange;
  kind?: 'object' | 'array' | 'literal';
  intrinsic?: boolean;
}

/**
 * JSON source map. The full jsonc-parser tree of a large template costs ~13 bytes of heap per
 * byte of text, so it is built only when a caller needs node structure (the fix renderer);
 * finding ranges are resolved in one streaming pass over the text for all paths at once
 * (`prepare`).
 */
export class JsonSourceMap implements SourceMap {
  /** Key -> property node per object, built on first lookup. */
  private readonly keyIndex = new WeakMap<JsonNode, Map<string, JsonNode>>();
  private index: IndexNode | undefined;

  constructor(
    private readonly text: string,
    private root: JsonNode | undefined | null,
  ) {}

  /** The jsonc-parser tree (built on first use when the document was read without one). */
  tree(): JsonNode | undefined {
    if (this.root === null) this.root = parseTree(this.text, [], { disallowComments: true }) ?? undefined;
    return this.root;
  }

  /** Resolve many paths in one pass over the text, so that lookups need no tree. */
  prepare(paths: readonly Path[]): void {
    if (this.root !== null) return; // the tree is there already
    const rootNode: IndexNode = { children: new Map() };
    for (const p of paths) {
      let n = rootNode;
      for (const seg of p) {
        const k = String(seg);
        let c = n.children.get(k);
        if (!c) n.children.set(k, (c = { children: new Map() }));
        n = c;
      }
    }
    buildPathIndex(this.text, rootNode);
    this.index = rootNode;
  }

  private property(obj: JsonNode, seg: string | number): JsonNode | undefined {
    let index = this.keyIndex.get(obj);
    if (!index) {
      index = new Map();
      for (const prop of obj.children ?? []) {
        const k = prop.children?.[0];
        if (k) index.set(String(k.value), prop); // last one wins, like the model
      }
      this.keyIndex.set(obj, index);
    }
    return index.get(String(seg));
  }

  nodeAt(path: Path): { node: JsonNode | undefined; keyNode?: JsonNode; found: Path } {
    let node = this.tree();
    let keyNode: JsonNode | undefined;
    const found: (string | number)[] = [];
    for (const seg of path) {
      if (!node) break;
      if (node.type === 'object') {
        const hit = this.property(node, seg);
        if (!hit) break;
        keyNode = hit.children?.[0];
        node = hit.children?.[1];
        found.push(seg);
        if (!node) break;
      } else if (node.type === 'array' && typeof seg === 'number') {
        const item = node.children?.[seg];
        if (!item) break;
        keyNode = undefined;
        node = item;
        found.push(seg);
      } else break;
    }
    return { node, keyNode, found };
  }

  /** The prepared index entries along `path`, if the path was prepared (else undefined). */
  private indexed(path: Path): { found: Path; last?: IndexNode; lastKey?: OffsetRange } | undefined {
    if (this.root !== null || !this.index) return undefined;
    let n = this.index;
    const found: (string | number)[] = [];
    let last: IndexNode | undefined = n.value ? n : undefined;
    let lastKey: OffsetRange | undefined;
    for (const seg of path) {
      const c = n.children.get(String(seg));
      if (!c) return undefined; // not prepared: fall back to the tree
      if (!c.value) break; // prepared, but absent from the document
      n = c;
      found.push(seg);
      last = c;
      lastKey = typeof seg === 'string' ? c.key : undefined;
    }
    return { found, last, lastKey };
  }

  locate(path: Path): Located {
    const ix = this.indexed(path);
    if (ix) {
      const value = ix.last?.value ?? ix.lastKey ?? EMPTY;
      const key = ix.lastKey ?? value;
      return { found: ix.found, exact: ix.found.length === path.length, key, value };
    }
    const { node, keyNode, found } = this.nodeAt(path);
    const value = node ? { start: node.offset, end: node.offset + node.length } : keyNode ? range(keyNode) : EMPTY;
    const key = keyNode && typeof found[found.length - 1] === 'string' ? range(keyNode) : value;
    return { found, exact: found.length === path.length, key, value };
  }

  rangeFor(path: Path): OffsetRange {
    const ix = this.indexed(path);
    if (ix) {
      const exact = ix.found.length === path.length;
      const n = ix.last;
      if (exact && n?.value && (n.kind === 'literal' || n.intrinsic)) return n.value;
      if (ix.lastKey) return ix.lastKey;
      if (n?.value) return { start: n.value.start, end: n.value.start + 1 };
      return EMPTY;
    }
    const { node, keyNode, found } = this.nodeAt(path);
    const exact = found.length === path.length;
    const last = found[found.length - 1];
    if (exact && node && node.type !== 'object' && node.type !== 'array') return range(node);
    if (exact && node && isIntrinsicObject(node)) return range(node);
    if (keyNode && typeof last === 'string') return range(keyNode);
    if (node) return { start: node.offset, end: node.offset + 1 };
    return EMPTY;
  }
}

/** One streaming pass (jsonc-parser's visitor) recording key and value ranges for the index's paths. */
function buildPathIndex(text: string, root: IndexNode): void {
  interface Frame {
    kind: 'object' | 'array';
    node: IndexNode | undefined;
    /** Index node of the current property's value (objects) . */
    pending: IndexNode | undefined;
    /** Items seen so far (arrays). */
    items: number;
    props: number;
    firstKey?: string;
  }
  const stack: Frame[] = [];
  let started = false;
  /** The index node for the value starting now (undefined: not a requested path). */
  const slot = (): IndexNode | undefined => {
    if (!started) {
      started = true;
      return root;
    }
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    if (top.kind === 'array') return top.node?.children.get(String(top.items++));
    const n = top.pending;
    top.pending = undefined;
    return n;
  };
  const begin = (kind: 'object' | 'array', offset: number): boolean => {
    const n = slot();
    if (n) {
      n.value = { start: offset, end: offset + 1 };
      n.kind = kind;
    }
    stack.push({ kind, node: n, pending: undefined, items: 0, props: 0 });
    // Skip the insides of values no requested path goes into.
    return !!n && n.children.size > 0 ? true : kind === 'object' && !!n; // objects: count keys for intrinsics
  };
  const end = (offset: number, length: number) => {
    const f = stack.pop();
    if (f?.node?.value) {
      f.node.value.end = offset + length;
      if (f.kind === 'object') f.node.intrinsic = f.props === 1 && !!f.firstKey && (f.firstKey === 'Ref' || f.firstKey === 'Condition' || f.firstKey.startsWith('Fn::'));
    }
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin('object', offset),
      onArrayBegin: (offset) => begin('array', offset),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty: (property, offset, length) => {
        const top = stack[stack.length - 1];
        if (!top) return;
        top.props++;
        if (top.props === 1) top.firstKey = property;
        const c = top.node?.children.get(property);
        if (c) c.key = { start: offset, end: offset + length };
        top.pending = c;
      },
      onLiteralValue: (_value, offset, length) => {
        const n = slot();
        if (n) {
          n.value = { start: offset, end: offset + length };
          n.kind = 'literal';
        }
      },
    },
    { disallowComments: true },
  );
}

function range(n: JsonNode): OffsetRange {
  return { start: n.offset, end: n.offset + n.length };
}

/** `{"Ref": "X"}` and friends are values, underlined whole. */
function isIntrinsicObject(n: JsonNode): boolean {
  if (n.type !== 'object' || n.children?.length !== 1) return false;
  const k = n.children[0].children?.[0]?.value;
  return typeof k === 'string' && (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::'));
}
