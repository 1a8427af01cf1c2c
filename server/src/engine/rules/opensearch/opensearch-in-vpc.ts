/**
 * OpenSearch (and legacy Elasticsearch) domains are placed in a VPC.
 * Catalog HNET-OS-01 (cdk-nag OpenSearchInVPCOnly, Config elasticsearch-in-vpc-only and
 * opensearch-in-vpc-only, Guard ELASTICSEARCH_IN_VPC_ONLY and OPENSEARCH_IN_VPC_ONLY, cfn_nag W90).
 * A domain without VPCOptions.SubnetIds gets a public endpoint: reachable from the internet, with
 * access decided only by its access policy (and fine-grained access control, if on). Moving a
 * domain into a VPC replaces it and needs subnets and security groups chosen by a person: no fix.
 * A SubnetIds value decided at deploy time (a List<AWS::EC2::Subnet::Id> parameter, an import)
 * still places the domain in a VPC, so it passes.
 */
import { defineRule, UNVERIFIABLE } from '../rule';

export default defineRule({
  meta: {
    id: 'opensearch-in-vpc',
    title: 'OpenSearch domains are placed in a VPC',
    description:
      'An OpenSearch Service (or legacy Elasticsearch) domain that indexes PHI should be reachable only from inside a VPC. Without VPCOptions.SubnetIds the domain gets a public endpoint on the internet, and only its access policy decides who can read the data.',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-OpenSearchInVPCOnly', 'AwsSolutions-OS1'],
      config: ['elasticsearch-in-vpc-only', 'opensearch-in-vpc-only'],
      guard: ['ELASTICSEARCH_IN_VPC_ONLY', 'OPENSEARCH_IN_VPC_ONLY'],
      cfnNag: ['W90'],
    },
    messages: {
      notInVpc: {
        text: 'Domain {{id}} ({{type}}) {{how}}: it has a public endpoint, and only its access policy decides who can reach the data.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('VPCOptions', 'SubnetIds')) {
      if (!o.known) continue; // subnets chosen at deploy time: the domain is in a VPC
      const v = o.value;
      if (Array.isArray(v) && v.length > 0) continue;
      if (v !== undefined && v !== null && !Array.isArray(v)) {
        // A single intrinsic that yields a list (Fn::Split, a CommaDelimitedList default) counts as set.
        if (typeof v !== 'string' || v !== '') continue;
      }
      const how = o.noValue ? 'removes VPCOptions.SubnetIds under a condition' : Array.isArray(v) ? 'has an empty VPCOptions.SubnetIds' : 'has no VPCOptions.SubnetIds';
      ctx.report({ messageId: 'notInVpc', at: o, data: { how } });
    }
  },
});
