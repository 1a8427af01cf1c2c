/**
 * Firehose delivery streams encrypt buffered records with a customer managed KMS key, and do not
 * turn off encryption of what they write to S3.
 * Catalog HEAR-FH-01 (guard KINESIS_FIREHOSE_DELIVERY_STREAM_ENCRYPTION_RULE, cfn_nag W88).
 * Server-side encryption of a Direct PUT stream is opt-in (StartDeliveryStreamEncryption, which
 * DeliveryStreamEncryptionConfigurationInput calls), but Firehose documents that it encrypts data
 * in interim storage with AWS KMS anyway, so an absent setting is hardening, like an AWS owned
 * key; streams
 * reading a Kinesis stream (or MSK, or a database) take their protection from the source and are
 * skipped. NoEncryptionConfig on an S3 destination is hardening: the bucket's default encryption
 * (SSE-S3 at least, since 2023) still applies.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Outcome } from '../../template/resolve';
import type { Fix, Path } from '../../types';
import { classifyKey, keyArn, keyFixes } from '../util/kms';
import { why, writePath } from '../util/key-property';
import { isObject } from '../../template/model';

/** Places where Firehose writes to S3 and may be told not to encrypt (relative to Properties). */
const S3_CONFIGS: readonly (readonly string[])[] = [
  ['S3DestinationConfiguration'],
  ['ExtendedS3DestinationConfiguration'],
  ['ExtendedS3DestinationConfiguration', 'S3BackupConfiguration'],
  ['RedshiftDestinationConfiguration', 'S3Configuration'],
  ['RedshiftDestinationConfiguration', 'S3BackupConfiguration'],
  ['ElasticsearchDestinationConfiguration', 'S3Configuration'],
  ['AmazonopensearchserviceDestinationConfiguration', 'S3Configuration'],
  ['AmazonOpenSearchServerlessDestinationConfiguration', 'S3Configuration'],
  ['SplunkDestinationConfiguration', 'S3Configuration'],
  ['HttpEndpointDestinationConfiguration', 'S3Configuration'],
  ['SnowflakeDestinationConfiguration', 'S3Configuration'],
  ['IcebergDestinationConfiguration', 'S3Configuration'],
];

