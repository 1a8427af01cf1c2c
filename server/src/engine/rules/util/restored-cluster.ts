/**
 * Clusters restored from a snapshot or another cluster (DocumentDB, Neptune) take their storage
 * encryption from the source: for checkFlagAndKey's `handled`, report once that a source outside
 * the template must be checked, and stay silent for a source in the template (judged on its own).
 */
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import { isTrue } from '../../template/resolve';
import { checkFlagAndKey, isSet, refine, resourceScope } from './encryption';
import type { Scope } from './encryption';

export const CLUSTER_SOURCES = ['SnapshotIdentifier', 'SourceDBClusterIdentifier'] as const;

/**
 * The resource split into scopes by whether they restore from a source (kind true), branch by
 * branch where an Fn::If decides it, so that a restore branch never hides a plain-create branch.
 */
export function restoreScopes(ctx: RuleContext, props: readonly string[] = CLUSTER_SOURCES): Scope[] {
  let scopes: Scope[] = [{ kind: false, scope: resourceScope(ctx) }];
  for (const prop of props) scopes = scopes.flatMap((r) => (r.kind ? [r] : refine(ctx, [r.scope], prop, isSet)));
  return scopes;
}

/** Does any branch restore from a source? (Fixes must then spare the restore branches.) */
export function someRestore(ctx: RuleContext, props: readonly string[] = CLUSTER_SOURCES): boolean {
  return props.some((p) => ctx.prop(p).some(isSet));
}

/**
 * A `handled` callback: true when, under the flag's conditions, the cluster is restored from a
 * source and the flag does not ask for encryption (reported as `messageId` when the source is not
 * in the template).
 */
export function inheritsEncryption(ctx: RuleContext, messageId: string, data: Record<string, string>, props: readonly string[] = CLUSTER_SOURCES): (flag: Outcome) => boolean {
  const reported = new Set<string>();
  return (flag) => {
    // Asking for encryption is judged (the key matters); anything else on a restore leaves the
    // source's encryption in place: the restore APIs cannot decrypt.
    if (flag.known && isTrue(flag.value)) return false;
    for (const prop of props) {
      const src = ctx.propWhen(flag, prop).find(isSet);
      if (!src) continue;
      if (src.resource || src.refs.length > 0) return true;
      const source = typeof src.value === 'string' ? `${prop} ${src.value}` : `${prop} (decided at deploy time: ${src.reason ?? 'unknown'})`;
      if (!reported.has(source)) {
        reported.add(source);
        ctx.report({ messageId, at: src, data: { ...data, source } });
      }
      return true;
    }
    return false;
  };
}

/**
 * StorageEncrypted + KmsKeyId of a cluster that may be restored from a source (DocumentDB,
 * Neptune): each restore branch inherits, every other branch is judged; fixes replace the cluster
 * and spare the restore branches. Messages: notEncrypted, disabled, awsManagedKey, inherited.
 */
export function checkClusterStorageEncryption(ctx: RuleContext): void {
  const inherited = inheritsEncryption(ctx, 'inherited', {});
  const restores = someRestore(ctx);
  for (const r of restoreScopes(ctx)) {
    checkFlagAndKey(ctx, {
      flag: 'StorageEncrypted',
      keyProp: 'KmsKeyId',
      replaces: true,
      replacesNote: 'replaces the cluster if it is already deployed',
      flagWhat: 'storage encryption (StorageEncrypted)',
      messages: { notEncrypted: 'notEncrypted', disabled: 'disabled', awsManagedKey: 'awsManagedKey' },
      handled: r.kind ? inherited : () => false,
      scope: r.scope,
      conditionalFixes: restores,
    });
  }
}
