// The capture-lab bundle test/fixtures/topology/gre-two-vms (made by its
// make-bundle.sh): GRE between compute and network, tunnel key 42, a VM on each
// host, local VLAN 1 on compute and 2 on network. The VM ↔ VM walk must cross
// the tunnel with its key and both endpoints, name each VM's tap/qbr/qvb/qvo,
// and give the local VLAN on each host, every step resting on lines that say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import type { WalkStep } from '../../src/topology/model.js';
import { brief, caseInput, hasMessage, lineOf, loadCase as load, plain, repoRoot, says, tablesBrief, valuesOf } from '../topology/fixture-cases.js';
import { readSources } from '../../src/topology/sources.js';
import { vlanOfTci } from '../../src/topology/flow-vlans.js';
import { buildWalks } from '../../src/explain/walks.js';



function evidenceSays(s: WalkStep, file: string, words: string): boolean {
  return s.evidence.some((e) => e.file.endsWith(file) && lineOf(e).includes(words));
}

const t = load('gre-two-vms');
const WALK = 'walk:vm:compute/instance-00000001:network/instance-00000002';

test('gre-two-vms: two VMs on two hosts, one GRE tunnel between 198.51.100.11 and 198.51.100.21 with key=flow', () => {
  assert.deepEqual(t.vms.map((v) => [v.host, v.name, v.interfaces.map((i) => i.tap)]), [
    ['compute', 'instance-00000001', ['tap7e2a4a6c-2b']],
    ['network', 'instance-00000002', ['tapb41c9e27-5d']],
  ]);
  const tunnels = t.links.filter((l) => l.kind === 'tunnel');
  assert.equal(tunnels.length, 1);
  const [tunnel] = tunnels;
  assert.deepEqual([tunnel!.a, tunnel!.b], [{ host: 'compute', name: 'gre-c6336415' }, { host: 'network', name: 'gre-c633640b' }]);
  assert.equal(tunnel!.certainty, 'confirmed');
  assert.equal(tunnel!.local_ip, '198.51.100.11');
  assert.equal(tunnel!.remote_ip, '198.51.100.21');
  assert.equal(tunnel!.key, 'flow');
});

test('gre-two-vms: one VM → VM walk, through each VM\'s tap, qbr, qvb, qvo and both br-tun across the tunnel', () => {
  assert.deepEqual(t.walks.filter((w) => w.id.startsWith('walk:vm:')).map((w) => w.id), [WALK]);
  const walk = t.walks.find((w) => w.id === WALK)!;
  assert.deepEqual(plain(walk.title), { id: 'walk:title-vm-to-vm', vm: 'instance-00000001', other: 'instance-00000002' });
  assert.deepEqual(walk.steps.map((s) => `${s.at.host}:${s.at.name}`), [
    'compute:instance-00000001', 'compute:tap7e2a4a6c-2b', 'compute:qbr7e2a4a6c-2b', 'compute:qvb7e2a4a6c-2b',
    'compute:qvo7e2a4a6c-2b', 'compute:br-int', 'compute:patch-tun', 'compute:patch-int', 'compute:br-tun',
    'compute:gre-c6336415', 'network:gre-c633640b', 'network:br-tun', 'network:patch-int', 'network:patch-tun',
    'network:br-int', 'network:qvob41c9e27-5d', 'network:qvbb41c9e27-5d', 'network:qbrb41c9e27-5d',
    'network:tapb41c9e27-5d', 'network:instance-00000002',
  ]);
  assert.ok(walk.steps.every((s, i) => s.message.id === 'walk:numbered-step' && s.message.values?.n === i + 1));
  // the last VM receives, it does not send
  assert.deepEqual(valuesOf(walk.steps[0]!.message, 'walk:vm-sends'), { vm: 'instance-00000001' });
  assert.deepEqual(valuesOf(walk.steps[19]!.message, 'walk:vm-receives'), { vm: 'instance-00000002' });
  assert.deepEqual(valuesOf(walk.steps[18]!.message, 'walk:leaves-by-tap'), { bridge: 'qbrb41c9e27-5d', tap: { id: 'place:qualified', name: 'tapb41c9e27-5d', where: ['network'] }, vm: 'instance-00000002' });
  assert.ok(evidenceSays(walk.steps[18]!, 'network/19-virsh-dumpxml-instance-00000002-grep-tap.txt', "<target dev='tapb41c9e27-5d'/>"));
});

