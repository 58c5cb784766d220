// The capture-lab bundle test/fixtures/topology/flat-two-hosts (made by its
// make-bundle.sh): one provider flat network between compute and network with
// no tunnel — br-int ↔ int-br-eth1/phy-br-eth1 (veth) ↔ br-eth1 ↔ eth1 on each
// host, the two eth1 joined by a wire no capture shows; local VLAN 1 on compute
// (the VM) and 2 on network (qdhcp, qrouter). On the wire the frame carries no
// VLAN tag: br-eth1 strips the local VLAN (`dl_vlan=1 actions=strip_vlan`) and
// the far br-int tags what comes untagged (`vlan_tci=0x0000
// actions=mod_vlan_vid:2`). The topology joins the two eth1 as a likely
// physical wire because both carry a flat network; the walks cross it untagged
// and end only at ports of the far host's local VLAN; where the far side's
// flows are missing they say it is not provable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from '../../src/topology/model.js';
import { caseInput, edit, loadCase, physicalWires, says, segmentAt, stepAt, tablesText, variant, walkById } from '../topology/fixture-cases.js';
import { keyOf, TopologyGraph, vmKey } from '../../src/explain/path-search.js';
import { en, zh } from '../topology/fixture-cases.js';

const t = loadCase('flat-two-hosts');
const VM = 'compute/instance-00000001';
const DHCP_PORT = 'tap0a8a0a6b-67';
const QDHCP = 'qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01';
const INT_FLOWS = 'network/04-ovs-ofctl-dump-flows-br-int.txt';
const PHY_FLOWS = 'network/05-ovs-ofctl-dump-flows-br-eth1.txt';

const dhcpHops = (topology: Topology) => new TopologyGraph(topology).path(vmKey('compute', 'instance-00000001'), keyOf('network', DHCP_PORT));

/** Both hosts' flows edited alike. */
const onBoth = (dir: string, name: string, from: RegExp, to: string) => {
  for (const host of ['compute', 'network']) edit(join(dir, host, name), from, to);
};