export default defineRule({
  meta: {
    id: 'firehose-delivery-stream-encryption',
    title: 'Firehose Direct PUT delivery streams encrypt buffered records with a customer managed KMS key',
    description:
      'Firehose buffers records (up to 24 hours when a destination is unavailable) before delivering them. Firehose encrypts its interim storage with keys it manages; for Direct PUT streams, DeliveryStreamEncryptionConfigurationInput with KeyType CUSTOMER_MANAGED_CMK puts records under a customer managed KMS key that you control and audit. Streams that read from a Kinesis data stream inherit the source stream\'s encryption and are not checked. Destinations written to S3 should not set NoEncryptionConfig: NoEncryption.',
    resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
    fix: 'safe',
    peers: {
      guard: ['KINESIS_FIREHOSE_DELIVERY_STREAM_ENCRYPTION_RULE'],
      cfnNag: ['W88'],
    },
    messages: {
      notEncrypted: {
        text: 'Firehose delivery stream {{id}} (Direct PUT) sets no DeliveryStreamEncryptionConfigurationInput: server-side encryption is off, and records it buffers are protected only by keys Firehose manages, which you cannot control or audit. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsOwnedKey: {
        text: 'Firehose delivery stream {{id}} encrypts buffered records with an AWS owned key (KeyType AWS_OWNED_CMK), which you cannot control or audit. Use a customer managed KMS key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Firehose delivery stream {{id}} names the AWS managed key {{key}} as its KeyARN; use a customer managed KMS key.',
        level: 'hardening',
      },
      destinationNotEncrypted: {
        text: 'Firehose delivery stream {{id}} asks not to encrypt what it writes to S3 ({{where}}: NoEncryption); only the bucket\'s default encryption applies. Use a customer managed KMS key (KMSEncryptionConfig).',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(_resource, ctx) {
    for (const t of ctx.prop('DeliveryStreamType')) {
      if (!t.known) {
        ctx.report({ messageId: 'unverifiable', at: t, data: { what: 'the source type (DeliveryStreamType)', reason: why(t) } });
        continue;
      }
      if (t.value !== undefined && t.value !== null && t.value !== 'DirectPut') continue; // encryption comes from the source
      checkSse(ctx, t);
    }
    for (const rel of S3_CONFIGS) {
      for (const o of ctx.prop(...rel, 'EncryptionConfiguration', 'NoEncryptionConfig')) {
        if (!o.known) {
          ctx.report({ messageId: 'unverifiable', at: o, data: { what: `S3 encryption (${rel.join('.')}.EncryptionConfiguration)`, reason: why(o) } });
        } else if (o.value === 'NoEncryption') {
          ctx.report({ messageId: 'destinationNotEncrypted', at: o, data: { where: rel.join('.') }, ...destinationFixes(ctx, o) });
        }
      }
    }
  },
});

function checkSse(ctx: RuleContext, scope: Outcome): void {
  for (const input of ctx.propWhen(scope, 'DeliveryStreamEncryptionConfigurationInput')) {
    const what = 'server-side encryption (DeliveryStreamEncryptionConfigurationInput)';
    if (!input.known) {
      ctx.report({ messageId: 'unverifiable', at: input, data: { what, reason: why(input) } });
      continue;
    }
    if (input.value === undefined || input.value === null) {
      ctx.report({ messageId: 'notEncrypted', at: input, ...sseFixes(ctx, writePath(ctx, input), 'whole') });
      continue;
    }
    if (!isObject(input.value)) {
      ctx.report({ messageId: 'unverifiable', at: input, data: { what, reason: 'it is not a mapping' } });
      continue;
    }
    const inputPath = writePath(ctx, input);
    for (const kt of ctx.below(input, 'KeyType')) {
      if (!kt.known) {
        ctx.report({ messageId: 'unverifiable', at: kt, data: { what: 'the key type (KeyType)', reason: why(kt) } });
      } else if (kt.value === 'AWS_OWNED_CMK') {
        ctx.report({ messageId: 'awsOwnedKey', at: kt, ...sseFixes(ctx, inputPath, 'whole') });
      } else if (kt.value === 'CUSTOMER_MANAGED_CMK') {
        for (const k of ctx.propWhen(kt, 'DeliveryStreamEncryptionConfigurationInput', 'KeyARN')) {
          const key = classifyKey(ctx.template, k);
          if (key.kind === 'customer') continue;
          if (key.kind === 'aws-managed') {
            ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label }, ...sseFixes(ctx, writePath(ctx, k, input, 'KeyARN'), 'key') });
          } else {
            const reason = key.kind === 'absent' ? 'KeyARN is missing (required with CUSTOMER_MANAGED_CMK)' : (key.reason ?? why(k));
            ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KeyARN)', reason } });
          }
        }
      } else {
        const reason = kt.value === undefined ? 'KeyType is missing (CloudFormation requires it)' : `${JSON.stringify(kt.value)} is not a valid KeyType`;
        ctx.report({ messageId: 'unverifiable', at: kt, data: { what: 'the key type (KeyType)', reason } });
      }
    }
  }
}

/** Encrypt the buffer with a customer managed key: no interruption on update (StartDeliveryStreamEncryption). */
function sseFixes(ctx: RuleContext, path: Path, what: 'whole' | 'key') {
  return keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt buffered records with customer managed KMS key {{key}}',
    ops: (keyId) => [{ op: 'set', path, value: what === 'whole' ? { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: keyArn(keyId) } : keyArn(keyId) }],
  });
}

/** Replace NoEncryptionConfig by KMSEncryptionConfig: the delivery role then needs the key, so a suggestion. */
function destinationFixes(ctx: RuleContext, o: Outcome): { suggestions: Fix[] } {
  const path = (writePath(ctx, o) === o.origin ? o.origin : o.logical).slice(0, -1);
  const r = keyFixes(ctx.template, ctx.resource, {
    title: 'Encrypt objects in S3 with customer managed KMS key {{key}} (the delivery role needs kms:GenerateDataKey on it)',
    ops: (keyId) => [{ op: 'set', path, value: { KMSEncryptionConfig: { AWSKMSKeyARN: keyArn(keyId) } } }],
  });
  return { suggestions: [...(r.fix ? [{ ...r.fix, kind: 'suggest' as const }] : []), ...r.suggestions] };
}
