// The capture-lab bundle test/fixtures/topology/vlan-two-hosts (made by its
// make-bundle.sh): one provider VLAN network (segmentation id 101) between
// compute and network with no tunnel — br-int ↔ int-br-eth1/phy-br-eth1 (veth)
// ↔ br-eth1 ↔ eth1 on each host, the two eth1 joined by a wire no capture
// shows; local VLAN 1 on compute (the VM) and 2 on network (qdhcp, qrouter).
// The topology joins the two eth1 as a likely physical wire, saying why; the
// walks cross it carrying VLAN 101 and end only at ports of the far host's
// local VLAN; where the far side's flows are missing they say it is not
// provable; NICs with no shared provider VLAN or subnet stay apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { brief, edit, hasMessage, loadCase, physicalWires, says, segmentAt, stepAt, tablesBrief, valuesOf, variant, walkById } from '../topology/fixture-cases.js';
import { keyOf, TopologyGraph, vmKey } from '../../src/explain/path-search.js';
import { subnetOf } from '../../src/topology/physical-wires.js';
import { topologyDiagram } from '../../src/render/diagram/index.js';

const t = loadCase('vlan-two-hosts');
const VM = 'compute/instance-00000001';
const DHCP_PORT = 'tap0a8a0a6b-67';
const QDHCP = 'qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01';



