/**
 * No security group ingress rule opens an administration or database port to the internet.
 * Catalog HNET-SG-01 + HNET-SG-02 (cdk-nag EC2RestrictedSSH / EC2RestrictedCommonPorts, Config
 * restricted-ssh / restricted-common-ports, guard INCOMING_SSH_DISABLED / RESTRICTED_INCOMING_TRAFFIC,
 * checkov CKV_AWS_24 / CKV_AWS_25, cfn_nag W2 / W9 / W27 / W42).
 * Unlike guard, port ranges, IPv6, protocol -1 and standalone SecurityGroupIngress resources are
 * understood; unlike cdk-nag, a protocol -1 rule from inside the VPC passes (only world-open sources
 * count); unlike guard's RESTRICTED_INCOMING_TRAFFIC, the source CIDR is read.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Fix, FixOp, Json } from '../../types';
import type { Outcome } from '../../template/resolve';
import { pathStartsWith } from '../../path';
import { adminPortsCovered, attachedOnlyToAlbs, describeAdmin, describeCoverage, eachIngressCase, eachIngressEntry, ownerGroup } from '../util/security-groups';
import type { IngressCase } from '../util/security-groups';

const ADMIN_CIDR_PARAMETERS = {
  CidrIp: {
    name: 'AdminCidr',
    value: {
      Type: 'String',
      Description: 'Network allowed to reach administration and database ports (your VPN or office range; never 0.0.0.0/0)',
      AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/(\\d|[12]\\d|3[0-2])$',
      Default: '10.0.0.0/8',
    },
  },
  CidrIpv6: {
    name: 'AdminCidrIpv6',
    value: {
      Type: 'String',
      Description: 'IPv6 network allowed to reach administration and database ports (never ::/0)',
      AllowedPattern: '^[0-9a-fA-F:]+/([1-9]\\d?|1[01]\\d|12[0-8])$',
      Default: 'fd00::/8',
    },
  },
} as const;

function narrowFix(ctx: RuleContext, c: IngressCase): Fix {
  const param = ADMIN_CIDR_PARAMETERS[c.sourceKey];
  const s = c.source;
  const target = pathStartsWith(s.origin, ctx.resource.path) ? s.origin : [...c.entryPath, c.sourceKey];
  const ops: FixOp[] = [{ op: 'set', path: target, value: { Ref: param.name } as Json }];
  if (!ctx.template.parameters.has(param.name)) ops.push({ op: 'merge', path: ['Parameters'], value: { [param.name]: param.value as unknown as Json } });
  return {
    title: `Allow only the admin network (${c.sourceKey}: !Ref ${param.name}, default ${param.value.Default})`,
    kind: 'suggest',
    ops,
  };
}

export default defineRule({
  meta: {
    id: 'ec2-security-group-admin-ports',
    title: 'Security groups do not open administration or database ports to the internet',
    description:
      'An ingress rule whose source is the whole internet (CidrIp 0.0.0.0/0, CidrIpv6 ::/0, or any /0) and that covers an administration or database port (SSH, RDP, Telnet, FTP, VNC, WinRM, MySQL, PostgreSQL, SQL Server, Oracle, Redshift, MongoDB, Redis, Memcached, Elasticsearch, Cassandra, Kafka) exposes the systems that hold PHI to password guessing and exploits from anyone. Inline SecurityGroupIngress entries of AWS::EC2::SecurityGroup and standalone AWS::EC2::SecurityGroupIngress resources are checked; protocol -1 covers every port.',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-EC2RestrictedSSH', 'HIPAA.Security-EC2RestrictedCommonPorts'],
      config: ['restricted-ssh', 'restricted-common-ports'],
      guard: ['INCOMING_SSH_DISABLED', 'RESTRICTED_INCOMING_TRAFFIC'],
      checkov: ['CKV_AWS_24', 'CKV_AWS_25'],
      cfnNag: ['W2', 'W9', 'W27', 'W42'],
    },
    messages: {
      worldOpen: {
        text: '{{type}} {{id}} allows {{ports}} from the whole internet ({{source}}), which includes {{admin}}: administration and database ports must be reachable only from your own networks.',
        level: 'violation',
      },
      albOnly: {
        text: '{{type}} {{id}} allows {{ports}} from the whole internet ({{source}}), which includes {{admin}}. Its group is attached only to application load balancers, which answer only on their listener ports, so nothing else is exposed today; allow only the listener ports so that anything joining the group later is not exposed.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const group = ownerGroup(ctx);
    const albOnly = group !== undefined && attachedOnlyToAlbs(ctx.template, group);
    // One unverifiable finding per value, however many protocol/port combinations lead to it.
    const seen = new Set<string>();
    const reportUnknown = (at: Outcome, what: string): void => {
      const key = JSON.stringify([at.origin, what]);
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ messageId: 'unverifiable', at, data: { what: `whether ${what} opens an admin or database port to the internet`, reason: at.reason ?? 'it is decided at deploy time' } });
    };
    eachIngressEntry(
      ctx,
      (entry, entryPath) =>
        eachIngressCase(
          ctx,
          entry,
          entryPath,
          (c) => {
            const admin = adminPortsCovered(c.coverage);
            if (admin.length === 0) return;
            ctx.report({
              messageId: albOnly ? 'albOnly' : 'worldOpen',
              at: c.source,
              data: { ports: describeCoverage(c.coverage), source: `${c.sourceKey} ${String(c.source.value)}`, admin: describeAdmin(admin) },
              suggestions: [narrowFix(ctx, c)],
            });
          },
          (u, coverage) => {
            if (coverage && adminPortsCovered(coverage).length === 0) return;
            reportUnknown(u.at, u.what);
          },
        ),
      (u) => reportUnknown(u.at, u.what),
    );
  },
});
