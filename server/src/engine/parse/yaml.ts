/**
 * YAML templates: yaml@2 parseDocument with every CloudFormation short-form tag, converted into a
 * plain JSON model with long-form intrinsics by one walk over the AST (bounded in depth and alias
 * expansion). The Document is kept for the source map and the fix renderer.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit } from 'yaml';
import type { Node as YamlNode, YAMLMap, YAMLSeq } from 'yaml';
import type { Json, JsonObject } from '../types';
import { longFormOfTag, toLongForm, yamlCustomTags } from './tags';
import { UNKNOWN_TAG } from '../template/model';
import type { ParseProblem } from './problems';

export interface YamlParse {
  doc: Document.Parsed;
  /** Maps an offset in the text yaml parsed to an offset in the original text (identity unless recovered). */
  toOriginal: (offset: number) => number;
  /** The text yaml parsed: the original, or the shadow text of a recovery. */
  parsedText: string;
  value: Json | undefined;
  problems: ParseProblem[];
  /** The document writes intrinsics in short form (`!Ref`): fixes should too. */
  usesShortTags: boolean;
}

export interface YamlLimits {
  maxAliasCount: number;
  maxDepth: number;
}

const CUSTOM_TAGS = yamlCustomTags();
/** Expanded-size budget per allowed alias: aliases may reuse data, but not blow it up. */
const ALIAS_NODE_BUDGET = 10_000;

/** The options every YAML template is parsed with (the full and the incremental parser alike). */
export const YAML_PARSE_OPTIONS = {
  customTags: CUSTOM_TAGS,
  keepSourceTokens: false,
  // Duplicate keys are found by the walk below in O(1) each; yaml's own check is quadratic per mapping.
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
} as const;

function parseWith(text: string): Document.Parsed {
  return parseDocument(text, YAML_PARSE_OPTIONS);
}

export function parseYaml(text: string, limits: YamlLimits): YamlParse {
  let doc = parseWith(text);
  let toOriginal = identity;
  let parsedText = text;
  if (doc.errors.some((e) => e.code === 'MISSING_CHAR' && /closing .*quote/i.test(e.message))) {
    // CloudFormation (like PyYAML and js-yaml) accepts quoted scalars whose continuation lines are
    // indented no deeper than their key; YAML 1.2 and the yaml package do not. Re-indent just those
    // lines in a shadow text and map offsets back, so the rest of the template still lints.
    const recovered = reindentQuotedContinuations(text);
    if (recovered) {
      const retry = parseWith(recovered.text);
      if (retry.errors.length < doc.errors.length) {
        doc = retry;
        toOriginal = recovered.toOriginal;
        parsedText = recovered.text;
      }
    }
  }

  const problems: ParseProblem[] = [];
  for (const e of doc.errors) {
    let [start, end] = [toOriginal(e.pos[0]), toOriginal(e.pos[1])];
    let message = e.message;
    if (e.pos[0] >= parsedText.trimEnd().length) {
      // yaml reports an unterminated quote or flow collection where the file ends; point at where it opens.
      const opened = unterminatedNodeStart(doc, e.pos[0]);
      if (opened !== undefined) {
        start = toOriginal(opened);
        end = start + 1;
        message += ' (it opens here and is never closed)';
      }
    }
    problems.push({ id: 'parse-error', message: `YAML syntax error: ${message}`, start, end });
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // reported by the walk, with the tag's name
    problems.push({ id: 'parse-error', level: 'hardening', message: `YAML: ${w.message}`, start: toOriginal(w.pos[0]), end: toOriginal(w.pos[1]) });
  }

  const converted = convertYaml(doc, parsedText, limits, toOriginal);
  problems.push(...converted.problems);
  return { doc, toOriginal, parsedText, value: converted.value, problems, usesShortTags: converted.usesShortTags };
}

/**
 * The model of a parsed document (long-form intrinsics), with the problems the walk finds
 * (duplicate keys, unknown tags, depth and alias limits). `startDepth` is the nesting depth the
 * document's root has in the whole template (the incremental parser converts pieces).
 */
