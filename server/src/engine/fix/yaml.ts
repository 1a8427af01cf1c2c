/**
 * Render one fix op into text edits on a YAML document, touching only the text of the value being
 * changed or the place a new key goes; indentation, quoting, comments and block/flow style of the
 * rest of the file are left as they are.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedYaml } from '../parse';
import type { Json, JsonObject, Path, TextEdit } from '../types';
import { block, inline, mappingLines, sequenceLines } from './yaml-emit';
import type { YamlStyle } from './yaml-emit';

type SetOp = { path: Path; value: Json };

export class YamlRenderer {
  private readonly text: string;
  private readonly map: NonNullable<ParsedYaml['yaml']>['sourceMap'];
  private readonly toOriginal: (n: number) => number;
  readonly style: YamlStyle;

  constructor(parsed: ParsedYaml) {
    if (!parsed.yaml) throw new Error('not a parsed YAML document');
    this.text = parsed.text;
    this.map = parsed.yaml.sourceMap;
    this.toOriginal = parsed.yaml.toOriginal;
    this.style = detectStyle(parsed);
  }

  set({ path, value }: SetOp): TextEdit[] {
    const at = this.map.nodeAt(path);
    if (at.exact) {
      if (at.node) return this.replaceValue(at.node, at.pair, value, at.tagConsumed, path);
      if (at.pair) return this.fillEmptyPair(at.pair, value);
    }
    // Build what is missing below the deepest existing node.
    const rest = path.slice(at.found.length);
    const nested = wrap(rest, value);
    const container = at.node;
    if (!container) {
      if (at.pair) return this.fillEmptyPair(at.pair, nested);
      throw new Error(`cannot reach ${path.join('.')}`);
    }
    if (isMap(container)) {
      const key = rest[0];
      if (typeof key !== 'string') throw new Error(`cannot index a mapping with ${String(key)}`);
      return this.addPair(container as YAMLMap, key, (nested as JsonObject)[key]);
    }
    if (isSeq(container) && typeof rest[0] === 'number' && rest[0] === (container as YAMLSeq).items.length) {
      return this.addItem(container as YAMLSeq, (nested as Json[])[0]);
    }
    // A scalar (or null) where a collection must go: replace it.
    return this.replaceValue(container, at.pair, nested, at.tagConsumed, at.found);
  }

  remove(path: Path): TextEdit[] {
    const at = this.map.nodeAt(path);
    if (!at.exact) return [];
    const parentAt = this.map.nodeAt(path.slice(0, -1));
    const parent = parentAt.node;
    const last = path[path.length - 1];
    if (parent && isMap(parent) && at.pair) return this.removePair(parent as YAMLMap, at.pair);
    if (parent && isSeq(parent) && typeof last === 'number') return this.removeItem(parent as YAMLSeq, last);
    throw new Error(`cannot remove ${path.join('.')}`);
  }

  // ------------------------------------------------------------------ helpers

  private o(n: number): number {
    return this.toOriginal(n);
  }

  private lineStart(offset: number): number {
    const i = this.text.lastIndexOf('\n', offset - 1);
    return i + 1;
  }

  /** End of the line holding `offset`, before its line break (\n or \r\n). */
  private lineEnd(offset: number): number {
    const i = this.text.indexOf('\n', offset);
    if (i < 0) return this.text.length;
    return i > 0 && this.text[i - 1] === '\r' ? i - 1 : i;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** End of the last non-blank character of a node's content. */
  private contentEnd(node: YamlNode): number {
    let e = this.o(node.range![1]);
    const s = this.o(node.range![0]);
    while (e > s && /\s/.test(this.text[e - 1])) e--;
    return e;
  }

  private isFlow(node: YamlNode | null | undefined): boolean {
    return !!node && (isMap(node) || isSeq(node)) && !!(node as YAMLMap).flow;
  }

  /** Is `node` (a value) inside a flow collection? Checked by its parent in the path. */
  private inFlowContext(path: Path): boolean {
    for (let i = path.length - 1; i >= 0; i--) {
      const n = this.map.nodeAt(path.slice(0, i)).node;
      if (n && this.isFlow(n)) return true;
      if (n && (isMap(n) || isSeq(n))) return false;
    }
    return false;
  }

  private replaceValue(node: YamlNode, pair: Pair | undefined, value: Json, insideTag: boolean, path: Path): TextEdit[] {
    const r = this.map.valueRange(node, insideTag);
    const flowCtx = this.inFlowContext(path);
    const one = inline(value, this.style, flowCtx);
    if (one !== undefined) return [{ start: r.start, end: r.end, newText: one }];
    if (flowCtx) throw new Error('cannot write a block value inside a flow collection');
    const last = path[path.length - 1];
    if (pair && typeof last === 'string') {
      // key: <block>  -> replace from just after the colon.
      const keyNode = pair.key as YamlNode;
      const keyCol = this.column(this.o(keyNode.range![0]));
      const colon = this.text.indexOf(':', this.o(keyNode.range![1]));
      const indent = Array.isArray(value) && !this.style.indentSequences ? keyCol : keyCol + this.style.unit;
      const b = block(value, indent, this.style);
      return [{ start: colon + 1, end: r.end, newText: b.head + this.joinLines(b.lines, true) }];
    }
    // A sequence item: `- <block>` in compact form.
    const col = this.column(r.start);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const lines = mappingLines(value, col, this.style);
      const b = block(value, col, this.style);
      const first = b.head ? null : lines[0].slice(col);
      if (first !== null) return [{ start: r.start, end: r.end, newText: [first, ...lines.slice(1)].join(this.style.eol) }];
      return [{ start: r.start, end: r.end, newText: b.head.trimStart() + this.joinLines(b.lines, true) }];
    }
    const lines = sequenceLines(value as Json[], col, this.style);
    return [{ start: r.start, end: r.end, newText: lines.join(this.style.eol).slice(col) }];
  }

  /** `Key:` with nothing after it. */
  private fillEmptyPair(pair: Pair, value: Json): TextEdit[] {
    const keyNode = pair.key as YamlNode;
    const keyEnd = this.o(keyNode.range![1]);
    const colon = this.text.indexOf(':', keyEnd);
    const one = inline(value, this.style);
    if (one !== undefined) return [{ start: colon + 1, end: colon + 1, newText: ' ' + one }];
    const keyCol = this.column(this.o(keyNode.range![0]));
    const indent = Array.isArray(value) && !this.style.indentSequences ? keyCol : keyCol + this.style.unit;
    const b = block(value, indent, this.style);
    return [{ start: colon + 1, end: colon + 1, newText: b.head + this.joinLines(b.lines, true) }];
  }

  /** Add `key: value` as the last entry of a mapping. */
  private addPair(map: YAMLMap, key: string, value: Json): TextEdit[] {
    const obj: JsonObject = { [key]: value };
    if (map.flow) {
      const end = this.contentEnd(map as unknown as YamlNode); // just after '}'
      const close = this.text.lastIndexOf('}', end - 1);
      const text = inline(obj, this.style, true);
      if (text === undefined) throw new Error('cannot write a block value inside a flow mapping');
      const inner = text.slice(1, -1);
      const empty = map.items.length === 0;
      return [{ start: close, end: close, newText: empty ? inner : `, ${inner}` }];
    }
    const items = map.items.filter(isPair) as Pair[];
    if (items.length === 0) throw new Error('empty block mapping');
    const firstKey = items[0].key as YamlNode;
    const indent = this.column(this.o(firstKey.range![0]));
    const lastPair = items[items.length - 1];
    const lastEnd = this.pairEnd(lastPair);
    const insertAt = this.lineEnd(lastEnd);
    const lines = mappingLines(obj, indent, this.style);
    const blank = this.isResourcesMap(map) && this.resourcesSeparatedByBlankLines(items) ? this.style.eol : '';
    return [{ start: insertAt, end: insertAt, newText: this.style.eol + blank + lines.join(this.style.eol) }];
  }

  private addItem(seq: YAMLSeq, value: Json): TextEdit[] {
    if (seq.flow) {
      const end = this.contentEnd(seq as unknown as YamlNode);
      const close = this.text.lastIndexOf(']', end - 1);
      const text = inline(value, this.style, true);
      if (text === undefined) throw new Error('cannot write a block value inside a flow sequence');
      return [{ start: close, end: close, newText: seq.items.length === 0 ? text : `, ${text}` }];
    }
    // The sequence's own first dash: an item's range can start inside it (a tagged `- !If` item
    // begins at its nested sequence's dash), so search backwards only as a fallback.
    const seqStart = this.o(seq.range![0]);
    const first = seq.items[0] as YamlNode;
    const dashCol = this.text[seqStart] === '-' ? this.column(seqStart) : this.column(this.text.lastIndexOf('-', this.o(first.range![0])));
    const last = seq.items[seq.items.length - 1] as YamlNode;
    const insertAt = this.lineEnd(this.contentEnd(last));
    const lines = sequenceLines([value], dashCol, this.style);
    return [{ start: insertAt, end: insertAt, newText: this.style.eol + lines.join(this.style.eol) }];
  }

  /** End of a pair's text (value content end, or the key's end for `Key:` with no value). */
  private pairEnd(p: Pair): number {
    const v = p.value as YamlNode | null;
    if (v && v.range) return this.contentEnd(v);
    return this.o((p.key as YamlNode).range![1]) + 1;
  }

  private removePair(map: YAMLMap, pair: Pair): TextEdit[] {
    const items = map.items.filter(isPair) as Pair[];
    const i = items.indexOf(pair);
    const keyStart = this.o((pair.key as YamlNode).range![0]);
    const end = this.pairEnd(pair);
    if (map.flow) {
      if (items.length === 1) return [{ start: keyStart, end, newText: '' }];
      if (i < items.length - 1) {
        const nextStart = this.o((items[i + 1].key as YamlNode).range![0]);
        return [{ start: keyStart, end: nextStart, newText: '' }];
      }
      const prevEnd = this.pairEnd(items[i - 1]);
      return [{ start: prevEnd, end, newText: '' }];
    }
    if (items.length === 1) {
      // The mapping would become empty: leave `{}` so the parent key keeps a mapping value.
      return [{ start: keyStart, end: this.lineEnd(end), newText: '{}' }];
    }
    if (i === 0) {
      const nextStart = this.o((items[1].key as YamlNode).range![0]);
      return [{ start: keyStart, end: nextStart, newText: '' }];
    }
    // Remove whole lines: from the end of the previous entry's last line to the end of this one's.
    const from = this.lineEnd(this.pairEnd(items[i - 1]));
    return [{ start: from, end: this.lineEnd(end), newText: '' }];
  }

  private removeItem(seq: YAMLSeq, index: number): TextEdit[] {
    const items = seq.items as YamlNode[];
    const node = items[index];
    const r = this.map.valueRange(node);
    if (seq.flow) {
      if (items.length === 1) return [{ start: r.start, end: r.end, newText: '' }];
      if (index < items.length - 1) return [{ start: r.start, end: this.map.valueRange(items[index + 1]).start, newText: '' }];
      return [{ start: this.map.valueRange(items[index - 1]).end, end: r.end, newText: '' }];
    }
    if (items.length === 1) {
      const dash = this.text.lastIndexOf('-', r.start);
      return [{ start: dash, end: this.lineEnd(r.end), newText: '[]' }];
    }
    const dash = this.text.lastIndexOf('-', r.start);
    if (index === 0) {
      const nextDash = this.text.lastIndexOf('-', this.map.valueRange(items[1]).start);
      return [{ start: dash, end: nextDash, newText: '' }];
    }
    const from = this.lineEnd(this.map.valueRange(items[index - 1]).end);
    return [{ start: from, end: this.lineEnd(r.end), newText: '' }];
  }

  private joinLines(lines: string[], leadingBreak: boolean): string {
    if (lines.length === 0) return '';
    return (leadingBreak ? this.style.eol : '') + lines.join(this.style.eol);
  }

  private isResourcesMap(map: YAMLMap): boolean {
    return this.map.nodeAt(['Resources']).node === (map as unknown as YamlNode);
  }

  private resourcesSeparatedByBlankLines(items: Pair[]): boolean {
    if (items.length < 2) return false;
    const gap = this.text.slice(this.pairEnd(items[0]), this.o((items[1].key as YamlNode).range![0]));
    return /\n[ \t]*\r?\n/.test(gap);
  }
}

