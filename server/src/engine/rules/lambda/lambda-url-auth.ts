/**
 * Lambda function URLs require IAM authentication.
 * Catalog HNET-LMB-03 (checkov CKV_AWS_258). AuthType NONE makes the URL callable by anyone on the
 * internet (the function's resource policy decides the rest): an error, on AWS::Lambda::Url and on
 * SAM's AWS::Serverless::Function FunctionUrlConfig (Globals included).
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import { setValueOp } from '../util/encryption';

export default defineRule({
  meta: {
    id: 'lambda-url-auth',
    title: 'Lambda function URLs use AuthType AWS_IAM',
    description:
      'A function URL with AuthType NONE accepts unauthenticated requests from anywhere on the internet. A function that processes PHI must authenticate its callers: with AWS_IAM every request must be signed (SigV4) by an IAM principal the resource or identity policy allows.',
    resourceTypes: ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
    fix: 'suggest',
    phiScoped: true,
    peers: { checkov: ['CKV_AWS_258'] },
    messages: {
      noAuth: {
        text: '{{type}} {{id}} has a function URL with AuthType NONE: anyone on the internet can call the function without authenticating.',
        level: 'violation',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const outs = resource.type === 'AWS::Lambda::Url' ? ctx.prop('AuthType') : ctx.prop('FunctionUrlConfig').flatMap((c) => (c.known && c.value === undefined ? [] : ctx.below(c, 'AuthType')));
    for (const o of outs) {
      if (!o.known) {
        ctx.report({ messageId: 'unverifiable', at: o, data: { what: 'the function URL AuthType', reason: o.reason ?? 'it is decided at deploy time' } });
        continue;
      }
      if (o.value !== 'NONE') continue;
      ctx.report({
        messageId: 'noAuth',
        at: o,
        suggestions: [{ title: 'Require IAM authentication (AuthType AWS_IAM): callers must sign their requests with SigV4', kind: 'suggest', ops: [setValueOp(ctx, o, 'AWS_IAM')] }],
      });
    }
  },
});