test('vlan-two-hosts: no tunnel; the two eth1 are joined as a likely physical wire because both carry provider VLAN 101, and nothing else is', () => {
  assert.deepEqual(t.unparsed, []);
  assert.equal(t.links.filter((l) => l.kind === 'tunnel').length, 0);
  const all = physicalWires(t);
  assert.equal(all.length, 1, 'network\'s eth0 (br-ex) has no partner on compute');
  const [wire] = all;
  assert.deepEqual([wire!.a, wire!.b], [{ host: 'compute', name: 'eth1' }, { host: 'network', name: 'eth1' }]);
  assert.equal(wire!.certainty, 'likely');
  assert.deepEqual(wire!.vlans, [101]);
  assert.equal(wire!.subnet, undefined, 'eth1 carries no address on either host');
  assert.equal(brief(wire!.reason!), 'wire:likely(a=eth1, hostA=compute, b=eth1, hostB=network, because=[wire:both-carry-vlans(vlans=[101], clues=['
    + 'wire:clue(host=compute, bridge=br-eth1, matched=wire:vlan(vlan=1), set=101), wire:clue-vlan-from(host=compute, bridge=br-int, vlan=101, from=int-br-eth1, set=1), '
    + 'wire:clue(host=network, bridge=br-eth1, matched=wire:vlan(vlan=2), set=101), wire:clue-vlan-from(host=network, bridge=br-int, vlan=101, from=int-br-eth1, set=2)])])');
  // every flow the reason names is evidence of the link
  assert.ok(says(wire!.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'in_port=2,dl_vlan=1 actions=mod_vlan_vid:101,NORMAL'));
  assert.ok(says(wire!.evidence, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt', 'in_port=2,dl_vlan=2 actions=mod_vlan_vid:101,NORMAL'));
  assert.ok(says(wire!.evidence, 'network/04-ovs-ofctl-dump-flows-br-int.txt', 'in_port=4,dl_vlan=101 actions=mod_vlan_vid:2,NORMAL'));
  const explanation = t.explanations.find((e) => e.rule === 'physical-wire')!;
  assert.match(brief(explanation.message), /^physical-wire:likely-carrying\(a=place:qualified\(name=eth1, where=\[compute\]\), b=place:qualified\(name=eth1, where=\[network\]\), reason=wire:likely\(.*\), on=\[physical-wire:on-vlans\(vlans=\[101\]\)\]\)$/);
});

test('vlan-two-hosts: the VM reaches the DHCP server, the router and the metadata proxy on network only over the wire', () => {
  assert.deepEqual(t.walks.map((w) => w.id), [`walk:snat:${VM}`, `walk:metadata:${VM}`, `walk:dhcp:${VM}`]);
  for (const w of t.walks) {
    const names = w.steps.map((s) => `${s.at.host}/${s.at.name}`);
    const at = names.indexOf('network/eth1');
    assert.ok(at > 0 && names[at - 1] === 'compute/eth1', `${w.id} crosses compute/eth1 → network/eth1`);
  }
});

test('vlan-two-hosts: VM → DHCP carries local VLAN 1, VLAN 101 on the wire, local VLAN 2 on network, and ends at the port tagged 2', () => {
  const graph = new TopologyGraph(t);
  const hops = graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', DHCP_PORT))!;
  assert.deepEqual(hops.map((h) => `${h.node.host}/${h.node.name}`), [
    'compute/instance-00000001', 'compute/tap7e2a4a6c-2b', 'compute/qbr7e2a4a6c-2b', 'compute/qvb7e2a4a6c-2b', 'compute/qvo7e2a4a6c-2b',
    'compute/br-int', 'compute/int-br-eth1', 'compute/phy-br-eth1', 'compute/br-eth1', 'compute/eth1',
    'network/eth1', 'network/br-eth1', 'network/phy-br-eth1', 'network/int-br-eth1', 'network/br-int', `network/${DHCP_PORT}`,
  ]);
  assert.deepEqual(
    [['compute', 'br-int'], ['compute', 'br-eth1'], ['network', 'eth1'], ['network', 'br-eth1'], ['network', 'br-int']].map(([h, n]) => segmentAt(hops, h!, n!)),
    ['vlan 1 by port-tag', 'vlan 101 by flow', 'vlan 101 by wire', 'vlan 101 by wire', 'vlan 2 by flow'],
  );

  const w = walkById(t, `walk:dhcp:${VM}`)!;
  const wire = stepAt(w, 'network', 'eth1');
  assert.match(brief(wire.message), /^walk:numbered-step\(n=11, step=walk:on-the-wire\(host=compute, port=eth1, carrying=walk:wire-tagged\(vlan=101, setter=walk:wire-vlan-set-by\(host=compute, bridge=br-eth1\)\), to=place:qualified\(name=eth1, where=\[network\]\), reason=wire:likely\(/);
  assert.ok(says(wire.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'dl_vlan=1 actions=mod_vlan_vid:101'));
  const farPhysical = w.steps.filter((s) => s.at.host === 'network' && s.at.name === 'br-eth1')[0]!;
  assert.match(brief(farPhysical.message), /port=eth1, carrying=walk:carried-vlan-from-wire\(vlan=101, from=compute\)\), common:sentences\(sentences=\[walk:traced\(outcome=trace:sends\(bridge=br-eth1, exits=\[trace:forward\(how=trace:exit-normal, carrying=trace:carrying\(what=\[trace:tagged\(vlan=101\)\]\)\)\]\)\)\]\)\]\)\)$/);
  assert.equal(tablesBrief(farPhysical), 'trace:lookup(table=0, priority=1, match=flow:matches-every-packet); trace:forward(how=action:normal, carrying=trace:carrying(what=[trace:tagged(vlan=101)]))');
  const farInt = w.steps.filter((s) => s.at.host === 'network' && s.at.name === 'br-int')[0]!;
  assert.match(brief(farInt.message), /trace:sends\(bridge=br-int, exits=\[trace:forward\(how=trace:exit-normal, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\)\]\)\)\]\)\)\]\), walk:flows-turn-vlan\(from=101, to=2\)\]\)\)$/);
  assert.match(tablesBrief(farInt), /^trace:lookup\(table=0, priority=3, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-in-port, value=flow:named-port\(name=int-br-eth1, number=\d+\)\), flow:field-is\(field=flow:field-vlan, value=101\)\]\)\); trace:set\(action=action:set-vlan\(vlan=2\)\); trace:forward\(how=action:normal, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\)\]\)\)$/);
  assert.ok(says(farInt.evidence, 'network/04-ovs-ofctl-dump-flows-br-int.txt', 'in_port=4,dl_vlan=101 actions=mod_vlan_vid:2,NORMAL'));
  assert.equal(brief(w.steps.at(-2)!.message), `walk:numbered-step(n=16, step=walk:leaves-by-port-in-network(bridge=br-int, port=place:qualified(name=${DHCP_PORT}, where=[network]), tag=2))`);
  assert.deepEqual([valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers').interface, valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers').space], [DHCP_PORT, QDHCP]);
  // a step is never said to be unprovable when the flows of both hosts are captured
  assert.ok(!w.steps.some((s) => hasMessage(s.message, 'walk:not-provable') || hasMessage(s.message, 'walk:unproven-port')));
});

