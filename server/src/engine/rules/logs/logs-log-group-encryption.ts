/**
 * CloudWatch Logs log groups are encrypted with a customer managed KMS key whose policy lets the
 * CloudWatch Logs service use it.
 * Catalog HEAR-LOG-01 (cdk-nag CloudWatchLogGroupEncrypted, guard CLOUDWATCH_LOG_GROUP_ENCRYPTED,
 * checkov CKV_AWS_158, cfn_nag W84). CloudWatch Logs always encrypts with its own keys, so a missing
 * KmsKeyId is hardening. None of the peers checks the key policy, whose omission fails the deploy.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Resource } from '../../template/model';
import { isObject } from '../../template/model';
import type { Fix } from '../../types';
import type { Outcome } from '../../template/resolve';
import { setValueOp } from '../util/encryption';
import { classifyKey, keyArn, keyFixes, LOGS_KEY_USER, LOGS_PRINCIPAL_RE, serviceStatement } from '../util/kms';
import { policyStatements } from '../util/key-property';


export default defineRule({
  meta: {
    id: 'logs-log-group-encryption',
    title: 'CloudWatch Logs log groups are encrypted with a customer managed KMS key',
    description:
      'Application and audit logs often contain PHI. CloudWatch Logs encrypts log data with keys it manages; HIPAA workloads should use a customer managed KMS key (KmsKeyId, as a key ARN) so that access to the logs can be controlled and audited. The key policy must allow the CloudWatch Logs service principal (logs.<region>.amazonaws.com), or the deployment fails.',
    resourceTypes: ['AWS::Logs::LogGroup'],
    fix: 'safe',
    peers: { cdkNag: ['HIPAA.Security-CloudWatchLogGroupEncrypted'], config: ['cloudwatch-log-group-encrypted'], guard: ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'], checkov: ['CKV_AWS_158'], cfnNag: ['W84'] },
    messages: {
      serviceKey: {
        text: 'Log group {{id}} sets no KmsKeyId: its logs are encrypted with keys CloudWatch Logs manages, which you cannot audit or revoke. Use a customer managed KMS key.',
        level: 'hardening',
      },
      keyNotArn: {
        text: 'Log group {{id}} names its KMS key by {{given}}; CloudWatch Logs accepts only the key ARN, so the deployment fails.',
        level: 'violation',
      },
      policyUnverifiable: {
        text: 'Cannot verify that the key policy of {{key}} lets CloudWatch Logs use it (log group {{id}}): {{reason}}.',
        level: 'unverifiable',
      },
      keyPolicyMissingLogs: {
        text: 'Log group {{id}} uses KMS key {{key}}, whose key policy does not allow the CloudWatch Logs service (logs.<region>.amazonaws.com): the deployment will fail.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    for (const k of ctx.prop('KmsKeyId')) {
      const key = classifyKey(ctx.template, k);
      // Not a key ARN at all (an alias ARN, a key ID built with Fn::Sub): wrong whatever key it names.
      if (key.kind === 'unknown' && notAnArn(k)) {
        ctx.report({ messageId: 'keyNotArn', at: k, data: { given: notAnArn(k)! } });
        continue;
      }
      if (key.kind === 'aws-managed') {
        // Log groups take only a key ARN; an AWS managed alias such as alias/aws/logs fails the deploy.
        ctx.report({ messageId: 'keyNotArn', at: k, data: { given: `alias ${key.label}` }, ...fixes(ctx, resource) });
        continue;
      }
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (key.kind === 'customer') {
        const notArn = notAnArn(k);
        if (notArn) {
          const target = key.key;
          ctx.report({
            messageId: 'keyNotArn',
            at: k,
            data: { given: notArn },
            ...(target ? { fix: { title: `Use the ARN of ${target.logicalId}`, kind: 'safe' as const, ops: [setValueOp(ctx, k, keyArn(target.logicalId))] } } : {}),
          });
        }
        const allowed = key.key ? allowsLogs(ctx, key.key) : true;
        if (allowed === undefined) {
          ctx.report({ messageId: 'policyUnverifiable', at: k, data: { key: key.key!.logicalId, reason: 'the policy, or a principal in it, is decided at deploy time or is not valid JSON' } });
        }
        if (key.key && allowed === false) {
          const grant = grantLogsFix(key.key);
          ctx.report({
            messageId: 'keyPolicyMissingLogs',
            at: k,
            data: { key: key.key.logicalId },
            related: [{ path: [...key.key.path, 'Properties', 'KeyPolicy'], message: `Key policy of ${key.key.logicalId}` }],
            suggestions: grant ? [grant] : [],
          });
        }
        continue;
      }
      // No KmsKeyId: point at a key CloudWatch Logs may use.
      ctx.report({ messageId: 'serviceKey', at: k, ...fixes(ctx, resource) });
    }
  },
});

/** Why a key reference is not the key ARN CloudWatch Logs needs, or undefined when it is (or may be). */
function notAnArn(k: Outcome): string | undefined {
  const keyTypes = ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'];
  if (k.resource && k.resource.attribute === undefined && (keyTypes.includes(k.resource.type) || k.resource.type === 'AWS::KMS::Alias')) {
    return `Ref to ${k.resource.logicalId}, which returns the ${k.resource.type === 'AWS::KMS::Alias' ? 'alias name' : 'key ID'}`;
  }
  if (k.resource && keyTypes.includes(k.resource.type) && k.resource.attribute === 'KeyId') return `Fn::GetAtt ${k.resource.logicalId}.KeyId (the key ID)`;
  if (k.known && typeof k.value === 'string' && !k.value.startsWith('arn:')) return `${k.value.startsWith('alias/') ? 'alias' : 'key ID'} ${k.value}`;
  if (k.known && typeof k.value === 'string' && /:alias\//.test(k.value)) return `the alias ARN ${k.value}`;
  // Built with Fn::Sub or Fn::Join: judge the text around the parts known only at deploy time.
  if (!k.known && k.text !== undefined) {
    if (!k.text.startsWith('arn:') && !k.text.startsWith('${')) return `${k.text}, which is not an ARN`;
    if (/^\$\{[^}]+\}$/.test(k.text)) {
      const [id, attr] = k.text.slice(2, -1).split('.');
      if (attr !== 'Arn') return `${k.text}, which gives the ${attr ? attr : 'key ID'} of ${id}`;
    }
    if (/:alias\//.test(k.text)) return `an alias ARN (${k.text})`;
  }
  return undefined;
}

/** `logs.amazonaws.com`, `logs.<region>.amazonaws.com(.cn)`, and the forms CDK and templates build with Sub/Join. */

/**
 * Does every way the key policy can turn out allow a CloudWatch Logs service principal?
 * undefined when the policy (or a principal in it) is only known at deploy time.
 */
function allowsLogs(ctx: RuleContext, key: Resource): boolean | undefined {
  const policies = ctx.resolver.at([...key.path, 'Properties', 'KeyPolicy']);
  let unknown = false;
  for (const policy of policies) {
    if (!policy.known) return undefined;
    if (policy.value === undefined) return false; // the default key policy grants only the account
    let allows = false;
    for (const stmt of policyStatements(ctx, policy)) {
      if (stmt === undefined) {
        unknown = true;
        continue;
      }
      for (const effect of ctx.resolver.descend(stmt, ['Effect'])) {
        if (effect.value !== 'Allow') continue;
        for (const service of servicePrincipals(ctx, stmt)) {
          if (service === undefined) unknown = true;
          else if (LOGS_PRINCIPAL_RE.test(service)) allows = true;
        }
      }
    }
    if (!allows) return unknown ? undefined : false;
  }
  return true;
}

/** The service principals of a statement as text (undefined for one that can't be read). */
function servicePrincipals(ctx: RuleContext, stmt: Outcome): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const svc of ctx.resolver.descend(stmt, ['Principal', 'Service'])) {
    if (!svc.known) {
      out.push(svc.text);
      continue;
    }
    const values = Array.isArray(svc.value) ? svc.value.map((_, j) => ctx.resolver.descend(svc, [j])).flat() : [svc];
    for (const v of values) {
      if (v.known && (v.value === undefined || v.value === null)) continue; // no service principal here
      out.push(v.known ? (typeof v.value === 'string' ? v.value : undefined) : v.text);
    }
  }
  return out;
}

