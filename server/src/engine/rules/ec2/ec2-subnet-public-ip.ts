/**
 * Subnets do not assign public addresses automatically. Catalog HNET-SUB-01 (cdk-nag
 * VPCSubnetAutoAssignPublicIpDisabled, Config subnet-auto-assign-public-ip-disabled, Guard
 * SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED, cfn_nag W33).
 *
 * Hardening, not a violation: a subnet holds no data, and public subnets are the right place for
 * load balancers and NAT gateways. What is placed in it is judged by ec2-instance-public-ip and
 * vpc-data-store-private-subnets. Like cdk-nag, AssignIpv6AddressOnCreation: true counts too:
 * IPv6 addresses are globally routable. The fix is a suggestion: turning auto-assignment off
 * breaks designs that rely on it (instances that must reach the internet without a NAT gateway).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isTrue } from '../../template/resolve';
import { setValueOp } from '../util/encryption';

const NOTE = 'Public subnets are right for load balancers and NAT gateways; a data store or instance placed in one is reported by vpc-data-store-private-subnets and ec2-instance-public-ip.';

export default defineRule({
  meta: {
    id: 'ec2-subnet-public-ip',
    title: 'Subnets do not assign public IP addresses automatically',
    description:
      'A subnet with MapPublicIpOnLaunch: true gives every network interface launched in it a public IPv4 address; with AssignIpv6AddressOnCreation: true every interface gets an IPv6 address, which is globally routable. Instances in such a subnet are reachable from the internet when its route table has a route to an internet gateway, unless each one opts out. Keep auto-assignment off and give public addresses only to what must have them.',
    resourceTypes: ['AWS::EC2::Subnet'],
    phiScoped: true,
    fix: 'suggest',
    peers: {
      cdkNag: ['HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled'],
      config: ['subnet-auto-assign-public-ip-disabled'],
      guard: ['SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED'],
      cfnNag: ['W33'],
    },
    messages: {
      mapPublicIp: { text: `Subnet {{id}} sets MapPublicIpOnLaunch: true: every network interface launched in it gets a public IPv4 address. ${NOTE}`, level: 'hardening' },
      assignIpv6: { text: `Subnet {{id}} sets AssignIpv6AddressOnCreation: true: every network interface launched in it gets a globally routable IPv6 address. ${NOTE}`, level: 'hardening' },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const judge = (prop: string, messageId: string, what: string): void => {
      for (const o of ctx.prop(prop) as Outcome[]) {
        if (!o.known) {
          ctx.report({ messageId: 'unverifiable', at: o, data: { what, reason: o.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        if (!isTrue(o.value)) continue;
        ctx.report({
          messageId,
          at: o,
          suggestions: [{ title: `Set ${prop} to false (resources launched here that need a public address must then ask for one)`, kind: 'suggest', ops: [setValueOp(ctx, o, false)] }],
        });
      }
    };
    judge('MapPublicIpOnLaunch', 'mapPublicIp', 'whether it assigns public IPv4 addresses (MapPublicIpOnLaunch)');
    judge('AssignIpv6AddressOnCreation', 'assignIpv6', 'whether it assigns IPv6 addresses (AssignIpv6AddressOnCreation)');
  },
});
