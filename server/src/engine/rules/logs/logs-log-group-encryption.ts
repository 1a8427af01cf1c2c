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
import type { Fix, Json } from '../../types';
import { setValueOp } from '../util/encryption';
import { candidateKeys, classifyKey, keyArn, newKmsKey, serviceStatement, uniqueLogicalId } from '../util/kms';

const LOGS_PRINCIPAL = { 'Fn::Sub': 'logs.${AWS::Region}.amazonaws.com' };
const LOGS_STATEMENT = {
  principal: LOGS_PRINCIPAL,
  sid: 'AllowCloudWatchLogs',
  condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' } } },
};

export default defineRule({
  meta: {
    id: 'logs-log-group-encryption',
    title: 'CloudWatch Logs log groups are encrypted with a customer managed KMS key',
    description:
      'Application and audit logs often contain PHI. CloudWatch Logs encrypts log data with keys it manages; HIPAA workloads should use a customer managed KMS key (KmsKeyId, as a key ARN) so that access to the logs can be controlled and audited. The key policy must allow the CloudWatch Logs service principal (logs.<region>.amazonaws.com), or the deployment fails.',
    resourceTypes: ['AWS::Logs::LogGroup'],
    fix: 'safe',
    messages: {
      serviceKey: {
        text: 'Log group {{id}} sets no KmsKeyId: its logs are encrypted with keys CloudWatch Logs manages, which you cannot audit or revoke. Use a customer managed KMS key.',
        level: 'hardening',
      },
      keyNotArn: {
        text: 'Log group {{id}} names its KMS key with Ref, which returns the key ID; CloudWatch Logs needs the key ARN (Fn::GetAtt {{key}}.Arn), or the deployment fails.',
        level: 'violation',
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
      if (key.kind === 'unknown') {
        ctx.report({ messageId: 'unverifiable', at: k, data: { what: 'the KMS key (KmsKeyId)', reason: key.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (key.kind === 'customer') {
        if (k.resource && k.resource.type === 'AWS::KMS::Key' && k.resource.attribute === undefined) {
          ctx.report({
            messageId: 'keyNotArn',
            at: k,
            data: { key: k.resource.logicalId },
            fix: { title: `Use the ARN of ${k.resource.logicalId}`, kind: 'safe', ops: [setValueOp(ctx, k, keyArn(k.resource.logicalId))] },
          });
        }
        if (key.key && allowsLogs(key.key) === false) {
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
      // Absent (or an AWS managed alias, which log groups cannot use): point at a key Logs may use.
      ctx.report({ messageId: 'serviceKey', at: k, ...fixes(ctx, resource) });
    }
  },
});

/** Does the key policy allow a CloudWatch Logs service principal? undefined when it can't be read. */
function allowsLogs(key: Resource): boolean | undefined {
  const policy = key.properties.KeyPolicy;
  if (policy === undefined) return false; // the default key policy grants only the account
  if (!isObject(policy) || !Array.isArray(policy.Statement)) return undefined;
  return policy.Statement.some((s) => isObject(s) && s.Effect === 'Allow' && mentionsLogs(s.Principal));
}

function mentionsLogs(p: Json | undefined): boolean {
  if (p === undefined || p === null) return false;
  if (typeof p === 'string') return /^logs(\.[^.]+)?\.amazonaws\.com/.test(p) || p.includes('logs.${AWS::Region}.amazonaws.com');
  if (Array.isArray(p)) return p.some(mentionsLogs);
  if (isObject(p)) return Object.values(p).some(mentionsLogs);
  return false;
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
    ops: [{ op: 'set', path: [...key.path, 'Properties', 'KeyPolicy', 'Statement', policy.Statement.length], value: serviceStatement(LOGS_STATEMENT) }],
  };
}

function fixes(ctx: RuleContext, resource: Resource) {
  const usable = candidateKeys(ctx.template, resource).filter((k) => allowsLogs(k) === true);
  const set = (keyId: string) => [{ op: 'set' as const, path: ctx.propPath('KmsKeyId'), value: keyArn(keyId) }];
  if (usable.length === 1) {
    return { fix: { title: `Encrypt with customer managed KMS key ${usable[0].logicalId}`, kind: 'safe' as const, ops: set(usable[0].logicalId) }, suggestions: [] };
  }
  if (usable.length > 1) {
    return { suggestions: usable.map((k) => ({ title: `Encrypt with customer managed KMS key ${k.logicalId}`, kind: 'suggest' as const, ops: set(k.logicalId) })) };
  }
  const keyId = uniqueLogicalId(ctx.template, `${resource.logicalId}Key`);
  return {
    suggestions: [
      {
        title: `Add a customer managed KMS key ${keyId} (rotation on, usable by CloudWatch Logs) and use it`,
        kind: 'suggest' as const,
        ops: [{ op: 'addResource' as const, logicalId: keyId, resource: newKmsKey(`Encrypts log group ${resource.logicalId}`, LOGS_STATEMENT) }, ...set(keyId)],
      },
    ],
  };
}
