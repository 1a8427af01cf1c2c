/**
 * EMR clusters use a security configuration that encrypts data in transit and at rest (local disks
 * and EMRFS data in S3). Catalog HTRN-EMR-01 (cfn_nag W61 on AWS::EMR::SecurityConfiguration, W63 on
 * AWS::EMR::Cluster). A cluster without SecurityConfiguration has neither: a violation. A cluster that
 * names a security configuration outside the template cannot be verified. Each security configuration
 * of the template is judged on its own resource (its SecurityConfiguration JSON may be an object or a
 * JSON string). No fix: in-transit encryption needs a certificate provider, at-rest a key provider.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import { isTrue } from '../../template/resolve';
import type { Outcome } from '../../template/resolve';
import type { Resource, Template } from '../../template/model';
import { isPlainMap } from '../util/opensearch';

const CLUSTER = 'AWS::EMR::Cluster';
const SECCONF = 'AWS::EMR::SecurityConfiguration';

/** Security configurations of a template by their literal Name (built once per template). */
const byName = new WeakMap<Template, Map<string, Resource>>();
function namedConfigurations(template: Template): Map<string, Resource> {
  let m = byName.get(template);
  if (!m) {
    m = new Map();
    for (const r of template.ofType(SECCONF)) if (typeof r.properties.Name === 'string') m.set(r.properties.Name, r);
    byName.set(template, m);
  }
  return m;
}

export default defineRule({
  meta: {
    id: 'emr-security-configuration-encryption',
    title: 'EMR clusters use a security configuration that encrypts data in transit and at rest',
    description:
      'EMR clusters that process PHI must encrypt it in transit (between nodes and to S3) and at rest (local disks, HDFS, EMRFS data in S3). An AWS::EMR::Cluster gets this only from a security configuration (SecurityConfiguration) whose EncryptionConfiguration sets EnableInTransitEncryption and EnableAtRestEncryption, with LocalDiskEncryptionConfiguration and S3EncryptionConfiguration.',
    resourceTypes: [CLUSTER, SECCONF],
    peers: {
      cfnNag: ['W61', 'W63'],
    },
    messages: {
      noSecurityConfiguration: {
        text: 'EMR cluster {{id}} sets no SecurityConfiguration: data in transit between its nodes and its local disks are not encrypted.',
        level: 'violation',
      },
      inTransitOff: {
        text: 'EMR security configuration {{id}} does not enable in-transit encryption ({{how}}).',
        level: 'violation',
      },
      atRestOff: {
        text: 'EMR security configuration {{id}} does not enable at-rest encryption ({{how}}).',
        level: 'violation',
      },
      localDiskOff: {
        text: 'EMR security configuration {{id}} enables at-rest encryption without LocalDiskEncryptionConfiguration: local disks and HDFS of its clusters are not encrypted.',
        level: 'violation',
      },
      s3Off: {
        text: 'EMR security configuration {{id}} sets no S3EncryptionConfiguration: EMRFS data in S3 gets only the bucket default encryption; choose SSE-KMS or CSE-KMS with a customer managed key.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(resource, ctx) {
    if (resource.type === CLUSTER) checkCluster(ctx);
    else checkConfiguration(ctx);
  },
});

function checkCluster(ctx: RuleContext): void {
  const what = 'the security configuration (SecurityConfiguration)';
  for (const sc of ctx.prop('SecurityConfiguration')) {
    if (sc.resource?.type === SECCONF) continue;
    if (!sc.known) {
      if (sc.refs.some((id) => ctx.template.resource(id)?.type === SECCONF)) continue;
      ctx.report({ messageId: 'unverifiable', at: sc, data: { what, reason: sc.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (sc.value === undefined || sc.value === null || sc.value === '') {
      ctx.report({ messageId: 'noSecurityConfiguration', at: sc });
      continue;
    }
    if (typeof sc.value === 'string') {
      if (namedConfigurations(ctx.template).has(sc.value)) continue;
      ctx.report({ messageId: 'unverifiable', at: sc, data: { what, reason: `it names security configuration ${sc.value}, which is not defined in this template` } });
      continue;
    }
    ctx.report({ messageId: 'unverifiable', at: sc, data: { what, reason: `${JSON.stringify(sc.value)} is not a security configuration name` } });
  }
}

function checkConfiguration(ctx: RuleContext): void {
  for (const raw of ctx.prop('SecurityConfiguration')) {
    const what = 'the security configuration JSON (SecurityConfiguration)';
    if (!raw.known) {
      ctx.report({ messageId: 'unverifiable', at: raw, data: { what, reason: raw.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    let sc: Outcome = raw;
    if (typeof raw.value === 'string') {
      try {
        sc = { ...raw, value: JSON.parse(raw.value) };
      } catch {
        ctx.report({ messageId: 'unverifiable', at: raw, data: { what, reason: 'it is not valid JSON' } });
        continue;
      }
    }
    // Absent: CloudFormation requires the property; nothing to judge.
    if (sc.value === undefined || sc.value === null) continue;
    if (!isPlainMap(sc.value)) {
      ctx.report({ messageId: 'unverifiable', at: raw, data: { what, reason: 'it is not a JSON object' } });
      continue;
    }
    const flag = (name: string, messageId: string) => {
      let on = false;
      for (const f of ctx.below(sc, 'EncryptionConfiguration', name)) {
        if (!f.known) {
          ctx.report({ messageId: 'unverifiable', at: f, data: { what: `EncryptionConfiguration.${name}`, reason: f.reason ?? 'it is decided at deploy time' } });
        } else if (isTrue(f.value)) {
          on = true;
        } else {
          const how = f.value === undefined || f.value === null ? `EncryptionConfiguration.${name} is not set` : `EncryptionConfiguration.${name}: ${JSON.stringify(f.value)}`;
          ctx.report({ messageId, at: f, data: { how } });
        }
      }
      return on;
    };
    flag('EnableInTransitEncryption', 'inTransitOff');
    if (!flag('EnableAtRestEncryption', 'atRestOff')) continue;
    const part = (name: string, messageId: string) => {
      for (const p of ctx.below(sc, 'EncryptionConfiguration', 'AtRestEncryptionConfiguration', name)) {
        if (!p.known) ctx.report({ messageId: 'unverifiable', at: p, data: { what: `AtRestEncryptionConfiguration.${name}`, reason: p.reason ?? 'it is decided at deploy time' } });
        else if (!isPlainMap(p.value)) ctx.report({ messageId, at: p });
      }
    };
    part('LocalDiskEncryptionConfiguration', 'localDiskOff');
    part('S3EncryptionConfiguration', 's3Off');
  }
}
