/**
 * The Glue Data Catalog encrypts its metadata with a customer managed KMS key and returns
 * connection passwords encrypted.
 * Catalog HEAR-GLUE-01 (checkov CKV_AWS_94). Data Catalog encryption at rest is opt-in: a catalog
 * with CatalogEncryptionMode DISABLED (or none) stores table definitions, column names and
 * partition values unencrypted, a violation. SSE-KMS without a key (the AWS managed key aws/glue)
 * and connection passwords returned in plaintext are hardening. Changing these settings does not
 * replace anything, so fixes are safe where the template holds one key.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import type { FixOp } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { why, writePath } from '../util/key-property';
import { isObject } from '../../template/model';
import { setValueOp } from '../util/encryption';

const S = 'DataCatalogEncryptionSettings';

export default defineRule({
  meta: {
    id: 'glue-data-catalog-encryption',
    title: 'The Glue Data Catalog is encrypted with a customer managed KMS key and returns connection passwords encrypted',
    description:
      'Glue Data Catalog metadata (table and column names, partition values, connection definitions) can reveal PHI. Encryption of the catalog at rest is off unless EncryptionAtRest.CatalogEncryptionMode is SSE-KMS; a customer managed key (SseAwsKmsKeyId) is preferred to the AWS managed key aws/glue. ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted keeps connection passwords encrypted when they are read back.',
    resourceTypes: ['AWS::Glue::DataCatalogEncryptionSettings'],
    fix: 'safe',
    peers: { checkov: ['CKV_AWS_94'] },
    messages: {
      catalogNotEncrypted: {
        text: 'Data Catalog encryption settings {{id}} do not encrypt the catalog at rest ({{how}}): its metadata is stored unencrypted.',
        level: 'violation',
      },
      catalogDefaultKey: {
        text: 'Data Catalog encryption settings {{id}} encrypt the catalog with the AWS managed key aws/glue (no SseAwsKmsKeyId). Use a customer managed KMS key.',
        level: 'hardening',
      },
      catalogAwsManagedKey: {
        text: 'Data Catalog encryption settings {{id}} encrypt the catalog with the AWS managed key {{key}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      passwordsPlaintext: {
        text: 'Data Catalog encryption settings {{id}} return connection passwords unencrypted ({{how}}). Set ReturnConnectionPasswordEncrypted: true with a customer managed KMS key.',
        level: 'hardening',
      },
      passwordAwsManagedKey: {
        text: 'Data Catalog encryption settings {{id}} encrypt connection passwords with the AWS managed key {{key}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    const odd = ctx.prop(S).find((o) => o.known && o.value !== undefined && o.value !== null && !isObject(o.value));
    if (odd) {
      ctx.report({ messageId: 'unverifiable', at: odd, data: { what: 'the encryption settings (DataCatalogEncryptionSettings)', reason: 'they are not a mapping' } });
      return;
    }
    checkAtRest(ctx);
    checkPasswords(ctx);
  },
});

function checkAtRest(ctx: RuleContext): void {
  for (const ear of ctx.prop(S, 'EncryptionAtRest')) {
    const what = 'catalog encryption (EncryptionAtRest)';
    if (!ear.known) {
      ctx.report({ messageId: 'unverifiable', at: ear, data: { what, reason: why(ear) } });
      continue;
    }
    if (ear.value === undefined || ear.value === null) {
      const how = ear.noValue ? 'EncryptionAtRest is removed under a condition' : 'no EncryptionAtRest';
      ctx.report({ messageId: 'catalogNotEncrypted', at: ear, data: { how }, ...fixes(ctx, (k) => [{ op: 'set', path: writePath(ctx, ear), value: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: keyArn(k) } }]) });
      continue;
    }
    if (!isObject(ear.value)) {
      ctx.report({ messageId: 'unverifiable', at: ear, data: { what, reason: 'it is not a mapping' } });
      continue;
    }
    const base = writePath(ctx, ear);
    for (const m of ctx.below(ear, 'CatalogEncryptionMode')) {
      if (!m.known) {
        ctx.report({ messageId: 'unverifiable', at: m, data: { what: 'the catalog encryption mode (CatalogEncryptionMode)', reason: why(m) } });
        continue;
      }
      const keys = ctx.below(ear, 'SseAwsKmsKeyId').filter((k) => sameBranch(k, m));
      if (m.value === 'SSE-KMS' || m.value === 'SSE-KMS-WITH-SERVICE-ROLE') {
        for (const k of keys) {
          const key = classifyKey(ctx.template, k);
          if (key.kind === 'customer') continue;
          if (key.kind === 'unknown') {
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (SseAwsKmsKeyId)', reason: key.reason ?? why(k) } });
            continue;
          }
          const keyPath = writePath(ctx, k, ear, 'SseAwsKmsKeyId');
          const f = fixes(ctx, (id) => [{ op: 'set', path: keyPath, value: keyArn(id) }]);
          if (key.kind === 'absent') ctx.report({ messageId: 'catalogDefaultKey', at: k, ...f });
          else ctx.report({ messageId: 'catalogAwsManagedKey', at: k, data: { key: key.label }, ...f });
        }
        continue;
      }
      if (m.value !== 'DISABLED' && m.value !== undefined && m.value !== null) {
        ctx.report({ messageId: 'unverifiable', at: m, data: { what: 'the catalog encryption mode (CatalogEncryptionMode)', reason: `${JSON.stringify(m.value)} is not a known mode` } });
        continue;
      }
      const how = m.value === 'DISABLED' ? 'CatalogEncryptionMode: DISABLED' : 'no CatalogEncryptionMode';
      const modeOp: FixOp = m.value === undefined || m.value === null ? { op: 'set', path: [...base, 'CatalogEncryptionMode'], value: 'SSE-KMS' } : setValueOp(ctx, m, 'SSE-KMS');
      const hasKey = keys.length > 0 && keys.every((k) => classifyKey(ctx.template, k).kind === 'customer');
      if (hasKey) {
        ctx.report({ messageId: 'catalogNotEncrypted', at: m, data: { how }, fix: { title: 'Encrypt the catalog (CatalogEncryptionMode: SSE-KMS)', kind: 'safe', ops: [modeOp] } });
      } else {
        ctx.report({ messageId: 'catalogNotEncrypted', at: m, data: { how }, ...fixes(ctx, (k) => [modeOp, { op: 'set', path: [...base, 'SseAwsKmsKeyId'], value: keyArn(k) }]) });
      }
    }
  }
}

function checkPasswords(ctx: RuleContext): void {
  for (const cpe of ctx.prop(S, 'ConnectionPasswordEncryption')) {
    const what = 'connection password encryption (ConnectionPasswordEncryption)';
    if (!cpe.known) {
      ctx.report({ messageId: 'unverifiable', at: cpe, data: { what, reason: why(cpe) } });
      continue;
    }
    if (cpe.value === undefined || cpe.value === null) {
      const how = cpe.noValue ? 'ConnectionPasswordEncryption is removed under a condition' : 'no ConnectionPasswordEncryption';
      ctx.report({ messageId: 'passwordsPlaintext', at: cpe, data: { how }, ...fixes(ctx, (k) => [{ op: 'set', path: writePath(ctx, cpe), value: { ReturnConnectionPasswordEncrypted: true, KmsKeyId: keyArn(k) } }]) });
      continue;
    }
    if (!isObject(cpe.value)) {
      ctx.report({ messageId: 'unverifiable', at: cpe, data: { what, reason: 'it is not a mapping' } });
      continue;
    }
    const base = writePath(ctx, cpe);
    for (const r of ctx.below(cpe, 'ReturnConnectionPasswordEncrypted')) {
      if (!r.known) {
        ctx.report({ messageId: 'unverifiable', at: r, data: { what: 'ReturnConnectionPasswordEncrypted', reason: why(r) } });
        continue;
      }
      const keys = ctx.below(cpe, 'KmsKeyId').filter((k) => sameBranch(k, r));
      if (isTrue(r.value)) {
        for (const k of keys) {
          const key = classifyKey(ctx.template, k);
          if (key.kind === 'customer' || key.kind === 'absent') continue; // absent: CloudFormation requires a key with true
          if (key.kind === 'unknown') {
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (ConnectionPasswordEncryption.KmsKeyId)', reason: key.reason ?? why(k) } });
            continue;
          }
          ctx.report({ messageId: 'passwordAwsManagedKey', at: k, data: { key: key.label }, ...fixes(ctx, (id) => [{ op: 'set', path: writePath(ctx, k, cpe, 'KmsKeyId'), value: keyArn(id) }]) });
        }
        continue;
      }
      const absent = r.value === undefined || r.value === null;
      if (!absent && !isFalse(r.value)) {
        ctx.report({ messageId: 'unverifiable', at: r, data: { what: 'ReturnConnectionPasswordEncrypted', reason: `${JSON.stringify(r.value)} is not a boolean` } });
        continue;
      }
      const how = absent ? 'no ReturnConnectionPasswordEncrypted' : 'ReturnConnectionPasswordEncrypted: false';
      const flagOp: FixOp = absent ? { op: 'set', path: [...base, 'ReturnConnectionPasswordEncrypted'], value: true } : setValueOp(ctx, r, true);
      const hasKey = keys.length > 0 && keys.every((k) => classifyKey(ctx.template, k).kind === 'customer');
      if (hasKey) {
        ctx.report({ messageId: 'passwordsPlaintext', at: r, data: { how }, fix: { title: 'Return connection passwords encrypted', kind: 'safe', ops: [flagOp] } });
      } else {
        ctx.report({ messageId: 'passwordsPlaintext', at: r, data: { how }, ...fixes(ctx, (k) => [flagOp, { op: 'set', path: [...base, 'KmsKeyId'], value: keyArn(k) }]) });
      }
    }
  }
}

/** Does outcome `a` hold under the Fn::If choices `b` made (no contradicting assumption)? */
function sameBranch(a: Outcome, b: Outcome): boolean {
  return a.conditions.every((c) => b.conditions.every((d) => d.name !== c.name || d.value === c.value));
}

function fixes(ctx: RuleContext, ops: (keyId: string) => FixOp[]) {
  return keyFixes(ctx.template, ctx.resource, { title: 'Encrypt with customer managed KMS key {{key}}', ops });
}

