/**
 * The rule contract, checked over the whole registry: ids unique and equal to file names, every
 * rule in the pack with 45 CFR citations, every message well formed, every rule documented and
 * tested; the engine stays pure; suppressions and failing rules behave as designed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lint, lint as lintAll } from '../../server/src/engine/lint';
import { parse } from '../../server/src/engine/parse';
import { ENGINE_FINDING_IDS } from '../../server/src/engine/parse/problems';
import { CONTROL_TITLES, HIPAA_PACK } from '../../server/src/engine/packs/hipaa';
import { ENGINE_META, ruleById, RULES, rulesForType } from '../../server/src/engine/rules';

const REPO = path.resolve(__dirname, '../../..');
const RULES_DIR = path.join(REPO, 'server/src/engine/rules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('registry', () => {
  const ruleFiles = walk(RULES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => path.dirname(f) !== RULES_DIR && !f.includes(`${path.sep}util${path.sep}`));

  test('one rule per file, id = file name, ids unique, registry sorted', () => {
    const fileIds = ruleFiles.map((f) => path.basename(f, '.ts')).sort();
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual([...ids].sort(), fileIds, 'every rule file is registered and nothing else is');
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    assert.deepEqual(ids, [...ids].sort(), 'the registry is sorted by id');
    const src = readFileSync(path.join(RULES_DIR, 'index.ts'), 'utf8');
    assert.equal(new Set(src.match(/^import \w+ from/gm)).size, (src.match(/^import \w+ from/gm) ?? []).length, 'no rule imported twice');
    for (const f of ruleFiles) {
      const id = path.basename(f, '.ts');
      assert.match(readFileSync(f, 'utf8'), new RegExp(`id: '${id}'`), `${f} declares id ${id}`);
      assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)+$/, 'kebab-case, service first');
      assert.ok(id.startsWith(path.basename(path.dirname(f))) || path.basename(path.dirname(f)) === 'ec2', `${id} lives in its service folder`);
    }
  });

  test('every rule is in the HIPAA pack with 45 CFR 164.3xx citations we can name', () => {
    assert.deepEqual(Object.keys(HIPAA_PACK.rules).sort(), RULES.map((r) => r.meta.id).sort());
    for (const [id, entry] of Object.entries(HIPAA_PACK.rules)) {
      assert.ok(entry.citations.length > 0, `${id} has citations`);
      for (const c of entry.citations) {
        assert.match(c, /^164\.3(08|10|12|14|16)\(/, `${id}: ${c} is a Security Rule citation`);
        assert.ok(CONTROL_TITLES[c], `${c} has a plain-words title`);
      }
    }
  });

  test('meta is complete and every message is well formed', () => {
    for (const r of RULES) {
      const m = r.meta;
      assert.ok(m.title.length > 10 && m.description.length > 40, `${m.id} title/description`);
      assert.ok(m.resourceTypes.length > 0 && m.resourceTypes.every((t) => t === '*' || /^(AWS|Custom|Alexa)::\w+::\w+$/.test(t)), `${m.id} resource types`);
      assert.ok('unverifiable' in m.messages, `${m.id} can say when it cannot verify`);
      for (const [mid, msg] of Object.entries(m.messages)) {
        assert.ok(['violation', 'hardening', 'unverifiable'].includes(msg.level), `${m.id}.${mid} level`);
        assert.ok(/[.]$/.test(msg.text), `${m.id}.${mid} is a sentence`);
        for (const [, name] of msg.text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) assert.match(name, /^[a-z]\w*$/i);
      }
      for (const t of m.resourceTypes) assert.ok(rulesForType(t === '*' ? 'AWS::Any::Thing' : t).includes(r));
    }
  });

  test('every rule and engine finding has a docs page with its citations', () => {
    for (const r of RULES) {
      const doc = path.join(REPO, 'docs/rules', `${r.meta.id}.md`);
      assert.ok(existsSync(doc), `docs/rules/${r.meta.id}.md`);
      const text = readFileSync(doc, 'utf8');
      assert.match(text, new RegExp(`^# ${r.meta.id}`, 'm'));
      for (const c of HIPAA_PACK.rules[r.meta.id].citations) assert.ok(text.includes(c), `${r.meta.id} docs cite ${c}`);
      assert.match(text, /```yaml/);
      assert.match(text, /```json/);
      // Users migrating from another tool search the docs for its rule id.
      for (const ids of Object.values(r.meta.peers ?? {})) for (const peer of ids ?? []) assert.ok(text.includes(peer), `${r.meta.id} docs name peer rule ${peer}`);
    }
    for (const id of ENGINE_FINDING_IDS) {
      assert.ok(existsSync(path.join(REPO, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`);
      assert.ok(ENGINE_META[id].title && ENGINE_META[id].description);
    }
  });

  test('the rule index (docs/rules/README.md) is generated from the registry and up to date', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/docs-index.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  test('every rule has a table test', () => {
    for (const r of RULES) {
      const t = path.join(REPO, 'test/rules', `${r.meta.id}.test.ts`);
      assert.ok(existsSync(t), `test/rules/${r.meta.id}.test.ts`);
      assert.match(readFileSync(t, 'utf8'), new RegExp(`ruleTester\\('${r.meta.id}'`));
    }
  });
});

describe('the engine is pure', () => {
  test('nothing in server/src/engine imports fs, net, child_process, vscode or uses timers', () => {
    const offenders: string[] = [];
    for (const f of walk(path.join(REPO, 'server/src/engine')).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(f, 'utf8');
      if (/from ['"](node:)?(fs|fs\/promises|net|http|https|child_process|dgram|tls|worker_threads)['"]/.test(src)) offenders.push(`${f}: I/O import`);
      if (/from ['"]vscode(-languageserver[^'"]*)?['"]/.test(src)) offenders.push(`${f}: vscode import`);
      if (/\b(setTimeout|setInterval|setImmediate|fetch|eval)\s*\(|new Function\(/.test(src)) offenders.push(`${f}: timers, fetch or eval`);
    }
    assert.deepEqual(offenders, []);
  });
});

describe('suppression', () => {
  const base = (meta: string, top = '') => `${top}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n${meta}`;
  /** Only the rule these tests suppress (and the engine's own findings). */
  const lint = (...args: Parameters<typeof lintAll>) => lintAll(...args).filter((f) => f.ruleId === 'sns-topic-encryption' || !ruleById(f.ruleId));

  test('a resource suppression with a reason marks the finding and keeps it', () => {
    const findings = lint(parse(base('    Metadata:\n      cfn-hipaa:\n        suppress:\n          - rule: sns-topic-encryption\n            reason: Status page only, no PHI\n'), { format: 'yaml' }));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.suppressed]), [['sns-topic-encryption', { reason: 'Status page only, no PHI', scope: 'resource' }]]);
  });

  test('a template-level suppression covers the whole file', () => {
    const top = 'Metadata:\n  cfn-hipaa:\n    suppress:\n      - rule: sns-topic-encryption\n        reason: Sandbox account without PHI\n';
    const findings = lint(parse(base('', top), { format: 'yaml' }));
    assert.equal(findings[0].suppressed?.scope, 'template');
  });

  test('a suppression on one resource does not cover another', () => {
    const text = base('    Metadata:\n      cfn-hipaa:\n        suppress:\n          - rule: sns-topic-encryption\n            reason: Status page only\n') + '  Other:\n    Type: AWS::SNS::Topic\n';
    const findings = lint(parse(text, { format: 'yaml' }));
    assert.deepEqual(findings.map((f) => [f.logicalId, !!f.suppressed]), [['Topic', true], ['Other', false]]);
  });

  for (const [name, entry, messageId] of [
    ['missing reason', '          - rule: sns-topic-encryption\n', /gives no reason/],
    ['empty reason', "          - rule: sns-topic-encryption\n            reason: '  '\n", /gives no reason/],
    ['placeholder reason', "          - rule: sns-topic-encryption\n            reason: 'TODO: explain why this finding is acceptable'\n", /placeholder/],
    ['unknown rule', '          - rule: no-such-rule\n            reason: because\n', /no rule no-such-rule/],
  ] as [string, string, RegExp][]) {
    test(`${name}: suppresses nothing and is itself a finding`, () => {
      const findings = lint(parse(base(`    Metadata:\n      cfn-hipaa:\n        suppress:\n${entry}`), { format: 'yaml' }));
      const bad = findings.find((f) => f.ruleId === 'invalid-suppression');
      assert.ok(bad, 'invalid-suppression reported');
      assert.match(bad!.message, messageId);
      assert.equal(bad!.severity, 'warning');
      const topic = findings.find((f) => f.ruleId === 'sns-topic-encryption');
      assert.ok(topic && !topic.suppressed, 'the finding stays');
    });
  }

  test('malformed cfn-hipaa metadata is reported', () => {
    const findings = lint(parse(base('    Metadata:\n      cfn-hipaa: [sns-topic-encryption]\n'), { format: 'yaml' }));
    assert.ok(findings.some((f) => f.ruleId === 'invalid-suppression' && /suppress: \[/.test(f.message)));
  });
});

