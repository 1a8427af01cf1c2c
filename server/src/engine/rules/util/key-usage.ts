/**
 * Which resources of a template use a KMS key to encrypt data: references to the key (or to an
 * alias of it) from a key property of another resource (KmsKeyId, KMSMasterKeyID, KeyArn,
 * EncryptionKey, ...). Permission grants (an IAM policy's Resource) and aliases are not uses.
 * Built once per template.
 */
import type { Path } from '../../types';
import type { Resource, Template } from '../../template/model';
import { keyBehind } from './kms';

export interface KeyUse {
  /** The resource whose data the key encrypts. */
  user: Resource;
  /** Where it names the key. */
  path: Path;
}

const KEY_PROPERTY = /(kms|key)/i;
const NOT_A_USE = new Set(['AWS::KMS::Alias', 'AWS::KMS::Key', 'AWS::KMS::ReplicaKey', 'AWS::KMS::Grant']);
const cache = new WeakMap<Template, Map<string, KeyUse[]>>();

function isKeyProperty(path: Path): boolean {
  const name = [...path].reverse().find((p): p is string => typeof p === 'string' && !p.startsWith('Fn::') && p !== 'Ref');
  return name !== undefined && KEY_PROPERTY.test(name) && !/^(KeyPolicy|KeyName|KeyPair|Keys?|SshKey\w*|PublicKey\w*|KeySchema|PrimaryKey\w*|PartitionKey\w*|SortKey\w*|HashKey\w*|RangeKey\w*|KeyType|AttributeName)$/.test(name);
}

/** Uses of every AWS::KMS::Key of the template, by the key's logical id. */
export function keyUses(template: Template): Map<string, KeyUse[]> {
  let uses = cache.get(template);
  if (uses) return uses;
  uses = new Map();
  const targets = [...template.ofType('AWS::KMS::Key'), ...template.ofType('AWS::KMS::Alias')];
  for (const target of targets) {
    const key = target.type === 'AWS::KMS::Key' ? target : keyBehind(template, target.logicalId);
    if (!key) continue;
    for (const ref of template.referencesTo(target.logicalId)) {
      const user = ref.from !== undefined ? template.resource(ref.from) : undefined;
      if (!user || NOT_A_USE.has(user.type) || user.type.startsWith('AWS::IAM::')) continue;
      if (ref.path[2] !== 'Properties' || !isKeyProperty(ref.path)) continue;
      const list = uses.get(key.logicalId) ?? [];
      if (!list.some((u) => u.user === user)) list.push({ user, path: ref.path });
      uses.set(key.logicalId, list);
    }
  }
  cache.set(template, uses);
  return uses;
}
