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
import { brief, caseInput, edit, hasMessage, loadCase, physicalWires, says, segmentAt, stepAt, tablesBrief, valuesOf, variant, walkById } from '../topology/fixture-cases.js';
import { keyOf, TopologyGraph, vmKey } from '../../src/explain/path-search.js';

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
  assert.equal(brief(wire!.reason!), 'wire:likely(a=eth1, hostA=compute, b=eth1, hostB=network, because=[wire:both-carry-flat(clues=['
    + 'wire:clue(host=compute, bridge=br-eth1, matched=wire:vlan(vlan=1), set=wire:untagged), '
    + 'wire:clue-untagged-from(host=compute, bridge=br-int, from=int-br-eth1, set=wire:vlan(vlan=1)), '
    + 'wire:clue(host=network, bridge=br-eth1, matched=wire:vlan(vlan=2), set=wire:untagged), '
    + 'wire:clue-untagged-from(host=network, bridge=br-int, from=int-br-eth1, set=wire:vlan(vlan=2))])])');
  assert.ok(says(wire!.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'in_port=2,dl_vlan=1 actions=strip_vlan,NORMAL'));
  assert.ok(says(wire!.evidence, PHY_FLOWS, 'in_port=2,dl_vlan=2 actions=strip_vlan,NORMAL'));
  assert.ok(says(wire!.evidence, INT_FLOWS, 'in_port=4,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL'));
  const explanation = t.explanations.find((e) => e.rule === 'physical-wire')!;
  const said = valuesOf(explanation.message, 'physical-wire:likely-carrying');
  assert.deepEqual(said.on, [{ id: 'physical-wire:untagged' }]);
  assert.equal((said.reason as { id: string }).id, 'wire:likely');
});

test('flat-two-hosts: the VM reaches the DHCP server, the router and the metadata proxy on network only over the wire', () => {
  assert.deepEqual(t.walks.map((w) => w.id), [`walk:snat:${VM}`, `walk:metadata:${VM}`, `walk:dhcp:${VM}`]);
  for (const w of t.walks) {
    const names = w.steps.map((s) => `${s.at.host}/${s.at.name}`);
    const at = names.indexOf('network/eth1');
    assert.ok(at > 0 && names[at - 1] === 'compute/eth1', `${w.id} crosses compute/eth1 → network/eth1`);
    assert.equal((valuesOf(w.steps[at]!.message, 'walk:on-the-wire').carrying as { id: string }).id, 'walk:wire-untagged');
    assert.ok(!w.steps.some((s) => hasMessage(s.message, 'walk:wire-tagged')), `${w.id} never keeps VLAN 1 on the wire`);
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
  assert.match(brief(strip.message), /^walk:numbered-step\(n=9, step=common:sentences\(sentences=\[walk:enters-ovs-bridge\(bridge=place:qualified\(name=br-eth1, where=\[compute\]\), port=phy-br-eth1, carrying=walk:carried-local-vlan\(vlan=1\)\), .*, walk:flows-strip-vlan\(vlan=1\)\]\)\)$/);
  assert.equal(tablesBrief(strip), 'trace:lookup(table=0, priority=4, match=flow:matches(fields=[flow:field-is(field=flow:field-in-port, value=flow:named-port(name=phy-br-eth1, number=2)), flow:field-is(field=flow:field-vlan, value=1)])); '
    + 'trace:set(action=action:strip-vlan); trace:forward(how=action:normal)');
  assert.ok(says(strip.evidence, 'compute/05-ovs-ofctl-dump-flows-br-eth1.txt', 'dl_vlan=1 actions=strip_vlan,NORMAL'));

  const wire = stepAt(w, 'network', 'eth1');
  assert.match(brief(wire.message), /^walk:numbered-step\(n=11, step=walk:on-the-wire\(host=compute, port=eth1, carrying=walk:wire-untagged\(setter=walk:wire-vlan-stripped-by\(host=compute, bridge=br-eth1\)\), to=place:qualified\(name=eth1, where=\[network\]\), reason=wire:likely\(/);

  const farPhysical = stepAt(w, 'network', 'br-eth1');
  assert.match(brief(farPhysical.message), /port=eth1, carrying=walk:carried-untagged-from-wire\(from=compute\)\), common:sentences\(sentences=\[walk:traced\(outcome=trace:sends\(bridge=br-eth1, exits=\[trace:forward\(how=trace:exit-normal\)\]\)\)\]\)\]\)\)$/);

  const farInt = stepAt(w, 'network', 'br-int');
  assert.match(brief(farInt.message), /port=int-br-eth1, carrying=walk:carried-untagged-from-wire\(from=compute\)\), .*trace:sends\(bridge=br-int, exits=\[trace:forward\(how=trace:exit-normal, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\)\]\)\)\]\).*, walk:flows-tag-untagged\(vlan=2\)\]\)\)$/);
  // the tracer is told the frame is untagged, so the `vlan_tci=0x0000` flow matches it for certain
  assert.match(tablesBrief(farInt), /^trace:lookup\(table=0, priority=3, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-in-port, value=flow:named-port\(name=int-br-eth1, number=\d+\)\), flow:field-is\(field=vlan_tci, value=0x0000\)\]\)\); trace:set\(action=action:set-vlan\(vlan=2\)\); trace:forward\(how=action:normal, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\)\]\)\)$/);
  assert.ok(says(farInt.evidence, INT_FLOWS, 'in_port=4,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL'));

  assert.equal(brief(w.steps.at(-2)!.message), `walk:numbered-step(n=16, step=walk:leaves-by-port-in-network(bridge=br-int, port=place:qualified(name=${DHCP_PORT}, where=[network]), tag=2))`);
  assert.deepEqual([valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers').interface, valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers').space], [DHCP_PORT, QDHCP]);
  assert.ok(!w.steps.some((s) => hasMessage(s.message, 'walk:not-provable') || hasMessage(s.message, 'walk:unproven-port')));
});

