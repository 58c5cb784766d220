import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser, type IptablesListRule } from '../../src/captures/iptables-list.js';
import { parser as iptablesS } from '../../src/captures/iptables.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'iptables -L -n');

test('should take -L listings, leaving -S and iptables-save to the iptables parser', () => {
  assert.ok(parser.matches(parseCommandLine('iptables -t nat -L -n')));
  assert.ok(parser.matches(parseCommandLine('iptables -nvL')));
  assert.ok(!parser.matches(parseCommandLine('iptables -t nat -S')));
  assert.ok(!iptablesS.matches(parseCommandLine('iptables -t nat -L -n')));
});

test('should read SNAT and the metadata REDIRECT from a nat listing', () => {
  const rules = parseFixture(parser, 'nat-n').records.filter((r): r is IptablesListRule => r.kind === 'rule');
  const snat = rules.find((r) => r.target === 'SNAT')!;
  assert.deepEqual([snat.chain, snat.source, snat.options], ['neutron-l3-agent-snat', '10.0.1.0/28', { to: '192.168.1.245' }]);
  const redirect = rules.find((r) => r.target === 'REDIRECT')!;
  assert.deepEqual([redirect.protocol, redirect.destination, redirect.options], ['tcp', '169.254.169.254', { dpt: '80', 'redir ports': '9697' }]);
});

test('should read -v counters, line numbers, rules without target, comments, negated interfaces', () => {
  const result = parseFixture(parser, 'filter-v-line-numbers');
  const chain = result.records[0]!;
  assert.deepEqual(chain, { kind: 'chain', table: 'filter', name: 'INPUT', policy: 'DROP', counters: { packets: 12, bytes: 3000 }, evidence: { line: 2 } });
  const rules = result.records.filter((r): r is IptablesListRule => r.kind === 'rule');
  assert.deepEqual(rules.map((r) => [r.num, r.target, r.in]), [[1, 'ACCEPT', 'lo'], [2, 'ACCEPT', '*'], [3, '', '*'], [4, 'ACCEPT', '!qg-c5ab6a1c-f1']]);
  assert.deepEqual(rules[1]!.counters, { packets: 1e6, bytes: 420e6 });
  assert.equal(rules[1]!.comment, 'allow ssh from anywhere');
  assert.equal(rules[3]!.options['ctstate'], '!DNAT');
  assert.deepEqual(result.unparsed.map((u) => u.text), ['this row is cut']);
  assert.equal(result.lineRoles[0], 'noise');
});
