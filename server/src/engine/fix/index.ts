/**
 * Fixes: render a Fix (ops on paths) into minimal text edits on the original document, apply edits,
 * and fix-all (every safe fix, in passes, like eslint --fix).
 */
import { lint } from '../lint';
import { parse } from '../parse';
import type { ParsedDocument } from '../parse';
import { isObject } from '../template/model';
import { intrinsicKey } from '../template/resolve';
import type { Finding, Fix, FixOp, Json, LintConfig, ParseOptions, Path, TextEdit } from '../types';
import { JsonRenderer } from './json';
import { YamlRenderer } from './yaml';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Edits in original-document coordinates, built up from edits made one after another on the
 * evolving text. An edit touching text an earlier edit inserted is merged into it.
 */
class EditComposer {
  private edits: TextEdit[] = [];
  current: string;

  constructor(private readonly original: string) {
    this.current = original;
  }

  /** Apply edits computed against the current text (non-overlapping among themselves). */
  apply(batch: readonly TextEdit[]): void {
    for (const e of [...batch].sort((a, b) => b.start - a.start)) this.applyOne(e);
  }

  private applyOne(e: TextEdit): void {
    const next = this.current.slice(0, e.start) + e.newText + this.current.slice(e.end);
    // Current-coordinate spans of earlier edits.
    let delta = 0;
    const spans = this.edits.map((x) => {
      const cs = x.start + delta;
      delta += x.newText.length - (x.end - x.start);
      return { x, cs, ce: cs + x.newText.length };
    });
    /** Original offset of a current offset that lies outside every earlier edit's span. */
    const toOriginal = (cur: number): number => {
      let d = 0;
      for (const s of spans) if (s.ce <= cur) d += s.x.newText.length - (s.x.end - s.x.start);
      return cur - d;
    };
    const touching = spans.filter((s) => e.start <= s.ce && e.end >= s.cs);
    if (touching.length === 0) {
      const start = toOriginal(e.start);
      this.edits.push({ start, end: start + (e.end - e.start), newText: e.newText });
    } else {
      const first = touching[0];
      const last = touching[touching.length - 1];
      const cs = Math.min(e.start, first.cs);
      const ce = Math.max(e.end, last.ce);
      const origStart = e.start < first.cs ? toOriginal(e.start) : first.x.start;
      const origEnd = e.end > last.ce ? toOriginal(e.end) : last.x.end;
      const newText = next.slice(cs, ce + (e.newText.length - (e.end - e.start)));
      this.edits = this.edits.filter((x) => !touching.some((s) => s.x === x));
      this.edits.push({ start: origStart, end: origEnd, newText });
    }
    this.edits.sort((a, b) => a.start - b.start);
    this.current = next;
  }

  result(): TextEdit[] {
    return this.edits.filter((e) => !(e.start === e.end && e.newText === '')).filter((e) => this.original.slice(e.start, e.end) !== e.newText);
  }
}

/** Expand merge ops into sets against the current model, so every op is a set, remove or add. */
function expandMerge(doc: ParsedDocument, path: Path, value: Record<string, Json>): FixOp[] {
  let current: Json | undefined = doc.value;
  for (const seg of path) {
    if (current === undefined || current === null || typeof current !== 'object') {
      current = undefined;
      break;
    }
    current = (current as Record<string, Json>)[seg as string];
  }
  // Merge only into a plain mapping; an intrinsic ({"Fn::If": ...}, {"Ref": ...}) is replaced whole.
  if (!isObject(current) || intrinsicKey(current) !== undefined) return [{ op: 'set', path, value }];
  const out: FixOp[] = [];
  for (const [k, v] of Object.entries(value)) {
    const here = current[k];
    if (isObject(v) && intrinsicKey(v) === undefined && isObject(here) && intrinsicKey(here) === undefined) out.push(...expandMerge(doc, [...path, k], v));
    else out.push({ op: 'set', path: [...path, k], value: v });
  }
  return out;
}

function renderOp(doc: ParsedDocument, op: FixOp): TextEdit[] {
  const r = doc.format === 'yaml' ? new YamlRenderer(doc) : new JsonRenderer(doc);
  switch (op.op) {
    case 'set':
      return r instanceof YamlRenderer ? r.set({ path: op.path, value: op.value }) : r.set(op.path, op.value);
    case 'remove':
      return r.remove(op.path);
    case 'addResource': {
      const path = ['Resources', op.logicalId];
      return r instanceof YamlRenderer ? r.set({ path, value: op.resource }) : r.set(path, op.resource);
    }
    case 'merge':
      throw new Error('merge ops are expanded before rendering');
  }
}

/**
 * Text edits (original coordinates) that apply a fix to a parsed document. Ops are applied one at a
 * time, re-reading the document in between, so later ops see what earlier ones wrote.
 */
export function renderFix(doc: ParsedDocument, fix: Fix, options: ParseOptions = {}): TextEdit[] {
  const composer = new EditComposer(doc.text);
  let current = doc;
  const queue = [...fix.ops];
  while (queue.length > 0) {
    const op = queue.shift()!;
    if (op.op === 'merge') {
      queue.unshift(...expandMerge(current, op.path, op.value));
      continue;
    }
    composer.apply(renderOp(current, op));
    current = parse(composer.current, { ...options, format: doc.format });
  }
  return composer.result();
}

export interface FixAllResult {
  output: string;
  /** Findings whose safe fixes were applied (from the pass that applied them). */
  fixed: Finding[];
  /** Findings after fixing. */
  remaining: Finding[];
  passes: number;
}

const MAX_PASSES = 10;

export interface FixAllOptions {
  /**
   * Also apply the first suggestion of findings that have no safe fix: changes that replace a
   * resource on update, add a KMS key or grant a permission. For a human who reviews the diff.
   */
  unsafe?: boolean;
}

/** Apply every safe fix (fix-all), in passes until nothing more is fixable. */
export function fixAll(text: string, config: LintConfig = {}, options: ParseOptions = {}, fixOptions: FixAllOptions = {}): FixAllResult {
  const chosen = (f: Finding): Fix | undefined => (f.suppressed || f.outOfScope ? undefined : f.fix?.kind === 'safe' ? f.fix : fixOptions.unsafe ? f.suggestions?.[0] : undefined);
  let current = text;
  const fixed: Finding[] = [];
  let passes = 0;
  // One parse and lint per pass: the findings after a pass are the next pass's input.
  let doc = parse(current, options);
  let findings = lint(doc, config);
  while (passes < MAX_PASSES) {
    const fixable = findings.filter((f) => chosen(f) !== undefined);
    if (fixable.length === 0) break;
    passes++;
    const accepted: TextEdit[] = [];
    const seen = new Set<string>();
    for (const f of fixable) {
      const fix = chosen(f)!;
      const key = JSON.stringify(fix.ops);
      if (seen.has(key)) continue; // the same fix offered for several branches
      let edits: TextEdit[];
      try {
        edits = renderFix(doc, fix, options);
      } catch {
        continue;
      }
      if (edits.some((e) => accepted.some((a) => e.start < a.end && a.start < e.end) || accepted.some((a) => a.start === e.start && a.end === e.end))) continue;
      seen.add(key);
      accepted.push(...edits);
      fixed.push(f);
    }
    if (accepted.length === 0) break;
    const next = applyEdits(current, accepted);
    if (next === current) break;
    current = next;
    doc = parse(current, options);
    findings = lint(doc, config);
  }
  return { output: current, fixed, remaining: findings, passes };
}
