/**
 * lint(parsed, config) -> Finding[]: parse problems, then every rule of the pack on every resource
 * of its types, then suppressions, severities and ranges.
 */
import { docsUrl } from './docs';
import { HIPAA_PACK } from './packs/hipaa';
import type { Pack } from './packs/hipaa';
import type { ParsedDocument } from './parse';
import type { EngineFindingId } from './parse/problems';
import { ENGINE_META, ruleById, rulesForType, RULES } from './rules';
import type { Report, Rule, RuleContext } from './rules/rule';
import { collectPeerSuppressions, collectSuppressions, findPeerSuppression } from './suppress';
import type { PeerSuppression } from './suppress';
import type { SuppressionIndex } from './suppress';
import { buildTemplate } from './template/model';
import type { Resource, Template } from './template/model';
import { Resolver } from './template/resolve';
import type { Outcome } from './template/resolve';
import type { Finding, Level, LintConfig, Path, RelatedInfo, Severity } from './types';
import { pathStartsWith } from './path';
import { phiScope } from './scope';
import { cdkPathOf, constructPathOf } from './cdk/assembly';
import type { ScopeLookup } from './scope';

export interface LintResult {
  findings: Finding[];
  template?: Template;
}

/** Lint a parsed document. Returns [] for documents that are not templates. */
export function lint(doc: ParsedDocument, config: LintConfig = {}, pack: Pack = HIPAA_PACK): Finding[] {
  return lintDocument(doc, config, pack).findings;
}

/**
 * `prebuilt`: the document's template already built (lintAssembly builds every template of a unit
 * first, to link them); it must be built from `doc.value`.
 */
export function lintDocument(doc: ParsedDocument, config: LintConfig = {}, pack: Pack = HIPAA_PACK, prebuilt?: Template): LintResult {
  const out = new FindingSink(doc, config, pack);
  for (const p of doc.problems) {
    out.engine(p.id, p.message, p.level ?? 'violation', { start: p.start, end: p.end });
  }
  if (!doc.isTemplate) return { findings: out.sorted() };
  const template = prebuilt ?? buildTemplate(doc.value);
  if (!template) return { findings: out.sorted() };
  out.template = template;

  const resolver = new Resolver(template, config.regions ? { regions: config.regions } : {});
  for (const resource of template.resources.values()) {
    for (const rule of rulesForType(resource.type)) {
      if (!(rule.meta.id in pack.rules) || config.rules?.[rule.meta.id] === 'off') continue;
      runRule(rule, resource, template, resolver, out, config);
    }
  }

  const suppressions = collectSuppressions(template, new Set(RULES.map((r) => r.meta.id)));
  for (const p of suppressions.problems) {
    const text = ENGINE_META['invalid-suppression'].messages[p.messageId];
    out.engineAtPath('invalid-suppression', text.replace('{{rule}}', p.rule ?? ''), 'hardening', p.path);
  }
  out.applySuppressions(suppressions, collectPeerSuppressions(template));
  out.applyScope(template, config);
  return { findings: out.sorted(), template };
}

function runRule(rule: Rule, resource: Resource, template: Template, resolver: Resolver, out: FindingSink, config: LintConfig): void {
  const propsPath = [...resource.path, 'Properties'];
  const assume = resource.condition ? [{ name: resource.condition, value: true }] : [];
  const ctx: RuleContext = {
    template,
    config,
    resolver,
    resource,
    prop: (...rel) => resolver.at([...propsPath, ...rel], assume),
    propWhen: (o, ...rel) => resolver.at([...propsPath, ...rel], o.conditions),
    below: (o, ...rel) => resolver.descend(o, rel),
    propPath: (...rel) => [...propsPath, ...rel],
    report: (r) => out.rule(rule, resource, r),
  };
  try {
    rule.check(resource, ctx);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    out.engineAtPath(
      'rule-error',
      `Rule ${rule.meta.id} failed on ${resource.logicalId} (${why}); it could not be checked. The other rules still ran.`,
      'violation',
      resource.path,
      { logicalId: resource.logicalId, resourceType: resource.type },
    );
  }
}