describe('suppressions written for other tools', () => {
  const topic = (meta: string, top = '') => `${top}Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n${meta}`;
  const run = (text: string) => lint(parse(text, { format: 'yaml' })).filter((f) => f.ruleId === 'sns-topic-encryption');

  test('cdk-nag rules_to_suppress of the HIPAA pack id, with its reason and which rule applied', () => {
    const [f] = run(topic('    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: HIPAA.Security-SNSEncryptedKMS\n            reason: Status notifications only, never PHI\n'));
    assert.deepEqual(f.suppressed, { reason: 'Status notifications only, never PHI', scope: 'resource', peer: { tool: 'cdk-nag', rule: 'HIPAA.Security-SNSEncryptedKMS' } });
  });

  test('the same cdk-nag rule name in another NagPack matches; an AwsSolutions id must match exactly', () => {
    assert.equal(run(topic('    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: NIST.800.53.R5-SNSEncryptedKMS\n            reason: Status notifications only\n'))[0].suppressed?.peer?.rule, 'NIST.800.53.R5-SNSEncryptedKMS');
    assert.equal(run(topic('    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: AwsSolutions-SNS2\n            reason: Status notifications only\n'))[0].suppressed?.peer?.tool, 'cdk-nag');
    assert.equal(run(topic('    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: AwsSolutions-SNS3\n            reason: Status notifications only\n'))[0].suppressed, undefined);
  });

  test('a suppression of an unrelated peer rule suppresses nothing', () => {
    const [f] = run(topic('    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: HIPAA.Security-S3DefaultEncryptionKMS\n            reason: Not a bucket\n      cfn_nag:\n        rules_to_suppress:\n          - id: W48\n            reason: queue rule\n'));
    assert.equal(f.suppressed, undefined);
  });

  test('base64-encoded cdk-nag reasons are decoded', () => {
    const reason = Buffer.from('Kein PHI – nur Statusmeldungen', 'utf8').toString('base64');
    const [f] = run(topic(`    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: HIPAA.Security-SNSEncryptedKMS\n            reason: ${reason}\n            is_reason_encoded: true\n`));
    assert.equal(f.suppressed?.reason, 'Kein PHI – nur Statusmeldungen');
  });

  test('a cdk-nag stack suppression (template Metadata) covers every resource', () => {
    const top = 'Metadata:\n  cdk_nag:\n    rules_to_suppress:\n      - id: HIPAA.Security-SNSEncryptedKMS\n        reason: Sandbox stack without PHI\n';
    assert.equal(run(topic('', top))[0].suppressed?.scope, 'template');
  });

  test('Guard SuppressedRules (no reason field), cfn_nag rules_to_suppress and checkov skip', () => {
    const guard = run(topic('    Metadata:\n      guard:\n        SuppressedRules:\n          - SNS_ENCRYPTED_KMS\n'))[0].suppressed;
    assert.deepEqual(guard?.peer, { tool: 'guard', rule: 'SNS_ENCRYPTED_KMS' });
    assert.match(guard?.reason ?? '', /no reason/);
    assert.deepEqual(run(topic('    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W47\n            reason: Status only\n'))[0].suppressed, { reason: 'Status only', scope: 'resource', peer: { tool: 'cfn_nag', rule: 'W47' } });
    assert.deepEqual(run(topic('    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_26\n            comment: Status only\n'))[0].suppressed, { reason: 'Status only', scope: 'resource', peer: { tool: 'checkov', rule: 'CKV_AWS_26' } });
  });

  test("cfn-hipaa's own suppression wins over a peer's", () => {
    const [f] = run(topic('    Metadata:\n      cfn-hipaa:\n        suppress:\n          - rule: sns-topic-encryption\n            reason: Own reason\n      cfn_nag:\n        rules_to_suppress:\n          - id: W47\n            reason: Peer reason\n'));
    assert.deepEqual(f.suppressed, { reason: 'Own reason', scope: 'resource' });
  });

  test('a peer suppression on one resource does not cover another', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: W47\n            reason: Status only\n  B:\n    Type: AWS::SNS::Topic\n';
    const byId = Object.fromEntries(run(text).map((f) => [f.logicalId, f.suppressed?.peer?.rule]));
    assert.deepEqual(byId, { A: 'W47', B: undefined });
  });
});