/**
 * Append the Logs statement to a literal key policy. It grants a permission on another resource,
 * so it is offered for review, never applied by fix-all.
 */
function grantLogsFix(key: Resource): Fix | undefined {
  const policy = key.properties.KeyPolicy;
  if (!isObject(policy) || !Array.isArray(policy.Statement)) return undefined;
  return {
    title: `Allow CloudWatch Logs to use ${key.logicalId} in its key policy`,
    kind: 'suggest',
    ops: [{ op: 'set', path: [...key.path, 'Properties', 'KeyPolicy', 'Statement', policy.Statement.length], value: serviceStatement(LOGS_KEY_USER) }],
  };
}

/** A key CloudWatch Logs may use: one of the template's whose policy allows it, or a new one that does. */
function fixes(ctx: RuleContext, resource: Resource) {
  return keyFixes(ctx.template, resource, {
    title: 'Encrypt with customer managed KMS key {{key}}',
    ops: (keyId) => [{ op: 'set', path: ctx.propPath('KmsKeyId'), value: keyArn(keyId) }],
    keyFilter: (k) => allowsLogs(ctx, k) === true,
    servicePrincipal: LOGS_KEY_USER,
    newKeyTitle: 'Add a customer managed KMS key {{key}} (rotation on, usable by CloudWatch Logs) and use it',
  });
}
