/**
 * Security groups open to the whole internet only on the web ports 80 and 443.
 * Catalog HNET-SG-03 (Config vpc-sg-open-only-to-authorized-ports; cfn_nag W2, W9). Administration
 * and database ports are ec2-security-group-admin-ports' (an error there); this rule is the
 * organisation-specific remainder (any other TCP/UDP port, or another IP protocol, from /0), a
 * warning that users may switch off or suppress per group. ICMP is not reported.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { adminPortsCovered, describeCoverage, eachIngressCase, eachIngressEntry, opensNonWebPorts } from '../util/security-groups';
import type { PortCoverage } from '../util/security-groups';

const reportable = (c: PortCoverage): boolean => opensNonWebPorts(c) && adminPortsCovered(c).length === 0;

export default defineRule({
  meta: {
    id: 'ec2-security-group-world-open',
    title: 'Security groups are open to the internet only on ports 80 and 443',
    description:
      'An ingress rule whose source is the whole internet (CidrIp 0.0.0.0/0, CidrIpv6 ::/0, or any /0) on a port other than 80 and 443 exposes a service to anyone. Which ports may face the internet is an organisation decision, so this is a warning: switch the rule off in the config or suppress it on the groups where the exposure is intended. Administration and database ports are reported by ec2-security-group-admin-ports instead; ICMP is not reported.',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    phiScoped: true,
    peers: { config: ['vpc-sg-open-only-to-authorized-ports'], cfnNag: ['W2', 'W9'] },
    messages: {
      worldOpen: {
        text: '{{type}} {{id}} allows {{ports}} from the whole internet ({{source}}): only ports 80 and 443 should face the internet unless your organisation has approved this exposure.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    // One unverifiable finding per value, however many protocol/port combinations lead to it.
    const seen = new Set<string>();
    const reportUnknown = (at: Outcome, what: string): void => {
      const key = JSON.stringify([at.origin, what]);
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ messageId: 'unverifiable', at, data: { what: `whether ${what} opens a port to the internet`, reason: at.reason ?? 'it is decided at deploy time' } });
    };
    eachIngressEntry(
      ctx,
      (entry, entryPath) =>
        eachIngressCase(
          ctx,
          entry,
          entryPath,
          (c) => {
            if (!reportable(c.coverage)) return;
            ctx.report({ messageId: 'worldOpen', at: c.source, data: { ports: describeCoverage(c.coverage), source: `${c.sourceKey} ${String(c.source.value)}` } });
          },
          // Unknown protocol/ports (no coverage) are ec2-security-group-admin-ports' to report.
          (u, coverage) => {
            if (coverage && reportable(coverage)) reportUnknown(u.at, u.what);
          },
        ),
      () => undefined,
    );
  },
});