test('vlan-two-hosts: with the DHCP port tagged 3 on network (not the VLAN br-int makes of 101), no walk reaches it', () => {
  const v = variant('vlan-two-hosts', (dir) => edit(join(dir, 'network/01-ovs-vsctl-show.txt'), new RegExp(`(Port ${DHCP_PORT}\\n\\s+tag: )2`), '$13'));
  assert.equal(physicalWires(v).length, 1);
  assert.equal(walkById(v, `walk:dhcp:${VM}`), undefined);
  assert.ok(walkById(v, `walk:snat:${VM}`), 'the router port, still tagged 2, is reached');
});

test('vlan-two-hosts: without network\'s br-int flows, the wire still stands on br-eth1\'s flows and the walk says the local VLAN is not provable', () => {
  const v = variant('vlan-two-hosts', (dir) => unlinkSync(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt')));
  const [wire] = physicalWires(v);
  assert.deepEqual(wire?.vlans, [101]);
  assert.doesNotMatch(brief(wire!.reason!), /host=network, bridge=br-int/);
  const w = walkById(v, `walk:dhcp:${VM}`)!;
  const farInt = stepAt(w, 'network', 'br-int');
  assert.match(brief(farInt.message), /port=int-br-eth1, carrying=walk:carried-vlan-from-wire\(vlan=101, from=compute\)\), walk:flows-not-captured, walk:not-provable\(reason=segment:flows-not-captured\(host=network, bridge=br-int, what=segment:what-wire-vlan-becomes\(vlan=101\)\)\)\]\)\)$/);
  assert.match(brief(w.steps.at(-2)!.message), new RegExp(`walk:reaches\\(to=place:qualified\\(name=${DHCP_PORT}, where=\\[network\\]\\)\\), walk:unproven-port\\(reason=segment:flows-not-captured\\(host=network, bridge=br-int,`));
});

