/**
 * AWS Transfer Family servers have a VPC endpoint, not a public one.
 * Catalog HNET-MISC-01 (checkov CKV_AWS_164). EndpointType defaults to PUBLIC: an endpoint on the
 * internet, open to any IP address. A VPC endpoint with AddressAllocationIds (Elastic IPs) is
 * internet-facing too, but its security groups can limit who connects: hardening. Moving to a VPC
 * endpoint needs a VPC, subnets and security groups chosen by a person: no fix.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../../template/resolve';
import { reportUnverifiable } from '../util/public-endpoint';

export default defineRule({
  meta: {
    id: 'transfer-server-public-endpoint',
    title: 'Transfer Family servers use a VPC endpoint, not a public one',
    description:
      'Files exchanged through an AWS Transfer Family server (SFTP, FTPS, AS2) often hold PHI. EndpointType defaults to PUBLIC: an endpoint on the internet that no security group can restrict. A VPC endpoint is reachable only from the VPC unless it is given Elastic IP addresses (AddressAllocationIds), which makes it internet-facing behind its security groups.',
    resourceTypes: ['AWS::Transfer::Server'],
    phiScoped: true,
    peers: { checkov: ['CKV_AWS_164'] },
    messages: {
      public: {
        text: 'Transfer server {{id}} has a public endpoint ({{how}}): any IP address on the internet can connect, and no security group can restrict it.',
        level: 'violation',
      },
      internetFacingVpc: {
        text: 'Transfer server {{id}} has an internet-facing VPC endpoint (EndpointDetails.AddressAllocationIds): make sure its security groups admit only your partners\' addresses.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const o of ctx.prop('EndpointType')) {
      if (!o.known || (o.value !== undefined && o.value !== null && typeof o.value !== 'string')) {
        reportUnverifiable(ctx, o, 'the endpoint type (EndpointType)');
        continue;
      }
      const t = typeof o.value === 'string' ? o.value.toUpperCase() : 'PUBLIC';
      if (t === 'PUBLIC') {
        const how = o.value === undefined || o.value === null ? (o.noValue ? 'EndpointType is removed under a condition; PUBLIC is the default' : 'EndpointType is not set; PUBLIC is the default') : `EndpointType: ${o.value}`;
        ctx.report({ messageId: 'public', at: o, data: { how } });
        continue;
      }
      if (t !== 'VPC') continue; // VPC_ENDPOINT: reachable only inside the VPC
      for (const a of ctx.propWhen(o, 'EndpointDetails', 'AddressAllocationIds')) {
        if (!a.known) {
          reportUnverifiable(ctx, a, 'whether the VPC endpoint is internet-facing (EndpointDetails.AddressAllocationIds)');
          continue;
        }
        if (hasItems(a)) ctx.report({ messageId: 'internetFacingVpc', at: a });
      }
    }
  },
});

function hasItems(a: Outcome): boolean {
  return Array.isArray(a.value) ? a.value.length > 0 : a.value !== undefined && a.value !== null;
}
