/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers: one reportingDescriptor per rule (help
 * URI, citations in properties, security-severity for GitHub), results located at 1-based
 * line/column (UTF-16 code units, SARIF's default columnKind), artifact URIs relative to the
 * working directory (%SRCROOT%).
 */
import { pathToFileURL } from 'node:url';
import { ENGINE_META, RULES } from '../../engine/rules';
import { HIPAA_PACK } from '../../engine/packs/hipaa';
import { docsUrl } from '../../engine/docs';
import type { Finding, Severity } from '../../engine/types';
import type { FileReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub maps >= 7.0 to high, >= 4.0 to medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

interface Descriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

export function ruleDescriptors(): Descriptor[] {
  const hipaa = RULES.filter((r) => r.meta.id in HIPAA_PACK.rules).map((r): Descriptor => {
    const citations = [...HIPAA_PACK.rules[r.meta.id].citations];
    const url = docsUrl(r.meta.id);
    return {
      id: r.meta.id,
      name: pascal(r.meta.id),
      shortDescription: { text: r.meta.title },
      fullDescription: { text: r.meta.description },
      helpUri: url,
      help: {
        text: `${r.meta.description} HIPAA: 45 CFR ${citations.join(', ')}. ${url}`,
        markdown: `${r.meta.description}\n\n**HIPAA Security Rule:** ${citations.map((c) => `45 CFR ${c}`).join(', ')}\n\n[Rule documentation](${url})`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'hipaa', 'cloudformation'], citations, 'security-severity': SECURITY_SEVERITY.error, precision: 'high' },
    };
  });
  const engine = Object.entries(ENGINE_META).map(([id, m]): Descriptor => ({
    id,
    name: pascal(id),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    helpUri: docsUrl(id),
    help: { text: `${m.description} ${docsUrl(id)}`, markdown: `${m.description}\n\n[Documentation](${docsUrl(id)})` },
    defaultConfiguration: { level: id === 'unknown-tag' || id === 'invalid-suppression' ? 'warning' : 'error' },
    properties: { tags: ['cloudformation', 'correctness'], citations: [] },
  }));
  return [...hipaa, ...engine];
}

export function formatSarif(reports: FileReport[], opts: { cwd: string; version: string; includeSuppressed: boolean }): string {
  const rules = ruleDescriptors();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) =>
    r.findings
      .filter((f) => opts.includeSuppressed || !f.suppressed)
      .map((f) => result(f, r, index)),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cfn-hipaa',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: 'https://github.com/cfn-hipaa/cfn-hipaa',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(opts.cwd.endsWith('/') ? opts.cwd : opts.cwd + '/').href } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function uriOf(display: string): string {
  return display.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function region(f: { range: Finding['range'] }) {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

function result(f: Finding, r: FileReport, index: Map<string, number>) {
  const artifactLocation = { uri: uriOf(r.display), uriBaseId: '%SRCROOT%' };
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message + (f.citations.length ? ` (45 CFR ${f.citations.join(', ')})` : '') },
    locations: [{ physicalLocation: { artifactLocation, region: region(f) }, ...(f.logicalId
          ? {
              logicalLocations: [
                { name: f.logicalId, kind: 'resource', fullyQualifiedName: f.path.join('.') },
                ...(f.constructPath ? [{ name: f.constructPath.slice(f.constructPath.lastIndexOf('/') + 1), kind: 'module', fullyQualifiedName: f.constructPath }] : []),
              ],
            }
          : {}) }],
    ...(f.related?.length
      ? { relatedLocations: f.related.map((x, i) => ({ id: i + 1, message: { text: x.message }, physicalLocation: { artifactLocation, region: region(x) } })) }
      : {}),
    ...(f.suppressed
      ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason, ...(f.suppressed.peer ? { properties: { tool: f.suppressed.peer.tool, rule: f.suppressed.peer.rule } } : {}) }] }
      : f.outOfScope
        ? { suppressions: [{ kind: 'external', justification: `outside PHI scope: ${f.outOfScope}` }] }
        : {}),
    properties: {
      citations: f.citations,
      path: f.path,
      ...(f.logicalId ? { logicalId: f.logicalId, resourceType: f.resourceType } : {}),
      ...(r.stack ? { stack: r.stack } : {}),
      ...(f.constructPath ? { constructPath: f.constructPath } : {}),
      fixable: f.fix?.kind === 'safe',
      'security-severity': SECURITY_SEVERITY[f.severity],
    },
  };
}