test('gre-two-vms: the tunnel step names the key 0x2a and both endpoints, with the two ovs-vsctl lines as evidence', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const step = walk.steps.find((s) => hasMessage(s.message, 'walk:encapsulated'))!;
  assert.equal(brief(step.message), 'walk:numbered-step(n=11, step=walk:encapsulated(type=GRE, key=walk:key-set-by-flow(key=0x2a), from=198.51.100.11, fromPort=gre-c6336415, fromHost=compute, to=198.51.100.21, toHost=network, toPort=gre-c633640b))');
  assert.ok(evidenceSays(step, 'compute/01-ovs-vsctl-show.txt', 'Port gre-c6336415'));
  assert.ok(evidenceSays(step, 'network/01-ovs-vsctl-show.txt', 'Port gre-c633640b'));
  // the key comes from compute's br-tun: VLAN 1 → strip, set_tunnel:0x2a
  const out = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(brief(out.message), /carrying=walk:carried-local-vlan\(vlan=1\)\), common:sentences\(sentences=\[walk:traced\(outcome=trace:sends\(bridge=br-tun, exits=\[trace:exit-out-of\(port=gre-c6336415, carrying=trace:carrying\(what=\[trace:untagged, trace:tunnel-id\(id=0x2a\)\]\)\)\], uncertain=trace:uncertain\)\)\]\)/);
  assert.match(tablesBrief(out), /trace:lookup\(table=21, priority=32768, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-vlan, value=1\)\]\)\); trace:set\(action=action:strip-vlan\); trace:set\(action=action:set-tunnel-id\(id=0x2a\)\); trace:send-out\(port=gre-c6336415, carrying=trace:carrying\(what=\[trace:untagged, trace:tunnel-id\(id=0x2a\)\]\)\)/);
  assert.ok(evidenceSays(out, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 'dl_vlan=1 actions=strip_vlan,set_tunnel:0x2a'));
  // and network's br-tun turns tunnel id 0x2a into its own local VLAN 2
  const back = walk.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(back), /trace:lookup\(table=2, priority=1, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-tunnel-id, value=0x2a\)\]\)\); trace:set\(action=action:set-vlan\(vlan=2\)\); trace:lookup\(table=10, /);
  assert.ok(evidenceSays(back, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2a actions=mod_vlan_vid:2'));
});

test('gre-two-vms: local VLAN 1 on compute, 2 on network, each from its own host\'s captures', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const computeInt = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-int')!;
  assert.deepEqual(valuesOf(computeInt.message, 'walk:enters-ovs-bridge-tagged'), { bridge: { id: 'place:qualified', name: 'br-int', where: ['compute'] }, port: 'qvo7e2a4a6c-2b', vlan: 1 });
  assert.ok(evidenceSays(computeInt, 'compute/01-ovs-vsctl-show.txt', 'tag: 1'));
  const networkInt = walk.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-int')!;
  const entering = valuesOf(networkInt.message, 'walk:enters-ovs-bridge');
  assert.deepEqual([entering.port, entering.carrying], ['patch-tun', { id: 'walk:carried-local-vlan-set-by-tunnel-bridge', vlan: 2, bridge: 'br-tun' }]);
  const qvo = walk.steps.find((s) => s.at.name === 'qvob41c9e27-5d')!;
  assert.match(brief(qvo.message), /walk:leaves-by-port\(bridge=br-int, port=place:qualified\(name=qvob41c9e27-5d, where=\[network\]\), tag=walk:tag\(tag=2\)\)/);
  // and the explanations say the same per host
  const vlans = t.explanations.filter((e) => e.rule === 'local-vlan').map((e) => brief(e.message));
  assert.ok(vlans.includes('local-vlan:port(bridge=br-int, host=common:on-host(host=compute), ports=[qvo7e2a4a6c-2b], tag=1)'));
  assert.ok(vlans.includes('local-vlan:ports(bridge=br-int, host=common:on-host(host=network), ports=[tap0a8a0a6b-67, qr-4e5f6a7b-8c, qvob41c9e27-5d], tag=2)'));
});

