// Walks trace each bridge with real flow processing table by table, with what
// the walk knows of its frame: the router's MAC (from `ip link` in the router's
// namespace) for SNAT, broadcast for DHCP, the key it came with from a tunnel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Topology } from '../../src/topology/model.js';
import { brief, edit, loadCase, tablesBrief, variant } from '../topology/fixture-cases.js';
import { DHCP_FRAME, destinationMac, enteringPacket } from '../../src/explain/walk-trace.js';
import { TopologyGraph, keyOf, vmKey, nsKey } from '../../src/explain/path-search.js';
import { msg } from '../../src/message.js';

const t = loadCase('gre-two-vms');
const says = (refs: { file: string; line: number }[], file: string, line: number) => refs.some((r) => r.file.endsWith(file) && r.line === line);

test('SNAT walk: the frame goes to the router\'s qr- MAC, so br-tun takes the flow learn() wrote for that MAC', () => {
  const walk = t.walks.find((w) => w.id === 'walk:snat:compute/instance-00000001')!;
  const brTun = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(brTun), /trace:lookup\(table=1, priority=32768, match=flow:matches\(fields=\[flow:unicast\]\)\); trace:lookup\(table=20, priority=1, match=flow:matches\(fields=\[flow:vlan-tci\(vlan=1, tci=0x0001\/0x0fff\), flow:field-is\(field=flow:field-destination-mac, value=fa:16:3e:5d:6e:7f\)\]\)\); trace:set\(action=action:strip-vlan\); trace:set\(action=action:set-tunnel-id\(id=0x2a\)\); trace:send-out\(port=gre-c6336415, carrying=trace:carrying\(what=\[trace:untagged, trace:tunnel-id\(id=0x2a\)\]\)\)$/);
  assert.doesNotMatch(tablesBrief(brTun), /unless=/, 'nothing left unknown: the MAC is given');
  assert.ok(says(brTun.evidence, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 13), 'the learned flow line');
});

test('DHCP walk: a broadcast takes br-tun\'s flood table; arriving from the tunnel it gets the far host\'s local VLAN and is learned', () => {
  const walk = t.walks.find((w) => w.id.startsWith('walk:dhcp:compute/instance-00000001'))!;
  const out = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(out), /trace:lookup\(table=1, priority=32768, match=flow:matches\(fields=\[flow:broadcast-multicast\]\)\); trace:lookup\(table=21, priority=32768, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-vlan, value=1\)\]\)\); trace:set\(action=action:strip-vlan\); trace:set\(action=action:set-tunnel-id\(id=0x2a\)\); trace:send-out\(port=gre-c6336415/);
  const back = walk.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(back), /trace:lookup\(table=2, priority=1, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-tunnel-id, value=0x2a\)\]\)\); trace:set\(action=action:set-vlan\(vlan=2\)\); trace:lookup\(table=10, priority=1, match=flow:matches-every-packet\); action:learn\(.*; trace:send-out\(port=patch-int, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\), trace:tunnel-id\(id=0x2a\)\]\)\)$/);
  assert.match(brief(back.message), /walk:traced\(outcome=trace:sends\(bridge=br-tun, exits=\[trace:exit-out-of\(port=patch-int, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\), trace:tunnel-id\(id=0x2a\)\]\)\)\]\)\)/);
  assert.match(tablesBrief(back), /^trace:lookup\(table=0, priority=1, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-in-port, value=flow:named-port\(name=gre-/);
  assert.deepEqual(back.tables!.map((t) => t.depth), [0, 1, 1, 2, 2, 2], 'each resubmit one level deeper');
});

test('destinationMac: the port a path enters its last namespace by, else only "some unicast"', () => {
  const graph = new TopologyGraph(t);
  const router = t.namespaces.find((n) => n.role === 'router')!;
  const toRouter = graph.path(vmKey('compute', 'instance-00000001'), nsKey(router.host, router.name))!;
  assert.equal(destinationMac(t, toRouter), 'fa:16:3e:5d:6e:7f');
  const toVm = graph.path(vmKey('compute', 'instance-00000001'), vmKey('network', 'instance-00000002'))!;
  assert.equal(destinationMac(t, toVm), '00:00:00:00:00:00/01:00:00:00:00:00', 'the grepped dumpxml gives no guest MAC');
});

