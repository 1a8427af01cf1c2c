/**
 * PHI scope: which resources hold or carry PHI, for the rules that only concern those (network
 * isolation, HIPAA-eligible services; RuleMeta.phiScoped). By default every resource is in scope.
 * It narrows by:
 *
 *   - Metadata `cfn-hipaa: { phi: false }` at the template's top level (the whole stack holds no
 *     PHI) or on a resource; a resource's `phi: true` brings it back into a `phi: false` template;
 *   - a tag rule in the config file (`phiScope: { tags: { DataClassification: PHI } }`): only
 *     resources carrying every listed tag (value `*` matches any value), and every resource they
 *     reference, directly or through others (a tagged database's subnet group, its subnets, their
 *     route tables...), are in scope.
 *
 * A resource's own `phi` flag wins over the tag rule. Pure: the template in, a lookup out.
 */
import type { Json, PhiScope } from './types';
import { isObject } from './template/model';
import type { Resource, Template } from './template/model';
import { METADATA_KEY } from './suppress';

export interface ScopeLookup {
  /** Why the resource is outside PHI scope, or undefined when it is in scope. */
  outOfScope(logicalId: string): string | undefined;
}

const IN_SCOPE: ScopeLookup = { outOfScope: () => undefined };

function phiFlag(metadata: Json | undefined): boolean | undefined {
  if (!isObject(metadata)) return undefined;
  const block = metadata[METADATA_KEY];
  return isObject(block) && typeof block.phi === 'boolean' ? block.phi : undefined;
}

/** Tags of a resource as key -> value: the CloudFormation list form or the map form (SAM, some types). */
function tagsOf(r: Resource): Map<string, string> {
  const out = new Map<string, string>();
  const t = r.properties.Tags;
  if (Array.isArray(t)) {
    for (const e of t) if (isObject(e) && typeof e.Key === 'string') out.set(e.Key, typeof e.Value === 'string' ? e.Value : '');
  } else if (isObject(t)) {
    for (const [k, v] of Object.entries(t)) out.set(k, typeof v === 'string' ? v : '');
  }
  return out;
}

export function phiScope(template: Template, config: PhiScope | undefined): ScopeLookup {
  const templateFlag = phiFlag(template.metadata);
  const tagRule = config?.tags && Object.keys(config.tags).length > 0 ? config.tags : undefined;
  if (templateFlag === undefined && !tagRule && ![...template.resources.values()].some((r) => phiFlag(r.metadata) === false)) return IN_SCOPE;

  let tagged: Set<string> | undefined;
  if (tagRule) {
    const matches = (r: Resource) => {
      const tags = tagsOf(r);
      return Object.entries(tagRule).every(([k, v]) => tags.has(k) && (v === '*' || tags.get(k) === v));
    };
    // Resources tagged as PHI, then everything they reference, transitively.
    const outgoing = new Map<string, Set<string>>();
    for (const target of template.resources.keys()) {
      for (const ref of template.referencesTo(target)) {
        if (ref.from === undefined || ref.from === target) continue;
        const set = outgoing.get(ref.from) ?? new Set<string>();
        set.add(target);
        outgoing.set(ref.from, set);
      }
    }
    for (const r of template.resources.values()) {
      for (const dep of r.dependsOn) {
        if (!template.resources.has(dep)) continue;
        const set = outgoing.get(r.logicalId) ?? new Set<string>();
        set.add(dep);
        outgoing.set(r.logicalId, set);
      }
    }
    tagged = new Set([...template.resources.values()].filter(matches).map((r) => r.logicalId));
    const queue = [...tagged];
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const next of outgoing.get(id) ?? []) {
        if (!tagged.has(next)) {
          tagged.add(next);
          queue.push(next);
        }
      }
    }
  }
  const tagText = tagRule ? Object.entries(tagRule).map(([k, v]) => `${k}=${v}`).join(', ') : '';
  return {
    outOfScope(logicalId) {
      const r = template.resource(logicalId);
      if (!r) return undefined;
      const own = phiFlag(r.metadata);
      if (own === true) return undefined;
      if (own === false) return `resource ${logicalId} is marked phi: false in its Metadata`;
      if (templateFlag === false) return 'the template is marked phi: false in its Metadata';
      if (tagged && !tagged.has(logicalId)) return `resource ${logicalId} is not tagged ${tagText} and no resource so tagged refers to it (phiScope in the config file)`;
      return undefined;
    },
  };
}
