/**
 * Source map: path <-> UTF-16 offset ranges, for YAML and JSON. Lookups are lazy (a walk down the
 * parser's tree per path), so nothing is paid for documents without findings.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
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

export class JsonSourceMap implements SourceMap {
  /** Key -> property node per object, built on first lookup. */
  private readonly keyIndex = new WeakMap<JsonNode, Map<string, JsonNode>>();

  constructor(private readonly root: JsonNode | undefined) {}

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
    let node = this.root;
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

  locate(path: Path): Located {
    const { node, keyNode, found } = this.nodeAt(path);
    const value = node ? { start: node.offset, end: node.offset + node.length } : keyNode ? range(keyNode) : EMPTY;
    const key = keyNode && typeof found[found.length - 1] === 'string' ? range(keyNode) : value;
    return { found, exact: found.length === path.length, key, value };
  }

  rangeFor(path: Path): OffsetRange {
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

function range(n: JsonNode): OffsetRange {
  return { start: n.offset, end: n.offset + n.length };
}

/** `{"Ref": "X"}` and friends are values, underlined whole. */
function isIntrinsicObject(n: JsonNode): boolean {
  if (n.type !== 'object' || n.children?.length !== 1) return false;
  const k = n.children[0].children?.[0]?.value;
  return typeof k === 'string' && (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::'));
}
