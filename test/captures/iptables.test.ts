import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser, type IptablesRecord, type IptablesRule } from '../../src/captures/iptables.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'iptables-save');

const rules = (records: IptablesRecord[]) => records.filter((r): r is IptablesRule => r.kind === 'rule');

test('should match -S listings and iptables-save, not -L', () => {
  assert.ok(parser.matches(parseCommandLine('ip netns exec qrouter-1 iptables -t nat -S')));
  assert.ok(parser.matches(parseCommandLine('iptables-legacy-save -c')));
  assert.ok(!parser.matches(parseCommandLine('iptables -L -n')));
});

test('should read SNAT, REDIRECT and negated interfaces with conntrack in the 2014 nat table', () => {
  const records = parseFixture(parser, 'nat-2014').records;
  const all = rules(records);
  assert.ok(all.every((r) => r.table === 'nat'));
  const snat = all.find((r) => r.target?.name === 'SNAT')!;
  assert.deepEqual([snat.source, snat.target?.options], [{ value: '10.0.1.0/28' }, [{ name: 'to-source', values: ['192.168.1.245'] }]]);
  const redirect = all.find((r) => r.target?.name === 'REDIRECT')!;
  assert.deepEqual(redirect.modules, [{ name: 'tcp', options: [{ name: 'dport', values: ['80'] }] }]);
  assert.deepEqual(redirect.target?.options, [{ name: 'to-ports', values: ['9697'] }]);
  const accept = all.find((r) => r.modules.some((m) => m.name === 'conntrack'))!;
  assert.deepEqual(accept.inInterface, { value: 'qg-c5ab6a1c-f1', negated: true });
  assert.deepEqual(accept.modules[0]?.options, [{ name: 'ctstate', values: ['DNAT'], negated: true }]);
});

test('should read tables, counters, comments, goto, marks and keep unknown options', () => {
  const result = parseFixture(parser, 'save-counters-modules');
  assert.equal(result.lineRoles[0], 'noise');
  const chains = result.records.filter((r) => r.kind === 'chain');
  assert.deepEqual(chains.find((c) => c.name === 'INPUT'), { kind: 'chain', table: 'filter', name: 'INPUT', builtin: true, policy: 'DROP', counters: { packets: 3, bytes: 120 }, evidence: { line: 10 } });
  const all = rules(result.records);
  const ssh = all.find((r) => r.modules.some((m) => m.name === 'comment' && m.options[0]?.values[0] === 'allow ssh from anywhere'));
  assert.ok(ssh);
  const goto = all.find((r) => r.target?.via === 'goto')!;
  assert.deepEqual([goto.action, goto.position, goto.source], ['insert', 1, { value: '10.0.1.0/24', negated: true }]);
  const implicit = all.find((r) => r.modules[0]?.implicit)!;
  assert.deepEqual(implicit.modules[0], { name: 'udp', options: [{ name: 'dport', values: ['67'] }], implicit: true });
  const reject = all.find((r) => r.target?.name === 'REJECT')!;
  assert.deepEqual(reject.target?.options.map((o) => o.name), ['reject-with', 'some-future-option']);
  assert.deepEqual(result.unparsed.map((u) => u.text), ['this line is not iptables']);
});
