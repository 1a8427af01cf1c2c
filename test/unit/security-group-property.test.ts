/**
 * Property-based tests of the security-group rules: thousands of random ingress rules (protocols in
 * string and number forms, port ranges including -1, reversed and out-of-range values, CIDRs
 * including every way of writing /0, sources in Fn::If branches), each linted as a one-resource template in YAML and JSON,
 * against a reference predicate written here from the EC2 API reference, independently of
 * rules/util/security-groups.ts. Deterministic: the seed is fixed (override with SG_PROPERTY_SEED)
 * and printed with every failure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import { ADMIN_PORTS, adminPortsCovered, isWorldCidr, opensNonWebPorts, portCoverage } from '../../server/src/engine/rules/util/security-groups';

const SEED = Number(process.env.SG_PROPERTY_SEED ?? 20261129);
const CASES = Number(process.env.SG_PROPERTY_CASES ?? 2500);

/** mulberry32: a small, well-known seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Value = string | number;

// ---- The reference, from the EC2 API reference (IpPermission) ----

/** The admin/database ports, written out again (see docs/rules/ec2-security-group-admin-ports.md). */
const REF_ADMIN = [20, 21, 22, 23, 1433, 1521, 3306, 3309, 3389, 4333, 5432, 5439, 5900, 5985, 5986, 6379, 9042, 9092, 9200, 9300, 11211, 27017];

/** What each generated IpProtocol value means. */
const REF_PROTOCOL: Record<string, 'all' | 'tcp' | 'udp' | 'icmp' | 'other'> = {
  '"-1"': 'all',
  '-1': 'all',
  '"all"': 'all',
  '"ALL"': 'all',
  '"tcp"': 'tcp',
  '"TCP"': 'tcp',
  '"6"': 'tcp',
  '6': 'tcp',
  '"udp"': 'udp',
  '"17"': 'udp',
  '17': 'udp',
  '"icmp"': 'icmp',
  '"1"': 'icmp',
  '1': 'icmp',
  '"icmpv6"': 'icmp',
  '"58"': 'icmp',
  '58': 'icmp',
  '"47"': 'other',
  '50': 'other',
};
const PROTOCOLS: Value[] = ['-1', -1, 'all', 'ALL', 'tcp', 'TCP', '6', 6, 'udp', '17', 17, 'icmp', '1', 1, 'icmpv6', '58', 58, '47', 50];

/** The CIDRs generated, and whether each is the whole internet (prefix length 0). */
const CIDRS: [string, boolean][] = [
  ['0.0.0.0/0', true],
  ['::/0', true],
  ['0::0/0', true],
  ['0:0:0:0:0:0:0:0/0', true],
  ['1.2.3.4/0', true],
  ['2001:db8::/0', true],
  ['0.0.0.0/00', true],
  ['10.0.0.0/8', false],
  ['1.2.3.4/32', false],
  ['0.0.0.0/1', false],
  ['128.0.0.0/1', false],
  ['::/1', false],
  ['2001:db8::/32', false],
  ['fd00::/8', false],
  ['::/128', false],
  ['0.0.0.0/10', false],
];

