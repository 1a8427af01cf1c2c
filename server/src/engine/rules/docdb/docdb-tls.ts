/**
 * DocumentDB clusters keep TLS on: the cluster's parameter group does not set tls to disabled.
 * Catalog HTRN-DOC-01 (checkov CKV_AWS_90).
 *
 * Cross-resource: AWS::DocDB::DBCluster -> DBClusterParameterGroupName ->
 * AWS::DocDB::DBClusterParameterGroup (Parameters.tls). The default groups (default.docdb*) and a
 * group that does not set tls have TLS enabled, so only an explicit 'disabled' is a violation.
 * Allowed values: enabled, disabled, tls1.2+, tls1.3+, fips-140-3.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { groupValue, lookupGroup, setGroupValueOp } from '../util/parameter-groups';
import type { GroupKind } from '../util/parameter-groups';

const GROUPS: GroupKind = { types: ['AWS::DocDB::DBClusterParameterGroup'], nameProps: ['Name'] };
const TLS_ON = new Set(['enabled', 'tls1.2+', 'tls1.3+', 'fips-140-3']);

export default defineRule({
  meta: {
    id: 'docdb-tls',
    title: 'DocumentDB clusters require TLS for client connections',
    description:
      'Connections to a DocumentDB cluster that holds PHI must be encrypted. DocumentDB requires TLS unless the cluster parameter group sets tls to disabled; the rule follows each cluster to its parameter group in the template and reports a group that turns TLS off.',
    resourceTypes: ['AWS::DocDB::DBCluster'],
    fix: 'safe',
    peers: { checkov: ['CKV_AWS_90'] },
    messages: {
      disabled: {
        text: 'DocumentDB cluster {{id}} uses parameter group {{group}}, which sets tls to "disabled": clients connect without TLS.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const reportAt = ctx.propPath('DBClusterParameterGroupName');
    for (const g of ctx.prop('DBClusterParameterGroupName')) {
      const lookup = lookupGroup(ctx.template, GROUPS, g);
      if (lookup.kind === 'absent') continue; // the default group: tls enabled
      if (lookup.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: g, data: { what: 'the cluster parameter group (DBClusterParameterGroupName)', reason: lookup.reason } });
        continue;
      }
      if (lookup.kind === 'named') {
        if (lookup.isDefault) continue;
        ctx.report({ messageId: 'unverifiable', at: g, data: { what: 'TLS (the tls parameter)', reason: `cluster parameter group ${lookup.name} is not defined in this template` } });
        continue;
      }
      const grp = lookup.group;
      for (const v of groupValue(ctx, grp, g, ['Parameters', 'tls'], reportAt)) {
        if (!v.known) {
          ctx.report({ messageId: 'unverifiable', at: v, data: { what: `tls in parameter group ${grp.logicalId}`, reason: v.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (v.value === undefined || v.value === null) continue; // not set: enabled
        const s = String(v.value).toLowerCase();
        if (TLS_ON.has(s)) continue;
        if (s === 'disabled') {
          ctx.report({
            messageId: 'disabled',
            at: v,
            data: { group: grp.logicalId },
            fix: {
              title: `Set tls to "enabled" in parameter group ${grp.logicalId} (takes effect after the instances reboot)`,
              kind: 'safe',
              ops: [setGroupValueOp(ctx, grp, v, 'enabled', [...grp.path, 'Properties', 'Parameters', 'tls'])],
            },
          });
          continue;
        }
        ctx.report({ messageId: 'unverifiable', at: v, data: { what: `tls in parameter group ${grp.logicalId}`, reason: `${JSON.stringify(v.value)} is not one of enabled, disabled, tls1.2+, tls1.3+, fips-140-3` } });
      }
    }
  },
});
