/**
 * A VPC's default security group has its rules removed.
 * Catalog HNET-VPC-01 (cdk-nag VPCDefaultSecurityGroupClosed, Config vpc-default-security-group-closed).
 * CloudFormation cannot change the default group's rules itself; the CDK does it with a
 * `Custom::VpcRestrictDefaultSG` custom resource (restrictDefaultSecurityGroup, on by default for new
 * CDK apps) that references the VPC. A VPC without such a sibling is a warning.
 */
import { defineRule, UNVERIFIABLE } from '../rule';

const RESTRICT_DEFAULT_SG_TYPE = 'Custom::VpcRestrictDefaultSG';

export default defineRule({
  meta: {
    id: 'ec2-vpc-default-security-group',
    title: "VPCs have their default security group's rules removed",
    description:
      "Every VPC comes with a default security group that allows all traffic between its members and all outbound traffic, and that resources join when no group is named. CloudFormation cannot remove those rules; the CDK's restrictDefaultSecurityGroup option does it with a Custom::VpcRestrictDefaultSG custom resource. A VPC without such a custom resource referencing it is a warning.",
    resourceTypes: ['AWS::EC2::VPC'],
    phiScoped: true,
    peers: { cdkNag: ['HIPAA.Security-VPCDefaultSecurityGroupClosed'], config: ['vpc-default-security-group-closed'] },
    messages: {
      defaultOpen: {
        text: "VPC {{id}} keeps its default security group's rules, which allow all traffic between its members and all egress; remove them (CDK: restrictDefaultSecurityGroup, which adds a Custom::VpcRestrictDefaultSG resource).",
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const restricted = ctx.template.referencesTo(resource.logicalId).some((ref) => ref.from !== undefined && ctx.template.resource(ref.from)?.type === RESTRICT_DEFAULT_SG_TYPE);
    if (!restricted) ctx.report({ messageId: 'defaultOpen', at: resource.path });
  },
});