describe('a rule that throws', () => {
  test('becomes a rule-error finding on that resource; other rules and resources still run', () => {
    const rule = ruleById('sns-topic-encryption')!;
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const text = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Queue:\n    Type: AWS::SQS::Queue\n';
      const findings = lint(parse(text, { format: 'yaml' }), { rules: { 'sns-topic-ssl-only': 'off', 'sqs-queue-ssl-only': 'off' } });
      assert.deepEqual(findings.map((f) => [f.ruleId, f.logicalId, f.severity]), [
        ['rule-error', 'Topic', 'error'],
        ['sqs-queue-encryption', 'Queue', 'warning'],
      ]);
      assert.match(findings[0].message, /sns-topic-encryption failed on Topic \(boom\)/);
    } finally {
      rule.check = original;
    }
  });
});

describe('configuration', () => {
  const text = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: !ImportValue k\n';
  test('per-rule severity override and off', () => {
    const f = lint(parse(text, { format: 'yaml' }), { rules: { 'sns-topic-encryption': 'warning', 'sqs-queue-encryption': 'off', 'sns-topic-ssl-only': 'off', 'sqs-queue-ssl-only': 'off' } });
    assert.deepEqual(f.map((x) => [x.ruleId, x.severity]), [['sns-topic-encryption', 'warning']]);
  });
  test('an override never raises an unverifiable finding above info', () => {
    const f = lint(parse(text, { format: 'yaml' }), { rules: { 'sqs-queue-encryption': 'error' } });
    assert.deepEqual(f.filter((x) => x.ruleId === 'sqs-queue-encryption').map((x) => x.severity), ['info']);
  });
});
