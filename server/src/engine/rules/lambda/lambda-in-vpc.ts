/**
 * Lambda functions run in a VPC (VpcConfig with subnets and security groups).
 * Catalog HNET-LMB-01 (cdk-nag LambdaInsideVPC, Config lambda-inside-vpc, guard LAMBDA_INSIDE_VPC,
 * checkov CKV_AWS_117, cfn_nag W89). A function outside a VPC does not expose data by itself, so
 * this is a warning. Both SubnetIds and SecurityGroupIds must be non-empty (cdk-nag accepts either;
 * guard requires both, as Lambda does to attach the function). A value known only at deploy time
 * (a Ref to a List<AWS::EC2::Subnet::Id> parameter) names subnets, which is what matters here.
 * Lambda@Edge functions (run by a CloudFront distribution, directly or through a Version) cannot be
 * attached to a VPC and are skipped, as are CDK's own custom-resource handlers (engine/cdk/plumbing.ts).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../rule';
import type { Template } from '../../template/model';
import { isCdkPlumbing } from '../../cdk/plumbing';

export default defineRule({
  meta: {
    id: 'lambda-in-vpc',
    title: 'Lambda functions run in a VPC, with subnets and security groups',
    description:
      'A Lambda function that processes PHI should run in the VPC of the data it reads (VpcConfig with SubnetIds and SecurityGroupIds), so that its traffic stays on private networks and VPC endpoints, and security groups and endpoint policies can limit what it reaches.',
    resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-LambdaInsideVPC'],
      config: ['lambda-inside-vpc'],
      guard: ['LAMBDA_INSIDE_VPC'],
      checkov: ['CKV_AWS_117'],
      cfnNag: ['W89'],
    },
    messages: {
      notInVpc: {
        text: '{{type}} {{id}} does not run in a VPC ({{how}}): if it reads or writes PHI, that traffic leaves your VPC, and your security groups and VPC endpoint policies cannot limit it.',
        level: 'hardening',
      },
      partialVpc: {
        text: '{{type}} {{id}} sets VpcConfig {{has}} but no {{missing}}: Lambda needs both subnets and security groups to attach the function to the VPC.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (isCdkPlumbing(resource, ctx.config)) return; // CDK's custom-resource handlers never see PHI
    if (isEdgeFunction(ctx.template, resource.logicalId)) return; // Lambda@Edge cannot be attached to a VPC
    const nonEmpty = (o: Outcome) => !o.known || (Array.isArray(o.value) ? o.value.some((x) => x !== '' && x !== null) : o.value !== undefined && o.value !== null && o.value !== '');
    for (const vc of ctx.prop('VpcConfig')) {
      if (!vc.known) {
        ctx.report({ messageId: 'unverifiable', at: vc, data: { what: 'VpcConfig', reason: vc.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (vc.value === undefined || vc.value === null) {
        ctx.report({ messageId: 'notInVpc', at: vc, data: { how: vc.noValue ? 'VpcConfig is removed with AWS::NoValue in this branch' : 'no VpcConfig' } });
        continue;
      }
      const subnets = ctx.below(vc, 'SubnetIds');
      const groups = ctx.below(vc, 'SecurityGroupIds');
      const failS = subnets.filter((o) => !nonEmpty(o));
      const failG = groups.filter((o) => !nonEmpty(o));
      if (failS.length === subnets.length && failG.length === groups.length) {
        ctx.report({ messageId: 'notInVpc', at: failS[0] ?? vc, data: { how: 'VpcConfig has no SubnetIds and no SecurityGroupIds' } });
        continue;
      }
      for (const o of failS) ctx.report({ messageId: 'partialVpc', at: o, data: { has: 'SecurityGroupIds', missing: 'SubnetIds' } });
      for (const o of failG) ctx.report({ messageId: 'partialVpc', at: o, data: { has: 'SubnetIds', missing: 'SecurityGroupIds' } });
    }
  },
});

/** A function (or a version of it) that a CloudFront distribution runs at the edge (LambdaFunctionAssociations). */
function isEdgeFunction(template: Template, id: string, depth = 0): boolean {
  for (const ref of template.referencesTo(id)) {
    const from = ref.from ? template.resource(ref.from) : undefined;
    if (!from) continue;
    if (from.type === 'AWS::CloudFront::Distribution' && ref.path.includes('LambdaFunctionAssociations')) return true;
    if (depth === 0 && from.type === 'AWS::Lambda::Version' && isEdgeFunction(template, from.logicalId, 1)) return true;
  }
  return false;
}
