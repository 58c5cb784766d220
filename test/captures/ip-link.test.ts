import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '../../src/captures/ip-link.js';
import { parser as ipAddr } from '../../src/captures/ip-addr.js';
import { parseCommandLine } from '../../src/captures/command-line.js';
import { runFixtures, parseFixture } from './run-fixtures.js';

runFixtures(parser, 'ip link');

const byName = <T extends { name: string }>(records: T[], name: string): T => {
  const found = records.find((r) => r.name === name);
  assert.ok(found, `record ${name}`);
  return found;
};

test('should match every spelling of ip link, and not ip addr, ip -br link or ip -j link', () => {
  for (const cmd of ['ip link', 'ip l', 'ip li show', 'ip link show dev qvo7e2a4a6c-2b', 'ip link show qvo1', 'ip -d link',
    'ip -details link show vx0', 'ip -o link', 'ip -s -s link', 'sudo ip netns exec qrouter-1 ip link', '/sbin/ip -n ns1 link', 'ip link list']) {
    assert.ok(parser.matches(parseCommandLine(cmd)), cmd);
  }
  for (const cmd of ['ip addr', 'ip a', 'ip -br link', 'ip -j link', 'ip link set eth0 up', 'ip link add x type veth', 'ip route', 'bridge link', 'iplink']) {
    assert.ok(!parser.matches(parseCommandLine(cmd)), cmd);
  }
});

test('should read the 2014 seed: ovs-system masters, pfifo_fast, qlen only on some entries', () => {
  const { records, unparsed } = parseFixture(parser, 'seed-2014-root');
  assert.deepEqual(unparsed, []);
  assert.equal(records.length, 11);
  const qvo = byName(records, 'qvo7bfa2daa-66');
  assert.deepEqual([qvo.ifindex, qvo.master, qvo.qdisc, qvo.qlen, qvo.linkedTo], [24, 'ovs-system', 'pfifo_fast', 1000, undefined]);
  assert.equal(byName(records, 'lo').qlen, undefined);
  assert.equal(byName(records, 'tap7bfa2daa-66').linkLayer?.address, 'fe:16:3e:5f:1f:58');
});

test('should read veth peers, @ifN with link-netnsid, and link-netns names', () => {
  const lab = parseFixture(parser, 'lab-local-allinone').records;
  assert.deepEqual(byName(lab, 'qvo7e2a4a6c-2b').linkedTo, { text: 'qvb7e2a4a6c-2b', name: 'qvb7e2a4a6c-2b' });
  const eth0 = byName(lab, 'eth0');
  assert.deepEqual(eth0.linkedTo, { text: 'if2', ifindex: 2 });
  assert.equal(eth0.linkLayer?.linkNetnsId, 0);
  const kinds = parseFixture(parser, 'netns-details-kinds').records;
  assert.equal(byName(kinds, 'eth-x').linkLayer?.linkNetns, 'ngtest-peer');
});

test('should read -d kind lines: vxlan endpoints, bridge ports, tun type, macvlan mode, and device details', () => {
  const records = parseFixture(parser, 'netns-details-kinds').records;
  const vx0 = byName(records, 'vx0');
  assert.deepEqual(vx0.kind?.tunnel, { id: 100, remote: '198.51.100.21', local: '198.51.100.11', ttl: 'auto', dstport: 4789 });
  assert.deepEqual(vx0.kind?.flags, ['udpcsum', 'noudp6zerocsumtx', 'noudp6zerocsumrx']);
  assert.equal(vx0.kind?.options['srcport'], '0 0');
  assert.equal(vx0.details?.options['numtxqueues'], '1');
  assert.equal(byName(records, 'vx6').kind?.tunnel?.group, '239.1.1.1');
  const port = byName(records, 'veth-b');
  assert.deepEqual([port.kind?.name, port.slaveKind?.name, port.slaveKind?.bridgePort], ['veth', 'bridge_slave', { state: 'disabled', priority: 32, cost: 2 }]);
  assert.equal(port.slaveKind?.options['hold_timer'], '0.00');
  assert.equal(byName(records, 'br0').kind?.bridge?.stpState, 0);
  assert.deepEqual(byName(records, 'tap0').kind?.tun, { type: 'tap' });
  assert.equal(byName(records, 't-mv').kind?.mode, 'bridge');
  assert.equal(byName(records, 'veth-a').alias?.text, 'uplink to rack 3');
  const tap = parseFixture(parser, 'lab-tty-details-tap-bridge-slave').records[0]!;
  assert.deepEqual([tap.kind?.name, tap.slaveKind?.bridgePort?.state, tap.slaveKind?.evidence], ['tun', 'forwarding', { line: 4 }]);
});

