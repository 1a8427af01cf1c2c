/**
 * DynamoDB tables are encrypted with a customer managed KMS key.
 * Catalog HEAR-DDB-01 (guard DYNAMODB_TABLE_ENCRYPTED_KMS, checkov CKV_AWS_119, cfn_nag W74).
 * DynamoDB always encrypts, with an AWS owned key by default; so no SSESpecification (or
 * SSEEnabled without a key) is hardening, and an explicit SSEEnabled: false is an opt-out.
 * Also covers global tables (per-replica keys) and SAM SimpleTable, which peers skip.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isFalse, isTrue } from '../../template/resolve';
import type { Fix, FixOp, Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';

export default defineRule({
  meta: {
    id: 'dynamodb-table-encryption',
    title: 'DynamoDB tables are encrypted with a customer managed KMS key',
    description:
      'DynamoDB encrypts every table, by default with a key AWS owns, which you cannot see, audit or revoke. Tables holding PHI should use SSE with a customer managed KMS key (SSESpecification: SSEEnabled true, SSEType KMS, KMSMasterKeyId). Switching keys does not interrupt the table.',
    resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
    fix: 'safe',
    peers: { config: ['dynamodb-table-encrypted-kms'], guard: ['DYNAMODB_TABLE_ENCRYPTED_KMS'], checkov: ['CKV_AWS_119'], cfnNag: ['W74'] },
    messages: {
      sseDisabled: {
        text: 'DynamoDB table {{id}} opts out of KMS encryption ({{how}}): its data falls back to a key AWS owns, which you cannot audit or revoke.',
        level: 'violation',
      },
      awsOwnedKey: {
        text: 'DynamoDB table {{id}} does not turn on SSE ({{how}}): it is encrypted with a key AWS owns, which you cannot audit or revoke. Use SSE with a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'DynamoDB table {{id}} is encrypted with {{key}} (aws/dynamodb); use a customer managed KMS key so that you control and audit access.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const global = resource.type === 'AWS::DynamoDB::GlobalTable';
    for (const sse of ctx.prop('SSESpecification', 'SSEEnabled')) {
      if (!sse.known) {
        ctx.report({ messageId: 'unverifiable', at: sse, data: { what: 'SSE (SSEEnabled)', reason: sse.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (isFalse(sse.value) || (sse.value === undefined && sse.noValue)) {
        ctx.report({ messageId: 'sseDisabled', at: sse, data: { how: isFalse(sse.value) ? 'SSEEnabled: false' : 'SSEEnabled is removed under a condition' }, ...fixes(ctx, global) });
        continue;
      }
      if (!isTrue(sse.value)) {
        const spec = ctx.propWhen(sse, 'SSESpecification');
        const removed = spec.find((o) => o.noValue);
        if (removed) {
          ctx.report({ messageId: 'sseDisabled', at: removed, data: { how: 'SSESpecification is removed under a condition' }, ...fixes(ctx, global) });
        } else {
          const how = spec.every((o) => o.value === undefined) ? 'no SSESpecification' : 'SSESpecification without SSEEnabled: true';
          ctx.report({ messageId: 'awsOwnedKey', at: sse, data: { how }, ...fixes(ctx, global) });
        }
        continue;
      }
      // SSE on: which key? Tables name it in SSESpecification, global tables per replica.
      const keyOutcomes: Outcome[] = global
        ? ctx.propWhen(sse, 'Replicas').flatMap((r) => (Array.isArray(r.value) ? r.value.flatMap((_, i) => ctx.below(r, i, 'SSESpecification', 'KMSMasterKeyId')) : [r]))
        : ctx.propWhen(sse, 'SSESpecification', 'KMSMasterKeyId');
      for (const k of keyOutcomes) {
        const key = classifyKey(ctx.template, k);
        if (key.kind === 'customer') continue;
        if (key.kind === 'unknown') {
          ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KMSMasterKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
          continue;
        }
        const label = key.kind === 'absent' ? 'the AWS managed key' : `the AWS managed key ${key.label}`;
        ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: label }, ...fixes(ctx, global, keyPathOf(k, ctx)) });
      }
    }
  },
});

/** The KMSMasterKeyId path an outcome stands for (a replica's, or the table's). */
function keyPathOf(k: Outcome, ctx: RuleContext): Path {
  const i = k.logical.indexOf('KMSMasterKeyId');
  return i >= 0 ? k.logical.slice(0, i + 1) : ctx.propPath('SSESpecification', 'KMSMasterKeyId');
}

/** Is every replica (or the one at keyPath) in the stack's own region, where a template key exists? */
function replicasInStackRegion(ctx: RuleContext, keyPath?: Path): boolean {
  const i = keyPath ? keyPath.indexOf('Replicas') : -1;
  const only = i >= 0 ? keyPath![i + 1] : undefined;
  for (const list of ctx.prop('Replicas')) {
    if (!list.known || !Array.isArray(list.value)) return false;
    for (let r = 0; r < list.value.length; r++) {
      if (only !== undefined && r !== only) continue;
      if (!ctx.below(list, r, 'Region').every((o) => !o.known && o.text === '${AWS::Region}')) return false;
    }
  }
  return true;
}

function fixes(ctx: RuleContext, global: boolean, keyPath?: Path): { fix?: Fix; suggestions: Fix[] } {
  // A KMS key lives in one region: a replica elsewhere needs a key the template cannot give it.
  if (global && !replicasInStackRegion(ctx, keyPath)) return { suggestions: [] };
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt with customer managed KMS key {{key}}',
    ops: (keyId): FixOp[] => {
      if (global) {
        // Global tables: SSE on at the table, the key on every replica.
        const replicas = ctx.prop('Replicas').find((r) => Array.isArray(r.value));
        const n = replicas && Array.isArray(replicas.value) ? replicas.value.length : 0;
        const ops: FixOp[] = [{ op: 'merge', path: ctx.propPath('SSESpecification'), value: { SSEEnabled: true, SSEType: 'KMS' } }];
        const paths = keyPath ? [keyPath] : Array.from({ length: n }, (_, i) => ctx.propPath('Replicas', i, 'SSESpecification', 'KMSMasterKeyId'));
        for (const p of paths) ops.push({ op: 'set', path: p, value: keyArn(keyId) });
        return ops;
      }
      return [{ op: 'merge', path: ctx.propPath('SSESpecification'), value: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn(keyId) } }];
    },
  });
}