function refPorts(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** The admin ports an (IpProtocol, FromPort, ToPort) rule opens. */
function refAdminPorts(protocol: Value, from: Value | undefined, to: Value | undefined): number[] {
  const kind = REF_PROTOCOL[JSON.stringify(protocol)];
  if (kind === 'all') return REF_ADMIN;
  if (kind !== 'tcp' && kind !== 'udp') return [];
  const f = refPorts(from);
  const t = refPorts(to);
  // EC2 rejects TCP/UDP rules without both ports, with ports outside 0..65535 or reversed.
  if (f === undefined || t === undefined || f < 0 || t > 65535 || f > t) return [];
  return REF_ADMIN.filter((p) => f <= p && p <= t);
}

/** The rule opens some port other than 80 and 443 (or another IP protocol, not ICMP). */
function refNonWeb(protocol: Value, from: Value | undefined, to: Value | undefined): boolean {
  const kind = REF_PROTOCOL[JSON.stringify(protocol)];
  if (kind === 'all' || kind === 'other') return true;
  if (kind !== 'tcp' && kind !== 'udp') return false;
  const f = refPorts(from);
  const t = refPorts(to);
  if (f === undefined || t === undefined || f < 0 || t > 65535 || f > t) return false;
  // Some port of the range is neither 80 nor 443: the range is longer than its web ports.
  const webIn = [80, 443].filter((p) => f <= p && p <= t).length;
  return t - f + 1 > webIn;
}

// ---- Generators ----

const PORT_POOL = [-1, 0, 1, 20, 21, 22, 23, 79, 80, 81, 443, 444, 1433, 3306, 3389, 4000, 5432, 5900, 6379, 8080, 9200, 11211, 27017, 27018, 65535, 65536, 70000];

function genPort(r: () => number): Value | undefined {
  const x = r();
  if (x < 0.05) return undefined;
  const n = x < 0.6 ? PORT_POOL[Math.floor(r() * PORT_POOL.length)] : Math.floor(r() * 70000) - 100;
  return r() < 0.25 ? String(n) : n;
}

interface Ingress {
  IpProtocol: Value;
  FromPort?: Value;
  ToPort?: Value;
  CidrIp?: string;
  CidrIpv6?: string;
  SourcePrefixListId?: string;
  /** CidrIp written as Fn::If [C, CidrIp, this] (both branches judged). */
  elseCidrIp?: string;
}

function genIngress(r: () => number): Ingress {
  const e: Ingress = { IpProtocol: PROTOCOLS[Math.floor(r() * PROTOCOLS.length)] };
  const from = genPort(r);
  // Half the time a range that starts at FromPort (possibly reversed), else independent.
  const to = r() < 0.5 && typeof from === 'number' ? from + Math.floor(r() * 400) - 20 : genPort(r);
  if (from !== undefined) e.FromPort = from;
  if (to !== undefined) e.ToPort = to;
  const k = r();
  const cidr = () => CIDRS[Math.floor(r() * CIDRS.length)][0];
  if (k < 0.45) e.CidrIp = cidr();
  else if (k < 0.9) e.CidrIpv6 = cidr();
  else if (k < 0.95) {
    e.CidrIp = cidr();
    e.CidrIpv6 = cidr();
  } else e.SourcePrefixListId = 'pl-12345678';
  if (e.CidrIp !== undefined && r() < 0.2) e.elseCidrIp = cidr();
  return e;
}

function yamlScalar(v: Value): string {
  if (typeof v === 'number') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

const COND_YAML = "Conditions:\n  C: !Equals [!Ref 'AWS::Region', us-east-1]\n";
const COND_JSON = { C: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } };

function template(ingress: Ingress, standalone: boolean, format: 'yaml' | 'json'): string {
  const { elseCidrIp, ...e } = ingress;
  if (format === 'json') {
    const props: Record<string, unknown> = { ...e };
    if (elseCidrIp !== undefined) props.CidrIp = { 'Fn::If': ['C', e.CidrIp, elseCidrIp] };
    const res = standalone
      ? { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g' } }, In: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, ...props } } }
      : { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', SecurityGroupIngress: [props] } } };
    return JSON.stringify({ Conditions: COND_JSON, Resources: res }, null, 2);
  }
  const fields = Object.entries(e).map(([k, v]) => (k === 'CidrIp' && elseCidrIp !== undefined ? `CidrIp: !If [C, ${yamlScalar(v as Value)}, ${yamlScalar(elseCidrIp)}]` : `${k}: ${yamlScalar(v as Value)}`));
  if (standalone) {
    return `${COND_YAML}Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n  In:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !GetAtt Sg.GroupId\n${fields.map((f) => `      ${f}\n`).join('')}`;
  }
  return `${COND_YAML}Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n      SecurityGroupIngress:\n${fields.map((f, i) => `${i === 0 ? '        - ' : '          '}${f}\n`).join('')}`;
}

/** The last path element of each world-open source: the property, or the Fn::If branch (1, 2). */
function worldKeys(e: Ingress): (string | number)[] {
  const world = new Map(CIDRS);
  const out: (string | number)[] = [];
  if (e.CidrIp !== undefined && e.elseCidrIp !== undefined) {
    if (world.get(e.CidrIp)) out.push(1);
    if (world.get(e.elseCidrIp)) out.push(2);
  } else if (e.CidrIp !== undefined && world.get(e.CidrIp)) out.push('CidrIp');
  if (e.CidrIpv6 !== undefined && world.get(e.CidrIpv6)) out.push('CidrIpv6');
  return out;
}

function findingsOf(text: string, format: 'yaml' | 'json', ruleId: string): string[] {
  const doc = parse(text, { format });
  assert.deepEqual(doc.problems, [], `template must parse:\n${text}`);
  const all = lint(doc);
  assert.deepEqual(all.filter((f) => f.ruleId === 'rule-error').map((f) => f.message), []);
  return all
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.messageId} ${JSON.stringify(f.path.slice(-1))}`)
    .sort();
}

describe('security groups: property-based', () => {
  test('the reference admin-port list is the rule\'s list', () => {
    assert.deepEqual(ADMIN_PORTS.map((a) => a.port).sort((a, b) => a - b), [...REF_ADMIN].sort((a, b) => a - b));
  });

  test(`pure logic: portCoverage/adminPortsCovered/isWorldCidr against the reference (seed ${SEED})`, () => {
    const r = prng(SEED);
    for (let i = 0; i < CASES * 20; i++) {
      const e = genIngress(r);
      const got = adminPortsCovered(portCoverage(e.IpProtocol, e.FromPort, e.ToPort)).map((a) => a.port);
      const want = refAdminPorts(e.IpProtocol, e.FromPort, e.ToPort);
      assert.deepEqual(got, want, `seed ${SEED}, case ${i}: ${JSON.stringify(e)}`);
      assert.equal(opensNonWebPorts(portCoverage(e.IpProtocol, e.FromPort, e.ToPort)), refNonWeb(e.IpProtocol, e.FromPort, e.ToPort), `seed ${SEED}, case ${i} (non-web): ${JSON.stringify(e)}`);
    }
    for (const [c, world] of CIDRS) assert.equal(isWorldCidr(c), world, c);
    for (const bad of [undefined, 0, '0.0.0.0', '/0', 'any', '0.0.0.0/0/0', { Ref: 'X' }] as const) assert.equal(isWorldCidr(bad as never), false, String(bad));
  });

  for (const format of ['yaml', 'json'] as const) {
    test(`ec2-security-group-admin-ports and ec2-security-group-world-open on ${CASES} random one-rule templates (${format}, seed ${SEED})`, () => {
      const r = prng(SEED + (format === 'json' ? 1 : 0));
      let positives = 0;
      let worldOpen = 0;
      for (let i = 0; i < CASES; i++) {
        const e = genIngress(r);
        const standalone = r() < 0.3;
        const text = template(e, standalone, format);
        const admin = refAdminPorts(e.IpProtocol, e.FromPort, e.ToPort).length > 0;
        const want = admin ? worldKeys(e).map((k) => `worldOpen ${JSON.stringify([k])}`).sort() : [];
        positives += want.length;
        const got = findingsOf(text, format, 'ec2-security-group-admin-ports');
        assert.deepEqual(got, want, `seed ${SEED}, ${format} case ${i} (SG_PROPERTY_SEED=${SEED} reproduces it):\n${text}`);
        // The world-open warning: world-open, not an admin port, and some port other than 80/443.
        const wantOpen = !admin && refNonWeb(e.IpProtocol, e.FromPort, e.ToPort) ? worldKeys(e).map((k) => `worldOpen ${JSON.stringify([k])}`).sort() : [];
        worldOpen += wantOpen.length;
        const gotOpen = findingsOf(text, format, 'ec2-security-group-world-open');
        assert.deepEqual(gotOpen, wantOpen, `seed ${SEED}, ${format} case ${i}, ec2-security-group-world-open (SG_PROPERTY_SEED=${SEED} reproduces it):\n${text}`);
      }
      // The generator must exercise both verdicts.
      assert.ok(positives > CASES / 20 && positives < CASES, `positives: ${positives}`);
      assert.ok(worldOpen > CASES / 50 && worldOpen < CASES, `world-open warnings: ${worldOpen}`);
    });
  }
});