export function convertYaml(
  doc: Document.Parsed,
  parsedText: string,
  limits: YamlLimits,
  toOriginal: (n: number) => number,
  startDepth = 0,
): { value: Json | undefined; problems: ParseProblem[]; usesShortTags: boolean } {
  const problems: ParseProblem[] = [];
  const walker = new Walker(doc, limits, problems, toOriginal, parsedText);
  let value: Json | undefined;
  if (doc.contents != null) {
    try {
      value = walker.convert(doc.contents, startDepth);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      problems.push({ id: 'parse-error', message: 'The document is nested too deeply to read.', start: 0, end: 0 });
      value = undefined;
    }
  }
  return { value, problems, usesShortTags: walker.shortTags > 0 };
}

/** Start of the innermost flow collection or quoted scalar that runs to `eofPos`, if any. */
function unterminatedNodeStart(doc: Document.Parsed, eofPos: number): number | undefined {
  let best: number | undefined;
  visit(doc, (_key, node) => {
    const n = node as YamlNode;
    if (!n.range || n.range[1] < eofPos) return;
    const flow = (isMap(n) || isSeq(n)) && (n as YAMLMap).flow;
    const quoted = isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE');
    if ((flow || quoted) && (best === undefined || n.range[0] > best)) best = n.range[0];
  });
  return best;
}

function identity(n: number): number {
  return n;
}

class Walker {
  shortTags = 0;
  private aliasesSeen = 0;
  private expandedNodes = 0;
  private readonly anchorCache = new Map<YamlNode, { value: Json; size: number }>();
  private depthReported = false;
  private aliasReported = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly limits: YamlLimits,
    private readonly problems: ParseProblem[],
    private readonly toOriginal: (n: number) => number,
    private readonly parsedText: string,
  ) {}

  private lastSize = 0;

  convert(node: unknown, depth: number): Json {
    this.lastSize = 1;
    if (node == null) return null;
    if (depth > this.limits.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        const r = (node as YamlNode).range;
        this.problems.push({
          id: 'parse-error',
          message: `Nesting deeper than ${this.limits.maxDepth} levels: the rest of this value is not read.`,
          start: r ? this.toOriginal(r[0]) : 0,
          end: r ? this.toOriginal(r[1]) : 0,
        });
      }
      return null;
    }
    if (isAlias(node)) return this.convertAlias(node, depth);

    const n = node as YamlNode;
    let value: Json;
    let size = 1;
    if (isMap(n)) {
      const obj: JsonObject = {};
      for (const pair of (n as YAMLMap<unknown, unknown>).items) {
        if (!isPair(pair)) continue;
        const key = keyString(pair.key);
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          const r = (pair.key as YamlNode | null)?.range;
          this.problems.push({
            id: 'duplicate-key',
            message: `Duplicate key "${key}": CloudFormation keeps only one of them, silently.`,
            start: r ? this.toOriginal(r[0]) : 0,
            end: r ? this.toOriginal(r[1]) : 0,
          });
        }
        obj[key] = this.convert(pair.value, depth + 1);
        size += this.lastSize;
      }
      value = obj;
    } else if (isSeq(n)) {
      const arr: Json[] = [];
      for (const item of (n as YAMLSeq<unknown>).items) {
        arr.push(this.convert(item, depth + 1));
        size += this.lastSize;
      }
      value = arr;
    } else if (isScalar(n)) {
      value = scalarJson(n);
    } else {
      value = null;
    }

    const tag = n.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      const long = longFormOfTag(tag);
      if (long) {
        this.shortTags++;
        value = toLongForm(long, value);
      } else {
        const r = n.range;
        const start = r ? this.tagStart(r[0], tag) : 0;
        this.problems.push({
          id: 'unknown-tag',
          level: 'hardening',
          message: `Unknown tag ${tag}: CloudFormation has no such intrinsic function (a preprocessor such as Rain must expand it first). Values under it are treated as unknown.`,
          start,
          end: start + tag.length,
        });
        const wrapped: JsonObject = { [tag]: value };
        Object.defineProperty(wrapped, UNKNOWN_TAG, { value: tag, enumerable: false });
        value = wrapped;
      }
    }
    this.lastSize = size;
    return value;
  }

  private convertAlias(alias: Alias, depth: number): Json {
    this.aliasesSeen++;
    const target = alias.resolve(this.doc);
    if (!target || this.aliasReported) {
      this.lastSize = 1;
      return null;
    }
    let cached = this.anchorCache.get(target);
    if (!cached) {
      const value = this.convert(target, depth);
      cached = { value, size: this.lastSize };
      this.anchorCache.set(target, cached);
    }
    this.expandedNodes += cached.size;
    const max = this.limits.maxAliasCount;
    if (this.aliasesSeen > max || this.expandedNodes > max * ALIAS_NODE_BUDGET) {
      this.aliasReported = true;
      const r = alias.range;
      this.problems.push({
        id: 'parse-error',
        message: `Too many alias expansions (limit ${max} aliases): the document looks like an expansion attack; aliased values are not read.`,
        start: this.toOriginal(r?.[0] ?? 0),
        end: this.toOriginal(r?.[1] ?? 0),
      });
      this.lastSize = 1;
      return null;
    }
    this.lastSize = cached.size;
    return cached.value;
  }

  /** The tag precedes the node's range (yaml's ranges start at the content). */
  private tagStart(nodeStart: number, tag: string): number {
    return this.toOriginal(findTagBefore(this.parsedText, nodeStart, tag) ?? nodeStart);
  }
}

