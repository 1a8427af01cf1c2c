/**
 * OpenSearch (and legacy Elasticsearch) domains encrypt data at rest, with a customer managed KMS key.
 * Catalog HEAR-OS-01 (cdk-nag OpenSearchEncryptedAtRest, Config elasticsearch-/opensearch-encrypted-at-rest,
 * Guard ELASTICSEARCH_/OPENSEARCH_ENCRYPTED_AT_REST, checkov CKV_AWS_5, cfn_nag W54). Encryption at rest
 * is off unless EncryptionAtRestOptions.Enabled is true. Adding EncryptionAtRestOptions to a domain that
 * never had them causes no interruption; changing them once set deletes and recreates the domain.
 * Guard's HIPAA map, checkov and cfn_nag inspect only AWS::Elasticsearch::Domain; this rule checks both.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isFalse, isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import type { Fix, FixOp } from '../../types';
import { classifyKey, keyFixes } from '../util/kms';
import { howOff, isPlainMap, setNestedOps } from '../util/opensearch';

const OPTIONS = 'EncryptionAtRestOptions';
const REPLACES = 'replaces the domain if it is already deployed';

export default defineRule({
  meta: {
    id: 'opensearch-encryption-at-rest',
    title: 'OpenSearch domains encrypt data at rest with a customer managed KMS key',
    description:
      'Indices, logs, swap files and automated snapshots of an OpenSearch Service (or legacy Elasticsearch) domain hold PHI. CloudFormation creates a domain without encryption at rest unless EncryptionAtRestOptions.Enabled is true. A customer managed KMS key (EncryptionAtRestOptions.KmsKeyId) is preferred to the AWS managed key aws/es.',
    resourceTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    fix: 'safe',
    peers: {
      cdkNag: ['HIPAA.Security-OpenSearchEncryptedAtRest'],
      config: ['elasticsearch-encrypted-at-rest', 'opensearch-encrypted-at-rest'],
      guard: ['ELASTICSEARCH_ENCRYPTED_AT_REST', 'OPENSEARCH_ENCRYPTED_AT_REST'],
      checkov: ['CKV_AWS_5'],
      cfnNag: ['W54'],
    },
    messages: {
      notEncrypted: {
        text: 'Domain {{id}} ({{type}}) does not set EncryptionAtRestOptions.Enabled: true: its data is stored unencrypted.',
        level: 'violation',
      },
      disabled: { text: 'Domain {{id}} ({{type}}) turns encryption at rest off ({{how}}).', level: 'violation' },
      awsManagedKey: {
        text: 'Domain {{id}} is encrypted at rest with {{key}} (aws/es); use a customer managed KMS key (EncryptionAtRestOptions.KmsKeyId) so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const flag of ctx.prop(OPTIONS, 'Enabled')) {
      if (!flag.known) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'encryption at rest (EncryptionAtRestOptions.Enabled)', reason: flag.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isTrue(flag.value)) {
        checkKey(ctx, flag);
        continue;
      }
      const absent = flag.value === undefined || flag.value === null;
      if (!absent && !isFalse(flag.value)) {
        ctx.report({ messageId: 'unverifiable', at: flag, data: { what: 'encryption at rest (EncryptionAtRestOptions.Enabled)', reason: `${JSON.stringify(flag.value)} is not a boolean` } });
        continue;
      }
      // Adding the options to a domain that never had them causes no interruption; changing options
      // already written (Enabled: false, or a mapping without Enabled) recreates the domain.
      const written = !absent || ctx.propWhen(flag, OPTIONS).some((p) => !p.known || isPlainMap(p.value));
      const messageId = absent && !flag.noValue ? 'notEncrypted' : 'disabled';
      ctx.report({ messageId, at: flag, data: { how: howOff(flag, 'EncryptionAtRestOptions.Enabled') }, ...enableFixes(ctx, flag, written) });
    }
  },
});

function checkKey(ctx: RuleContext, flag: Outcome): void {
  for (const k of ctx.propWhen(flag, OPTIONS, 'KmsKeyId')) {
    const key = classifyKey(ctx.template, k);
    if (key.kind === 'customer') continue;
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (EncryptionAtRestOptions.KmsKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    const label = key.kind === 'absent' ? 'the AWS managed key' : `the AWS managed key ${key.label}`;
    const fixes = keyFixes(ctx.template, ctx.resource, {
      title: `Use customer managed KMS key {{key}} (${REPLACES})`,
      replaces: true,
      ops: (keyId) => setNestedOps(ctx, k, [OPTIONS], 'KmsKeyId', { Ref: keyId }) ?? [],
    });
    ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: label }, ...usable(fixes) });
  }
}

/** Enabled: true plus a customer managed key (unless one is named already). */
function enableFixes(ctx: RuleContext, flag: Outcome, replaces: boolean): { fix?: Fix; suggestions: Fix[] } {
  const note = replaces ? ` (${REPLACES})` : '';
  const hasKey = ctx.propWhen(flag, OPTIONS, 'KmsKeyId').every((k) => classifyKey(ctx.template, k).kind === 'customer');
  if (hasKey) {
    const ops = setNestedOps(ctx, flag, [OPTIONS], 'Enabled', true);
    if (!ops) return { suggestions: [] };
    const fix: Fix = { title: `Turn encryption at rest on (EncryptionAtRestOptions.Enabled: true)${note}`, kind: replaces ? 'suggest' : 'safe', ops };
    return replaces ? { suggestions: [fix] } : { fix, suggestions: [] };
  }
  const fixes = keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt at rest with customer managed KMS key {{key}}${note}`,
    replaces,
    ops: (keyId): FixOp[] => {
      if (flag.value !== undefined && flag.value !== null) {
        // Written (false): change it where it is decided, and add the key beside it.
        return [...(setNestedOps(ctx, flag, [OPTIONS], 'Enabled', true) ?? []), ...(setNestedOps(ctx, keyOutcome(ctx, flag), [OPTIONS], 'KmsKeyId', { Ref: keyId }) ?? [])];
      }
      return setNestedOps(ctx, flag, [OPTIONS], 'Enabled', true, { KmsKeyId: { Ref: keyId } }) ?? [];
    },
  });
  return usable(fixes);
}

function keyOutcome(ctx: RuleContext, flag: Outcome): Outcome {
  return ctx.propWhen(flag, OPTIONS, 'KmsKeyId')[0] ?? flag;
}

/** Drop fixes whose ops could not be written (a mapping decided at deploy time). */
function usable(f: { fix?: Fix; suggestions: Fix[] }): { fix?: Fix; suggestions: Fix[] } {
  const ok = (x: Fix) => x.ops.some((op) => op.op !== 'addResource');
  return { ...(f.fix && ok(f.fix) ? { fix: f.fix } : {}), suggestions: f.suggestions.filter(ok) };
}
