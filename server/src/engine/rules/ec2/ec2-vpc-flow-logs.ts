/**
 * Every VPC has a flow log, and the flow log records rejected traffic and keeps its records.
 * Catalog HAUD-VPC-01 (cdk-nag VPCFlowLogsEnabled, Config vpc-flow-logs-enabled, cfn_nag W60).
 * The flow log is found by reference (ResourceId a Ref, or Fn::GetAtt VpcId, to the VPC), never by
 * name. Unlike the peers, the rule also follows the flow log to its CloudWatch Logs group and
 * judges its retention; the group's encryption is logs-log-group-encryption's business, and an S3
 * destination bucket is judged by the s3 rules.
 *
 * Severity: hardening. Flow logs are one audit mechanism among several (CloudTrail, application
 * and database logs); their absence loses the record of network activity but exposes no PHI.
 * cdk-nag reports an error only because every rule of its HIPAA pack is an error.
 */
import { defineRule, UNVERIFIABLE } from '../rule';
import type { RuleContext } from '../rule';
import type { Resource } from '../../template/model';
import type { Outcome } from '../../template/resolve';
import type { Fix } from '../../types';
import { setValueOp } from '../util/encryption';
import { describeConditions, flowLogsOf, logGroupOf, newFlowLog, MIN_RETENTION, placeOf, VPC } from '../util/flow-logs';
import type { Coverage } from '../util/flow-logs';

export default defineRule({
  meta: {
    id: 'ec2-vpc-flow-logs',
    title: 'Every VPC has a flow log that records all traffic and keeps its records for at least a year',
    description:
      'VPC flow logs record the network connections to and from the systems in a VPC: who reached a database holding PHI, and which attempts were rejected. Each AWS::EC2::VPC needs an AWS::EC2::FlowLog whose ResourceId refers to it (Ref or Fn::GetAtt VpcId). A flow log that records only accepted traffic misses rejected connection attempts, and a CloudWatch Logs group that keeps records for less than a year loses them before most incidents are investigated.',
    resourceTypes: [VPC],
    fix: 'suggest',
    phiScoped: true,
    peers: {
      cdkNag: ['HIPAA.Security-VPCFlowLogsEnabled', 'AwsSolutions-VPC7'],
      config: ['vpc-flow-logs-enabled'],
      cfnNag: ['W60'],
    },
    messages: {
      noFlowLog: {
        text: 'VPC {{id}} has no flow log (no AWS::EC2::FlowLog of this template whose ResourceId refers to it): there is no record of the network traffic to and from the systems in it.',
        level: 'hardening',
      },
      conditionalFlowLog: {
        text: 'VPC {{id}} has a flow log ({{flowLog}}) only when {{when}}: otherwise there is no record of its network traffic.',
        level: 'hardening',
      },
      acceptOnly: {
        text: 'Flow log {{flowLog}} of VPC {{id}} records only accepted traffic (TrafficType: ACCEPT): rejected connection attempts, such as probes of the systems that hold PHI, go unrecorded. Record ALL traffic{{applies}}.',
        level: 'hardening',
      },
      shortRetention: {
        text: 'Flow log {{flowLog}} of VPC {{id}} delivers to log group {{group}}, which keeps records only {{days}} days: they are gone before most incidents are investigated. Keep them at least {{min}} days{{applies}}.',
        level: 'hardening',
      },
      unverifiable: UNVERIFIABLE,
    },
  },

  check(vpc, ctx) {
    const coverage = flowLogsOf(ctx.template, ctx.resolver, vpc);
    if (coverage.length === 0) {
      ctx.report({ messageId: 'noFlowLog', at: vpc.path, suggestions: [addFlowLogFix(ctx, vpc)] });
      return;
    }
    // Covered whenever the VPC exists: a flow log without conditions of its own, or two whose single conditions are complementary.
    const singles = coverage.filter((c) => c.when.length === 1).map((c) => c.when[0]);
    const complementary = singles.some((a) => singles.some((b) => b.name === a.name && b.value !== a.value));
    if (!complementary && !coverage.some((c) => c.when.length === 0)) {
      const first = coverage[0];
      ctx.report({
        messageId: 'conditionalFlowLog',
        at: vpc.path,
        data: { flowLog: first.flowLog.logicalId, when: describeConditions(first.when) },
        related: [{ path: first.flowLog.path, message: `Flow log ${first.flowLog.logicalId}` }],
      });
    }
    const judged = new Set<Resource>();
    for (const c of coverage) {
      if (judged.has(c.flowLog)) continue;
      judged.add(c.flowLog);
      checkTraffic(ctx, c);
      checkDestination(ctx, c);
    }
  },
});

