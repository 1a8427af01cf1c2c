/**
 * CloudFormation's YAML short-form tags and their long forms.
 * `!Ref X` -> {Ref: X}; `!Condition X` -> {Condition: X}; every other `!Name` -> {"Fn::Name": ...}.
 */
import type { Json } from '../types';

/** Short-form intrinsic functions CloudFormation accepts in templates (and in the Rules section). */
export const SHORT_TAGS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetStackOutput',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'ToJsonString',
  'Length',
  // Rules-section functions
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
] as const;

const LONG_BY_TAG = new Map<string, string>(
  SHORT_TAGS.map((name) => ['!' + name, name === 'Ref' || name === 'Condition' ? name : 'Fn::' + name]),
);
const TAG_BY_LONG = new Map<string, string>([...LONG_BY_TAG].map(([tag, long]) => [long, tag]));

/** '!If' -> 'Fn::If'; undefined for unknown tags. */
export function longFormOfTag(tag: string): string | undefined {
  return LONG_BY_TAG.get(tag);
}

/** 'Fn::If' -> '!If'; undefined for keys that have no short form. */
export function tagOfLongForm(key: string): string | undefined {
  return TAG_BY_LONG.get(key);
}

/** Convert a tagged node's plain value to its long form. `!GetAtt A.B.C` becomes ["A", "B.C"]. */
export function toLongForm(long: string, value: Json): Json {
  if (long === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [long]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [long]: value };
}

/** Tags the yaml package should accept without a warning, in each collection kind. */
export function yamlCustomTags(): { tag: string; collection?: 'map' | 'seq'; resolve: (v: unknown) => unknown }[] {
  const out: { tag: string; collection?: 'map' | 'seq'; resolve: (v: unknown) => unknown }[] = [];
  for (const tag of LONG_BY_TAG.keys()) {
    // The engine converts tagged nodes itself (see yaml.ts); registering keeps yaml from
    // warning "Unresolved tag" and lets every form CloudFormation accepts through.
    out.push({ tag, resolve: (v) => v });
    out.push({ tag, collection: 'seq', resolve: (v) => v });
    out.push({ tag, collection: 'map', resolve: (v) => v });
  }
  return out;
}
