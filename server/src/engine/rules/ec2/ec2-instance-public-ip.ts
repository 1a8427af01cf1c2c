/**
 * EC2 instances, launch templates and launch configurations do not give instances public IP
 * addresses. Catalog HNET-EC2-01 and HNET-ASG-01 (cdk-nag EC2InstanceNoPublicIp,
 * AutoScalingLaunchConfigPublicIpDisabled; Config ec2-instance-no-public-ip,
 * autoscaling-launch-config-public-ip-disabled; Guard EC2_INSTANCE_NO_PUBLIC_IP,
 * AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED; checkov CKV_AWS_88).
 *
 * Beyond the peers, the rule resolves the subnet (catalog: none does): an instance launched in a
 * subnet of the template with MapPublicIpOnLaunch: true gets a public IP unless its primary network
 * interface says AssociatePublicIpAddress: false. The subnet may be named by the instance's SubnetId
 * or by the primary interface's SubnetId. A launch configuration that leaves AssociatePublicIpAddress
 * unset is judged through the Auto Scaling groups that use it (VPCZoneIdentifier); a group with no
 * subnets is vpc-default-vpc-placement's finding.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import type { Resource } from '../../template/model';
import type { Fix, RelatedInfo } from '../../types';
import { setValueOp } from '../util/encryption';
import { listElements, subnetLink } from '../util/network';

const LABEL: Record<string, string> = {
  'AWS::EC2::Instance': 'EC2 instance',
  'AWS::EC2::LaunchTemplate': 'Launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'Launch configuration',
};

export default defineRule({
  meta: {
    id: 'ec2-instance-public-ip',
    title: 'EC2 instances get no public IP address',
    description:
      'An instance with a public IP address in a subnet routed to an internet gateway can be reached from the internet; only its security group stands in the way. The rule reports AssociatePublicIpAddress: true on an EC2 instance\'s network interfaces, in a launch template, or in a launch configuration. It also follows the instance\'s subnet (SubnetId, or the primary network interface\'s SubnetId) to a subnet of the template with MapPublicIpOnLaunch: true, and a launch configuration that leaves AssociatePublicIpAddress unset to the subnets of the Auto Scaling groups that use it.',
    resourceTypes: Object.keys(LABEL),
    phiScoped: true,
    fix: 'safe',
    peers: {
      cdkNag: ['HIPAA.Security-EC2InstanceNoPublicIp', 'HIPAA.Security-AutoScalingLaunchConfigPublicIpDisabled'],
      config: ['ec2-instance-no-public-ip', 'autoscaling-launch-config-public-ip-disabled'],
      guard: ['EC2_INSTANCE_NO_PUBLIC_IP', 'AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED'],
      checkov: ['CKV_AWS_88'],
    },
    messages: {
      associatePublicIp: {
        text: '{{kind}} {{id}} sets AssociatePublicIpAddress: true: its instances get a public IP address and can be reached from the internet wherever a security group allows. Set it to false and reach the instances through a VPN, Systems Manager or a load balancer.',
        level: 'violation',
      },
      subnetPublicIp: {
        text: 'EC2 instance {{id}} is launched in subnet {{subnet}}, which sets MapPublicIpOnLaunch: true, and its primary network interface does not set AssociatePublicIpAddress: false: it gets a public IP address. Use a private subnet, or a network interface with AssociatePublicIpAddress: false.',
        level: 'violation',
      },
      launchTemplateSubnet: {
        text: 'Launch template {{id}} does not set AssociatePublicIpAddress: false on a primary network interface, and Auto Scaling group {{group}} launches it in subnet {{subnet}}, which sets MapPublicIpOnLaunch: true: its instances get public IP addresses.',
        level: 'violation',
      },
      launchConfigSubnet: {
        text: 'Launch configuration {{id}} does not set AssociatePublicIpAddress, and Auto Scaling group {{group}} launches it in subnet {{subnet}}, which sets MapPublicIpOnLaunch: true: its instances get public IP addresses.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const kind = LABEL[resource.type];
    // A NAT instance needs its public address, as a NAT gateway does.
    if (isNatInstance(ctx)) return;
    const explicit = (a: Outcome, replaces?: string): void => {
      if (!a.known) {
        ctx.report({ messageId: 'unverifiable', at: a, data: { what: 'AssociatePublicIpAddress', reason: a.reason ?? 'it is decided at deploy time' } });
        return;
      }
      if (!isTrue(a.value)) return;
      const fix = { title: `Set AssociatePublicIpAddress to false${replaces ? ` (${replaces})` : ''}`, kind: replaces ? ('suggest' as const) : ('safe' as const), ops: [setValueOp(ctx, a, false)] };
      ctx.report({ messageId: 'associatePublicIp', at: a, data: { kind }, ...(replaces ? { suggestions: [fix] } : { fix }) });
    };
    if (resource.type === 'AWS::EC2::LaunchTemplate') {
      // A change to LaunchTemplateData creates a new version; the launch template is not replaced.
      for (const nis of ctx.prop('LaunchTemplateData', 'NetworkInterfaces')) {
        const list = listElements(ctx, nis).filter((ni) => ni.known);
        for (const ni of list) for (const a of ctx.below(ni, 'AssociatePublicIpAddress')) explicit(a);
        // No primary interface that decides: the subnets of the Auto Scaling groups using it do.
        const decided = list.some((ni) => isPrimary(ctx, ni, list.length) && ctx.below(ni, 'AssociatePublicIpAddress').some((a) => !a.known || isTrue(a.value) || isFalse(a.value)));
        if (nis.known && !decided) groupSubnets(ctx, nis, 'launchTemplateSubnet', (path) => path.includes('LaunchTemplate') || path.includes('LaunchTemplateSpecification'));
      }
      return;
    }
    if (resource.type === 'AWS::AutoScaling::LaunchConfiguration') {
      for (const a of ctx.prop('AssociatePublicIpAddress')) {
        if (a.known && (a.value === undefined || a.value === null)) {
          groupSubnets(ctx, a, 'launchConfigSubnet', (path) => path.includes('LaunchConfigurationName'), {
            title: 'Set AssociatePublicIpAddress to false',
            kind: 'safe',
            ops: [{ op: 'set', path: ctx.propPath('AssociatePublicIpAddress'), value: false }],
          });
        }
        // A launch configuration is always replaced on update; the Auto Scaling group switches to the
        // new one for the instances it launches next. Nothing with data is replaced: a safe fix.
        else explicit(a);
      }
      return;
    }
    // EC2 instance: NetworkInterfaces is "Update requires: Replacement".
    for (const nis of ctx.prop('NetworkInterfaces')) for (const ni of listElements(ctx, nis)) if (ni.known) for (const a of ctx.below(ni, 'AssociatePublicIpAddress')) explicit(a, 'replaces the instance');
    for (const s of ctx.prop('SubnetId')) instanceSubnet(ctx, s, s);
    for (const nis of ctx.prop('NetworkInterfaces')) {
      const list = listElements(ctx, nis).filter((ni) => ni.known);
      for (const ni of list) {
        if (!isPrimary(ctx, ni, list.length)) continue;
        for (const s of ctx.below(ni, 'SubnetId')) instanceSubnet(ctx, s, ni);
      }
    }
  },
});

/**
 * A NAT (or other routing) instance: source/destination checking is off (SourceDestCheck: false, or
 * user data that turns it off, as launch-template NAT instances do), or a route sends traffic to it.
 */
