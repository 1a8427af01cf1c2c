/**
 * KMS keys as rules see them: is a key property customer managed, AWS managed, absent, or unknown?
 * And which key of the template a fix should use.
 */
import type { Fix, FixOp, JsonObject } from '../../types';
import type { Resource, Template } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import { isTrue } from '../../template/resolve';

export type KeyKind = 'customer' | 'aws-managed' | 'absent' | 'unknown';

export interface KeyInfo {
  kind: KeyKind;
  /** The AWS::KMS::Key of this template the value refers to, if any. */
  key?: Resource;
  /** Human text of the key, for messages: `alias/aws/sqs`, `KmsKey`. */
  label: string;
  reason?: string;
}

const AWS_MANAGED = /(^|:)alias\/aws\//;

const KMS_RESOURCE_TYPES = new Set(['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey']);

export function classifyKey(template: Template, o: Outcome): KeyInfo {
  if (!o.known) {
    const key = o.refs.map((id) => keyBehind(template, id)).find((k) => k !== undefined);
    if (key) return { kind: 'customer', key, label: key.logicalId };
    // A key, replica key or alias this template creates is customer managed (aws/ aliases can't be created).
    const kmsRef = o.refs.map((id) => template.resource(id)).find((r) => r && KMS_RESOURCE_TYPES.has(r.type));
    if (kmsRef) return { kind: 'customer', label: kmsRef.logicalId };
    if (o.text && AWS_MANAGED.test(o.text)) return { kind: 'aws-managed', label: o.text };
    return { kind: 'unknown', label: o.text ?? 'the key', reason: o.reason };
  }
  if (o.value === undefined || o.value === null || o.value === '') return { kind: 'absent', label: '' };
  if (o.resource) {
    const key = keyBehind(template, o.resource.logicalId);
    if (key) return { kind: 'customer', key, label: key.logicalId };
    if (o.resource.type === 'AWS::KMS::Alias' || o.resource.type === 'AWS::KMS::ReplicaKey') {
      return { kind: 'customer', label: o.resource.logicalId };
    }
    return {
      kind: 'unknown',
      label: o.resource.logicalId,
      reason: `the key comes from ${o.resource.type} ${o.resource.logicalId}, whose output is known only at deploy time`,
    };
  }
  if (typeof o.value === 'string') {
    if (AWS_MANAGED.test(o.value)) return { kind: 'aws-managed', label: o.value };
    return { kind: 'customer', label: o.value };
  }
  return { kind: 'unknown', label: String(o.value), reason: 'the key is not a string' };
}

/** The key resource behind a logical id (whose KeyPolicy applies): a key or replica key, or the target of an alias. */
export function keyBehind(template: Template, logicalId: string): Resource | undefined {
  const r = template.resource(logicalId);
  if (!r) return undefined;
  if (r.type === 'AWS::KMS::Key' || r.type === 'AWS::KMS::ReplicaKey') return r;
  if (r.type === 'AWS::KMS::Alias') {
    const t = r.properties.TargetKeyId;
    const ref = t && typeof t === 'object' && !Array.isArray(t) ? (t.Ref ?? (Array.isArray(t['Fn::GetAtt']) ? t['Fn::GetAtt'][0] : undefined)) : undefined;
    const target = typeof ref === 'string' ? template.resource(ref) : undefined;
    return target?.type === 'AWS::KMS::Key' || target?.type === 'AWS::KMS::ReplicaKey' ? target : undefined;
  }
  return undefined;
}

/**
 * Customer managed keys a fix may point at: AWS::KMS::Key resources of this template that exist
 * whenever the resource does (no Condition of their own), symmetric, with rotation enabled first.
 */
export function candidateKeys(template: Template, forResource: Resource): Resource[] {
  return template
    .ofType('AWS::KMS::Key')
    // Keys of this template only: a fix cannot Ref another stack's key (in a CDK app, pass the key in code).
    .filter((k) => template.resources.has(k.logicalId))
    .filter((k) => !k.condition || k.condition === forResource.condition)
    .filter((k) => {
      const spec = k.properties.KeySpec ?? k.properties.CustomerMasterKeySpec;
      const usage = k.properties.KeyUsage;
      return (spec === undefined || spec === 'SYMMETRIC_DEFAULT') && (usage === undefined || usage === 'ENCRYPT_DECRYPT');
    })
    .sort((a, b) => Number(isTrue(b.properties.EnableKeyRotation)) - Number(isTrue(a.properties.EnableKeyRotation)));
}

export function keyArn(key: Resource | string): JsonObject {
  return { 'Fn::GetAtt': [typeof key === 'string' ? key : key.logicalId, 'Arn'] };
}