test('should give -o and -d -o output the same records as the multi-line layout', () => {
  const strip = (r: object): string => JSON.stringify(r, (k, v: unknown) => (k === 'evidence' || k === 'headerEvidence' ? undefined : v));
  const multi = parseFixture(parser, 'netns-details-kinds').records;
  const oneline = parseFixture(parser, 'netns-oneline-details').records;
  // The multi-line capture was taken a moment before (veth-b down then up): compare the devices that did not change.
  for (const name of ['vx0', 'eth-x', 'tap0', 'vx6']) assert.equal(strip(byName(oneline, name)), strip(byName(multi, name)), name);
  assert.ok(oneline.every((r) => r.evidence.endLine === undefined));
});

test('should read -s counter blocks', () => {
  const [record] = parseFixture(parser, 'netns-stats-alias').records;
  assert.deepEqual(record?.stats?.map((s) => [s.label, s.counters['bytes'], s.evidence]), [['RX', 2656, { line: 4, endLine: 5 }], ['TX', 1322, { line: 6, endLine: 7 }]]);
});

test('should unwrap wrapped lines, split glued entries, and report notes and strays', () => {
  const result = parseFixture(parser, 'noise-crlf-wrapped-glued-notes');
  const eth0 = byName(result.records, 'eth0');
  assert.deepEqual([eth0.master, eth0.state, eth0.headerEvidence, eth0.linkLayer?.broadcast, eth0.linkLayer?.evidence], ['ovs-system', 'UP', { line: 5, endLine: 6 }, 'ff:ff:ff:ff:ff:ff', { line: 7, endLine: 8 }]);
  assert.equal(byName(result.records, 'qvo7bfa2daa-66').linkLayer?.evidence.line, 10);
  assert.equal(byName(result.records, 'tap7bfa2daa-66').evidence.line, 12);
  // The quoted `# 24: qvo…` note and the link/ether line under it are noise, not a second qvo entry.
  assert.equal(result.records.filter((r) => r.name === 'qvo7bfa2daa-66').length, 1);
  assert.deepEqual([result.lineRoles[13], result.lineRoles[14]], ['noise', 'noise']);
  assert.deepEqual(result.unparsed.map((u) => u.line), [18, 19]);
  assert.deepEqual(byName(result.records, 'gre-1').linkLayer, { type: 'gre', address: '198.51.100.11', peer: '198.51.100.21', evidence: { line: 23 } });
});

test('should report lines before any header and broken headers as unparsed, never throw', () => {
  const cmd = parseCommandLine('ip link');
  const result = parser.parse('    link/ether aa:bb:cc:dd:ee:ff\n3: eth1: <BROADCAST,MULTI\n4: eth2: <UP> mtu 1500\n    link/ether aa:bb:cc:dd:ee:01\n', cmd);
  assert.deepEqual(result.records.map((r) => r.name), ['eth2']);
  assert.deepEqual(result.lineRoles, ['unparsed', 'unparsed', 'fact', 'fact']);
  assert.match(result.unparsed[1]!.reason, /unclosed/);
  assert.equal(result.notes, undefined, 'a broken header inside the capture is no sign of a cut');
  assert.deepEqual(parser.parse('', cmd).lineRoles, []);
});

