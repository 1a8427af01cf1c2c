/**
 * Athena workgroups encrypt query results with a customer managed KMS key and enforce that
 * setting on clients.
 * Catalog HEAR-MISC-01 (checkov CKV_AWS_82). Query results are written to S3, where the bucket's
 * default encryption (SSE-S3 at least, since 2023) applies when the workgroup sets none, so a
 * missing EncryptionConfiguration is hardening; so is EnforceWorkGroupConfiguration: false, which
 * lets each client choose its own (possibly no) result encryption. Both are updated in place.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import type { Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { why, writePath } from '../util/key-property';
import { isObject } from '../../template/model';
import { setValueOp } from '../util/encryption';

const W = 'WorkGroupConfiguration';

export default defineRule({
  meta: {
    id: 'athena-workgroup-encryption',
    title: 'Athena workgroups encrypt query results with a customer managed KMS key and enforce it on clients',
    description:
      'Athena query results are copies of the data queried, often PHI. A workgroup should set ResultConfiguration.EncryptionConfiguration to SSE_KMS or CSE_KMS with a customer managed key, and EnforceWorkGroupConfiguration should not be false, so that clients cannot write results with weaker or no encryption of their choosing.',
    resourceTypes: ['AWS::Athena::WorkGroup'],
    fix: 'safe',
    peers: { checkov: ['CKV_AWS_82'] },
    messages: {
      resultsNotEncrypted: {
        text: 'Athena workgroup {{id}} sets no result encryption (ResultConfiguration.EncryptionConfiguration): query results get only the S3 bucket\'s default encryption. Use SSE_KMS with a customer managed key.',
        level: 'hardening',
      },
      s3ManagedKey: {
        text: 'Athena workgroup {{id}} encrypts query results with S3 managed keys (SSE_S3). Use SSE_KMS with a customer managed key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Athena workgroup {{id}} encrypts query results with the AWS managed key {{key}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      notEnforced: {
        text: 'Athena workgroup {{id}} does not enforce its settings (EnforceWorkGroupConfiguration: false): clients choose their own result location and encryption, including none.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const odd = ctx.prop(W).find((o) => o.known && o.value !== undefined && o.value !== null && !isObject(o.value));
    if (odd) {
      ctx.report({ messageId: 'unverifiable', at: odd, data: { what: 'the workgroup configuration (WorkGroupConfiguration)', reason: 'it is not a mapping' } });
      return;
    }
    for (const managed of ctx.prop(W, 'ManagedQueryResultsConfiguration', 'Enabled')) {
      // Results kept in Athena-owned storage: ResultConfiguration does not apply.
      if (managed.known && isTrue(managed.value)) continue;
      checkResults(ctx, managed);
    }
    for (const e of ctx.prop(W, 'EnforceWorkGroupConfiguration')) {
      if (!e.known) {
        ctx.report({ messageId: 'unverifiable', at: e, data: { what: 'EnforceWorkGroupConfiguration', reason: why(e) } });
      } else if (isFalse(e.value)) {
        ctx.report({ messageId: 'notEnforced', at: e, fix: { title: 'Enforce the workgroup settings (EnforceWorkGroupConfiguration: true)', kind: 'safe', ops: [setValueOp(ctx, e, true)] } });
      }
    }
  },
});

function checkResults(ctx: RuleContext, scope: Parameters<RuleContext['propWhen']>[0]): void {
  for (const ec of ctx.propWhen(scope, W, 'ResultConfiguration', 'EncryptionConfiguration')) {
    const what = 'result encryption (EncryptionConfiguration)';
    if (!ec.known) {
      ctx.report({ messageId: 'unverifiable', at: ec, data: { what, reason: why(ec) } });
      continue;
    }
    if (ec.value === undefined || ec.value === null) {
      ctx.report({ messageId: 'resultsNotEncrypted', at: ec, ...fixes(ctx, writePath(ctx, ec), 'whole') });
      continue;
    }
    if (!isObject(ec.value)) {
      ctx.report({ messageId: 'unverifiable', at: ec, data: { what, reason: 'it is not a mapping' } });
      continue;
    }
    const ecPath = writePath(ctx, ec);
    for (const opt of ctx.below(ec, 'EncryptionOption')) {
      if (!opt.known) {
        ctx.report({ messageId: 'unverifiable', at: opt, data: { what: 'the encryption option (EncryptionOption)', reason: why(opt) } });
      } else if (opt.value === 'SSE_S3') {
        ctx.report({ messageId: 's3ManagedKey', at: opt, ...fixes(ctx, ecPath, 'whole') });
      } else if (opt.value === 'SSE_KMS' || opt.value === 'CSE_KMS') {
        for (const k of ctx.below(ec, 'KmsKey').filter((x) => x.conditions.every((c) => opt.conditions.every((d) => d.name !== c.name || d.value === c.value)))) {
          const key = classifyKey(ctx.template, k);
          if (key.kind === 'customer' || key.kind === 'absent') continue; // absent: Athena requires KmsKey with a KMS option
          if (key.kind === 'unknown') {
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsKey)', reason: key.reason ?? why(k) } });
            continue;
          }
          ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, writePath(ctx, k, ec, 'KmsKey'), 'key') });
        }
      } else {
        const reason = opt.value === undefined ? 'EncryptionOption is missing (CloudFormation requires it)' : `${JSON.stringify(opt.value)} is not a known EncryptionOption`;
        ctx.report({ messageId: 'unverifiable', at: opt, data: { what: 'the encryption option (EncryptionOption)', reason } });
      }
    }
  }
}

/** SSE_KMS with a template key: updated in place. */
function fixes(ctx: RuleContext, path: Path, what: 'whole' | 'key') {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt query results with customer managed KMS key {{key}}',
    ops: (keyId) => [{ op: 'set', path, value: what === 'whole' ? { EncryptionOption: 'SSE_KMS', KmsKey: keyArn(keyId) } : keyArn(keyId) }],
  });
}
