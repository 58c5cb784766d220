import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser, readTcpdumpOptions, type TcpdumpPacket } from '../../src/captures/tcpdump.js';
import { findParser } from '../../src/captures/registry.js';
import { parseFixture, runFixtures } from './run-fixtures.js';

runFixtures(parser, 'tcpdump -n');

/** Every frame of a packet, outermost first. */
function frames(packet: TcpdumpPacket | undefined): TcpdumpPacket[] {
  const all: TcpdumpPacket[] = [];
  for (let p = packet; p; p = p.inner) all.push(p);
  return all;
}

test('should claim the packet-printing tcpdump commands, not the listing ones', () => {
  for (const command of ['tcpdump -n', 'tcpdump -nn -e -vv -i eth1 -c 20', 'sudo tcpdump -nnvvei eth1 udp port 4789', 'tcpdump -r x.pcap -n -e', 'tcpdump -l -i any', 'ip netns exec qdhcp-1 tcpdump -n -i tap0']) {
    assert.equal(findParser(command)?.name, 'tcpdump', command);
  }
  for (const command of ['tcpdump -D', 'tcpdump -w out.pcap -i eth1', 'tcpdump --version', 'tcpdump -i eth1 -L']) {
    assert.equal(findParser(command)?.name, undefined, command);
  }
  assert.deepEqual(readTcpdumpOptions(['tcpdump', '-nnvvei', 'eth1', '-c', '20']).interface, 'eth1');
  assert.equal(readTcpdumpOptions(['tcpdump', '-t', '-n']).noTimestamps, true);
  assert.equal(readTcpdumpOptions(['tcpdump', '-tttt', '-n']).noTimestamps, false);
});

test('should make each VXLAN packet of the lab one record with its inner frame, VNI and UDP port', () => {
  const result = parseFixture(parser, 'vxlan-underlay-live');
  assert.equal(result.records.length, 20, 'tcpdump -c 20');
  assert.deepEqual(result.lineRoles.filter((r) => r === 'noise').length, 4, 'listening on, and the three count lines');
  const vxlan = result.records.filter((p) => p.vxlan);
  assert.ok(vxlan.length >= 10);
  for (const p of vxlan) {
    assert.equal(p.vxlan?.vni, 1);
    assert.equal(p.dstPort, '4789');
    assert.ok(['198.51.100.11', '198.51.100.21'].includes(p.ip!.src) && ['198.51.100.11', '198.51.100.21'].includes(p.ip!.dst));
    assert.ok(p.inner?.link?.src, 'inner frame with its MACs (-e)');
    assert.ok(p.evidence.endLine! > p.evidence.line, 'the inner frame lines are the packet\'s evidence too');
    assert.equal(p.interface, 'eth1');
  }
  const arp = vxlan.map((p) => p.inner!).filter((f) => f.arp);
  assert.deepEqual(arp.map((f) => [f.arp?.operation, f.arp?.targetIp ?? f.arp?.ip]), [['Request', '203.0.113.1'], ['Reply', '203.0.113.1']], 'the VM asks for its gateway, the router answers');
  assert.equal(arp[1]?.arp?.mac, 'fa:16:3e:5d:6e:7f');
});

test('should read GRE keys and the carried Ethernet frame, on one line or on the next', () => {
  for (const name of ['gre-underlay-n', 'gre-underlay-e', 'gre-underlay-e-vv', 'gre-underlay-live']) {
    const result = parseFixture(parser, name);
    assert.equal(result.unparsed.length, 0, name);
    const gre = result.records.filter((p) => p.gre);
    // the rest are the underlay devices' own IPv6 router solicitations
    assert.deepEqual(result.records.filter((p) => !p.gre).map((p) => p.icmp?.type), result.records.filter((p) => !p.gre).map(() => 'router solicitation'), name);
    assert.ok(gre.length >= 10, name);
    for (const p of gre) {
      assert.equal(p.gre?.key, 1, name);
      assert.equal(p.protocol, 'GRE');
      assert.ok(p.inner && (p.inner.ip || p.inner.arp), `${name}: line ${p.evidence.line} has its inner packet`);
    }
    if (name.startsWith('gre-underlay-e')) assert.equal(gre[0]!.gre?.proto, 'TEB', 'Transparent Ethernet Bridging with -e');
  }
  const reply = parseFixture(parser, 'gre-underlay-e-vv').records.map((p) => p.inner!).find((f) => f.dhcp?.messageType === 'ACK');
  assert.equal(reply?.dhcp?.yourIp, '203.0.113.3');
  assert.ok(reply?.dhcp?.options?.some((o) => o.name === 'Default-Gateway' && o.value === '203.0.113.1'));
});