/**
 * Offset of `tag` written just before `nodeStart` (only whitespace, an anchor or line breaks
 * between), or undefined. yaml's node ranges start at the content, after any tag.
 */
export function findTagBefore(text: string, nodeStart: number, tag: string): number | undefined {
  let i = nodeStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  const end = i + 1;
  while (i >= 0 && !/[\s[{,]/.test(text[i])) i--;
  const start = i + 1;
  const token = text.slice(start, end);
  return token === tag ? start : undefined;
}

function keyString(key: unknown): string {
  if (isScalar(key)) return key.value == null ? '' : String(key.value);
  if (key == null) return '';
  return String((key as { toString(): string }).toString());
}

function scalarJson(s: Scalar): Json {
  const v = s.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(s.source ?? v);
  if (typeof v === 'bigint') return String(v);
  return String(v);
}

/**
 * Targeted recovery for quoted scalars whose continuation lines are indented no deeper than the key
 * they belong to. Returns a shadow text with those lines indented one column deeper than the key,
 * and a map from shadow offsets back to original offsets; undefined when there is nothing to repair.
 */
export function reindentQuotedContinuations(text: string): { text: string; toOriginal: (n: number) => number } | undefined {
  const lines = text.split(/(?<=\n)/);
  const out: string[] = [];
  /** Shadow offsets at which spaces were inserted, and how many, in order. */
  const inserts: { at: number; count: number }[] = [];
  let shadowOffset = 0;
  let open: { quote: string; minIndent: number } | undefined;

  for (const line of lines) {
    let current = line;
    if (open) {
      const indent = leadingSpaces(line);
      const blank = line.trim() === '';
      if (!blank && indent < open.minIndent) {
        const count = open.minIndent - indent;
        inserts.push({ at: shadowOffset, count });
        current = ' '.repeat(count) + line;
      }
      if (closesQuote(line, open.quote)) open = undefined;
    } else {
      const m = /^( *)(?:- +)?(?:[^\s#'"][^#]*?:\s+)?(['"])/.exec(line);
      if (m && m[0].length > 0) {
        const quote = m[2];
        const rest = line.slice(m[0].length);
        if (!closesQuote(rest, quote)) open = { quote, minIndent: m[1].length + 1 };
      }
    }
    out.push(current);
    shadowOffset += current.length;
  }
  if (inserts.length === 0) return undefined;
  const shadow = out.join('');
  const toOriginal = (n: number): number => {
    let shift = 0;
    for (const ins of inserts) {
      if (n < ins.at) break;
      shift += Math.min(ins.count, n - ins.at);
    }
    return n - shift;
  };
  return { text: shadow, toOriginal };
}

function leadingSpaces(line: string): number {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  return i;
}

/** Does this piece of a quoted scalar's text contain its closing quote? */
function closesQuote(piece: string, quote: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && piece[i + 1] === "'") {
        i++;
        continue;
      }
      return true;
    }
  }
  return false;
}
