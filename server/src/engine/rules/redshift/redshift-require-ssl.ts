/**
 * Redshift clusters require TLS: the cluster's parameter group sets require_ssl to true.
 * Catalog HTRN-RS-01 (cdk-nag HIPAA.Security-RedshiftRequireTlsSSL, Config redshift-require-tls-ssl,
 * checkov CKV_AWS_105).
 *
 * Cross-resource: AWS::Redshift::Cluster -> ClusterParameterGroupName ->
 * AWS::Redshift::ClusterParameterGroup, Parameters[] entry { ParameterName: require_ssl,
 * ParameterValue: 'true' }. Defaults: family redshift-1.0 (and its default group
 * default.redshift-1.0) has require_ssl false; since January 2025 a cluster that names no group
 * gets default.redshift-2.0, with require_ssl true.
 *
 * Peer mistake avoided: checkov CKV_AWS_105 judges each parameter group on its own, so a cluster
 * that uses no group (or another group) passes as long as some group in the template is strict.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json, JsonObject, Path } from '../../types';
import type { Resource } from '../../template/model';
import { isObject } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { pathStartsWith } from '../../path';
import { addGroupFix, groupValue, lookupGroup, setGroupValueOp } from '../util/parameter-groups';
import { uniqueLogicalId } from '../util/kms';
import type { GroupKind } from '../util/parameter-groups';

const GROUPS: GroupKind = { types: ['AWS::Redshift::ClusterParameterGroup'], nameProps: ['ParameterGroupName'] };
const ENTRY: JsonObject = { ParameterName: 'require_ssl', ParameterValue: 'true' };

export default defineRule({
  meta: {
    id: 'redshift-require-ssl',
    title: 'Redshift clusters require TLS (require_ssl true in their parameter group)',
    description:
      'Connections to a Redshift cluster that holds PHI must be encrypted. Redshift accepts plaintext connections unless the cluster parameter group sets require_ssl to true; the rule follows each cluster to its parameter group in the template. Groups of family redshift-1.0 (and default.redshift-1.0) have require_ssl false; since January 2025 a cluster that names no group gets default.redshift-2.0, where it is true. A Redshift Serverless workgroup must not set require_ssl to false in its ConfigParameters.',
    resourceTypes: ['AWS::Redshift::Cluster', 'AWS::RedshiftServerless::Workgroup'],
    fix: 'safe',
    peers: { cdkNag: ['HIPAA.Security-RedshiftRequireTlsSSL'], config: ['redshift-require-tls-ssl'], checkov: ['CKV_AWS_105'] },
    messages: {
      disabled: {
        text: 'Redshift cluster {{id}} uses parameter group {{group}}, which sets require_ssl to {{value}}: clients may connect without TLS.',
        level: 'violation',
      },
      notInGroup: {
        text: 'Redshift cluster {{id}} uses parameter group {{group}} (family {{family}}), which does not set require_ssl: it is false by default, so clients may connect without TLS.',
        level: 'violation',
      },
      familyDefault: {
        text: 'Redshift cluster {{id}} uses parameter group {{group}} (family {{family}}), which does not set require_ssl: set it to true rather than rely on the family default.',
        level: 'hardening',
      },
      oldDefaultGroup: {
        text: 'Redshift cluster {{id}} uses the default parameter group {{group}}, where require_ssl is false: clients may connect without TLS.',
        level: 'violation',
      },
      defaultGroup: {
        text: 'Redshift cluster {{id}} names no parameter group: a cluster created since January 2025 gets default.redshift-2.0 (require_ssl true), but one created earlier uses default.redshift-1.0, which accepts connections without TLS.',
        level: 'hardening',
      },
      workgroupDisabled: {
        text: 'Redshift Serverless workgroup {{id}} sets require_ssl to {{value}} in ConfigParameters: clients may connect without TLS.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (resource.type === 'AWS::RedshiftServerless::Workgroup') {
      checkWorkgroup(ctx);
      return;
    }
    const reportAt = ctx.propPath('ClusterParameterGroupName');
    for (const g of ctx.prop('ClusterParameterGroupName')) {
      const lookup = lookupGroup(ctx.template, GROUPS, g);
      if (lookup.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: g, data: { what: 'the cluster parameter group (ClusterParameterGroupName)', reason: lookup.reason } });
        continue;
      }
      if (lookup.kind === 'absent') {
        ctx.report({ messageId: 'defaultGroup', at: g, suggestions: [newGroupFix(ctx, resource)] });
        continue;
      }
      if (lookup.kind === 'named') {
        const name = lookup.name.toLowerCase();
        if (name === 'default.redshift-2.0') continue;
        if (name === 'default.redshift-1.0') {
          ctx.report({ messageId: 'oldDefaultGroup', at: g, data: { group: lookup.name }, suggestions: [newGroupFix(ctx, resource)] });
          continue;
        }
        ctx.report({ messageId: 'unverifiable', at: g, data: { what: 'TLS enforcement (require_ssl)', reason: `cluster parameter group ${lookup.name} is not defined in this template` } });
        continue;
      }
      judgeGroup(ctx, lookup.group, g, reportAt);
    }
  },
});

/** Serverless workgroups: only an explicit require_ssl false in ConfigParameters is judged. */
function checkWorkgroup(ctx: RuleContext): void {
  for (const list of ctx.prop('ConfigParameters')) {
    if (!list.known) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'require_ssl (ConfigParameters)', reason: list.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      for (const e of ctx.below(list, i)) {
        if (!e.known || !isObject(e.value as Json)) continue;
        for (const k of ctx.below(e, 'ParameterKey')) {
          if (!k.known || k.value !== 'require_ssl') continue;
          for (const v of ctx.below({ ...e, conditions: k.conditions }, 'ParameterValue')) {
            if (!v.known) {
              ctx.report({ messageId: 'unverifiable', at: v, data: { what: 'require_ssl (ConfigParameters)', reason: v.reason ?? 'it is decided at deploy time' } });
              continue;
            }
            if (!isFalse(v.value as Json)) continue;
            const op: FixOp = pathStartsWith(v.origin, ctx.resource.path) ? { op: 'set', path: v.origin, value: 'true' } : setGroupValueOp(ctx, ctx.resource, v, 'true', [...e.logical, 'ParameterValue']);
            ctx.report({ messageId: 'workgroupDisabled', at: v, data: { value: JSON.stringify(v.value) }, fix: { title: 'Set require_ssl to true', kind: 'safe', ops: [op] } });
          }
        }
      }
    });
  }
}

