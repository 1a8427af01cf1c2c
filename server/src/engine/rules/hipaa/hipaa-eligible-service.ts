/**
 * Every resource in PHI scope belongs to a HIPAA-eligible AWS service (one the AWS Business
 * Associate Addendum covers). Catalog HELIG-01; no peer tool implements it.
 *
 * The service comes from the resource's Type through packs/hipaa-eligible-services.ts (AWS's HIPAA
 * Eligible Services Reference), overridden by eligibleServices in the config file. A service
 * verified absent from the list is a violation; a namespace the table does not know is
 * information (we never guess); eligible services and types that hold no data (IAM,
 * CloudFormation, custom resources...) pass. The Type is literal, so a resource with a Condition
 * is judged like any other (it may be created).
 */
import { eligibility, isAwsType, prefixOf } from '../../packs/hipaa-eligible-services';
import { defineRule, UNVERIFIABLE } from '../rule';

export default defineRule({
  meta: {
    id: 'hipaa-eligible-service',
    title: 'Resources that may hold PHI belong to HIPAA-eligible AWS services',
    description:
      'PHI may only be stored, processed or transmitted on AWS services covered by the AWS Business Associate Addendum (the HIPAA Eligible Services Reference). The rule maps each resource type to its service: a service that is not on the list is a violation, a service cfn-hipaa does not know is reported for you to check, and types that hold no data (IAM, CloudFormation, custom resources) are not judged. Resources outside PHI scope (Metadata cfn-hipaa: { phi: false }, the phiScope tag rule) are not reported; eligibleServices in .cfn-hipaa.yaml overrides the list for your BAA.',
    resourceTypes: ['*'],
    phiScoped: true,
    messages: {
      notEligible: {
        text: '{{type}} {{id}}: {{service}} is not a HIPAA-eligible service: it is not covered by the AWS BAA, so keep PHI out of it (or mark the resource or template `cfn-hipaa: { phi: false }`, or list the service in eligibleServices in .cfn-hipaa.yaml if your BAA covers it).',
        level: 'violation',
      },
      notEligibleByConfig: {
        text: '{{type}} {{id}}: {{service}} is marked not HIPAA-eligible by eligibleServices ({{key}}: false) in .cfn-hipaa.yaml: your BAA does not cover it, so keep PHI out of it (or mark the resource or template `cfn-hipaa: { phi: false }`).',
        level: 'violation',
      },
      unknownService: {
        text: 'cfn-hipaa does not know whether {{type}} ({{id}}) belongs to a HIPAA-eligible service; check AWS\'s HIPAA Eligible Services Reference and add it to eligibleServices in .cfn-hipaa.yaml ("{{prefix}}": true or false).',
        level: 'unverifiable',
      },
      thirdPartyType: {
        text: '{{type}} {{id}} is not an AWS resource type (a third-party or macro-provided type), so cfn-hipaa cannot tell which service holds its data; if it may hold PHI, make sure that service is covered by a BAA (the AWS BAA covers only AWS\'s eligible services), or mark it `cfn-hipaa: { phi: false }`.',
        level: 'unverifiable',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    const e = eligibility(resource.type, ctx.config.eligibleServices);
    const at = [...resource.path, 'Type'];
    if (e.status === 'not-eligible') {
      if (e.source === 'config') {
        ctx.report({ messageId: 'notEligibleByConfig', at, data: { service: e.service ?? resource.type, key: e.key ?? resource.type } });
      } else {
        ctx.report({ messageId: 'notEligible', at, data: { service: e.service ?? resource.type } });
      }
    } else if (e.status === 'unknown' && !isAwsType(resource.type)) {
      ctx.report({ messageId: 'thirdPartyType', at });
    } else if (e.status === 'unknown') {
      ctx.report({ messageId: 'unknownService', at, data: { prefix: prefixOf(resource.type) ?? resource.type } });
    }
  },
});
