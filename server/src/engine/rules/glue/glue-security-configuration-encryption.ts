/**
 * Glue security configurations encrypt S3 output, CloudWatch logs and job bookmarks with customer
 * managed KMS keys, and Glue jobs, crawlers and development endpoints use one.
 * Catalog HEAR-GLUE-01 (checkov CKV_AWS_99 for the configuration, CKV_AWS_195 for its use).
 * Without S3 encryption Glue writes objects that get the bucket's default encryption (SSE-S3 at
 * least since 2023); CloudWatch Logs encrypts log data with its own keys; job bookmarks are kept by
 * Glue. Nothing is left unencrypted, so every finding is hardening. A security configuration can't
 * be changed in place (replacement), so its fixes are suggestions; pointing a job at a
 * configuration changes what its role must be allowed to do, so that is a suggestion too.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Resource } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import type { Fix, Json, Path } from '../../types';
import { classifyKey, keyArn, keyFixes, LOGS_KEY_USER, LOGS_PRINCIPAL_RE } from '../util/kms';
import { actionCovers, keyPolicyAllows, why, writePath } from '../util/key-property';
import { isObject } from '../../template/model';

const REPLACES = 'replaces the security configuration; give it a new Name if jobs refer to it by name';

/** The property naming the security configuration, per resource type. */
const USES: Record<string, string> = {
  'AWS::Glue::Job': 'SecurityConfiguration',
  'AWS::Glue::DevEndpoint': 'SecurityConfiguration',
  'AWS::Glue::Crawler': 'CrawlerSecurityConfiguration',
};

interface Part {
  prop: 'CloudWatchEncryption' | 'JobBookmarksEncryption';
  mode: string;
  on: string;
  messageId: string;
}
const PARTS: Part[] = [
  { prop: 'CloudWatchEncryption', mode: 'CloudWatchEncryptionMode', on: 'SSE-KMS', messageId: 'cloudWatchNotEncrypted' },
  { prop: 'JobBookmarksEncryption', mode: 'JobBookmarksEncryptionMode', on: 'CSE-KMS', messageId: 'bookmarksNotEncrypted' },
];