test('should read DHCP, DNS, TCP flags and IPv6 neighbour discovery on the DHCP port', () => {
  const records = parseFixture(parser, 'dhcp-port-vv').records;
  const discover = records.find((p) => p.dhcp?.messageType === 'Discover');
  assert.equal(discover?.dhcp?.from, 'fa:16:3e:4c:2c:30');
  assert.match(discover?.dhcp?.options?.find((o) => o.code === 55)?.value ?? '', /Subnet-Mask \(1\).*Lease-Time \(51\)/, 'the parameter list over its continuation lines');
  const answer = records.find((p) => p.dns?.response);
  assert.deepEqual(answer?.dns?.answers, [{ name: 'host-203-0-113-3.openstacklocal.', type: 'A', value: '203.0.113.3' }]);
  assert.deepEqual(records.filter((p) => p.tcp).map((p) => p.tcp!.flags).slice(0, 3), ['S', 'S.', '.']);
  assert.deepEqual(records.find((p) => p.tcp?.flags === 'FP.')?.tcp?.flagNames, ['FIN', 'PSH', 'ACK']);
  const solicitation = records.find((p) => p.icmp?.type === 'neighbor solicitation');
  assert.equal(solicitation?.protocol, 'ICMP6');
  assert.match(solicitation?.icmp?.target ?? '', /^fe80::/);
  const udp6 = records.find((p) => p.ip?.version === 6 && p.protocol === 'UDP');
  assert.equal(udp6?.dstPort, '33434');
  assert.equal(udp6?.ip?.dst, 'ff02::1');
});

test('should read 802.1ad and 802.1Q tags, outermost first', () => {
  const [first] = parseFixture(parser, 'suite-qinq-e-v').records;
  assert.deepEqual(first?.link?.vlans?.map((v) => v.id), [200, 2001]);
  assert.equal(first?.arp?.operation, 'Request');
});

test('should read packets without timestamps (-t) and with -# numbers and -tttt dates', () => {
  const t = parseFixture(parser, 'vxlan-underlay-t-v');
  assert.equal(t.unparsed.length, 0);
  assert.ok(t.records.every((p) => p.timestamp === undefined));
  assert.equal(t.records.filter((p) => p.vxlan).length, t.records.filter((p) => p.inner).length, 'a VXLAN inner frame is not a packet of its own');
  const numbered = parseFixture(parser, 'suite-vxlan-e').records;
  assert.deepEqual(numbered.map((p) => p.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(numbered[0]?.timestamp, '2013-05-18 20:21:44.837063');
  assert.equal(numbered[0]?.vxlan?.vni, 100);
  assert.equal(frames(numbered[0]).length, 2);
});

test('should report what is no tcpdump output, and keep the pasted noise as noise', () => {
  const result = parseFixture(parser, 'pasted-with-noise');
  assert.deepEqual(result.unparsed.map((u) => u.text.trim()), ['an indented line before any packet', 'this line is not tcpdump output']);
  assert.equal(result.records.length, 5);
  assert.equal(result.records[4]?.inner?.dhcp?.op, 'Request');
});

test('should read the provider VLAN tag of every frame on the lab wire, and what each frame carries', () => {
  const records = parseFixture(parser, 'provider-vlan-live').records;
  assert.equal(records.length, 12);
  assert.ok(records.every((p) => p.link?.ethertype === '802.1Q' && p.link.vlans?.[0]?.id === 101));
  const dhcp = records.filter((p) => p.dhcp);
  assert.deepEqual(dhcp.map((p) => [p.dhcp!.op, p.ip!.src]), [['Request', '0.0.0.0'], ['Reply', '203.0.113.2'], ['Request', '0.0.0.0'], ['Reply', '203.0.113.2']]);
  assert.deepEqual(records.filter((p) => p.protocol === 'ICMP').map((p) => p.icmp!.type), ['echo request', 'echo reply', 'echo request', 'echo reply']);
});

test('should read the interface and direction of `-i any`, and the cooked link header of -e', () => {
  const plain = parseFixture(parser, 'any-interface').records;
  assert.deepEqual(plain.map((p) => [p.interface, p.direction]).slice(0, 2), [['v0', 'Out'], ['v1', 'M']]);
  assert.equal(plain[0]?.icmp?.type, 'neighbor solicitation');
  const withLink = parseFixture(parser, 'any-interface-e').records;
  assert.equal(withLink[0]?.link?.src, '82:01:ba:b4:0b:6a');
  assert.equal(withLink[0]?.link?.dst, undefined, 'a cooked capture has no destination MAC');
  assert.equal(withLink[0]?.ip?.dst, 'ff02::1:ffb4:b6a');
});
