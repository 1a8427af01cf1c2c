/**
 * Is this document a CloudFormation template? A cheap text pre-check keeps non-templates
 * (Kubernetes manifests, workflows, package.json) from being parsed at all; the structural check
 * decides on the parsed value.
 */
import type { Json } from '../types';

const RESOURCE_TYPE = /^(AWS|Custom|Alexa)::/;
const PRECHECK = /AWSTemplateFormatVersion|Transform|(?:AWS|Custom|Alexa)::/;

/** False only when the text cannot be a template; true means "parse and look". */
export function mightBeTemplate(text: string): boolean {
  return PRECHECK.test(text);
}

export function isTemplateValue(value: Json | undefined): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  if ('AWSTemplateFormatVersion' in value || 'Transform' in value) return true;
  const resources = value.Resources;
  if (!resources || typeof resources !== 'object' || Array.isArray(resources)) return false;
  for (const r of Object.values(resources)) {
    if (r && typeof r === 'object' && !Array.isArray(r) && typeof r.Type === 'string' && RESOURCE_TYPE.test(r.Type)) {
      return true;
    }
  }
  return false;
}

/** 'json' when the first non-blank character opens a JSON object or array; YAML otherwise. */
export function detectFormat(text: string): 'yaml' | 'json' {
  const m = /\S/.exec(text);
  return m && (m[0] === '{' || m[0] === '[') ? 'json' : 'yaml';
}