export default defineRule({
  meta: {
    id: 'glue-security-configuration-encryption',
    title: 'Glue security configurations encrypt S3 data, logs and job bookmarks with customer managed KMS keys, and Glue jobs and crawlers use one',
    description:
      'Glue jobs and crawlers read and write PHI. A security configuration makes Glue encrypt the objects it writes to S3 (S3Encryptions, SSE-KMS), the logs it sends to CloudWatch (CloudWatchEncryption, SSE-KMS) and its job bookmarks (JobBookmarksEncryption, CSE-KMS) with KMS keys you control. Jobs, crawlers and development endpoints without a security configuration rely on the services\' default encryption only.',
    resourceTypes: ['AWS::Glue::SecurityConfiguration', 'AWS::Glue::Job', 'AWS::Glue::Crawler', 'AWS::Glue::DevEndpoint'],
    fix: 'suggest',
    peers: { checkov: ['CKV_AWS_99', 'CKV_AWS_195'] },
    messages: {
      notConfigured: {
        text: 'Glue security configuration {{id}} sets no EncryptionConfiguration: S3 data, CloudWatch logs and job bookmarks are not encrypted with your KMS keys.',
        level: 'hardening',
      },
      s3NotEncrypted: {
        text: 'Glue security configuration {{id}} does not encrypt S3 data ({{how}}): objects Glue writes get only the bucket\'s default encryption. Use SSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      s3ManagedKey: {
        text: 'Glue security configuration {{id}} encrypts S3 data with S3 managed keys (SSE-S3). Use SSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      cloudWatchNotEncrypted: {
        text: 'Glue security configuration {{id}} does not encrypt CloudWatch logs with a KMS key ({{how}}): logs are encrypted only with keys CloudWatch Logs manages. Use SSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      bookmarksNotEncrypted: {
        text: 'Glue security configuration {{id}} does not encrypt job bookmarks ({{how}}). Use CSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      awsManagedKey: {
        text: 'Glue security configuration {{id}} uses the AWS managed key {{key}} for {{what}}. Use a customer managed KMS key.',
        level: 'hardening',
      },
      noSecurityConfiguration: {
        text: '{{type}} {{id}} uses no Glue security configuration ({{prop}}): what it writes to S3, its logs and job bookmarks are not encrypted with your KMS keys.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const use = USES[resource.type];
    if (use) checkUse(ctx, use);
    else checkConfiguration(ctx);
  },
});

function checkUse(ctx: RuleContext, prop: string): void {
  for (const o of ctx.prop(prop)) {
    if (!o.known) continue; // named at deploy time: a configuration is used
    if (o.value !== undefined && o.value !== null && o.value !== '') continue;
    const configs = ctx.template.ofType('AWS::Glue::SecurityConfiguration').filter((c) => !c.condition || c.condition === ctx.resource.condition);
    const suggestions: Fix[] = configs.map((c) => ({
      title: `Use security configuration ${c.logicalId} (the role then needs the KMS permissions it asks for)`,
      kind: 'suggest',
      ops: [{ op: 'set', path: writePath(ctx, o), value: { Ref: c.logicalId } }],
    }));
    ctx.report({ messageId: 'noSecurityConfiguration', at: o, data: { prop }, suggestions });
  }
}

function checkConfiguration(ctx: RuleContext): void {
  for (const ec of ctx.prop('EncryptionConfiguration')) {
    if (!ec.known) {
      ctx.report({ messageId: 'unverifiable', at: ec, data: { what: 'the encryption configuration (EncryptionConfiguration)', reason: why(ec) } });
      continue;
    }
    if (!isObject(ec.value)) {
      if (ec.value === undefined || ec.value === null) {
        // Nothing configured at all: one finding per part, at the EncryptionConfiguration.
        ctx.report({ messageId: 'notConfigured', at: ec, ...fixes(ctx, writePath(ctx, ec), fullConfig, true) });
      } else {
        ctx.report({ messageId: 'unverifiable', at: ec, data: { what: 'the encryption configuration (EncryptionConfiguration)', reason: 'it is not a mapping' } });
      }
      continue;
    }
    checkS3(ctx, ec);
    for (const part of PARTS) checkPart(ctx, ec, part);
  }
}

function fullConfig(key: string): Json {
  return {
    S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn(key) }],
    CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn(key) },
    JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: keyArn(key) },
  };
}

function checkS3(ctx: RuleContext, ec: Outcome): void {
  const s3Value = (k: string): Json => [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn(k) }];
  for (const list of ctx.below(ec, 'S3Encryptions')) {
    if (!list.known) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'S3 encryption (S3Encryptions)', reason: why(list) } });
      continue;
    }
    const listPath = writePath(ctx, list, ec, 'S3Encryptions');
    const absent = list.value === undefined || list.value === null;
    if (!absent && !Array.isArray(list.value) && !isObject(list.value)) {
      ctx.report({ messageId: 'unverifiable', at: list, data: { what: 'S3 encryption (S3Encryptions)', reason: 'it is neither a list nor a mapping' } });
      continue;
    }
    const entries: Outcome[] = Array.isArray(list.value) ? list.value.flatMap((_, i) => ctx.below(list, i)) : isObject(list.value) ? [list] : [];
    if (entries.length === 0) {
      const how = list.value === undefined || list.value === null ? 'no S3Encryptions' : 'S3Encryptions is empty';
      ctx.report({ messageId: 's3NotEncrypted', at: list, data: { how }, ...fixes(ctx, listPath, s3Value, false) });
      continue;
    }
    for (const e of entries) {
      for (const m of ctx.below(e, 'S3EncryptionMode')) {
        if (!m.known) {
          ctx.report({ messageId: 'unverifiable', at: m, data: { what: 'the S3 encryption mode (S3EncryptionMode)', reason: why(m) } });
        } else if (m.value === 'SSE-KMS') {
          checkKey(ctx, e, m, 'S3 data');
        } else if (m.value === 'SSE-S3') {
          ctx.report({ messageId: 's3ManagedKey', at: m, ...fixes(ctx, listPath, s3Value, false) });
        } else {
          const how = m.value === undefined || m.value === null ? 'no S3EncryptionMode' : `S3EncryptionMode: ${String(m.value)}`;
          ctx.report({ messageId: 's3NotEncrypted', at: m, data: { how }, ...fixes(ctx, listPath, s3Value, false) });
        }
      }
    }
  }
}