function wrap(rest: Path, value: Json): Json {
  let v = value;
  for (let i = rest.length - 1; i >= 1; i--) {
    const seg = rest[i];
    v = typeof seg === 'number' ? [v] : { [seg]: v };
  }
  const first = rest[0];
  return typeof first === 'number' ? [v] : { [first]: v };
}

/** The document's own style: indent unit, quote character, sequence indentation, short tags, EOL. */
export function detectStyle(parsed: ParsedYaml): YamlStyle {
  const text = parsed.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let unit = 0;
  let indentSequences: boolean | undefined;
  const root = parsed.yaml?.doc.contents;
  const visit = (node: unknown, depth: number) => {
    if (depth > 6 || (unit && indentSequences !== undefined)) return;
    if (isMap(node) && !node.flow) {
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = p.key as YamlNode | null;
        const v = p.value as YamlNode | null;
        if (!k?.range || !v?.range) continue;
        const keyCol = col(text, k.range[0]);
        if (isMap(v) && !v.flow && v.items.length > 0) {
          const firstKey = (v.items[0] as Pair).key as YamlNode | null;
          if (firstKey?.range && !unit) {
            const d = col(text, firstKey.range[0]) - keyCol;
            if (d > 0) unit = d;
          }
        }
        if (isSeq(v) && !v.flow && v.items.length > 0 && indentSequences === undefined) {
          const first = v.items[0] as YamlNode | null;
          if (first?.range) {
            const dash = text.lastIndexOf('-', first.range[0]);
            indentSequences = col(text, dash) > keyCol;
          }
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const it of node.items) visit(it, depth + 1);
    }
  };
  visit(root, 0);
  let single = 0;
  let double = 0;
  const countQuotes = (node: unknown, depth: number) => {
    if (depth > 8 || single + double > 50) return;
    if (isScalar(node)) {
      if (node.type === 'QUOTE_SINGLE') single++;
      else if (node.type === 'QUOTE_DOUBLE') double++;
    } else if (isMap(node)) for (const p of node.items) countQuotes((p as Pair).value, depth + 1);
    else if (isSeq(node)) for (const it of node.items) countQuotes(it, depth + 1);
  };
  countQuotes(root, 0);
  return {
    unit: unit || 2,
    quote: double > single ? '"' : "'",
    indentSequences: indentSequences ?? true,
    shortTags: parsed.yaml?.usesShortTags ?? false,
    eol,
  };
}

function col(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
