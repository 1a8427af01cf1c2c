/**
 * EKS clusters encrypt Kubernetes secrets with a customer managed KMS key (EncryptionConfig).
 * Catalog HEAR-EKS-01 (guard EKS_CLUSTER_ENCRYPTION_RULE, checkov CKV_AWS_58, cfn_nag W82).
 * Since Kubernetes 1.28 EKS envelope-encrypts all Kubernetes API data with an AWS owned key by
 * default, and etcd volumes are always encrypted at the disk level, so a missing EncryptionConfig
 * is hardening: the data is encrypted, but not with a key you control.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isObject } from '../../template/model';
import type { Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { pathStartsWith } from '../../path';

const NOTE = 'it cannot be removed once set; the cluster role needs kms:Encrypt, kms:Decrypt and kms:DescribeKey on it; check the change set for replacement';

export default defineRule({
  meta: {
    id: 'eks-secrets-encryption',
    title: 'EKS clusters envelope-encrypt Kubernetes secrets with a customer managed KMS key',
    description:
      'Kubernetes secrets hold database passwords, API tokens and TLS keys that lead to PHI. EKS clusters should set EncryptionConfig with Resources [secrets] and Provider.KeyArn naming a customer managed KMS key. On Kubernetes 1.28 and later EKS already envelope-encrypts all API data with an AWS owned key, so a missing configuration is a warning: the data is encrypted, but not with a key you control, audit or can revoke.',
    resourceTypes: ['AWS::EKS::Cluster'],
    fix: 'suggest',
    messages: {
      noEncryptionConfig: {
        text: 'EKS cluster {{id}} sets no EncryptionConfig: Kubernetes secrets are encrypted only with keys AWS owns (default envelope encryption on Kubernetes 1.28 and later), which you cannot control or audit. Encrypt secrets with a customer managed KMS key.',
        level: 'hardening',
      },
      secretsNotCovered: {
        text: "EKS cluster {{id}}'s EncryptionConfig does not list secrets in Resources: secrets are not envelope-encrypted with your key.",
        level: 'hardening',
      },
      noKey: {
        text: 'EKS cluster {{id}} encrypts secrets without naming a key (Provider.KeyArn); name a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'EKS cluster {{id}} names the AWS managed key {{key}} for secrets encryption; EKS needs a customer managed symmetric KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
    peers: { guard: ['EKS_CLUSTER_ENCRYPTION_RULE'], checkov: ['CKV_AWS_58'], cfnNag: ['W82'] },
  },

  check(_resource, ctx) {
    for (const cfg of ctx.prop('EncryptionConfig')) {
      if (!cfg.known) {
        ctx.report({ messageId: 'unverifiable', at: cfg, data: { what: 'the encryption configuration (EncryptionConfig)', reason: cfg.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (!Array.isArray(cfg.value) || cfg.value.length === 0) {
        if (cfg.value !== undefined && !Array.isArray(cfg.value)) continue; // not a list: cfn-lint's business
        ctx.report({ messageId: 'noEncryptionConfig', at: cfg, ...fixes(ctx, pathStartsWith(cfg.origin, ctx.resource.path) ? cfg.origin : ctx.propPath('EncryptionConfig'), true) });
        continue;
      }
      let covered = false;
      let unknown = false;
      for (let i = 0; i < cfg.value.length; i++) {
        for (const entry of ctx.propWhen(cfg, 'EncryptionConfig', i)) {
          if (!entry.known || !isObject(entry.value)) continue;
          const res = ctx.below(entry, 'Resources');
          if (res.some((r) => !r.known)) {
            unknown = true;
            const r = res.find((x) => !x.known)!;
            ctx.report({ messageId: 'unverifiable', at: r, data: { what: 'which resources EncryptionConfig encrypts (Resources)', reason: r.reason ?? 'it is decided at deploy time' } });
            continue;
          }
          if (!res.some((r) => Array.isArray(r.value) && r.value.includes('secrets'))) continue;
          covered = true;
          for (const k of ctx.propWhen(entry, 'EncryptionConfig', i, 'Provider', 'KeyArn')) judgeKey(ctx, k, i);
        }
      }
      if (!covered && !unknown) ctx.report({ messageId: 'secretsNotCovered', at: cfg, ...fixes(ctx, ctx.propPath('EncryptionConfig'), true) });
    }
  },
});

function judgeKey(ctx: RuleContext, k: Outcome, i: number): void {
  const key = classifyKey(ctx.template, k);
  if (key.kind === 'customer') return;
  if (key.kind === 'unknown') {
    ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key for secrets (Provider.KeyArn)', reason: key.reason ?? 'it is decided at deploy time' } });
    return;
  }
  ctx.report({ messageId: key.kind === 'absent' ? 'noKey' : 'awsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, ctx.propPath('EncryptionConfig', i, 'Provider', 'KeyArn'), false) });
}

/** Suggestions: write a whole EncryptionConfig (whole = true) or just the key. */
function fixes(ctx: RuleContext, path: Path, whole: boolean) {
  return keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt Kubernetes secrets with customer managed KMS key {{key}} (${NOTE})`,
    replaces: true,
    ops: (keyId) => [{ op: 'set', path, value: whole ? [{ Resources: ['secrets'], Provider: { KeyArn: keyArn(keyId) } }] : keyArn(keyId) }],
  });
}