export interface KeyFixOptions {
  /** Title, with {{key}} for the key's logical id. */
  title: string;
  /** Ops that make the resource use the key with this logical id. */
  ops: (keyLogicalId: string) => FixOp[];
  /** Service principals that must be able to use a new key (e.g. logs.${AWS::Region}.amazonaws.com). */
  servicePrincipal?: { principal: JsonObject | string; sid: string; condition?: JsonObject };
  /** The fix replaces the resource on update (never a safe fix). */
  replaces?: boolean;
  /** Only keys this accepts are offered (e.g. keys whose policy lets the service use them). */
  keyFilter?: (key: Resource) => boolean;
  /** Title of the suggestion that adds a new key, with {{key}}. */
  newKeyTitle?: string;
}

/**
 * Fixes that put a customer managed key on a resource: a safe fix when the template holds exactly
 * one suitable key (and the change doesn't replace the resource), else one suggestion per key;
 * with no key, a suggestion that adds an AWS::KMS::Key with rotation enabled.
 */
export function keyFixes(template: Template, resource: Resource, opts: KeyFixOptions): { fix?: Fix; suggestions: Fix[] } {
  const keys = candidateKeys(template, resource).filter((k) => opts.keyFilter?.(k) ?? true);
  const title = (k: string) => opts.title.replace('{{key}}', k);
  if (keys.length > 0) {
    const fixes = keys.map((k): Fix => {
      const care = keepKeyOps(k);
      return { title: title(k.logicalId) + (care.length ? ' (and make the key rotate and outlive the stack)' : ''), kind: 'suggest', ops: [...opts.ops(k.logicalId), ...care] };
    });
    if (keys.length === 1 && !opts.replaces) return { fix: { ...fixes[0], kind: 'safe' }, suggestions: [] };
    return { suggestions: fixes };
  }
  const keyId = uniqueLogicalId(template, `${resource.logicalId}Key`);
  return {
    suggestions: [
      {
        title: (opts.newKeyTitle ?? 'Add a customer managed KMS key {{key}} (rotation on) and use it').replace('{{key}}', keyId),
        kind: 'suggest',
        ops: [{ op: 'addResource', logicalId: keyId, resource: newKmsKey(`Encrypts ${resource.logicalId}`, opts.servicePrincipal) }, ...opts.ops(keyId)],
      },
    ],
  };
}

/**
 * A resource that starts encrypting with a key of the template makes that key hold ePHI: the fix
 * also turns its rotation on and retains it (rules kms-key-rotation and kms-key-retention), so that
 * using the key adds no finding. Values decided by intrinsics are left alone.
 */
export function keepKeyOps(key: Resource): FixOp[] {
  const ops: FixOp[] = [];
  const rotation = key.properties.EnableKeyRotation;
  const external = key.properties.Origin === 'EXTERNAL';
  if (!external && (rotation === undefined || rotation === false || rotation === 'false')) {
    ops.push({ op: 'set', path: [...key.path, 'Properties', 'EnableKeyRotation'], value: true });
  }
  for (const [attr, value] of [
    ['DeletionPolicy', key.deletionPolicy],
    ['UpdateReplacePolicy', key.updateReplacePolicy],
  ] as const) {
    if (value === undefined || value === 'Delete' || value === 'Snapshot') ops.push({ op: 'set', path: [...key.path, attr], value: 'Retain' });
  }
  return ops;
}

/** A logical id not taken by a resource or a parameter (they share one namespace: Ref reaches both). */
export function uniqueLogicalId(template: Template, base: string): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '');
  const taken = (id: string) => template.resource(id) !== undefined || template.parameters.has(id);
  if (!taken(clean)) return clean;
  for (let i = 2; ; i++) if (!taken(`${clean}${i}`)) return `${clean}${i}`;
}

/** CloudWatch Logs as a key user: what a new key's policy grants for log groups of this account. */
export const LOGS_KEY_USER: NonNullable<KeyFixOptions['servicePrincipal']> = {
  principal: { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' },
  sid: 'AllowCloudWatchLogs',
  condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' } } },
};

/** The CloudWatch Logs service principal as key policies write it (regional, global, China, URLSuffix). */
export const LOGS_PRINCIPAL_RE = /^logs\.((\$\{AWS::Region\}|[a-z0-9-]+)\.)?(amazonaws\.com(\.cn)?|\$\{AWS::URLSuffix\})$/;

/** A key policy statement that lets an AWS service principal use the key. */
export function serviceStatement(service: NonNullable<KeyFixOptions['servicePrincipal']>): JsonObject {
  return {
    Sid: service.sid,
    Effect: 'Allow',
    Principal: { Service: service.principal },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    ...(service.condition ? { Condition: service.condition } : {}),
  };
}

/** A symmetric KMS key with rotation on, kept on stack deletion, administered through IAM in this account. */
export function newKmsKey(description: string, service?: KeyFixOptions['servicePrincipal']): JsonObject {
  const statements: JsonObject[] = [
    {
      Sid: 'AllowAccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (service) statements.push(serviceStatement(service));
  return {
    Type: 'AWS::KMS::Key',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      Description: description,
      EnableKeyRotation: true,
      KeyPolicy: { Version: '2012-10-17', Statement: statements },
    },
  };
}
