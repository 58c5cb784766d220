import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/bridge-link.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'bridge link');

test('should match bridge link listings only', () => {
  for (const cmd of ['bridge link', 'bridge l', 'bridge -d link show', 'bridge link show dev tap1']) assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  for (const cmd of ['bridge fdb', 'bridge link set dev tap1 cost 4', 'ip link', 'bridge -j link']) assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
});

test('should read bridge ports with their peer, master, STP state, priority and cost', () => {
  const records = parseFixture(parser, 'lab-local').records;
  assert.deepEqual(records.map((r) => [r.ifindex, r.name, r.linkedTo?.name, r.master, r.state, r.priority, r.cost]), [
    [8, 'qvb7e2a4a6c-2b', 'qvo7e2a4a6c-2b', 'qbr7e2a4a6c-2b', 'forwarding', 32, 2],
    [9, 'tap7e2a4a6c-2b', undefined, 'qbr7e2a4a6c-2b', 'forwarding', 32, 2],
  ]);
});

test('should read -d option lines and glued entries', () => {
  const [port] = parseFixture(parser, 'netns-details').records;
  assert.deepEqual([port!.options?.['hairpin'], port!.options?.['learning'], port!.evidence], ['off', 'on', { line: 1, endLine: 2 }]);
  const noisy = parseFixture(parser, 'noise-glued-notes');
  assert.deepEqual(noisy.records.map((r) => [r.name, r.cost, r.evidence.line, r.extra]), [
    ['qvb7e2a4a6c-2b', 2, 2, undefined], ['tap7e2a4a6c-2b', 100, 2, undefined], ['eth2', 100, 4, { hwmode: 'VEB' }],
  ]);
  assert.deepEqual(noisy.unparsed.map((u) => u.line), [5]);
});

test('should take the namespace from bridge -n NS', () => {
  const result = parser.parse('4: veth-b@veth-a: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2\n', parseCommandLine('bridge -n qrouter-1 link'));
  assert.equal(result.netns, 'qrouter-1');
});