function isNatInstance(ctx: RuleContext): boolean {
  const r = ctx.resource;
  if (r.type === 'AWS::EC2::Instance') {
    if (ctx.prop('SourceDestCheck').some((o) => o.known && isFalse(o.value))) return true;
    if (ctx.template.referencesTo(r.logicalId).some((ref) => ref.from !== undefined && ref.path.includes('InstanceId') && ctx.template.resource(ref.from)?.type === 'AWS::EC2::Route')) return true;
  }
  const data = r.type === 'AWS::EC2::LaunchTemplate' ? (r.properties.LaunchTemplateData as { UserData?: unknown } | undefined)?.UserData : r.properties.UserData;
  return data !== undefined && /source-dest-check|SourceDestCheck/i.test(JSON.stringify(data));
}

function isPrimary(ctx: RuleContext, ni: Outcome, count: number): boolean {
  const idx = ctx.below(ni, 'DeviceIndex');
  return idx.some((d) => d.known && String(d.value) === '0') || (count === 1 && idx.every((d) => d.known && (d.value === undefined || d.value === null)));
}

/** An instance launched in subnet outcome `s` (of the instance, or of interface `ni`). */
function instanceSubnet(ctx: RuleContext, s: Outcome, under: Outcome): void {
  const link = subnetLink(ctx.template, s);
  if (link.kind !== 'template') return;
  // The primary interface's AssociatePublicIpAddress, if any, decides instead of the subnet.
  for (const nis of ctx.propWhen(under, 'NetworkInterfaces')) {
    const list = listElements(ctx, nis).filter((ni) => ni.known);
    for (const ni of list) {
      if (!isPrimary(ctx, ni, list.length)) continue;
      if (ctx.below(ni, 'AssociatePublicIpAddress').some((a) => !a.known || isTrue(a.value) || isFalse(a.value))) return;
    }
  }
  mapPublic(ctx, link.subnet, s, (subnet, related) => ctx.report({ messageId: 'subnetPublicIp', at: s, data: { subnet }, related }));
}

