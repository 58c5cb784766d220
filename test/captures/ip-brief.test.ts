import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ip-brief.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ip -br addr');

test('should match ip -br addr and ip -br link only', () => {
  for (const cmd of ['ip -br a', 'ip -br addr', 'ip -brief link', 'ip -br -4 a show dev eth0', 'ip -br l']) assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  for (const cmd of ['ip addr', 'ip -b link', 'ip -br route', 'ip -br -j a']) assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
});

test('should read names past the 16-character column, peers and address lists', () => {
  const records = parseFixture(parser, 'lab-gre-compute-addr').records;
  const qvo = records.find((r) => r.name === 'qvo7e2a4a6c-2b')!;
  assert.deepEqual([qvo.linkedTo?.name, qvo.state, qvo.addresses?.map((a) => a.cidr)], ['qvb7e2a4a6c-2b', 'UP', ['fe80::3c8d:ddff:fe90:5a99/64']]);
  const eth1 = records.find((r) => r.name === 'eth1')!;
  assert.deepEqual(eth1.addresses?.map((a) => [a.family, a.address, a.prefixLength]), [['inet', '198.51.100.11', 24], ['inet6', 'fe80::5054:ff:fe4c:ab11', 64]]);
  assert.deepEqual(records.find((r) => r.name === 'br-int')!.addresses, []);
});

test('should read MACs and flag lists of ip -br link', () => {
  const records = parseFixture(parser, 'netns-link').records;
  const veth = records.find((r) => r.name === 'veth-a')!;
  assert.deepEqual([veth.state, veth.mac, veth.flags, veth.addresses], ['LOWERLAYERDOWN', '1a:d7:ec:4d:03:17', ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP', 'M-DOWN'], undefined]);
});

test('should split glued entries, join wrapped address lists and report the rest', () => {
  const result = parseFixture(parser, 'noise-crlf-glued-wrapped');
  assert.deepEqual(result.records.map((r) => [r.name, r.evidence]), [['lo', { line: 2 }], ['eth1', { line: 3 }], ['eth0', { line: 3 }], ['br-ex', { line: 4, endLine: 5 }], ['ovs-netdev', { line: 9 }]]);
  assert.equal(result.records[3]!.addresses?.length, 2);
  assert.deepEqual(result.unparsed.map((u) => u.line), [7, 8]);
});

test('should take the tunnel address of ip -br link as the link-layer address', () => {
  const result = parser.parse('gre0@NONE        UNKNOWN        0.0.0.0 <NOARP> \nlo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n', parseCommandLine('ip -br link'));
  assert.deepEqual(result.records.map((r) => [r.name, r.linkedTo?.none, r.mac, r.flags, r.addresses]), [
    ['gre0', true, '0.0.0.0', ['NOARP'], undefined], ['lo', undefined, '00:00:00:00:00:00', ['LOOPBACK', 'UP', 'LOWER_UP'], undefined],
  ]);
});
