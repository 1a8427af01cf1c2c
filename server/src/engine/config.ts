/**
 * The workspace config file (.cfn-hipaa.yaml, .cfn-hipaa.yml or .cfn-hipaa.json), read by both the
 * language server and the CLI so that the editor and CI agree:
 *
 *   rules:
 *     s3-bucket-encryption: warning    # error | warning | info | off
 *   exclude:
 *     - "legacy/**"
 *   maxSize: 10485760
 *   phiScope:                            # only these resources (and what they reference) hold PHI
 *     tags: { DataClassification: PHI }  # for the network and eligible-services rules
 *   eligibleServices:                    # your BAA differs from AWS's standard list
 *     "AWS::Bedrock::": true
 *   regions: [us-east-1, us-west-2]      # decides Fn::Equals on AWS::Region (default: not China)
 *
 * Pure: text in, settings and problems (with ranges) out.
 */
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { ENGINE_META, RULES } from './rules';
import type { LintConfig, SeverityOverride } from './types';

export const CONFIG_FILE_NAMES = ['.cfn-hipaa.yaml', '.cfn-hipaa.yml', '.cfn-hipaa.json'] as const;

export interface WorkspaceConfig extends LintConfig {
  /** Globs (relative to the config file's folder) of files never linted. */
  exclude?: string[];
  maxSize?: number;
}

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const KEYS = new Set(['rules', 'exclude', 'maxSize', 'phiScope', 'eligibleServices', 'regions']);

export function knownRuleIds(): Set<string> {
  return new Set([...RULES.map((r) => r.meta.id), ...Object.keys(ENGINE_META)]);
}

/** Read a config file's text. A malformed file yields problems and whatever settings were valid. */
export function parseConfig(text: string, fileName: string): { config: WorkspaceConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const rangeOf: (path: (string | number)[]) => { start: number; end: number } = fileName.endsWith('.json') ? jsonRanges(text) : yamlRanges(text);
  let value: unknown;
  if (fileName.endsWith('.json')) {
    const errors: ParseError[] = [];
    value = parseJsonc(text, errors, { allowTrailingComma: true });
    for (const e of errors) problems.push({ message: `JSON syntax error: ${printParseErrorCode(e.error)}`, start: e.offset, end: e.offset + Math.max(1, e.length) });
  } else {
    const doc = parseDocument(text, { prettyErrors: false });
    for (const e of doc.errors) problems.push({ message: `YAML syntax error: ${e.message}`, start: e.pos[0], end: e.pos[1] });
    value = doc.errors.length ? undefined : doc.toJS();
  }
  const config: WorkspaceConfig = {};
  if (value === undefined || value === null) return { config, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ message: 'The cfn-hipaa config must be a mapping with rules, exclude, maxSize, phiScope, eligibleServices and regions.', ...rangeOf([]) });
    return { config, problems };
  }
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!KEYS.has(k)) problems.push({ message: `Unknown setting "${k}" (expected rules, exclude, maxSize, phiScope, eligibleServices, regions).`, ...rangeOf([k]) });
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      problems.push({ message: 'rules must map rule ids to error, warning, info or off.', ...rangeOf(['rules']) });
    } else {
      const known = knownRuleIds();
      const rules: Record<string, SeverityOverride> = {};
      for (const [id, sev] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (!known.has(id)) problems.push({ message: `There is no rule "${id}".`, ...rangeOf(['rules', id]) });
        else if (typeof sev !== 'string' || !SEVERITIES.has(sev)) problems.push({ message: `${id}: use error, warning, info or off.`, ...rangeOf(['rules', id]) });
        else rules[id] = sev as SeverityOverride;
      }
      config.rules = rules;
    }
  }
  if (obj.exclude !== undefined) {
    if (!Array.isArray(obj.exclude) || obj.exclude.some((x) => typeof x !== 'string')) problems.push({ message: 'exclude must be a list of glob patterns.', ...rangeOf(['exclude']) });
    else config.exclude = obj.exclude as string[];
  }
  if (obj.maxSize !== undefined) {
    if (typeof obj.maxSize !== 'number' || !Number.isInteger(obj.maxSize) || obj.maxSize <= 0) problems.push({ message: 'maxSize must be a positive whole number of characters.', ...rangeOf(['maxSize']) });
    else config.maxSize = obj.maxSize;
  }
  if (obj.phiScope !== undefined) {
    const ps = obj.phiScope as Record<string, unknown> | null;
    const tags = ps && typeof ps === 'object' && !Array.isArray(ps) ? ps.tags : undefined;
    const validTags = tags && typeof tags === 'object' && !Array.isArray(tags) && Object.values(tags).every((v) => typeof v === 'string');
    if (!ps || typeof ps !== 'object' || Array.isArray(ps) || Object.keys(ps).some((k) => k !== 'tags') || (tags !== undefined && !validTags)) {
      problems.push({ message: 'phiScope must be { tags: { <tag key>: <value, or * for any> } }.', ...rangeOf(['phiScope']) });
    } else {
      config.phiScope = tags ? { tags: { ...(tags as Record<string, string>) } } : {};
    }
  }
  if (obj.eligibleServices !== undefined) {
    const es = obj.eligibleServices as Record<string, unknown> | null;
    if (!es || typeof es !== 'object' || Array.isArray(es)) {
      problems.push({ message: 'eligibleServices must map resource-type prefixes (AWS::Bedrock::) or types to true or false.', ...rangeOf(['eligibleServices']) });
    } else {
      const out: Record<string, boolean> = {};
      for (const [k, v] of Object.entries(es)) {
        if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::([A-Za-z0-9]+)?$/.test(k)) problems.push({ message: `"${k}" is not a resource-type prefix (AWS::Service::) or type (AWS::Service::Resource).`, ...rangeOf(['eligibleServices', k]) });
        else if (typeof v !== 'boolean') problems.push({ message: `${k}: use true (eligible under your BAA) or false.`, ...rangeOf(['eligibleServices', k]) });
        else out[k] = v;
      }
      config.eligibleServices = out;
    }
  }
  if (obj.regions !== undefined) {
    const rs = obj.regions;
    if (!Array.isArray(rs) || rs.length === 0 || rs.some((r) => typeof r !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r))) {
      problems.push({ message: 'regions must be a list of AWS region codes (us-east-1, eu-west-2...).', ...rangeOf(['regions']) });
    } else {
      config.regions = [...(rs as string[])];
    }
  }
  return { config, problems };
}