function flowLogProp(ctx: RuleContext, c: Coverage, prop: string, assume = c.assume): Outcome[] {
  return ctx.resolver.at([...c.flowLog.path, 'Properties', prop], assume);
}

function checkTraffic(ctx: RuleContext, c: Coverage): void {
  for (const t of flowLogProp(ctx, c, 'TrafficType')) {
    if (!t.known) {
      ctx.report({ messageId: 'unverifiable', at: t, data: { what: `the traffic flow log ${c.flowLog.logicalId} records (TrafficType)`, reason: t.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (typeof t.value === 'string' && t.value.toUpperCase() === 'ACCEPT') {
      const { at, applies } = placeOf(t, c.flowLog);
      ctx.report({
        messageId: 'acceptOnly',
        at,
        data: { flowLog: c.flowLog.logicalId, applies },
        suggestions: [{ title: `Record all traffic (TrafficType: ALL; replaces flow log ${c.flowLog.logicalId})`, kind: 'suggest', ops: [setValueOp(ctx, t, 'ALL')] }],
      });
    }
  }
}

function checkDestination(ctx: RuleContext, c: Coverage): void {
  for (const dt of flowLogProp(ctx, c, 'LogDestinationType')) {
    if (!dt.known) {
      ctx.report({ messageId: 'unverifiable', at: dt, data: { what: `where flow log ${c.flowLog.logicalId} delivers (LogDestinationType)`, reason: dt.reason ?? 'it is decided at deploy time' } });
      continue;
    }
    if (dt.value !== undefined && dt.value !== 'cloud-watch-logs') continue; // s3 / firehose: judged by the rules of those resources
    const dests = [...flowLogProp(ctx, c, 'LogGroupName', dt.conditions), ...flowLogProp(ctx, c, 'LogDestination', dt.conditions)].filter((o) => !o.known || o.value !== undefined);
    for (const d of dests) checkGroup(ctx, c, d);
  }
}

function checkGroup(ctx: RuleContext, c: Coverage, d: Outcome): void {
  const group = logGroupOf(ctx.template, ctx.resolver, d);
  const fl = c.flowLog.logicalId;
  if (!group) {
    const name = d.known && typeof d.value === 'string' ? d.value : d.text;
    const reason = d.known
      ? `log group ${String(name)} is not defined in this template (if it does not exist, the flow logs service creates it with no KMS key)`
      : (d.reason ?? 'it is decided at deploy time');
    ctx.report({ messageId: 'unverifiable', at: d, data: { what: `the retention of the log group flow log ${fl} delivers to`, reason } });
    return;
  }
  for (const r of ctx.resolver.at([...group.path, 'Properties', 'RetentionInDays'], d.conditions)) {
    const { at, applies } = placeOf({ ...d, conditions: r.conditions }, c.flowLog);
    const related = [{ path: r.value === undefined ? [...group.path, 'Properties'] : r.origin, message: `Retention of log group ${group.logicalId}` }];
    if (!r.known) {
      ctx.report({ messageId: 'unverifiable', at, data: { what: `the retention of log group ${group.logicalId}, where flow log ${fl} delivers`, reason: r.reason ?? 'it is decided at deploy time' }, related });
      continue;
    }
    if (r.value === undefined) continue; // never expires
    const days = Number(r.value);
    if (!Number.isFinite(days) || days >= MIN_RETENTION) continue;
    ctx.report({
      messageId: 'shortRetention',
      at,
      data: { flowLog: fl, group: group.logicalId, days, min: MIN_RETENTION, applies },
      related,
      suggestions: [
        {
          title: `Keep the records of log group ${group.logicalId} for ${MIN_RETENTION} days (RetentionInDays: ${MIN_RETENTION}; adjust to your retention policy)`,
          kind: 'suggest',
          ops: [r.origin[0] === 'Resources' && r.origin[1] === group.logicalId ? { op: 'set', path: r.origin, value: MIN_RETENTION } : { op: 'set', path: r.logical, value: MIN_RETENTION }],
        },
      ],
    });
  }
}

function addFlowLogFix(ctx: RuleContext, vpc: Resource): Fix {
  const added = newFlowLog(ctx.template, vpc);
  return {
    title: `Add a flow log for VPC ${vpc.logicalId} (adds a log group, a KMS key and an IAM role)`,
    kind: 'suggest',
    ops: added.resources.map((r) => ({ op: 'addResource' as const, logicalId: r.logicalId, resource: r.resource })),
  };
}