test('gre-two-vms: each VM\'s veth pair is proven by ethtool peer_ifindex on its own host', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const veths = walk.steps.filter((s) => hasMessage(s.message, 'walk:through-veth'));
  assert.equal(veths.length, 2);
  assert.ok(evidenceSays(veths[0]!, 'compute/08-ethtool-s-qvb7e2a4a6c-2b.txt', 'peer_ifindex'));
  assert.ok(evidenceSays(veths[1]!, 'network/20-ethtool-s-qvbb41c9e27-5d.txt', 'peer_ifindex'));
  assert.ok(veths.every((s) => !hasMessage(s.message, 'walk:pairing-likely')));
});

test('gre-two-vms: a unicast whose MAC the captures do not give may take one of br-tun\'s learned table-20 flows, each named by its MAC', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const out = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(out), /trace:lookup\(table=20, priority=0, match=flow:matches-every-packet, unless=trace:unless\(flows=\[trace:unless-one-of\(count=4, priority=1, fields=\[dl_dst\], values=\[trace:field-values\(values=\[fa:16:3e:1a:2b:3c\]\), trace:field-values\(values=\[fa:16:3e:5d:6e:7f\]\), trace:field-values\(values=\[26:eb:ae:3c:5a:81\]\), trace:field-values\(values=\[fa:16:3e:6b:91:d4\]\)\]\)\]\)\); trace:lookup\(table=21, /);
  assert.ok(evidenceSays(out, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 'vlan_tci=0x0001/0x0fff,dl_dst=fa:16:3e:6b:91:d4 actions=load:0->NXM_OF_VLAN_TCI[],load:0x2a->NXM_NX_TUN_ID[],output:2'));
});

test('vlanOfTci reads the VLAN of a match on all 12 VLAN-id bits only', () => {
  assert.equal(vlanOfTci('0x0001/0x0fff'), 1);
  assert.equal(vlanOfTci('0x1002/0x1fff'), 2);
  assert.equal(vlanOfTci('0x1000/0x1000'), undefined);
  assert.equal(vlanOfTci('0x0005'), undefined);
  assert.equal(vlanOfTci(undefined), undefined);
});

test('gre-two-vms: every capture line is understood, and the bundle reads without problems', () => {
  assert.deepEqual(t.unparsed, []);
  assert.equal(t.coverage.unparsed, 0);
  assert.ok(t.coverage.fact > 250);
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    assert.deepEqual(readSources([relative(repoRoot, caseInput('gre-two-vms'))]).problems, []);
  } finally {
    process.chdir(cwd);
  }
});

test('gre-two-vms: a tunnel link stored from the far end is walked the right way round', () => {
  // inferLinks keeps one link per tunnel, from the host read first; store it from the other end
  const reversed = load('gre-two-vms');
  for (const link of reversed.links.filter((l) => l.kind === 'tunnel')) {
    [link.a, link.b] = [link.b, link.a];
    [link.local_ip, link.remote_ip] = [link.remote_ip, link.local_ip];
  }
  assert.equal(reversed.links.find((l) => l.kind === 'tunnel')!.a.host, 'network');
  const walk = buildWalks(reversed).find((w) => w.id === WALK)!;
  const step = walk.steps.find((s) => hasMessage(s.message, 'walk:encapsulated'))!;
  assert.match(brief(step.message), /walk:encapsulated\(type=GRE, key=walk:key[^(]*\(key=0x2a\), from=198\.51\.100\.11, fromPort=gre-c6336415, fromHost=compute, to=198\.51\.100\.21, toHost=network, toPort=gre-c633640b\)\)$/);
});
