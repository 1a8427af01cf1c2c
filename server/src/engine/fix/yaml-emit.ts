/**
 * Writes model values (long-form intrinsics) as YAML text in a document's own style: its indent
 * unit, its quote character, its sequence indentation, and short-form tags when it uses them.
 */
import type { Json, JsonObject } from '../types';
import { tagOfLongForm } from '../parse/tags';

export interface YamlStyle {
  /** Spaces per nesting level. */
  unit: number;
  /** Quote character for strings that need quoting. */
  quote: "'" | '"';
  /** `Key:\n  - item` (true) or `Key:\n- item` (false). */
  indentSequences: boolean;
  /** Write `!Ref X` rather than `Ref: X`. */
  shortTags: boolean;
  eol: string;
}

/** Strings YAML 1.1 (PyYAML, older CloudFormation tooling) or 1.2 would read as something else. */
const NEEDS_QUOTES =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;

export function quoteIfNeeded(s: string, style: YamlStyle, inFlow = false): string {
  const plainOk =
    s.length > 0 &&
    !NEEDS_QUOTES.test(s) &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/[\s]$/.test(s) &&
    !/: |:$| #|[\n\r\t]/.test(s) &&
    !(inFlow && /[,[\]{}]/.test(s)) &&
    !/^-(\s|$)/.test(s);
  if (plainOk) return s;
  if (/[\n\r\t\\\u0000-\u001f]/.test(s) || style.quote === '"') return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function isIntrinsic(v: JsonObject): string | undefined {
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const k = keys[0];
  return tagOfLongForm(k) ? k : undefined;
}

/** Inline rendering (a scalar, a short-form tag on a scalar, or a flow collection), or undefined if it needs block form. */
export function inline(v: Json, style: YamlStyle, inFlow = false): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return quoteIfNeeded(v, style, inFlow);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // In block context, only lists of scalars are written inline; lists of mappings go in block form.
    if (!inFlow && v.some((x) => typeof x === 'object' && x !== null && !(style.shortTags && !Array.isArray(x) && isIntrinsic(x)))) return undefined;
    const parts = v.map((x) => inline(x, style, true));
    if (parts.some((p) => p === undefined)) return undefined;
    const s = `[${parts.join(', ')}]`;
    // Long lists read better in block form, but inside a flow collection flow is the only form.
    return s.length <= 80 || inFlow ? s : undefined;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  const intrinsic = style.shortTags ? isIntrinsic(v) : undefined;
  if (intrinsic && taggedArgument(v[intrinsic], style)) {
    // A node takes one tag: `!ImportValue !Sub x` is not YAML. Write the outer function long form.
    const inner = inline(v[intrinsic], style, true);
    return inFlow && inner !== undefined ? `{${quoteIfNeeded(intrinsic, style, true)}: ${inner}}` : undefined;
  }
  if (intrinsic) {
    const tag = tagOfLongForm(intrinsic)!;
    const arg = v[intrinsic];
    if (intrinsic === 'Fn::GetAtt' && Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && typeof arg[1] === 'string') {
      return `${tag} ${arg[0]}.${arg[1]}`;
    }
    if (isObjectValue(arg) && !inFlow) return undefined; // `!Tag` + block mapping
    const inner = inline(arg, style, inFlow);
    return inner === undefined ? undefined : `${tag} ${inner}`;
  }
  if (!inFlow) return undefined; // mappings are written in block form outside flow context
  const parts = keys.map((k) => {
    const val = inline(v[k], style, true);
    return val === undefined ? undefined : `${quoteIfNeeded(k, style, true)}: ${val}`;
  });
  if (parts.some((p) => p === undefined)) return undefined;
  return `{${parts.join(', ')}}`;
}

/** Would this argument be written with a short-form tag of its own? */
function taggedArgument(arg: Json, style: YamlStyle): boolean {
  return style.shortTags && isObjectValue(arg) && isIntrinsic(arg) !== undefined;
}

function isObjectValue(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Block rendering: lines (without the EOL), the first to follow a `key:` or `- ` and the others at
 * `indent` columns. Returns { head, lines } where head is what goes on the key's line after
 * `key:` (e.g. ` !If` or '' for a plain block mapping).
 */
export function block(v: Json, indent: number, style: YamlStyle): { head: string; lines: string[] } {
  if (isObjectValue(v)) {
    const intrinsic = style.shortTags ? isIntrinsic(v) : undefined;
    if (intrinsic && !taggedArgument(v[intrinsic], style)) {
      const tag = tagOfLongForm(intrinsic)!;
      const inner = v[intrinsic];
      const b = block(inner, indent, style);
      return { head: ` ${tag}${b.head}`, lines: b.lines };
    }
    return { head: '', lines: mappingLines(v, indent, style) };
  }
  if (Array.isArray(v)) {
    return { head: '', lines: sequenceLines(v, indent, style) };
  }
  return { head: ` ${inline(v, style)}`, lines: [] };
}

/** `key: value` lines of a mapping at `indent`. */
export function mappingLines(obj: JsonObject, indent: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [k, val] of Object.entries(obj)) {
    const key = quoteIfNeeded(k, style);
    const one = inline(val, style);
    if (one !== undefined) {
      lines.push(`${pad}${key}: ${one}`);
      continue;
    }
    const childIndent = Array.isArray(val) && !style.indentSequences ? indent : indent + style.unit;
    const b = block(val, childIndent, style);
    lines.push(`${pad}${key}:${b.head}`, ...b.lines);
  }
  return lines;
}

/** `- item` lines of a sequence at `indent`; mappings in items use the compact `- key: v` form. */
export function sequenceLines(arr: Json[], indent: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of arr) {
    const one = inline(item, style);
    if (one !== undefined) {
      lines.push(`${pad}- ${one}`);
      continue;
    }
    if (isObjectValue(item) && !(style.shortTags && isIntrinsic(item))) {
      const inner = mappingLines(item, indent + 2, style);
      lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      continue;
    }
    const b = block(item, indent + 2, style);
    lines.push(`${pad}-${b.head || ''}`, ...b.lines);
  }
  return lines;
}