function yamlRanges(text: string) {
  const doc = parseDocument(text, { prettyErrors: false });
  return (path: (string | number)[]) => {
    let node = doc.contents as YamlNode | null;
    let range: [number, number] = [0, Math.min(text.length, Math.max(1, text.indexOf('\n')))];
    for (const seg of path) {
      if (node && isMap(node)) {
        const p = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg)) as Pair | undefined;
        if (!p) break;
        const k = p.key as YamlNode;
        if (k.range) range = [k.range[0], k.range[1]];
        node = p.value as YamlNode | null;
      } else if (node && isSeq(node) && typeof seg === 'number') {
        node = node.items[seg] as YamlNode | null;
        if (node?.range) range = [node.range[0], node.range[1]];
      } else break;
    }
    return { start: range[0], end: range[1] };
  };
}

function jsonRanges(text: string) {
  return (path: (string | number)[]) => {
    const key = path[path.length - 1];
    if (key === undefined) return { start: 0, end: 1 };
    const at = text.indexOf(JSON.stringify(String(key)));
    return at < 0 ? { start: 0, end: 1 } : { start: at, end: at + JSON.stringify(String(key)).length };
  };
}

/** Combine settings: later layers override earlier ones rule by rule. */
export function mergeConfigs(...layers: (WorkspaceConfig | undefined)[]): WorkspaceConfig {
  const out: WorkspaceConfig = { rules: {} };
  for (const l of layers) {
    if (!l) continue;
    Object.assign(out.rules!, l.rules ?? {});
    if (l.exclude) out.exclude = [...(out.exclude ?? []), ...l.exclude];
    if (l.maxSize !== undefined) out.maxSize = l.maxSize;
    if (l.phiScope !== undefined) out.phiScope = l.phiScope;
    if (l.eligibleServices) out.eligibleServices = { ...(out.eligibleServices ?? {}), ...l.eligibleServices };
    if (l.regions) out.regions = [...l.regions];
  }
  return out;
}

/**
 * The config file that applies to a file in `dir`: the nearest .cfn-hipaa.{yaml,yml,json} in it or
 * an ancestor. I/O is injected (`exists`) so that the engine stays pure.
 */
export function findConfigFile(dir: string, exists: (file: string) => boolean, sep = '/'): string | undefined {
  let current = dir.replace(/[\\/]+$/, '') || sep;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = current === sep ? `${sep}${name}` : `${current}${sep}${name}`;
      if (exists(candidate)) return candidate;
    }
    const cut = Math.max(current.lastIndexOf('/'), current.lastIndexOf('\\'));
    if (cut <= 0) {
      if (current !== sep && cut === 0) {
        current = sep;
        continue;
      }
      return undefined;
    }
    current = current.slice(0, cut);
  }
}
