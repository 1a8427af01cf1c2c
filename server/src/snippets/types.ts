/**
 * Compliant snippets as data: one definition per snippet, rendered to VS Code's snippet format for
 * YAML and JSON (snippets/cloudformation.{yaml,json}.json) and served by the language server as
 * completion items. Pure: no I/O.
 *
 * Tab stops are written inside strings (keys and values) as {{n:default}} or {{n|a,b,c|}}
 * (a choice; the first is the default); {{0}} is the final cursor position. The same {{n:...}}
 * text everywhere (a logical id and every Ref to it) becomes one mirrored tab stop.
 */
import type { Json, JsonObject } from '../engine/types';

export interface SnippetDef {
  /** Completion prefix; every prefix starts with `hipaa-`. */
  prefix: string;
  /** Shown in the completion list: 'HIPAA S3 bucket (KMS, TLS-only, access logs)'. */
  title: string;
  /** What makes it compliant, one line per control, for the completion's documentation. */
  compliance: string[];
  /** Parameters the snippet needs to deploy on its own (subnet ids, an admin CIDR...). */
  parameters?: Record<string, JsonObject>;
  /** Resources by logical id: CloudFormation JSON with long-form intrinsics ({ 'Fn::GetAtt': [...] }). */
  resources: Record<string, JsonObject>;
  /**
   * Resources of `resources` that a template may already have (a KMS key, a log bucket): when the
   * template holds a resource of `type` (and `when` accepts it), the completion leaves this one
   * out and references the template's resource instead (its logical id replaces `logicalId`).
   */
  companions?: { logicalId: string; type: string }[];
  /** A whole template for an empty file (Parameters and Resources at the top level). */
  starter?: boolean;
}

const TAB_STOP = /\{\{(\d+)(?::([^{}]*)|\|([^{}|]*)\|)?\}\}/g;

/** A string with its tab stops replaced by their defaults (the first choice). */
export function expandString(s: string): string {
  return s.replace(TAB_STOP, (_, _n: string, def?: string, choices?: string) => (def !== undefined ? def : choices !== undefined ? choices.split(',')[0] : ''));
}

/** A value with every tab stop (in keys and strings) replaced by its default. */
export function expandValue(v: Json): Json {
  if (typeof v === 'string') return expandString(v);
  if (Array.isArray(v)) return v.map(expandValue);
  if (v && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[expandString(k)] = expandValue(x);
    return out;
  }
  return v;
}

/** The template a snippet makes when expanded with its defaults (alone in a file). */
export function expandTemplate(defs: SnippetDef | SnippetDef[]): JsonObject {
  const list = Array.isArray(defs) ? defs : [defs];
  const parameters: JsonObject = {};
  const resources: JsonObject = {};
  for (const d of list) {
    Object.assign(parameters, expandValue(d.parameters ?? {}) as JsonObject);
    Object.assign(resources, expandValue(d.resources) as JsonObject);
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    ...(Object.keys(parameters).length ? { Parameters: parameters } : {}),
    Resources: resources,
  };
}
