/**
 * RDS and Aurora databases require TLS for client connections through their parameter group.
 * Catalog HTRN-RDS-01 (only checkov CKV2_AWS_69 covers it; no HIPAA pack does).
 *
 * Cross-resource: a DB instance (not an Aurora or Multi-AZ cluster member, which is judged through
 * its cluster) -> DBParameterGroupName -> AWS::RDS::DBParameterGroup; a DB cluster ->
 * DBClusterParameterGroupName -> AWS::RDS::DBClusterParameterGroup. PostgreSQL and SQL Server use
 * rds.force_ssl = 1; MySQL, MariaDB and Aurora MySQL use require_secure_transport = ON.
 * RDS for PostgreSQL 15 and later turns rds.force_ssl on by default; every other engine's default
 * is off. An explicit off is a violation; relying on an off default is hardening (TLS is offered,
 * but a client may still connect in plaintext).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Report, RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isSet, refine, resourceScope } from '../util/encryption';
import { addGroupFix, groupValue, lookupGroup, setGroupValueOp } from '../util/parameter-groups';
import { uniqueLogicalId } from '../util/kms';
import type { GroupKind } from '../util/parameter-groups';
import type { Fix } from '../../types';

interface EngineInfo {
  label: string;
  param: 'rds.force_ssl' | 'require_secure_transport';
  on: string;
  /** Is the parameter on by default for this major version (undefined: unknown version)? */
  defaultOn: (major: number | undefined, versionKnown: boolean) => boolean | undefined;
  /** Parameter group family for a literal engine version. */
  family: (version: string) => string | undefined;
  /** A static parameter: a change takes effect after a reboot. */
  static?: boolean;
  /** What the engine's parameter group families start with (postgres15, aurora-mysql8.0, sqlserver-se-15.0). */
  familyPrefix: string;
}

const off = () => false;
const majorMinor = (v: string): [number, number] | undefined => {
  const m = /^(\d+)(?:\.(\d+))?/.exec(v);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : undefined;
};
const pgFamily = (prefix: string) => (v: string) => {
  const mm = majorMinor(v);
  if (!mm) return undefined;
  return mm[0] >= 10 ? `${prefix}${mm[0]}` : `${prefix}${mm[0]}.${mm[1]}`;
};
const dottedFamily = (prefix: string) => (v: string) => {
  const mm = /^(\d+)\.(\d+)/.exec(v);
  return mm ? `${prefix}${mm[1]}.${mm[2]}` : undefined;
};

function engineInfo(engine: string): EngineInfo | { unsupported: string } | undefined {
  const e = engine.toLowerCase();
  if (e === 'postgres') {
    return {
      label: 'RDS for PostgreSQL',
      param: 'rds.force_ssl',
      on: '1',
      // On by default from PostgreSQL 15; an absent EngineVersion means the current default version (15 or later).
      defaultOn: (major, known) => (major !== undefined ? major >= 15 : known ? true : undefined),
      family: pgFamily('postgres'),
      familyPrefix: 'postgres',
    };
  }
  if (e === 'aurora-postgresql') return { label: 'Aurora PostgreSQL', param: 'rds.force_ssl', on: '1', defaultOn: off, family: pgFamily('aurora-postgresql'), familyPrefix: 'aurora-postgresql' };
  if (/^sqlserver-(ee|se|ex|web)$/.test(e)) {
    return {
      label: 'RDS for SQL Server',
      param: 'rds.force_ssl',
      on: '1',
      defaultOn: off,
      family: (v) => {
        const mm = majorMinor(v);
        return mm ? `${e}-${mm[0]}.0` : undefined;
      },
      static: true,
      familyPrefix: e,
    };
  }
  if (e === 'mysql') return { label: 'RDS for MySQL', param: 'require_secure_transport', on: 'ON', defaultOn: off, family: dottedFamily('mysql'), familyPrefix: 'mysql' };
  if (e === 'mariadb') return { label: 'RDS for MariaDB', param: 'require_secure_transport', on: 'ON', defaultOn: off, family: dottedFamily('mariadb'), familyPrefix: 'mariadb' };
  if (e === 'aurora-mysql') return { label: 'Aurora MySQL', param: 'require_secure_transport', on: 'ON', defaultOn: off, family: dottedFamily('aurora-mysql'), familyPrefix: 'aurora-mysql' };
  if (e === 'aurora') return { unsupported: 'engine aurora (Aurora MySQL version 1, MySQL 5.6) has no require_secure_transport parameter; TLS can only be required per database user' };
  if (e.startsWith('oracle')) return { unsupported: `engine ${engine} requires TLS through an option group (the SSL option) and sqlnet settings, which this rule does not read` };
  if (e.startsWith('db2')) return { unsupported: `engine ${engine} is configured for TLS through its parameter group's ssl_svcename and certificates, which this rule does not read` };
  if (e.startsWith('custom-')) return { unsupported: `RDS Custom engine ${engine} is configured on the host, not through CloudFormation` };
  return undefined;
}

