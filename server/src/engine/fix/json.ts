/**
 * Render one fix op into text edits on a JSON document: new keys go after the last sibling at the
 * siblings' indentation, replaced values are pretty-printed at theirs, removals use jsonc-parser's
 * comma-aware edits. Nothing outside the changed value is reformatted.
 */
import { modify } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ParsedJson } from '../parse';
import type { Json, Path, TextEdit } from '../types';

export interface JsonStyle {
  /** One indent level ('  ', ' ', '\t'), or '' for a minified document. */
  unit: string;
  eol: string;
}

export class JsonRenderer {
  private readonly text: string;
  private readonly map: NonNullable<ParsedJson['json']>['sourceMap'];
  readonly style: JsonStyle;

  constructor(parsed: ParsedJson) {
    if (!parsed.json) throw new Error('not a parsed JSON document');
    this.text = parsed.text;
    this.map = parsed.json.sourceMap;
    this.style = detectJsonStyle(parsed.text);
  }

  set(path: Path, value: Json): TextEdit[] {
    const at = this.map.nodeAt(path);
    if (at.found.length === path.length && at.node) {
      const indent = this.indentOf(at.keyNode ?? at.node);
      return [{ start: at.node.offset, end: at.node.offset + at.node.length, newText: this.stringify(value, indent) }];
    }
    const rest = path.slice(at.found.length);
    const container = at.node;
    if (!container || container.type !== 'object' || typeof rest[0] !== 'string') {
      if (container && container.type === 'array' && typeof rest[0] === 'number') return this.appendItem(container, wrap(rest.slice(1), value));
      throw new Error(`cannot reach ${path.join('.')}`);
    }
    return this.addProperty(container, rest[0], wrap(rest.slice(1), value));
  }

  remove(path: Path): TextEdit[] {
    return modify(this.text, path as (string | number)[], undefined, {}).map((e) => ({ start: e.offset, end: e.offset + e.length, newText: e.content }));
  }

  private addProperty(obj: JsonNode, key: string, value: Json): TextEdit[] {
    const props = obj.children ?? [];
    const keyText = JSON.stringify(key);
    if (props.length === 0) {
      const open = obj.offset; // '{'
      const closeIndent = this.indentOf(obj);
      if (!this.style.unit) return [{ start: open + 1, end: obj.offset + obj.length - 1, newText: `${keyText}:${this.stringify(value, '')}` }];
      const indent = closeIndent + this.style.unit;
      return [
        {
          start: open + 1,
          end: obj.offset + obj.length - 1,
          newText: `${this.style.eol}${indent}${keyText}: ${this.stringify(value, indent)}${this.style.eol}${closeIndent}`,
        },
      ];
    }
    const last = props[props.length - 1];
    const end = last.offset + last.length;
    if (!this.style.unit) return [{ start: end, end, newText: `,${keyText}:${this.stringify(value, '')}` }];
    const indent = this.indentOf(props[0]);
    const sameLine = !this.text.slice(obj.offset, props[0].offset).includes('\n');
    const sep = sameLine ? ' ' : this.style.eol + indent;
    return [{ start: end, end, newText: `,${sep}${keyText}: ${this.stringify(value, indent)}` }];
  }

  private appendItem(arr: JsonNode, value: Json): TextEdit[] {
    const items = arr.children ?? [];
    if (items.length === 0) return [{ start: arr.offset + 1, end: arr.offset + 1, newText: this.stringify(value, this.indentOf(arr)) }];
    const last = items[items.length - 1];
    const end = last.offset + last.length;
    const indent = this.indentOf(items[0]);
    const sameLine = !this.text.slice(arr.offset, items[0].offset).includes('\n');
    return [{ start: end, end, newText: `,${sameLine || !this.style.unit ? (this.style.unit ? ' ' : '') : this.style.eol + indent}${this.stringify(value, indent)}` }];
  }

  /** The whitespace before a node on its line (its indentation). */
  private indentOf(node: JsonNode): string {
    const ls = this.text.lastIndexOf('\n', node.offset - 1) + 1;
    const m = /^[ \t]*/.exec(this.text.slice(ls, node.offset));
    return m ? m[0] : '';
  }

  private stringify(value: Json, indent: string): string {
    if (!this.style.unit) return JSON.stringify(value);
    const s = JSON.stringify(value, null, this.style.unit);
    return s.split('\n').join(this.style.eol + indent);
  }
}

function wrap(rest: Path, value: Json): Json {
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const seg = rest[i];
    v = typeof seg === 'number' ? [v] : { [seg]: v };
  }
  return v;
}

export function detectJsonStyle(text: string): JsonStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (!text.includes('\n')) return { unit: '', eol };
  return { unit: m ? (m[1].startsWith('\t') ? '\t' : m[1]) : '  ', eol };
}