function fill(text: string, data: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => {
    if (!(k in data)) throw new Error(`message placeholder {{${k}}} has no value`);
    return String(data[k]);
  });
}

function describeOrigin(o: Outcome, template: Template | undefined): string | undefined {
  if (o.foreign) {
    // The stack where the value is written (the last of a chain of exports and nested stacks).
    let stack = o.foreign.stack;
    let inner = o.foreign.inner;
    let t = template?.unit?.template(stack);
    for (let hops = 0; inner.foreign && hops < 32; hops++) {
      stack = inner.foreign.stack;
      t = t?.unit?.template(stack);
      inner = inner.foreign.inner;
    }
    const what = describeOrigin(inner, t) ?? (inner.origin[0] === 'Outputs' ? `output ${String(inner.origin[1])}` : undefined);
    return `stack ${stack}${what ? ` (${what})` : ''}`;
  }
  const [section, name] = o.origin;
  if (section === 'Parameters') return o.origin[2] === 'Default' ? `the Default of parameter ${String(name)}` : `an allowed value of parameter ${String(name)} (it has no Default)`;
  if (section === 'Mappings') return `mapping ${String(name)} (${o.origin.slice(2).join(' / ')})`;
  if (section === 'Globals') return `the SAM Globals section (${o.origin.slice(1).join('.')})`;
  if (section === 'Resources' && name !== undefined && template?.resource(String(name))) return `resource ${String(name)}`;
  return undefined;
}

const NO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

class FindingSink {
  private readonly findings: Finding[] = [];
  /** Findings (and related information) whose ranges are resolved together at the end. */
  private readonly unplaced: { finding: Finding; related: RelatedInfo[] }[] = [];
  /** Set once the document has been read as a template. */
  template: Template | undefined;

  constructor(
    private readonly doc: ParsedDocument,
    private readonly config: LintConfig,
    private readonly pack: Pack,
  ) {}

  private severity(id: string, level: Level): Severity | undefined {
    const override = this.config.rules?.[id];
    if (override === 'off') return undefined;
    if (override && level !== 'unverifiable') return override;
    return this.pack.levels[level];
  }

  engine(id: EngineFindingId, message: string, level: Level, offsets: { start: number; end: number }, extra: Partial<Finding> = {}): void {
    const severity = this.severity(id, level);
    if (!severity) return;
    this.findings.push({
      ruleId: id,
      messageId: id,
      message,
      level,
      severity,
      path: [],
      offsets,
      range: this.doc.lines.range(offsets),
      citations: [],
      docsUrl: docsUrl(id),
      ...extra,
    });
  }

  engineAtPath(id: EngineFindingId, message: string, level: Level, path: Path, extra: Partial<Finding> = {}): void {
    const before = this.findings.length;
    this.engine(id, message, level, { start: 0, end: 0 }, { path, ...extra });
    if (this.findings.length > before) this.unplaced.push({ finding: this.findings[before], related: [] });
  }

