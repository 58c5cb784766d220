import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ip-addr.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ip addr');

test('should match ip addr spellings, not ip -br a or ip link', () => {
  for (const cmd of ['ip addr', 'ip a', 'ip ad', 'ip address show', 'ip addr show dev eth0', 'ip -4 addr', 'ip -6 a s', 'ip -o addr', 'ip -f inet addr', 'ip netns exec qdhcp-1 ip addr']) {
    assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  }
  for (const cmd of ['ip -br a', 'ip link', 'ip addrlabel', 'ip addr add 10.0.0.1/24 dev eth0', 'ip -json addr']) {
    assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
  }
});

test('should read inet and inet6 addresses with prefix, broadcast, scope, label and lifetimes', () => {
  const records = parseFixture(parser, 'lab-qrouter').records;
  const qg = records.find((r) => r.name === 'qg-9b8a7c6d-5e')!;
  assert.deepEqual(qg.addresses.map((a) => [a.family, a.address, a.prefixLength, a.broadcast, a.scope, a.label, a.validLft, a.evidence]), [
    ['inet', '192.0.2.245', 24, '192.0.2.255', 'global', 'qg-9b8a7c6d-5e', 'forever', { line: 15, endLine: 16 }],
    ['inet6', 'fe80::f816:3eff:fe8a:9b0c', 64, undefined, 'link', undefined, 'forever', { line: 17, endLine: 18 }],
  ]);
  assert.equal(qg.linkLayer?.address, 'fa:16:3e:8a:9b:0c');
});

test('should read secondary labels, dynamic lifetimes in seconds, peers and IPv6 flags', () => {
  const [veth] = parseFixture(parser, 'netns-show-dev-flags').records;
  const find = (address: string) => veth!.addresses.find((a) => a.address === address)!;
  assert.deepEqual([find('10.9.2.1').dynamic, find('10.9.2.1').validLft, find('10.9.2.1').preferredLft], [true, 3600, 1800]);
  assert.deepEqual([find('10.9.3.1').peer, find('10.9.3.1').prefixLength, find('10.9.3.1').cidr], ['10.9.3.2/32', 32, '10.9.3.1']);
  assert.deepEqual(find('2001:db8:1::5').flags, ['nodad', 'noprefixroute']);
  const br0 = parseFixture(parser, 'netns-all').records.find((r) => r.name === 'br0')!;
  assert.deepEqual(br0.addresses.map((a) => [a.address, a.secondary, a.label]), [['10.9.0.1', false, 'br0'], ['10.9.0.2', true, 'br0:1'], ['fe80::6cf8:60ff:fe20:ee93', false, undefined]]);
});

test('should merge ip -o addr lines of one interface into one record', () => {
  const records = parseFixture(parser, 'netns-oneline').records;
  assert.deepEqual(records.map((r) => [r.ifindex, r.name, r.addresses.length, r.flags]), [[1, 'lo', 2, undefined], [3, 'br0', 3, undefined], [5, 'veth-a', 3, undefined]]);
});

test('should report an inet line that holds no address', () => {
  const result = parser.parse('2: eth0: <UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n    inet 999.1.1.1/24 scope global eth0\n', parseCommandLine('ip addr'));
  assert.deepEqual(result.lineRoles, ['fact', 'unparsed']);
  assert.match(result.unparsed[0]!.reason, /not an IP address/);
});

test('should read ip -c output as if uncoloured, keeping unparsed text as captured', () => {
  const records = parseFixture(parser, 'netns-colour').records;
  assert.deepEqual(records.map((r) => [r.name, r.linkedTo?.name, r.state, r.linkLayer?.address]), [
    ['lo', undefined, 'DOWN', '00:00:00:00:00:00'], ['vb', 'va', 'DOWN', 'be:c5:2b:02:8d:eb'], ['va', 'vb', 'LOWERLAYERDOWN', 'fa:34:54:77:97:24'],
  ]);
  assert.equal(records[2]!.addresses[0]!.cidr, '10.7.0.1/24');
  const broken = parser.parse('\x1b[36mnot an entry\x1b[0m\n', parseCommandLine('ip -c addr'));
  assert.equal(broken.unparsed[0]!.text, '\x1b[36mnot an entry\x1b[0m');
});
