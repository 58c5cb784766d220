import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ethtool-stats.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ethtool -S eth0');

test('should match ethtool -S IF and take the interface from the command', () => {
  assert.ok(parser.matches(parseCommandLine('ethtool -S qvb7bfa2daa-66')));
  assert.ok(parser.matches(parseCommandLine('sudo ethtool --statistics eth0')));
  assert.ok(!parser.matches(parseCommandLine('ethtool eth0')));
  assert.ok(!parser.matches(parseCommandLine('ethtool -S')));
  assert.equal(parseFixture(parser, 'seed-2014-qvo-with-note').records[0]!.interface, 'qvo7bfa2daa-66');
});

test('should read peer_ifindex and treat the pasted ip link note under it as noise', () => {
  const result = parseFixture(parser, 'seed-2014-qvb-with-note');
  const [record] = result.records;
  assert.deepEqual([record!.peerIfindex, record!.peerIfindexEvidence, record!.counters.length], [24, { line: 2 }, 1]);
  assert.deepEqual(result.lineRoles, ['header', 'fact', 'blank', 'noise', 'noise', 'noise']);
  assert.deepEqual(result.unparsed, []);
});

test('should group per-queue XDP counters of today\'s veth', () => {
  const [record] = parseFixture(parser, 'lab-local-qvb').records;
  assert.equal(record!.peerIfindex, 7);
  assert.equal(record!.counters.length, 10);
  assert.deepEqual(record!.queues.map((q) => [q.direction, q.index, Object.keys(q.counters).length, q.evidence]), [['rx', 0, 7, { line: 3, endLine: 9 }], ['tx', 0, 2, { line: 10, endLine: 11 }]]);
  assert.equal(record!.queues[0]!.counters['xdp_packets'], 0);
});

test('should read counters without a header, other queue namings, huge values, and report errors', () => {
  const result = parseFixture(parser, 'noise-no-header-queues-errors');
  const [record] = result.records;
  assert.equal(record!.interface, 'eth0');
  assert.equal(record!.counters.find((c) => c.name === 'tx_bytes')!.text, '18446744073709551615');
  assert.deepEqual(record!.queues.map((q) => [q.direction, q.index, q.counters]), [['rx', 0, { packets: 10, bytes: 1000 }], ['tx', 0, { packets: 3 }], ['rx', 1, { bytes: 42 }]]);
  assert.deepEqual([result.lineRoles[7], result.lineRoles[8]], ['noise', 'noise']);
  assert.deepEqual(result.unparsed.map((u) => u.line), [10, 11]);
});