  rule(rule: Rule, resource: Resource, r: Report): void {
    const msg = rule.meta.messages[r.messageId];
    if (!msg) throw new Error(`unknown messageId ${r.messageId}`);
    const severity = this.severity(rule.meta.id, msg.level);
    if (!severity) return;
    const related: RelatedInfo[] = [...(r.related ?? [])];
    let path: Path;
    let suffix = '';
    if (Array.isArray(r.at)) {
      path = r.at as Path;
    } else {
      const o = r.at as Outcome;
      if (pathStartsWith(o.origin, resource.path)) {
        path = o.origin;
      } else {
        path = o.logical;
        const from = describeOrigin(o, this.template);
        if (from) {
          suffix += ` The value comes from ${from}.`;
          // Another stack's text is in another file: named in the message, not pointed at.
          if (!o.foreign) related.push({ path: o.origin, message: `The value comes from here (${from}).` });
        }
      }
      if (o.conditions.length > 0) {
        suffix += ` This applies when ${o.conditions.map((c) => `condition ${c.name} is ${c.value}`).join(' and ')}.`;
      }
    }
    const unit = this.template?.unit;
    if (unit) {
      // Never point at, or fix, another stack's text from this document.
      if (unit.isForeignPath(path)) path = resource.path;
      for (let i = related.length - 1; i >= 0; i--) if (unit.isForeignPath(related[i].path)) related.splice(i, 1);
    }
    const cdkPath = cdkPathOf(resource, this.config.cdkLogicalIds);
    const constructPath = cdkPath ? constructPathOf(cdkPath, this.config.cdkTree) : undefined;
    if (constructPath) suffix += ` (construct ${constructPath})`;
    const data = { id: resource.logicalId, type: resource.type, ...(r.data ?? {}) };
    const message = fill(msg.text, data) + suffix;
    const finding: Finding = {
      ruleId: rule.meta.id,
      messageId: r.messageId,
      message,
      level: msg.level,
      severity,
      path,
      offsets: { start: 0, end: 0 },
      range: NO_RANGE,
      logicalId: resource.logicalId,
      resourceType: resource.type,
      citations: [...(this.pack.rules[rule.meta.id]?.citations ?? [])],
      fix: unit && r.fix && unit.mentionsForeign(r.fix) ? undefined : r.fix,
      suggestions: unit && r.suggestions ? r.suggestions.filter((x) => !unit.mentionsForeign(x)) : r.suggestions,
      ...(constructPath ? { constructPath } : {}),
      docsUrl: docsUrl(rule.meta.id),
    };
    this.findings.push(finding);
    this.unplaced.push({ finding, related });
  }

  /** Resolve every pending path to a range in one batch (one pass over a large JSON document). */
  private place(): void {
    if (this.unplaced.length === 0) return;
    const map = this.doc.sourceMap;
    map.prepare?.(this.unplaced.flatMap((u) => [u.finding.path, ...u.related.map((r) => r.path)]));
    for (const { finding, related } of this.unplaced) {
      finding.offsets = map.rangeFor(finding.path);
      finding.range = this.doc.lines.range(finding.offsets);
      if (related.length) finding.related = related.map((x) => ({ ...x, range: this.doc.lines.range(map.rangeFor(x.path)) }));
    }
    this.unplaced.length = 0;
  }

  applySuppressions(s: SuppressionIndex, peers: readonly PeerSuppression[]): void {
    for (const f of this.findings) {
      if (f.ruleId === 'invalid-suppression' || f.ruleId === 'parse-error') continue;
      const hit = s.find(f.ruleId, f.logicalId);
      if (hit) {
        f.suppressed = { reason: hit.reason, scope: hit.scope };
        continue;
      }
      const peer = findPeerSuppression(peers, ruleById(f.ruleId)?.meta.peers, f.logicalId);
      if (peer) f.suppressed = { reason: peer.reason, scope: peer.scope, peer: { tool: peer.tool, rule: peer.rule } };
    }
  }

  /** Mark findings of PHI-scoped rules on resources outside PHI scope. */
  applyScope(template: Template, config: LintConfig): void {
    let scope: ScopeLookup | undefined;
    for (const f of this.findings) {
      if (f.logicalId === undefined || !ruleById(f.ruleId)?.meta.phiScoped) continue;
      scope ??= phiScope(template, config.phiScope);
      const why = scope.outOfScope(f.logicalId);
      if (why) f.outOfScope = why;
    }
  }

  sorted(): Finding[] {
    this.place();
    return this.findings.sort((a, b) => a.offsets.start - b.offsets.start || a.offsets.end - b.offsets.end || a.ruleId.localeCompare(b.ruleId));
  }
}
