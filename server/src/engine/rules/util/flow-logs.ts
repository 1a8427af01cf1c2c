/**
 * VPC flow logs as ec2-vpc-flow-logs sees them: which AWS::EC2::FlowLog resources of the template
 * log a VPC (ResourceId a Ref, or Fn::GetAtt VpcId, to it: never by name), under which conditions,
 * and the resources the rule's quick fix adds (flow log, encrypted and retained log group, KMS key
 * usable by CloudWatch Logs, delivery role).
 */
import type { JsonObject, Path } from '../../types';
import type { Resource, Template } from '../../template/model';
import type { Assumption, Outcome, Resolver } from '../../template/resolve';
import { LOGS_KEY_USER, newKmsKey, uniqueLogicalId } from './kms';

export const VPC = 'AWS::EC2::VPC';
export const FLOW_LOG = 'AWS::EC2::FlowLog';
export const LOG_GROUP = 'AWS::Logs::LogGroup';

/**
 * The shortest retention the rule accepts, and the one its fixes write: one year (a CloudWatch Logs
 * retention value). Incidents are often found months after the fact; a policy may ask for more.
 */
export const MIN_RETENTION = 365;

/** A flow log of the template that logs a VPC, and the conditions (beyond the VPC's own) under which it does. */
export interface Coverage {
  flowLog: Resource;
  /** Assumptions to read the flow log's properties under (its own Condition, the VPC's). */
  assume: Assumption[];
  /** Conditions under which it logs the VPC, beyond those the VPC itself needs; empty = whenever the VPC exists. */
  when: Assumption[];
}

function own(r: Resource): Assumption[] {
  return r.condition ? [{ name: r.condition, value: true }] : [];
}

/** The flow logs whose ResourceId refers to the VPC (Ref, or Fn::GetAtt <vpc>.VpcId), one entry per way it does. */
export function flowLogsOf(template: Template, resolver: Resolver, vpc: Resource): Coverage[] {
  const candidates: Resource[] = [];
  for (const ref of template.referencesTo(vpc.logicalId)) {
    if (ref.from === undefined || ref.path[2] !== 'Properties' || ref.path[3] !== 'ResourceId') continue;
    const r = template.resource(ref.from);
    if (r && r.type === FLOW_LOG && !candidates.includes(r)) candidates.push(r);
  }
  const out: Coverage[] = [];
  for (const fl of candidates) {
    const assume = [...own(vpc), ...own(fl).filter((a) => a.name !== vpc.condition)];
    for (const o of resolver.at([...fl.path, 'Properties', 'ResourceId'], assume)) {
      if (!o.known || o.resource?.logicalId !== vpc.logicalId) continue;
      if (o.resource.attribute !== undefined && o.resource.attribute !== 'VpcId') continue;
      const when = o.conditions.filter((c) => c.name !== vpc.condition);
      out.push({ flowLog: fl, assume: o.conditions, when });
    }
  }
  return out;
}

/**
 * Where to report a value read from another resource (the flow log, its log group) for a finding
 * owned by the VPC: at the value itself, with the conditions spelled out in {{applies}}; a value
 * from a parameter or mapping is reported as an Outcome (the engine says where it comes from).
 */
export function placeOf(o: Outcome, owner: Resource): { at: Outcome | Path; applies: string } {
  if (o.origin[0] === 'Resources' && o.origin[1] === owner.logicalId) {
    return { at: o.origin, applies: o.conditions.length ? ` (this applies when ${describeConditions(o.conditions)})` : '' };
  }
  return { at: o, applies: '' };
}

/** "condition A is true and condition B is false" */
export function describeConditions(when: Assumption[]): string {
  return when.map((c) => `condition ${c.name} is ${c.value}`).join(' and ');
}

/**
 * The AWS::Logs::LogGroup of this template a destination value names: by Ref/GetAtt/Sub, or a
 * literal name equal to the literal LogGroupName of a log group of the template.
 */
export function logGroupOf(template: Template, resolver: Resolver, o: Outcome): Resource | undefined {
  if (o.resource) {
    const r = template.resource(o.resource.logicalId);
    return r?.type === LOG_GROUP ? r : undefined;
  }
  for (const id of o.refs) {
    const r = template.resource(id);
    if (r?.type === LOG_GROUP) return r;
  }
  if (o.known && typeof o.value === 'string') {
    const name = o.value.startsWith('arn:') ? /:log-group:([^:]+)/.exec(o.value)?.[1] : o.value;
    if (!name) return undefined;
    return template.ofType(LOG_GROUP).find((g) => {
      const names = resolver.at([...g.path, 'Properties', 'LogGroupName']);
      return names.length === 1 && names[0].known && names[0].value === name;
    });
  }
  return undefined;
}

export interface NewFlowLog {
  ids: { flowLog: string; group: string; key: string; role: string };
  resources: { logicalId: string; resource: JsonObject }[];
}

/**
 * A flow log for the VPC (all traffic, to CloudWatch Logs), its log group (encrypted with a new
 * rotating customer managed key that CloudWatch Logs may use, retained a year), and the role
 * the flow logs service assumes to deliver (scoped to that group, with confused-deputy conditions).
 */
export function newFlowLog(template: Template, vpc: Resource): NewFlowLog {
  const ids = {
    flowLog: uniqueLogicalId(template, `${vpc.logicalId}FlowLog`),
    group: uniqueLogicalId(template, `${vpc.logicalId}FlowLogGroup`),
    key: uniqueLogicalId(template, `${vpc.logicalId}FlowLogKey`),
    role: uniqueLogicalId(template, `${vpc.logicalId}FlowLogRole`),
  };
  const cond: JsonObject = vpc.condition ? { Condition: vpc.condition } : {};
  const k = newKmsKey(`Encrypts the flow logs of ${vpc.logicalId}`, LOGS_KEY_USER);
  const key: JsonObject = { Type: k.Type, ...cond, ...k };
  const group: JsonObject = {
    Type: LOG_GROUP,
    ...cond,
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      RetentionInDays: MIN_RETENTION,
      KmsKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
    },
  };
  const role: JsonObject = {
    Type: 'AWS::IAM::Role',
    ...cond,
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*' } },
            },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'DeliverFlowLogs',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
                Resource: { 'Fn::GetAtt': [ids.group, 'Arn'] },
              },
            ],
          },
        },
      ],
    },
  };
  const flowLog: JsonObject = {
    Type: FLOW_LOG,
    ...cond,
    Properties: {
      ResourceId: { Ref: vpc.logicalId },
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: ids.group },
      DeliverLogsPermissionArn: { 'Fn::GetAtt': [ids.role, 'Arn'] },
    },
  };
  return {
    ids,
    resources: [
      { logicalId: ids.flowLog, resource: flowLog },
      { logicalId: ids.group, resource: group },
      { logicalId: ids.key, resource: key },
      { logicalId: ids.role, resource: role },
    ],
  };
}