test('flat-two-hosts: the captures are of a flat network: br-eth1 strips the local VLAN, br-int tags what comes untagged', () => {
  const flows = readFileSync(join(caseInput('flat-two-hosts'), 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt'), 'utf8');
  assert.match(flows, /priority=4,in_port=2,dl_vlan=1 actions=strip_vlan,NORMAL/);
  assert.match(readFileSync(join(caseInput('flat-two-hosts'), INT_FLOWS), 'utf8'), /priority=3,in_port=4,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL/);
});

test('flat-two-hosts: no tunnel; the two eth1 are joined as a likely physical wire because both carry a flat network, and nothing else is', () => {
  assert.deepEqual(t.unparsed, []);
  assert.equal(t.links.filter((l) => l.kind === 'tunnel').length, 0);
  const all = physicalWires(t);
  assert.equal(all.length, 1, 'network\'s eth0 (br-ex) has no partner on compute');
  const [wire] = all;
  assert.deepEqual([wire!.a, wire!.b], [{ host: 'compute', name: 'eth1' }, { host: 'network', name: 'eth1' }]);
  assert.equal(wire!.certainty, 'likely');
  assert.equal(wire!.flat, true);
  assert.equal(wire!.vlans, undefined, 'no VLAN id is on the wire');
  assert.equal(wire!.subnet, undefined, 'eth1 carries no address on either host');
  assert.match(en(wire!.reason!), /^No capture can show a cable, so eth1 on compute and eth1 on network are joined only because both carry the same flat \(untagged\) provider network, whose local VLAN the flows next to each NIC strip or add/);
  assert.match(en(wire!.reason!), /br-eth1 on compute: VLAN 1 → untagged; br-int on compute: untagged from int-br-eth1 → VLAN 1; br-eth1 on network: VLAN 2 → untagged; br-int on network: untagged from int-br-eth1 → VLAN 2\)$/);
  assert.match(zh(wire!.reason!), /^抓取无法显示网线，.*两者都承载同一种 flat（不带 VLAN 标签）provider 网络/);
  assert.ok(says(wire!.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'in_port=2,dl_vlan=1 actions=strip_vlan,NORMAL'));
  assert.ok(says(wire!.evidence, PHY_FLOWS, 'in_port=2,dl_vlan=2 actions=strip_vlan,NORMAL'));
  assert.ok(says(wire!.evidence, INT_FLOWS, 'in_port=4,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL'));
  const explanation = t.explanations.find((e) => e.rule === 'physical-wire')!;
  assert.match(en(explanation.message), /a frame one NIC sends untagged \(flat network\) reaches the other\. This is only likely: No capture can show a cable/);
  assert.match(zh(explanation.message), /一块网卡不带 VLAN 标签（flat 网络）发出的帧能到达另一块。这只是推断（likely）/);
});

test('flat-two-hosts: the VM reaches the DHCP server, the router and the metadata proxy on network only over the wire', () => {
  assert.deepEqual(t.walks.map((w) => w.id), [`walk:snat:${VM}`, `walk:metadata:${VM}`, `walk:dhcp:${VM}`]);
  for (const w of t.walks) {
    const names = w.steps.map((s) => `${s.at.host}/${s.at.name}`);
    const at = names.indexOf('network/eth1');
    assert.ok(at > 0 && names[at - 1] === 'compute/eth1', `${w.id} crosses compute/eth1 → network/eth1`);
    assert.match(en(w.steps[at]!.message), /arrives at eth1 \(network\) untagged \(flat network\)/);
    assert.ok(!w.steps.some((s) => /VLAN 1 on the wire|tagged VLAN 1 \(set/.test(en(s.message))), `${w.id} never keeps VLAN 1 on the wire`);
  }
});

test('flat-two-hosts: VM → DHCP carries local VLAN 1, no tag on the wire, local VLAN 2 on network, and ends at the port tagged 2', () => {
  const hops = dhcpHops(t)!;
  assert.deepEqual(hops.map((h) => `${h.node.host}/${h.node.name}`), [
    'compute/instance-00000001', 'compute/tap7e2a4a6c-2b', 'compute/qbr7e2a4a6c-2b', 'compute/qvb7e2a4a6c-2b', 'compute/qvo7e2a4a6c-2b',
    'compute/br-int', 'compute/int-br-eth1', 'compute/phy-br-eth1', 'compute/br-eth1', 'compute/eth1',
    'network/eth1', 'network/br-eth1', 'network/phy-br-eth1', 'network/int-br-eth1', 'network/br-int', `network/${DHCP_PORT}`,
  ]);
  assert.deepEqual(
    [['compute', 'br-int'], ['compute', 'br-eth1'], ['network', 'eth1'], ['network', 'br-eth1'], ['network', 'br-int']].map(([h, n]) => segmentAt(hops, h!, n!)),
    ['vlan 1 by port-tag', 'untagged by flow', 'untagged by wire', 'untagged by wire', 'vlan 2 by flow'],
  );

  const w = walkById(t, `walk:dhcp:${VM}`)!;
  const strip = stepAt(w, 'compute', 'br-eth1');
  assert.match(en(strip.message), /^9\. It enters the OVS bridge br-eth1 \(compute\) by phy-br-eth1 \(local VLAN 1\)\. .* Its flows strip VLAN 1: the frame goes on untagged \(flat network\)\.$/);
  assert.match(zh(strip.message), /流表去掉 VLAN 1 标签：帧不带 VLAN 标签（flat 网络）继续。$/);
  assert.equal(tablesText(strip), 'table 0: the priority 4 flow that matches in_port=phy-br-eth1 (port 2), VLAN=1; strip the VLAN tag; forward as a normal learning switch (NORMAL).');
  assert.ok(says(strip.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'dl_vlan=1 actions=strip_vlan,NORMAL'));

  const wire = stepAt(w, 'network', 'eth1');
  assert.match(en(wire.message), /^11\. It goes out on the physical wire from eth1 on compute and arrives at eth1 \(network\) untagged \(flat network\) \(the VLAN stripped by the flows of br-eth1 on compute\)\. That the two NICs share a wire is likely, not proven: No capture can show a cable/);
  assert.match(zh(wire.message), /^11\. 帧从 compute 上的 eth1 进入物理线路，不带 VLAN 标签（flat 网络）（VLAN 由 compute 上 br-eth1 的流表去掉），到达 eth1 \(network\)。这两块网卡在同一条线路上只是推断（likely），并未证实：/);

  const farPhysical = stepAt(w, 'network', 'br-eth1');
  assert.match(en(farPhysical.message), /by eth1 \(untagged \(flat network\), as it came over the wire from compute\)\. Traced table by table through its flows \(as ovs-appctl ofproto\/trace would\): br-eth1 sends the packet on by normal switching \(NORMAL\)\.$/);
  assert.match(zh(farPhysical.message), /（不带 VLAN 标签（flat 网络），从 compute 经线路带来）/);

  const farInt = stepAt(w, 'network', 'br-int');
  assert.match(en(farInt.message), /by int-br-eth1 \(untagged \(flat network\), as it came over the wire from compute\)\. .*br-int sends the packet on by normal switching \(NORMAL\) \(tagged VLAN 2\)\. Its flows tag the untagged \(flat network\) frame with VLAN 2\.$/);
  assert.match(zh(farInt.message), /流表给不带 VLAN 标签（flat 网络）的帧打上 VLAN 2。$/);
  // the tracer is told the frame is untagged, so the `vlan_tci=0x0000` flow matches it for certain
  assert.match(tablesText(farInt), /^table 0: the priority 3 flow that matches in_port=int-br-eth1 \(port \d+\), vlan_tci=0x0000; set the VLAN to 2; forward as a normal learning switch \(NORMAL\) \(tagged VLAN 2\)\.$/);
  assert.ok(says(farInt.evidence, INT_FLOWS, 'in_port=4,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL'));

  assert.match(en(w.steps.at(-2)!.message), new RegExp(`^16\\. It leaves br-int by the port ${DHCP_PORT} \\(network\\) \\(tag 2, the frame's local VLAN, so the port is in its network\\)\\.$`));
  assert.match(en(w.steps.at(-1)!.message), new RegExp(`The DHCP broadcast reaches ${DHCP_PORT} in ${QDHCP}`));
  assert.ok(!w.steps.some((s) => /not provable|cannot be checked/.test(en(s.message))));
});

test('flat-two-hosts: without network\'s br-int flows, the wire still stands on br-eth1\'s flows and the walk says the local VLAN is not provable', () => {
  const v = variant('flat-two-hosts', (dir) => unlinkSync(join(dir, INT_FLOWS)));
  const [wire] = physicalWires(v);
  assert.equal(wire?.flat, true);
  assert.doesNotMatch(en(wire!.reason!), /br-int on network/);
  const w = walkById(v, `walk:dhcp:${VM}`)!;
  const farInt = stepAt(w, 'network', 'br-int');
  assert.match(en(farInt.message), /by int-br-eth1 \(untagged \(flat network\), as it came over the wire from compute\)\. Its flows are not captured\. The flows of br-int on network are not captured, so what the untagged \(flat network\) frame from the wire becomes here is not provable from the captures\.$/);
  assert.match(zh(farInt.message), /抓取中没有 network 上 br-int 的流表，从线路上来的不带 VLAN 标签（flat 网络）的帧在这里变成什么无法从抓取中证明。$/);
  assert.match(en(w.steps.at(-2)!.message), new RegExp(`It reaches ${DHCP_PORT} \\(network\\)\\. Whether this port is in the frame's network cannot be checked: the flows of br-int on network are not captured`));
});

test('flat-two-hosts: an untagged frame reaches no access port unless a flow tags it', () => {
  // network's br-int keeps only `in_port=4 actions=drop` and NORMAL: nothing gives the untagged frame a local VLAN
  const v = variant('flat-two-hosts', (dir) => edit(join(dir, INT_FLOWS), /^.*vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL\n/m, ''));
  assert.equal(physicalWires(v).length, 1, 'br-eth1 on each side still strips for the flat network');
  assert.equal(dhcpHops(v), undefined);
  assert.deepEqual(v.walks, []);
});

test('flat-two-hosts: the other ways agents write the same flows (dl_vlan=0xffff, vlan_tci=0x0000/0x1fff, pop_vlan, load:0->NXM_OF_VLAN_TCI[]) read the same', () => {
  const forms: [string, (dir: string) => void][] = [
    ['dl_vlan=0xffff', (dir) => onBoth(dir, '04-ovs-ofctl-dump-flows-br-int.txt', /vlan_tci=0x0000/g, 'dl_vlan=0xffff')],
    ['vlan_tci=0x0000/0x1fff + pop_vlan', (dir) => {
      onBoth(dir, '04-ovs-ofctl-dump-flows-br-int.txt', /vlan_tci=0x0000/g, 'vlan_tci=0x0000/0x1fff');
      onBoth(dir, '05-ovs-ofctl-dump-flows-br-eth1.txt', /strip_vlan/g, 'pop_vlan');
    }],
    ['load:0->NXM_OF_VLAN_TCI[]', (dir) => onBoth(dir, '05-ovs-ofctl-dump-flows-br-eth1.txt', /strip_vlan/g, 'load:0->NXM_OF_VLAN_TCI[]')],
  ];
  for (const [name, change] of forms) {
    const v = variant('flat-two-hosts', change);
    assert.equal(physicalWires(v)[0]?.flat, true, name);
    const hops = dhcpHops(v);
    assert.ok(hops, `${name}: VM → DHCP`);
    assert.deepEqual([segmentAt(hops, 'network', 'eth1'), segmentAt(hops, 'network', 'br-int')], ['untagged by wire', 'vlan 2 by flow'], name);
    assert.deepEqual(v.walks.map((w) => w.id), t.walks.map((w) => w.id), name);
  }
});

test('flat-two-hosts: a flat network on one host and a provider VLAN on the other are not joined, and no walk leaves compute', () => {
  const v = variant('flat-two-hosts', (dir) => {
    edit(join(dir, INT_FLOWS), /vlan_tci=0x0000/g, 'dl_vlan=101');
    edit(join(dir, PHY_FLOWS), /strip_vlan/g, 'mod_vlan_vid:101');
  });
  assert.deepEqual(physicalWires(v), []);
  assert.deepEqual(v.walks, []);
});

test('flat-two-hosts: a tagged frame entering network\'s br-int by int-br-eth1 is dropped (its flows from there take only untagged frames)', () => {
  // compute's br-eth1 keeps VLAN 1 on the wire: network's br-int maps only untagged frames from int-br-eth1
  const v = variant('flat-two-hosts', (dir) => edit(join(dir, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt'), /actions=strip_vlan,NORMAL/, 'actions=NORMAL'));
  assert.equal(dhcpHops(v), undefined);
});

test('flat-two-hosts: the strip and tag flows are explained as a flat network, per host, both ways', () => {
  const t = loadCase('flat-two-hosts');
  const flat = t.explanations.filter((e) => e.rule === 'vlan-translation');
  assert.deepEqual(flat.map((e) => e.id), ['vlan-translation:compute/br-int/untagged-1', 'vlan-translation:network/br-int/untagged-2']);
  assert.match(en(flat[0]!.message), /^br-int table 0 on compute turns untagged frames \(flat network\) into VLAN 1; the other way, br-eth1 table 0 turns VLAN 1 back into untagged frames \(flat network\)\. .*no VLAN tag on the wire/);
  assert.match(zh(flat[1]!.message), /把 不带 VLAN 标签的帧（flat 网络） 换成 VLAN 2；反方向 br-eth1 表 0 把 VLAN 2 换回 不带 VLAN 标签的帧（flat 网络）/);
  assert.equal(flat[0]!.evidence.length, 2, 'the tagging flow and the stripping flow');
});