function mapPublic(ctx: RuleContext, subnet: Resource, under: Outcome, found: (subnet: string, related: RelatedInfo[]) => void): void {
  for (const m of ctx.resolver.at([...subnet.path, 'Properties', 'MapPublicIpOnLaunch'], under.conditions)) {
    if (!m.known) {
      ctx.report({ messageId: 'unverifiable', at: under, data: { what: 'whether its instances get a public IP address', reason: `MapPublicIpOnLaunch of subnet ${subnet.logicalId} ${m.reason ? `is unknown: ${m.reason}` : 'is decided at deploy time'}` } });
      return;
    }
    if (isTrue(m.value)) {
      found(subnet.logicalId, [{ path: m.origin, message: `Subnet ${subnet.logicalId} gives every new network interface a public IP address.` }]);
      return;
    }
  }
}

/**
 * A launch configuration or launch template that leaves AssociatePublicIpAddress to the subnet,
 * through the Auto Scaling groups that use it (by Ref / GetAtt; `uses` tells the group's property).
 */
function groupSubnets(ctx: RuleContext, at: Outcome, messageId: string, uses: (path: readonly (string | number)[]) => boolean, fix?: Fix): void {
  const seen = new Set<string>();
  for (const ref of ctx.template.referencesTo(ctx.resource.logicalId)) {
    if (!ref.from || seen.has(ref.from)) continue;
    const asg = ctx.template.resource(ref.from);
    if (!asg || asg.type !== 'AWS::AutoScaling::AutoScalingGroup' || !uses(ref.path)) continue;
    seen.add(asg.logicalId);
    for (const zones of ctx.resolver.at([...asg.path, 'Properties', 'VPCZoneIdentifier'], at.conditions)) {
      for (const e of listElements(ctx, zones)) {
        const link = subnetLink(ctx.template, e);
        if (link.kind !== 'template') continue;
        let hit = false;
        mapPublic(ctx, link.subnet, at, (subnet, related) => {
          hit = true;
          ctx.report({
            messageId,
            at,
            data: { group: asg.logicalId, subnet },
            related: [{ path: e.origin, message: `Auto Scaling group ${asg.logicalId} launches instances in subnet ${subnet}.` }, ...related],
            ...(fix ? { fix } : {}),
          });
        });
        if (hit) return;
      }
    }
  }
}