test('should keep what a capture cut short inside its last entry tells, mark that record incomplete and note the cut', () => {
  const cmd = parseCommandLine('ip link');
  const lo = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
  const cases: [string, string, Record<string, unknown>][] = [
    ['12: qvo7bfa2daa-66@', 'the header is cut short after "@"', { ifindex: 12, name: 'qvo7bfa2daa-66' }],
    ['12: qvo7bfa2daa-66@qvb7bfa2daa-66: <BROADCAST,MULTI', 'the header is cut short inside its <FLAGS> list', { ifindex: 12, name: 'qvo7bfa2daa-66', linkedTo: { text: 'qvb7bfa2daa-66', name: 'qvb7bfa2daa-66' } }],
    ['12: qvo7bfa2daa-66@qvb7bfa2daa-66: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master', 'the header is cut short after "master"', { ifindex: 12, name: 'qvo7bfa2daa-66' }],
    ['12: qvo7bfa2daa-66@qvb7bfa2daa-66: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000', 'no `link/` line after its header', { ifindex: 12, name: 'qvo7bfa2daa-66', mtu: 1500 }],
  ];
  for (const [last, why, fields] of cases) {
    const result = parser.parse(lo + last, cmd);
    assert.equal(result.records.length, 2, last);
    const record = result.records[1]! as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) assert.deepEqual(record[key], value, `${last}: ${key}`);
    assert.equal(record['incomplete'], why);
    assert.equal(result.records[0]!.incomplete, undefined, 'the complete entry is not marked');
    assert.deepEqual(result.lineRoles, ['fact', 'fact', 'fact']);
    assert.deepEqual(result.notes, [{ line: 3, kind: 'truncated', message: `the capture ends in the middle of the output (${why}): its last record is incomplete` }]);
  }
  // a pipe keeps header lines only, on purpose: no cut
  const grep = parser.parse('12: qvo7bfa2daa-66@qvb7bfa2daa-66: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n', parseCommandLine('ip link | grep qvo'));
  assert.equal(grep.records[0]!.incomplete, undefined);
  assert.equal(grep.notes, undefined);
});

test('should take the namespace from ip -n NS when there is no ip netns exec', () => {
  const result = parser.parse('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n', parseCommandLine('ip -n qrouter-1 link'));
  assert.equal(result.netns, 'qrouter-1');
  assert.equal(ipAddr.name, 'ip-addr');
});

test('should join a wrapped -d kind line and keep unknown kinds verbatim', () => {
  const text = [
    '2: vx0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000',
    '    link/ether 0e:17:ee:82:d3:2e brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0',
    '    minmtu 68 maxmtu 65535',
    '    vxlan id 100 remote 198.51.100.21',
    '    local 198.51.100.11 dstport 4789 addrgenmode eui64',
    '3: x0: <NOARP> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000',
    '    link/none ',
    '    futurekind_slave colour blue shiny',
  ].join('\n');
  const result = parser.parse(text, parseCommandLine('ip -d link'));
  assert.deepEqual(result.unparsed, []);
  const [vx0, x0] = result.records;
  assert.deepEqual(vx0!.kind?.tunnel, { id: 100, remote: '198.51.100.21', local: '198.51.100.11', dstport: 4789 });
  assert.deepEqual(vx0!.kind?.evidence, { line: 4, endLine: 5 });
  assert.deepEqual([vx0!.details?.options['maxmtu'], vx0!.details?.options['addrgenmode'], vx0!.details?.evidence], ['65535', 'eui64', { line: 2, endLine: 5 }]);
  assert.deepEqual([x0!.linkLayer?.type, x0!.linkLayer?.address, x0!.slaveKind?.text, x0!.slaveKind?.options], ['none', undefined, 'futurekind_slave colour blue shiny', { colour: 'blue' }]);
  assert.deepEqual(x0!.slaveKind?.flags, ['shiny']);
});

test('should read permaddr and link-netnsid next to -d details on the link line', () => {
  const text = '3: eth1@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq master bond0 state UP mode DEFAULT group default qlen 1000\n' +
    '    link/ether 52:54:00:4c:ab:11 brd ff:ff:ff:ff:ff:ff permaddr 52:54:00:4c:ab:12 link-netnsid 3 promiscuity 0 minmtu 68 maxmtu 9000\n';
  const [eth1] = parser.parse(text, parseCommandLine('ip -d link')).records;
  assert.deepEqual([eth1!.linkLayer?.permaddr, eth1!.linkLayer?.linkNetnsId, eth1!.linkedTo?.ifindex, eth1!.details?.options['maxmtu']], ['52:54:00:4c:ab:12', 3, 9, '9000']);
});