function isOn(v: unknown): boolean {
  const s = String(v).toLowerCase();
  return s === '1' || s === 'on' || s === 'true';
}
function isOff(v: unknown): boolean {
  const s = String(v).toLowerCase();
  return s === '0' || s === 'off' || s === 'false';
}

const INSTANCE_GROUPS: GroupKind = { types: ['AWS::RDS::DBParameterGroup'], nameProps: ['DBParameterGroupName'] };
const CLUSTER_GROUPS: GroupKind = { types: ['AWS::RDS::DBClusterParameterGroup'], nameProps: ['DBClusterParameterGroupName'] };

export default defineRule({
  meta: {
    id: 'rds-force-ssl',
    title: 'RDS and Aurora databases require TLS for every client connection',
    description:
      'A database that holds PHI must refuse plaintext connections. RDS offers TLS on every engine but, except for RDS for PostgreSQL 15 and later, accepts unencrypted connections unless the parameter group requires TLS: rds.force_ssl = 1 (PostgreSQL, Aurora PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, MariaDB, Aurora MySQL). The rule follows each DB instance (cluster members through their cluster) and DB cluster to its parameter group in the template.',
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    fix: 'safe',
    peers: { checkov: ['CKV2_AWS_69'] },
    messages: {
      disabled: {
        text: '{{kind}} {{id}} uses parameter group {{group}}, which sets {{param}} to {{value}}: {{engine}} accepts connections without TLS.',
        level: 'violation',
      },
      notRequired: {
        text: '{{kind}} {{id}} uses parameter group {{group}}, which does not set {{param}} (off by default for {{engine}}): clients may connect without TLS.',
        level: 'hardening',
      },
      defaultGroup: {
        text: '{{kind}} {{id}} uses {{group}}, where {{param}} is off for {{engine}}: clients may connect without TLS.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const isCluster = resource.type === 'AWS::RDS::DBCluster';
    const kind = isCluster ? 'DB cluster' : 'DB instance';
    const nameProp = isCluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName';
    const groups = isCluster ? CLUSTER_GROUPS : INSTANCE_GROUPS;
    // Findings that differ only by a value the message doesn't name (say, each allowed
    // EngineVersion) are reported once; if their fixes differ, none of them is offered.
    const pending = new Map<string, Report>();
    const report = (r: Report): void => {
      const at = r.at as Outcome;
      const key = JSON.stringify([r.messageId, at.logical, at.origin, at.conditions, r.data]);
      const prev = pending.get(key);
      if (!prev) {
        pending.set(key, r);
        return;
      }
      if (JSON.stringify([prev.fix, prev.suggestions]) !== JSON.stringify([r.fix, r.suggestions])) {
        prev.fix = undefined;
        prev.suggestions = undefined;
      }
    };
    const rctx: RuleContext = { ...ctx, report };
    let scopes: Outcome[] = [resourceScope(ctx)];
    // Members of an Aurora or Multi-AZ DB cluster take TLS settings from the cluster's group.
    if (!isCluster) scopes = refine(ctx, scopes, 'DBClusterIdentifier', isSet).filter((s) => !s.kind).map((s) => s.scope);
    for (const scope of scopes) {
      for (const { eng, versions, groups: groupsOf } of engines(ctx, scope, isCluster, nameProp)) {
        if (!eng.known) {
          report({ messageId: 'unverifiable', at: eng, data: { what: 'TLS enforcement', reason: `the engine ${eng.reason ? `is unknown: ${eng.reason}` : 'is decided at deploy time'}` } });
          continue;
        }
        if (typeof eng.value !== 'string' || eng.value === '') {
          const reason = eng.value === undefined || eng.value === null || eng.value === '' ? 'Engine is not set (it comes from the source snapshot or instance)' : `Engine ${JSON.stringify(eng.value)} is not a string`;
          ctx.report({ messageId: 'unverifiable', at: eng, data: { what: 'TLS enforcement', reason } });
          continue;
        }
        // Aurora instances take TLS settings from their cluster's group, whatever the instance says.
        if (!isCluster && eng.value.toLowerCase().startsWith('aurora')) continue;
        const info = engineInfo(eng.value);
        if (!info) {
          ctx.report({ messageId: 'unverifiable', at: eng, data: { what: 'TLS enforcement', reason: `engine ${eng.value} is not one this rule knows` } });
          continue;
        }
        if ('unsupported' in info) {
          ctx.report({ messageId: 'unverifiable', at: eng, data: { what: 'TLS enforcement', reason: info.unsupported } });
          continue;
        }
        for (const ver of versions(eng)) {
          for (const g of groupsOf(ver)) judge(rctx, { info, ver, g, kind, nameProp, groups, isCluster });
        }
      }
    }
    for (const r of pending.values()) ctx.report(r);
  },
});

/**
 * The engine (and engine versions) of a database, branch by branch. A read replica of an instance
 * of this template names no Engine: it has its source's engine and, unless it says otherwise, its
 * source's version.
 */
interface EngineChoice {
  eng: Outcome;
  versions: (e: Outcome) => Outcome[];
  /** The parameter group name outcomes under a version's conditions. */
  groups: (v: Outcome) => Outcome[];
}

function engines(ctx: RuleContext, scope: Outcome, isCluster: boolean, nameProp: string): EngineChoice[] {
  const out: EngineChoice[] = [];
  for (const eng of ctx.propWhen(scope, 'Engine')) {
    const absent = eng.known && (eng.value === undefined || eng.value === null || eng.value === '');
    const sources = absent && !isCluster ? ctx.propWhen(eng, 'SourceDBInstanceIdentifier').filter((s) => s.known && s.resource?.type === 'AWS::RDS::DBInstance') : [];
    if (sources.length === 0) {
      out.push({ eng, versions: (e) => ctx.propWhen(e, 'EngineVersion'), groups: (v) => ctx.propWhen(v, nameProp) });
      continue;
    }
    for (const src of sources) {
      const source = ctx.template.resource(src.resource!.logicalId);
      if (!source) continue;
      const base = [...source.path, 'Properties'];
      // What the replica does not set, it takes from its source: the version, and (a same-Region
      // replica, as a Ref to an instance of this template is) the parameter group.
      const inherit = (prop: string) => (o: Outcome) =>
        ctx.propWhen(o, prop).flatMap((x) => (x.known && (x.value === undefined || x.value === null) && !x.noValue ? ctx.resolver.at([...base, prop], x.conditions).map((y) => ({ ...y, logical: x.logical })) : [x]));
      for (const se of ctx.resolver.at([...base, 'Engine'], src.conditions)) {
        out.push({ eng: { ...se, logical: eng.logical }, versions: inherit('EngineVersion'), groups: inherit(nameProp) });
      }
    }
  }
  return out;
}

interface Judge {
  info: EngineInfo;
  ver: Outcome;
  g: Outcome;
  kind: string;
  nameProp: string;
  groups: GroupKind;
  isCluster: boolean;
}

function judge(ctx: RuleContext, j: Judge): void {
  const { info, ver, g, kind, nameProp } = j;
  const base = { kind, param: info.param, engine: info.label };
  const lookup = lookupGroup(ctx.template, j.groups, g);
  const literalVersion = ver.known && (typeof ver.value === 'string' || typeof ver.value === 'number') ? String(ver.value) : undefined;
  const versionMajor = (fromFamily?: string): number | undefined => {
    const v = literalVersion ?? (fromFamily ? /(\d+(?:\.\d+)?)$/.exec(fromFamily)?.[1] : undefined);
    return v !== undefined ? majorMinor(v)?.[0] : undefined;
  };
  // An absent EngineVersion means the current default version; a value that is not a version is unknown.
  const versionKnown = ver.known && (ver.value === undefined || ver.value === null || literalVersion !== undefined);
  if (lookup.kind === 'unknown') {
    ctx.report({ messageId: 'unverifiable', at: g, data: { what: `the parameter group (${nameProp})`, reason: lookup.reason } });
    return;
  }
  if (lookup.kind === 'named' && !lookup.isDefault) {
    ctx.report({ messageId: 'unverifiable', at: g, data: { what: `TLS enforcement (${info.param})`, reason: `parameter group ${lookup.name} is not defined in this template` } });
    return;
  }
  if (lookup.kind === 'absent' || lookup.kind === 'named') {
    const familyFromName = lookup.kind === 'named' ? lookup.name.slice('default.'.length) : undefined;
    const on = info.defaultOn(versionMajor(familyFromName), versionKnown || familyFromName !== undefined);
    if (on === true) return;
    if (on === undefined) {
      ctx.report({ messageId: 'unverifiable', at: g, data: { what: `TLS enforcement (${info.param})`, reason: `its default depends on the engine version, and EngineVersion ${ver.reason ? `is unknown: ${ver.reason}` : 'is decided at deploy time'}` } });
      return;
    }
    const group = lookup.kind === 'named' ? `the default parameter group ${lookup.name}` : 'the default parameter group';
    const family = familyFromName ?? (literalVersion ? info.family(literalVersion) : undefined);
    const suggestions: Fix[] = [];
    if (family) {
      const type = j.isCluster ? 'AWS::RDS::DBClusterParameterGroup' : 'AWS::RDS::DBParameterGroup';
      const logicalId = uniqueLogicalId(ctx.template, `${ctx.resource.logicalId}${j.isCluster ? 'ClusterParameterGroup' : 'ParameterGroup'}`);
      suggestions.push(
        addGroupFix(ctx, {
          title: `Add parameter group ${logicalId} (family ${family}) with ${info.param} = ${info.on} and use it${j.isCluster ? '' : ' (the instance needs a reboot)'}`,
          logicalId,
          type,
          nameProp,
          properties: { Description: `Requires TLS for ${ctx.resource.logicalId}`, Family: family, Parameters: { [info.param]: info.on } },
        }),
      );
    }
    ctx.report({ messageId: 'defaultGroup', at: g, data: { ...base, group }, suggestions });
    return;
  }
  const grp = lookup.group;
  const reportAt = ctx.propPath(nameProp);
  const paramPath = [...grp.path, 'Properties', 'Parameters', info.param];
  for (const v of groupValue(ctx, grp, g, ['Parameters', info.param], reportAt)) {
    if (!v.known) {
      ctx.report({ messageId: 'unverifiable', at: v, data: { what: `${info.param} in parameter group ${grp.logicalId}`, reason: v.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    // A group's Family must match the engine. Where conditions the resolver cannot correlate (an
    // engine and a group both chosen by one parameter) pair this engine with a group of another
    // family, that pairing cannot be deployed: skip it. Fix only when every family matches, so
    // that a fix never writes a parameter the group's family does not have.
    const families = groupValue(ctx, grp, v, ['Family'], reportAt);
    const matches = families.map((f) => !f.known || typeof f.value !== 'string' || f.value.toLowerCase().startsWith(info.familyPrefix));
    if (!matches.some(Boolean)) continue;
    const title = `Set ${info.param} = ${info.on} in parameter group ${grp.logicalId}${info.static ? ' (static: takes effect after a reboot)' : ''}`;
    const fix: Fix | undefined = matches.every(Boolean) ? { title, kind: 'safe', ops: [setGroupValueOp(ctx, grp, v, info.on, paramPath)] } : undefined;
    if (v.value === undefined || v.value === null || v.noValue) {
      let family: string | undefined;
      for (const f of groupValue(ctx, grp, v, ['Family'], reportAt)) if (f.known && typeof f.value === 'string') family = f.value;
      const on = info.defaultOn(versionMajor(family), versionKnown || family !== undefined);
      if (on === true) continue;
      if (on === undefined) {
        ctx.report({ messageId: 'unverifiable', at: v, data: { what: `TLS enforcement (${info.param})`, reason: `parameter group ${grp.logicalId} does not set it, and its default depends on the engine version, which is not known here` } });
        continue;
      }
      ctx.report({ messageId: 'notRequired', at: v, data: { ...base, group: grp.logicalId }, fix });
      continue;
    }
    if (isOn(v.value)) continue;
    if (isOff(v.value)) {
      ctx.report({ messageId: 'disabled', at: v, data: { ...base, group: grp.logicalId, value: JSON.stringify(v.value) }, fix });
      continue;
    }
    ctx.report({ messageId: 'unverifiable', at: v, data: { what: `${info.param} in parameter group ${grp.logicalId}`, reason: `${JSON.stringify(v.value)} is not a value this rule knows` } });
  }
}
