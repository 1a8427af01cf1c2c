/**
 * Lambda permissions do not let everyone invoke a function, and service permissions name their source.
 * Catalog HNET-LMB-02 (cdk-nag LambdaFunctionPublicAccessProhibited, Config
 * lambda-function-public-access-prohibited, guard LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED,
 * cfn-lint W3663/W3664, checkov CKV_AWS_364, cfn_nag F13/W24).
 * - Principal '*' (or an ARN with a wildcard account) without SourceArn (with a fixed account),
 *   SourceAccount or PrincipalOrgID: anyone can invoke the function: an error; for
 *   lambda:InvokeFunctionUrl with FunctionUrlAuthType NONE, a public function URL.
 * - A service principal (*.amazonaws.com) without SourceArn or SourceAccount: any account's use of
 *   that service can invoke the function (confused deputy): a warning. s3.amazonaws.com also needs
 *   SourceAccount (bucket names are global: a deleted bucket's name can be claimed by another account).
 * - Permissions of (or on) CDK's own custom-resource handlers are skipped (engine/cdk/plumbing.ts).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { Outcome } from '../rule';
import type { Fix } from '../../types';
import { isCdkPlumbingOrFor } from '../../cdk/plumbing';

export default defineRule({
  meta: {
    id: 'lambda-permission-public',
    title: 'Lambda permissions name who may invoke the function, and service permissions name their source',
    description:
      'A Lambda permission for Principal "*" without SourceArn, SourceAccount or PrincipalOrgID lets anyone invoke a function that may process PHI. A permission for an AWS service without SourceArn or SourceAccount lets that service invoke the function on behalf of any account (the confused-deputy problem).',
    resourceTypes: ['AWS::Lambda::Permission'],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-LambdaFunctionPublicAccessProhibited'],
      config: ['lambda-function-public-access-prohibited'],
      guard: ['LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'],
      checkov: ['CKV_AWS_364'],
      cfnNag: ['F13', 'W24'],
      cfnLint: ['W3663', 'W3664'],
    },
    messages: {
      publicPermission: {
        text: 'Lambda permission {{id}} lets any principal ({{principal}}) invoke the function without SourceArn, SourceAccount or PrincipalOrgID: anyone with an AWS account can call it.',
        level: 'violation',
      },
      publicUrl: {
        text: 'Lambda permission {{id}} lets anyone invoke the function URL without authentication (Principal "*", FunctionUrlAuthType NONE): the function is public on the internet.',
        level: 'violation',
      },
      unscopedService: {
        text: 'Lambda permission {{id}} lets the service {{principal}} invoke the function without SourceArn or SourceAccount: that service can invoke it on behalf of any AWS account. Name the source.',
        level: 'hardening',
      },
      s3NoAccount: {
        text: 'Lambda permission {{id}} lets s3.amazonaws.com invoke the function with SourceArn but no SourceAccount: bucket names are global, so a bucket of that name in another account could invoke it. Add SourceAccount.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (isCdkPlumbingOrFor(resource, ctx.template, ctx.config)) return; // CDK's custom-resource handlers never see PHI
    const set = (p: Outcome, prop: string, test?: (s: string) => boolean) =>
      ctx.propWhen(p, prop).every((o) => !o.known || (o.value !== undefined && o.value !== null && o.value !== '' && (typeof o.value !== 'string' || !test || test(o.value))));
    const accountFix: Fix = {
      title: 'Allow invocation only from this account (SourceAccount: AWS::AccountId; replaces the permission)',
      kind: 'suggest',
      ops: [{ op: 'set', path: ctx.propPath('SourceAccount'), value: { Ref: 'AWS::AccountId' } }],
    };
    for (const p of ctx.prop('Principal')) {
      let principal: string | undefined;
      if (!p.known) {
        if (p.text !== undefined && !p.text.replace(/\$\{[^}]*\}/g, '').includes('*')) continue; // an account ARN built with Sub
        ctx.report({ messageId: 'unverifiable', at: p, data: { what: 'the Principal', reason: p.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (typeof p.value === 'string') principal = p.value;
      else if (p.value === undefined || p.value === null || p.resource || typeof p.value === 'number') continue; // a number is an account ID
      else {
        ctx.report({ messageId: 'unverifiable', at: p, data: { what: 'the Principal', reason: 'it is not a string' } });
        continue;
      }
      if (principal.includes('*')) {
        const restricted = set(p, 'SourceArn', (s) => !arnAccountWild(s)) || set(p, 'SourceAccount', (s) => !s.includes('*')) || set(p, 'PrincipalOrgID', (s) => !s.includes('*'));
        const anyPresent = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'].some((k) => ctx.propWhen(p, k).some((o) => !o.known || o.value !== undefined));
        if (restricted && anyPresent) continue;
        const url = ctx.propWhen(p, 'Action').some((o) => typeof o.value === 'string' && o.value.toLowerCase() === 'lambda:invokefunctionurl') && ctx.propWhen(p, 'FunctionUrlAuthType').some((o) => o.value === 'NONE');
        ctx.report({ messageId: url ? 'publicUrl' : 'publicPermission', at: p, data: { principal } });
        continue;
      }
      if (/\.amazonaws\.com(\.cn)?$/.test(principal)) {
        const hasArn = ctx.propWhen(p, 'SourceArn').some((o) => !o.known || (o.value !== undefined && o.value !== null && o.value !== ''));
        const hasAccount = ctx.propWhen(p, 'SourceAccount').some((o) => !o.known || (o.value !== undefined && o.value !== null && o.value !== ''));
        if (!hasArn && !hasAccount) ctx.report({ messageId: 'unscopedService', at: p, data: { principal }, suggestions: [accountFix] });
        else if (principal.startsWith('s3.') && !hasAccount) ctx.report({ messageId: 's3NoAccount', at: ctx.propPath('SourceAccount'), data: { principal }, suggestions: [accountFix] });
      }
    }
  },
});

/** An ARN whose account field is a wildcard (arn:aws:execute-api:*:*:...). */
function arnAccountWild(s: string): boolean {
  const m = /^arn:[^:]*:[^:]*:[^:]*:([^:]*):/.exec(s);
  return !!m && m[1].includes('*');
}
