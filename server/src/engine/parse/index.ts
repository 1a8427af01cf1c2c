/**
 * parse(text) -> ParsedDocument: the model value (long-form intrinsics), a source map, the problems
 * found while reading, and what the fix renderer needs to write in the document's own style.
 */
import type { Document } from 'yaml';
import type { Format, Json, ParseOptions } from '../types';
import { detectFormat, isTemplateValue, mightBeTemplate } from './detect';
import { parseJson } from './json';
import type { ParseProblem } from './problems';
import { JsonSourceMap, LineIndex, YamlSourceMap } from './source-map';
import type { SourceMap } from './source-map';
import { parseYaml } from './yaml';
import { parseYamlIncremental } from './incremental';
export { YamlIncrementalState } from './incremental';

export type { ParseProblem } from './problems';
export { LineIndex } from './source-map';
export type { SourceMap, Located } from './source-map';

export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;
export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_DEPTH = 200;

interface ParsedBase {
  text: string;
  format: Format;
  /** True when the document is a CloudFormation template and should be linted. */
  isTemplate: boolean;
  /** The whole document as JSON with long-form intrinsics; undefined when unreadable or skipped. */
  value: Json | undefined;
  problems: ParseProblem[];
  sourceMap: SourceMap;
  lines: LineIndex;
}
export interface ParsedYaml extends ParsedBase {
  format: 'yaml';
  yaml?: { doc: Document.Parsed; sourceMap: YamlSourceMap; toOriginal: (n: number) => number; usesShortTags: boolean };
}
export interface ParsedJson extends ParsedBase {
  format: 'json';
  json?: { sourceMap: JsonSourceMap };
}
export type ParsedDocument = ParsedYaml | ParsedJson;

const NO_MAP: SourceMap = {
  locate: () => ({ found: [], exact: false, key: { start: 0, end: 0 }, value: { start: 0, end: 0 } }),
  rangeFor: () => ({ start: 0, end: 0 }),
};

export function parse(text: string, options: ParseOptions = {}): ParsedDocument {
  const format = options.format ?? detectFormat(text);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const lines = new LineIndex(text);
  const skipped = (problems: ParseProblem[]): ParsedDocument =>
    ({ text, format, isTemplate: problems.length > 0, value: undefined, problems, sourceMap: NO_MAP, lines }) as ParsedDocument;

  if (!mightBeTemplate(text)) return skipped([]);
  if (text.length > maxSize) {
    return skipped([
      {
        id: 'template-too-large',
        message: sizeMessage(text.length, maxSize),
        start: 0,
        end: Math.min(text.length, firstLineEnd(text)),
      },
    ]);
  }

  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (format === 'json') {
    const j = parseJson(text, maxDepth);
    const sourceMap = new JsonSourceMap(text, j.root);
    const isTemplate = isTemplateValue(j.value) || (j.value === undefined && j.problems.length > 0 && looksLikeTemplateText(text));
    return { text, format, isTemplate, value: j.value, problems: j.problems, sourceMap, lines, json: { sourceMap } };
  }
  const limits = { maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT, maxDepth };
  const y = (options.incremental && parseYamlIncremental(text, limits, options.incremental)) || parseYaml(text, limits);
  const sourceMap = new YamlSourceMap(text, y.parsedText, y.doc, y.toOriginal);
  const isTemplate = isTemplateValue(y.value) || (y.problems.some((p) => p.id === 'parse-error') && looksLikeTemplateText(text));
  return {
    text,
    format,
    isTemplate,
    value: y.value,
    problems: y.problems,
    sourceMap,
    lines,
    yaml: { doc: y.doc, sourceMap, toOriginal: y.toOriginal, usesShortTags: y.usesShortTags },
  };
}

/** A broken document still gets its parse errors reported if its text reads like a template. */
function looksLikeTemplateText(text: string): boolean {
  return /AWSTemplateFormatVersion|^\s*"?Resources"?\s*:|(?:AWS|Custom|Alexa)::\w+::\w+/m.test(text);
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? text.length : nl;
}

function sizeMessage(size: number, max: number): string {
  let a = formatSize(size);
  let b = formatSize(max);
  if (a === b) {
    a = `${size} characters`;
    b = `${max} characters`;
  }
  return `The document is ${a}, above the limit of ${b}: it was not checked. Raise the limit (maxSize) to check it.`;
}

/** Sizes are counted in characters (UTF-16 code units, as editors count): bytes for ASCII text. */
function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} characters`;
}
