/**
 * CodeBuild projects keep artifact encryption on and encrypt with a customer managed KMS key.
 * Catalog HEAR-CB-01 (checkov CKV_AWS_78, cfn_nag W32). EncryptionDisabled: true on an S3
 * artifact is encryption explicitly off (violation). Without EncryptionKey, CodeBuild encrypts S3
 * output with the AWS managed key aws/s3 (hardening).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Fix, FixOp, Path } from '../../types';
import { setValueOp } from '../util/encryption';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

export default defineRule({
  meta: {
    id: 'codebuild-project-encryption',
    title: 'CodeBuild projects encrypt build artifacts with a customer managed KMS key',
    description:
      'Build output and build logs can contain PHI (test data, reports, packaged configuration). S3 artifacts (Artifacts and SecondaryArtifacts) and S3 build logs (LogsConfig.S3Logs) must not set EncryptionDisabled: true, and the project should name a customer managed KMS key in EncryptionKey; without it CodeBuild uses the AWS managed key aws/s3.',
    resourceTypes: ['AWS::CodeBuild::Project'],
    fix: 'safe',
    messages: {
      encryptionDisabled: {
        text: '{{artifact}} of CodeBuild project {{id}} turns encryption off ({{how}}): CodeBuild uploads them to S3 without encrypting them.',
        level: 'violation',
      },
      defaultKey: {
        text: 'CodeBuild project {{id}} sets no EncryptionKey: its S3 build artifacts are encrypted with the AWS managed key aws/s3, whose policy you cannot restrict. Name a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'CodeBuild project {{id}} encrypts build artifacts with the AWS managed key {{key}}; use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { checkov: ['CKV_AWS_78'], cfnNag: ['W32'] },
  },

  check(_resource, ctx) {
    let s3 = false;
    const entries: { rel: Path; o: Outcome; label: string }[] = [];
    for (const o of ctx.prop('Artifacts')) entries.push({ rel: ['Artifacts'], o, label: 'Artifacts' });
    for (const list of ctx.prop('SecondaryArtifacts')) {
      if (!list.known || !Array.isArray(list.value)) continue;
      for (let i = 0; i < list.value.length; i++) {
        for (const o of ctx.propWhen(list, 'SecondaryArtifacts', i)) entries.push({ rel: ['SecondaryArtifacts', i], o, label: `SecondaryArtifacts[${i}]` });
      }
    }
    for (const { rel, o, label } of entries) {
      if (!o.known || !isObject(o.value)) continue;
      const ids = ctx.below(o, 'ArtifactIdentifier');
      const artifact = ids.length === 1 && typeof ids[0].value === 'string' ? `${label} (${ids[0].value})` : label;
      for (const t of ctx.propWhen(o, ...rel, 'Type')) {
        // EncryptionDisabled is valid only for S3 artifacts (CodeBuild rejects it on others).
        if (t.known && !(typeof t.value === 'string' && t.value.toUpperCase() === 'S3')) continue;
        s3 = true;
        for (const flag of ctx.propWhen(t, ...rel, 'EncryptionDisabled')) judgeFlag(ctx, flag, rel, artifact);
      }
    }
    // Build logs written to S3 can carry PHI too: LogsConfig.S3Logs.EncryptionDisabled.
    const logsRel = ['LogsConfig', 'S3Logs'];
    for (const logs of ctx.prop(...logsRel)) {
      if (!logs.known || !isObject(logs.value)) continue;
      for (const st of ctx.propWhen(logs, ...logsRel, 'Status')) {
        if (st.known && !(typeof st.value === 'string' && st.value.toUpperCase() === 'ENABLED')) continue;
        for (const flag of ctx.propWhen(st, ...logsRel, 'EncryptionDisabled')) judgeFlag(ctx, flag, logsRel, 'S3 build logs (LogsConfig.S3Logs)');
      }
    }
    if (!s3) return;
    for (const k of ctx.prop('EncryptionKey')) {
      const key = classifyKey(ctx.template, k);
      if (key.kind === 'customer') continue;
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (EncryptionKey)', reason: key.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      ctx.report({ messageId: key.kind === 'absent' ? 'defaultKey' : 'awsManagedKey', at: k, data: { key: key.label }, ...keyFix(ctx) });
    }
  },
});

function judgeFlag(ctx: RuleContext, flag: Outcome, rel: Path, artifact: string): void {
  if (!flag.known) {
    ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `artifact encryption of ${artifact} (EncryptionDisabled)`, reason: flag.reason ?? 'it is decided at deploy time' } });
    return;
  }
  if (flag.value === undefined || flag.value === null || isFalse(flag.value)) return;
  if (!isTrue(flag.value)) {
    ctx.report({ messageId: 'unverifiable', at: flag, data: { what: `artifact encryption of ${artifact} (EncryptionDisabled)`, reason: `${JSON.stringify(flag.value)} is not a boolean` } });
    return;
  }
  const own = ctx.propPath(...rel, 'EncryptionDisabled');
  const literal = JSON.stringify(flag.origin) === JSON.stringify(own);
  const op: FixOp = literal ? { op: 'remove', path: own } : setValueOp(ctx, flag, false);
  const fix: Fix = { title: 'Keep encryption on (remove EncryptionDisabled: true)', kind: 'safe', ops: [op] };
  ctx.report({ messageId: 'encryptionDisabled', at: flag, data: { artifact, how: 'EncryptionDisabled: true' }, fix });
}

/** Suggestions only: the service role must be allowed to use the key, or builds fail to upload. */
function keyFix(ctx: RuleContext) {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt build artifacts with customer managed KMS key {{key}} (the service role needs kms:GenerateDataKey and kms:Decrypt on it)',
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on) for build artifacts (the service role needs kms:GenerateDataKey and kms:Decrypt on it)',
    replaces: true,
    ops: (keyId) => [{ op: 'set', path: ctx.propPath('EncryptionKey'), value: keyArn(keyId) }],
  });
}
