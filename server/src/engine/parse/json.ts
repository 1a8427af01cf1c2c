/**
 * JSON templates: jsonc-parser's tree (offsets for the source map), converted into the plain model
 * in one walk that also reports duplicate keys and bounds nesting depth.
 */
import { parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Json, JsonObject } from '../types';
import type { ParseProblem } from './problems';

export interface JsonParse {
  /** The jsonc-parser tree; null when the document was read without one (built on demand). */
  root: JsonNode | undefined | null;
  value: Json | undefined;
  problems: ParseProblem[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'comments are not allowed in JSON templates',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/**
 * Read a JSON template. Valid JSON (the common case, and all of cdk synth's output) is read with the
 * native JSON.parse plus one streaming pass for duplicate keys and nesting depth: no tree is kept,
 * which matters for multi-megabyte templates. Anything else goes through jsonc-parser's
 * error-tolerant tree, which reports every syntax error and recovers.
 */
export function parseJson(text: string, maxDepth: number): JsonParse {
  let value: Json | undefined;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return parseJsonTree(text, maxDepth);
  }
  let scan: { problems: ParseProblem[]; tooDeep: boolean };
  try {
    scan = scanKeys(text, maxDepth);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    scan = { problems: [], tooDeep: true }; // nested too deeply for a recursive pass
  }
  if (scan.tooDeep) return parseJsonTree(text, maxDepth);
  return { root: null, value, problems: scan.problems };
}

/** Duplicate keys (with the duplicate's range) and whether nesting exceeds maxDepth, in one pass. */
function scanKeys(text: string, maxDepth: number): { problems: ParseProblem[]; tooDeep: boolean } {
  const problems: ParseProblem[] = [];
  const keys: (Set<string> | undefined)[] = [];
  let tooDeep = false;
  visit(text, {
    onObjectBegin: () => {
      keys.push(new Set());
      if (keys.length > maxDepth) tooDeep = true;
    },
    onObjectEnd: () => {
      keys.pop();
    },
    onArrayBegin: () => {
      keys.push(undefined);
      if (keys.length > maxDepth) tooDeep = true;
    },
    onArrayEnd: () => {
      keys.pop();
    },
    onObjectProperty: (property, offset, length) => {
      const seen = keys[keys.length - 1];
      if (!seen) return;
      if (seen.has(property)) {
        problems.push({ id: 'duplicate-key', message: `Duplicate key "${property}": CloudFormation keeps only one of them, silently.`, start: offset, end: offset + length });
      }
      seen.add(property);
    },
  });
  return { problems, tooDeep };
}

function parseJsonTree(text: string, maxDepth: number): JsonParse {
  const errors: ParseError[] = [];
  const problems: ParseProblem[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    problems.push({ id: 'parse-error', message: 'The document is nested too deeply to read.', start: 0, end: 0 });
    return { root: undefined, value: undefined, problems };
  }
  const reportedAt = new Set<number>();
  for (const e of errors) {
    if (reportedAt.has(e.offset)) continue; // one error per place: jsonc-parser may report several
    reportedAt.add(e.offset);
    const name = printParseErrorCode(e.error);
    const before = text.slice(0, e.offset).trimEnd();
    const trailingComma = before.endsWith(',') && (text[e.offset] === '}' || text[e.offset] === ']');
    problems.push({
      id: 'parse-error',
      message: trailingComma ? 'JSON syntax error: trailing comma (CloudFormation does not accept it).' : `JSON syntax error: ${MESSAGES[name] ?? name}.`,
      start: trailingComma ? before.length - 1 : e.offset,
      end: trailingComma ? before.length : e.offset + Math.max(e.length, 1),
    });
  }
  let depthReported = false;
  const convert = (node: JsonNode, depth: number): Json => {
    if (depth > maxDepth) {
      if (!depthReported) {
        depthReported = true;
        problems.push({
          id: 'parse-error',
          message: `Nesting deeper than ${maxDepth} levels: the rest of this value is not read.`,
          start: node.offset,
          end: node.offset + node.length,
        });
      }
      return null;
    }
    switch (node.type) {
      case 'object': {
        const obj: JsonObject = {};
        const seen = new Set<string>();
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (!keyNode) continue;
          const key = String(keyNode.value);
          if (seen.has(key)) {
            problems.push({
              id: 'duplicate-key',
              message: `Duplicate key "${key}": CloudFormation keeps only one of them, silently.`,
              start: keyNode.offset,
              end: keyNode.offset + keyNode.length,
            });
          }
          seen.add(key);
          obj[key] = valueNode ? convert(valueNode, depth + 1) : null;
        }
        return obj;
      }
      case 'array':
        return (node.children ?? []).map((c) => convert(c, depth + 1));
      case 'string':
      case 'number':
      case 'boolean':
        return node.value as Json;
      default:
        return null;
    }
  };
  let value: Json | undefined;
  try {
    value = root ? convert(root, 0) : undefined;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    problems.push({ id: 'parse-error', message: 'The document is nested too deeply to read.', start: 0, end: 0 });
  }
  return { root, value, problems };
}