test('enteringPacket: an access port\'s frame enters untagged, a trunk\'s with its VLAN, a tunnel\'s untagged with its key', () => {
  const frame = { ip: '' };
  assert.deepEqual(enteringPacket('qvo1', frame, { portTag: 1, tunnelled: false }).fields, { ip: '', tun_id: '0', vlan_tci: '0' });
  assert.deepEqual(enteringPacket('patch-int', frame, { before: { kind: 'vlan', vlan: 3 }, tunnelled: false }).fields, { ip: '', tun_id: '0', dl_vlan: '3' });
  assert.deepEqual(enteringPacket('gre-1', frame, { before: { kind: 'key', key: '0x2a' }, tunnelled: true }).fields, { ip: '', vlan_tci: '0', tun_id: '0x2a' });
  assert.deepEqual(enteringPacket('gre-1', frame, { before: { kind: 'unknown', reason: msg('test:unknown') }, tunnelled: true }).fields, { ip: '', vlan_tci: '0' }, 'an unknown key stays unknown');
});

test('enteringPacket: a flat network\'s untagged frame enters with vlan_tci 0, so vlan_tci=0x0000 flows match it', () => {
  const packet = enteringPacket('int-br-eth1', { ip: '' }, { before: { kind: 'untagged' }, tunnelled: false });
  assert.deepEqual(packet.fields, { ip: '', tun_id: '0', vlan_tci: '0' });
});

/** gre-two-vms with one more flow on compute's br-tun. */
const withComputeTunFlow = (line: string): Topology =>
  variant('gre-two-vms', (dir) => edit(join(dir, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt'), /$/, ` cookie=0x0, duration=10.0s, ${line}\n`));

test('a unicast walk is traced with the MAC where its path ends: a drop for the router\'s MAC stops the SNAT walk, not DHCP', () => {
  const changed = withComputeTunFlow('table=20, n_packets=0, n_bytes=0, idle_age=10, priority=5,dl_dst=fa:16:3e:5d:6e:7f actions=drop');
  assert.ok(t.walks.some((w) => w.id === 'walk:snat:compute/instance-00000001'));
  assert.ok(!changed.walks.some((w) => w.id === 'walk:snat:compute/instance-00000001'), 'unicast to qr-4e5f6a7b-8c (fa:16:3e:5d:6e:7f) is dropped');
  assert.ok(changed.walks.some((w) => w.id.startsWith('walk:dhcp:compute/instance-00000001')), 'the broadcast goes by table 21');
});

test('a walk does not take a port the traced flows surely never send its frame to (a higher-priority drop the VLAN heuristics do not see)', () => {
  // compute's br-tun gets a table-0 drop for broadcasts from br-int (port 1)
  const changed = withComputeTunFlow('table=0, n_packets=0, n_bytes=0, idle_age=10, priority=10,in_port=1,dl_dst=ff:ff:ff:ff:ff:ff actions=drop');
  // the DHCP broadcast of instance-00000001 (compute) cannot reach dnsmasq on network any more
  assert.ok(t.walks.some((w) => w.id.startsWith('walk:dhcp:compute/instance-00000001')));
  assert.ok(!changed.walks.some((w) => w.id.startsWith('walk:dhcp:compute/instance-00000001')));
  // a unicast (SNAT) is not dropped by that flow: its walk stays
  assert.ok(changed.walks.some((w) => w.id === 'walk:snat:compute/instance-00000001'));
  // without a frame to trace, the path search knows only the VLAN flows, and still finds the way
  const graph = new TopologyGraph(changed);
  const dhcp = changed.services.find((s) => s.kind === 'dhcp' && s.host === 'network')!;
  assert.ok(graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', dhcp.interface!)));
  assert.equal(graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', dhcp.interface!), undefined, undefined, DHCP_FRAME), undefined);
});
