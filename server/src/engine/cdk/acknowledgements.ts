/**
 * aws-cdk-lib's `Validations.of(construct).acknowledge({ id, reason })`: CDK records each
 * acknowledgement in the cloud assembly's manifest (metadata `aws:cdk:acknowledged-rules` on the
 * construct) for validation plugins to honour. An acknowledgement applies to the construct and
 * everything below it. cfn-hipaa honours:
 * - `cfn-hipaa::<rule id>` (our own rules; CDK qualifies ids as `<plugin namespace>::<rule>`);
 * - any namespace whose rule is a peer tool's id that one of our rules corresponds to (a cdk-nag
 *   `HIPAA.Security-S3BucketSSLRequestsOnly`, a Guard `S3_BUCKET_SSL_REQUESTS_ONLY`, checkov
 *   `CKV_AWS_...`, cfn_nag `W..`), as for peer suppressions in Metadata.
 */
import { ruleById } from '../rules';
import { peerMatches } from '../suppress';
import type { Finding } from '../types';
import type { Acknowledgement } from './assembly';

export const OWN_NAMESPACE = 'cfn-hipaa';

function ruleOf(id: string): { namespace: string; rule: string } {
  const i = id.indexOf('::');
  return i < 0 ? { namespace: 'Annotation', rule: id } : { namespace: id.slice(0, i), rule: id.slice(i + 2) };
}

/** Does the acknowledgement name this rule (ours, or a peer's)? */
export function acknowledges(ack: Acknowledgement, ruleId: string): boolean {
  const { namespace, rule } = ruleOf(ack.id);
  if (namespace === OWN_NAMESPACE) return rule === ruleId;
  return peerMatches(ruleById(ruleId)?.meta.peers, 'cdk-validations', rule);
}

/** The most specific acknowledgement covering a finding on the resource at construct path `cdkPath`. */
export function acknowledgementFor(acks: readonly Acknowledgement[], ruleId: string, cdkPath: string): Acknowledgement | undefined {
  let best: Acknowledgement | undefined;
  const path = cdkPath.replace(/^\//, '');
  for (const a of acks) {
    if (a.path !== path && !path.startsWith(a.path + '/')) continue;
    if (!acknowledges(a, ruleId)) continue;
    if (!best || a.path.length > best.path.length) best = a;
  }
  return best;
}

/** Mark the findings that an acknowledgement covers (findings already suppressed keep their suppression). */
export function applyAcknowledgements(findings: Finding[], acks: readonly Acknowledgement[], stackPath: string | undefined, cdkPathOf: (logicalId: string) => string | undefined): void {
  if (acks.length === 0) return;
  for (const f of findings) {
    if (f.suppressed || f.logicalId === undefined) continue;
    const p = cdkPathOf(f.logicalId);
    if (!p) continue;
    const a = acknowledgementFor(acks, f.ruleId, p);
    if (!a) continue;
    f.suppressed = {
      reason: a.reason || `acknowledged at ${a.path} without a reason`,
      scope: a.path === stackPath ? 'template' : 'resource',
      peer: { tool: 'cdk-validations', rule: `${a.id} (at ${a.path})` },
    };
  }
}
