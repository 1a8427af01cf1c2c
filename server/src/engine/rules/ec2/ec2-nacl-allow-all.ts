/**
 * Network ACL entries do not let everything, or administration ports, in from the internet.
 * Catalog HNET-NACL-01 (cfn_nag W66, W67). An inbound allow entry for all protocols from 0.0.0.0/0
 * or ::/0 makes the network ACL add no isolation; an inbound allow entry from the internet for a
 * TCP/UDP range that covers an admin/database port opens that port at the subnet edge. The range
 * 1024-65535 (or any range from at least 1024 up to 65535) is the ephemeral range that stateless
 * ACLs must admit for return traffic, and is not reported.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isTrue } from '../../template/resolve';
import { adminPortsCovered, describeAdmin, describeCoverage, isWorldCidr, portCoverage } from '../util/security-groups';

export default defineRule({
  meta: {
    id: 'ec2-nacl-allow-all',
    title: 'Network ACLs do not allow all traffic or administration ports in from the internet',
    description:
      'An inbound AWS::EC2::NetworkAclEntry that allows every protocol (Protocol -1) from 0.0.0.0/0 or ::/0 gives the subnet no network-ACL isolation at all, and one that allows a TCP/UDP range covering an administration or database port from the internet opens that port at the subnet edge. Both are warnings: security groups still apply. The ephemeral range (from 1024 or above up to 65535), which stateless ACLs must admit for return traffic, is not reported.',
    resourceTypes: ['AWS::EC2::NetworkAclEntry'],
    phiScoped: true,
    peers: { cfnNag: ['W66', 'W67'] },
    messages: {
      allowAll: {
        text: 'Network ACL entry {{id}} allows all protocols and ports in from the whole internet ({{source}}): the network ACL adds no isolation.',
        level: 'hardening',
      },
      adminPorts: {
        text: 'Network ACL entry {{id}} allows {{ports}} in from the whole internet ({{source}}), which includes {{admin}}: allow administration and database ports only from your own networks.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const unknown = (at: Outcome, what: string) =>
      ctx.report({ messageId: 'unverifiable', at, data: { what: `whether ${what} lets the internet in`, reason: at.reason ?? 'it is decided at deploy time' } });
    for (const key of ['CidrBlock', 'Ipv6CidrBlock']) {
      for (const s of ctx.prop(key)) {
        if (s.known && !isWorldCidr(s.value)) continue;
        for (const a of ctx.propWhen(s, 'RuleAction')) {
          if (!a.known) {
            unknown(a, 'the rule action (RuleAction)');
            continue;
          }
          if (typeof a.value !== 'string' || a.value.trim().toLowerCase() !== 'allow') continue;
          for (const e of ctx.propWhen(a, 'Egress')) {
            if (!e.known) {
              unknown(e, 'the direction (Egress)');
              continue;
            }
            if (isTrue(e.value)) continue;
            for (const p of ctx.propWhen(e, 'Protocol')) {
              if (!p.known) {
                unknown(s.known ? p : s, s.known ? 'the protocol (Protocol)' : `the source (${key})`);
                continue;
              }
              for (const f of ctx.propWhen(p, 'PortRange', 'From')) {
                for (const t of ctx.propWhen(f, 'PortRange', 'To')) {
                  const coverage = portCoverage(p.value, f.value, t.value);
                  if ((coverage.kind === 'range' || coverage.kind === 'invalid') && (!f.known || !t.known)) {
                    unknown(s.known ? (!f.known ? f : t) : s, s.known ? 'the port range (PortRange)' : `the source (${key})`);
                    continue;
                  }
                  const ephemeral = coverage.kind === 'range' && coverage.from >= 1024 && coverage.to === 65535;
                  const admin = coverage.kind === 'all' || ephemeral ? [] : adminPortsCovered(coverage);
                  if (coverage.kind !== 'all' && admin.length === 0) continue;
                  if (!s.known) {
                    unknown(s, `the source (${key})`);
                    continue;
                  }
                  const source = `${key} ${String(s.value)}`;
                  // Reported at the source, under every condition assumed on the way.
                  const at: Outcome = { ...s, conditions: t.conditions };
                  if (coverage.kind === 'all') ctx.report({ messageId: 'allowAll', at, data: { source } });
                  else ctx.report({ messageId: 'adminPorts', at, data: { source, ports: describeCoverage(coverage), admin: describeAdmin(admin) } });
                }
              }
            }
          }
        }
      }
    }
  },
});