test('vlan-two-hosts: without compute\'s br-eth1 flows, the VLAN on the wire is not provable (the wire stands on br-int\'s flows)', () => {
  const v = variant('vlan-two-hosts', (dir) => unlinkSync(join(dir, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt')));
  assert.equal(physicalWires(v).length, 1);
  const w = walkById(v, `walk:dhcp:${VM}`)!;
  assert.deepEqual(valuesOf(stepAt(w, 'network', 'eth1').message, 'walk:on-the-wire').carrying, { id: 'common:paren', text: { id: 'segment:flows-not-captured', host: 'compute', bridge: 'br-eth1', what: { id: 'segment:what-vlan-on-wire', nic: 'eth1' } } });
});

test('vlan-two-hosts: without any flow on network, or with network on provider VLAN 102, the two eth1 are not joined and no walk leaves compute', () => {
  const none = variant('vlan-two-hosts', (dir) => {
    unlinkSync(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt'));
    unlinkSync(join(dir, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt'));
  });
  assert.deepEqual(physicalWires(none), []);
  assert.deepEqual(none.walks, []);
  const other = variant('vlan-two-hosts', (dir) => {
    edit(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt'), /dl_vlan=101/g, 'dl_vlan=102');
    edit(join(dir, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt'), /mod_vlan_vid:101/g, 'mod_vlan_vid:102');
  });
  assert.deepEqual(physicalWires(other), []);
  assert.deepEqual(other.walks, []);
});

test('vlan-two-hosts: addresses in one subnet join the NICs too, but a walk still ends where the far flows drop its VLAN', () => {
  // network on provider VLAN 102, both eth1 given an address in 198.51.100.0/24
  const v = variant('vlan-two-hosts', (dir) => {
    edit(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt'), /dl_vlan=101/g, 'dl_vlan=102');
    edit(join(dir, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt'), /mod_vlan_vid:101/g, 'mod_vlan_vid:102');
    const address = (ip: string) => `$1\n    inet ${ip}/24 brd 198.51.100.255 scope global eth1\n       valid_lft forever preferred_lft forever`;
    edit(join(dir, 'compute/08-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address('198.51.100.11'));
    edit(join(dir, 'network/09-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address('198.51.100.21'));
  });
  const [wire, ...more] = physicalWires(v);
  assert.equal(more.length, 0);
  assert.equal(wire?.subnet, '198.51.100.0/24');
  assert.equal(wire?.vlans, undefined, 'no VLAN both sides carry');
  assert.deepEqual(valuesOf(wire!.reason!, 'wire:both-in-subnet'), { subnet: '198.51.100.0/24', cidrA: '198.51.100.11/24', onA: 'eth1', hostA: 'compute', cidrB: '198.51.100.21/24', onB: 'eth1', hostB: 'network' });
  // the inserted `inet 198.51.100.11/24` line (line 10) is evidence (the copy is gone by now: compare by place)
  assert.ok(wire!.evidence.some((e) => e.file.endsWith('compute/08-ip-addr.txt') && e.line === 10));
  // VLAN 101 crosses, but network's br-int maps only VLAN 102 from int-br-eth1: no port of network is reached
  assert.deepEqual(v.walks, []);
});

test('vlan-two-hosts: IPv6 addresses in one /64 join the NICs; link-local ones (every NIC has one) do not', () => {
  const v = variant('vlan-two-hosts', (dir) => {
    edit(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt'), /dl_vlan=101/g, 'dl_vlan=102');
    edit(join(dir, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt'), /mod_vlan_vid:101/g, 'mod_vlan_vid:102');
    const address = (ip: string) => `$1\n    inet6 ${ip}/64 scope global \n       valid_lft forever preferred_lft forever\n    inet6 fe80::1/64 scope link \n       valid_lft forever preferred_lft forever`;
    edit(join(dir, 'compute/08-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address('2001:db8:100::11'));
    edit(join(dir, 'network/09-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address('2001:db8:100::21'));
  });
  const [wire, ...more] = physicalWires(v);
  assert.equal(more.length, 0);
  assert.equal(wire?.subnet, '2001:db8:100::/64');
  assert.deepEqual(valuesOf(wire!.reason!, 'wire:both-in-subnet'), { subnet: '2001:db8:100::/64', cidrA: '2001:db8:100::11/64', onA: 'eth1', hostA: 'compute', cidrB: '2001:db8:100::21/64', onB: 'eth1', hostB: 'network' });
  const linkLocalOnly = variant('vlan-two-hosts', (dir) => {
    edit(join(dir, 'network/04-ovs-ofctl-dump-flows-br-int.txt'), /dl_vlan=101/g, 'dl_vlan=102');
    edit(join(dir, 'network/05-ovs-ofctl-dump-flows-br-eth1.txt'), /mod_vlan_vid:101/g, 'mod_vlan_vid:102');
    const address = '$1\n    inet6 fe80::1/64 scope link \n       valid_lft forever preferred_lft forever';
    edit(join(dir, 'compute/08-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address);
    edit(join(dir, 'network/09-ip-addr.txt'), /(eth1@if2: .*\n.*link-netnsid 0)/, address);
  });
  assert.deepEqual(physicalWires(linkLocalOnly), []);
});

test('subnetOf: the IPv4 or IPv6 network of an address, none for loopback, link-local or a host route', () => {
  assert.equal(subnetOf('198.51.100.11/24'), '198.51.100.0/24');
  assert.equal(subnetOf('203.0.113.19/28'), '203.0.113.16/28');
  assert.equal(subnetOf('10.1.2.3/31'), '10.1.2.2/31');
  assert.equal(subnetOf('127.0.0.1/8'), undefined);
  assert.equal(subnetOf('169.254.169.254/16'), undefined);
  assert.equal(subnetOf('192.0.2.7/32'), undefined);
  assert.equal(subnetOf('192.0.2.7'), undefined);
  assert.equal(subnetOf('2001:db8:1::11/64'), '2001:db8:1::/64');
  assert.equal(subnetOf('2001:db8:1::11/128'), undefined);
  assert.equal(subnetOf('fe80::f816:3eff:fe1a:2b3c/64'), undefined);
  assert.equal(subnetOf('::1/128'), undefined);
});

test('vlan-two-hosts: the diagram draws the wire between the two eth1 dashed, as a likely physical wire with its reason', async () => {
  const svg = await topologyDiagram(t, { title: 'vlan-two-hosts', words: { physical: 'physical wire', likely: 'likely' } });
  const wire = /<g id="link--physical--[^"]*" class="wire physical likely"><title>([^<]*)<\/title>/.exec(svg);
  assert.ok(wire, 'a physical wire in the SVG');
  assert.match(wire[1]!, /^physical wire \(likely\): eth1 — eth1\nNo capture can show a cable/);
});