function checkPart(ctx: RuleContext, ec: Outcome, part: Part): void {
  const logs = part.prop === 'CloudWatchEncryption';
  const value = (k: string): Json => ({ [part.mode]: part.on, KmsKeyArn: keyArn(k) });
  for (const p of ctx.below(ec, part.prop)) {
    if (!p.known) {
      ctx.report({ messageId: 'unverifiable', at: p, data: { what: part.prop, reason: why(p) } });
      continue;
    }
    const path = writePath(ctx, p, ec, part.prop);
    if (p.value === undefined || p.value === null) {
      ctx.report({ messageId: part.messageId, at: p, data: { how: `no ${part.prop}` }, ...fixes(ctx, path, value, logs) });
      continue;
    }
    if (!isObject(p.value)) {
      ctx.report({ messageId: 'unverifiable', at: p, data: { what: part.prop, reason: 'it is not a mapping' } });
      continue;
    }
    for (const m of ctx.below(p, part.mode)) {
      if (!m.known) {
        ctx.report({ messageId: 'unverifiable', at: m, data: { what: part.mode, reason: why(m) } });
      } else if (m.value === part.on) {
        checkKey(ctx, p, m, logs ? 'CloudWatch logs' : 'job bookmarks');
      } else {
        const how = m.value === undefined || m.value === null ? `no ${part.mode}` : `${part.mode}: ${String(m.value)}`;
        ctx.report({ messageId: part.messageId, at: m, data: { how }, ...fixes(ctx, path, value, logs) });
      }
    }
  }
}

function checkKey(ctx: RuleContext, parent: Outcome, mode: Outcome, what: string): void {
  for (const k of ctx.below(parent, 'KmsKeyArn').filter((x) => x.conditions.every((c) => mode.conditions.every((d) => d.name !== c.name || d.value === c.value)))) {
    const key = classifyKey(ctx.template, k);
    if (key.kind === 'customer' || key.kind === 'absent') continue; // absent: Glue requires a key with a KMS mode
    if (key.kind === 'unknown') {
      ctx.report({ messageId: 'unverifiable', at: k, data: { what: `the KMS key for ${what} (KmsKeyArn)`, reason: key.reason ?? why(k) } });
      continue;
    }
    ctx.report({ messageId: 'awsManagedKey', at: k, data: { key: key.label, what }, ...fixes(ctx, writePath(ctx, k, parent, 'KmsKeyArn'), (id) => keyArn(id), what === 'CloudWatch logs') });
  }
}

/** Suggestions only: a security configuration is replaced on any change. */
function fixes(ctx: RuleContext, path: Path, value: (keyId: string) => Json, logs: boolean): { suggestions: Fix[] } {
  const r = keyFixes(ctx.template, ctx.resource, {
    title: `Encrypt with customer managed KMS key {{key}} (${REPLACES})`,
    replaces: true,
    ops: (keyId) => [{ op: 'set', path, value: value(keyId) }],
    ...(logs
      ? {
          keyFilter: (k: Resource) => keyPolicyAllows(ctx, k, LOGS_PRINCIPAL_RE, (a) => actionCovers(a, 'kms:GenerateDataKey')) === true,
          servicePrincipal: LOGS_KEY_USER,
          newKeyTitle: `Add a customer managed KMS key {{key}} (rotation on, usable by CloudWatch Logs) and use it (${REPLACES})`,
        }
      : {}),
  });
  return { suggestions: r.suggestions };
}