function newGroupFix(ctx: RuleContext, resource: Resource): Fix {
  const logicalId = uniqueLogicalId(ctx.template, `${resource.logicalId}ParameterGroup`);
  return addGroupFix(ctx, {
    title: `Add cluster parameter group ${logicalId} with require_ssl true and use it (takes effect after a reboot)`,
    logicalId,
    type: 'AWS::Redshift::ClusterParameterGroup',
    nameProp: 'ClusterParameterGroupName',
    properties: { Description: `Requires TLS for ${resource.logicalId}`, ParameterGroupFamily: 'redshift-1.0', Parameters: [ENTRY] },
  });
}

function judgeGroup(ctx: RuleContext, grp: Resource, g: Outcome, reportAt: Path): void {
  const paramsPath = [...grp.path, 'Properties', 'Parameters'];
  for (const list of groupValue(ctx, grp, g, ['Parameters'], reportAt)) {
    if (!list.known) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what: `require_ssl in parameter group ${grp.logicalId}`, reason: list.reason ?? 'its Parameters are decided at deploy time' } });
      continue;
    }
    const entries = Array.isArray(list.value) ? list.value : [];
    let found = false;
    entries.forEach((_, i) => {
      for (const e of ctx.resolver.descend(list, [i])) {
        if (!e.known) {
          found = true;
          ctx.report({ messageId: 'unverifiable', at: { ...e, logical: reportAt }, data: { what: `require_ssl in parameter group ${grp.logicalId}`, reason: e.reason ?? 'a parameter entry is decided at deploy time' } });
          continue;
        }
        if (!isObject(e.value as Json)) continue;
        for (const n of ctx.resolver.descend(e, ['ParameterName'])) {
          if (!n.known) {
            found = true;
            ctx.report({ messageId: 'unverifiable', at: { ...n, logical: reportAt }, data: { what: `require_ssl in parameter group ${grp.logicalId}`, reason: n.reason ?? 'a parameter name is decided at deploy time' } });
            continue;
          }
          if (n.value !== 'require_ssl') continue;
          found = true;
          for (const v of ctx.resolver.descend({ ...e, conditions: n.conditions }, ['ParameterValue'])) {
            const at = { ...v, logical: reportAt };
            if (!v.known) {
              ctx.report({ messageId: 'unverifiable', at, data: { what: `require_ssl in parameter group ${grp.logicalId}`, reason: v.reason ?? 'it is decided at deploy time' } });
              continue;
            }
            if (isTrue(v.value as Json)) continue;
            if (isFalse(v.value as Json) || v.value === undefined) {
              const fix: Fix = { title: `Set require_ssl to true in parameter group ${grp.logicalId} (takes effect after a reboot)`, kind: 'safe', ops: [setGroupValueOp(ctx, grp, v, 'true', [...e.origin, 'ParameterValue'])] };
              ctx.report({ messageId: 'disabled', at, data: { group: grp.logicalId, value: v.value === undefined ? 'nothing (no ParameterValue)' : JSON.stringify(v.value) }, fix });
              continue;
            }
            ctx.report({ messageId: 'unverifiable', at, data: { what: `require_ssl in parameter group ${grp.logicalId}`, reason: `${JSON.stringify(v.value)} is not a boolean` } });
          }
        }
      }
    });
    if (found) continue;
    // The group does not set require_ssl: the family's default applies.
    for (const f of groupValue(ctx, grp, list, ['ParameterGroupFamily'], reportAt)) {
      if (!f.known || typeof f.value !== 'string') {
        ctx.report({ messageId: 'unverifiable', at: f, data: { what: 'TLS enforcement (require_ssl)', reason: `parameter group ${grp.logicalId} does not set require_ssl, and its family ${f.reason ? `is unknown: ${f.reason}` : 'is not given'}` } });
        continue;
      }
      const at = { ...list, conditions: f.conditions };
      const fix: Fix = { title: `Add require_ssl = true to parameter group ${grp.logicalId} (takes effect after a reboot)`, kind: 'safe', ops: [appendOp(grp, list, paramsPath)] };
      const messageId = f.value.toLowerCase() === 'redshift-1.0' ? 'notInGroup' : 'familyDefault';
      ctx.report({ messageId, at, data: { group: grp.logicalId, family: f.value }, fix });
    }
  }
}

/** Add the require_ssl entry to the list where it is written (or create Parameters). */
function appendOp(grp: Resource, list: Outcome, paramsPath: Path): FixOp {
  const inGroup = pathStartsWith(list.origin, grp.path) && list.origin.length > grp.path.length + 1;
  if (Array.isArray(list.value) && inGroup) return { op: 'set', path: [...list.origin, list.value.length], value: ENTRY };
  if (list.value === undefined && inGroup) return { op: 'set', path: list.origin, value: [ENTRY] };
  return { op: 'set', path: paramsPath, value: [...(Array.isArray(list.value) ? list.value : []), ENTRY] };
}