test('flat-two-hosts: without network\'s br-int flows, the wire still stands on br-eth1\'s flows and the walk says the local VLAN is not provable', () => {
  const v = variant('flat-two-hosts', (dir) => unlinkSync(join(dir, INT_FLOWS)));
  const [wire] = physicalWires(v);
  assert.equal(wire?.flat, true);
  assert.doesNotMatch(brief(wire!.reason!), /host=network, bridge=br-int/);
  const w = walkById(v, `walk:dhcp:${VM}`)!;
  const farInt = stepAt(w, 'network', 'br-int');
  assert.match(brief(farInt.message), /port=int-br-eth1, carrying=walk:carried-untagged-from-wire\(from=compute\)\), walk:flows-not-captured, walk:not-provable\(reason=segment:flows-not-captured\(host=network, bridge=br-int, what=segment:what-wire-untagged-becomes\)\)\]\)\)$/);
  assert.match(brief(w.steps.at(-2)!.message), new RegExp(`walk:reaches\\(to=place:qualified\\(name=${DHCP_PORT}, where=\\[network\\]\\)\\), walk:unproven-port\\(reason=segment:flows-not-captured\\(host=network, bridge=br-int,`));
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
  assert.equal(brief(flat[0]!.message), 'vlan-translation:turns(host=vlan-translation:on-host(host=compute), bridge=br-int, table=0, from=vlan-translation:untagged, to=vlan-translation:vlan(vlan=1), '
    + 'back=vlan-translation:back(bridge=br-eth1, table=0, from=vlan-translation:vlan(vlan=1), to=vlan-translation:untagged), why=vlan-translation:why-flat(vlan=1))');
  assert.match(brief(flat[1]!.message), /from=vlan-translation:untagged, to=vlan-translation:vlan\(vlan=2\), back=vlan-translation:back\(bridge=br-eth1, table=0, from=vlan-translation:vlan\(vlan=2\), to=vlan-translation:untagged\)/);
  assert.equal(flat[0]!.evidence.length, 2, 'the tagging flow and the stripping flow');
});
