// The capture-lab bundle test/fixtures/topology/gre-two-vms (made by its
// make-bundle.sh): GRE between compute and network, tunnel key 42, a VM on each
// host, local VLAN 1 on compute and 2 on network. The VM ↔ VM walk must cross
// the tunnel with its key and both endpoints, name each VM's tap/qbr/qvb/qvo,
// and give the local VLAN on each host, every step resting on lines that say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import type { WalkStep } from '../../src/topology/model.js';
import { caseInput, lineOf, loadCase as load, repoRoot, says, tablesText } from '../topology/fixture-cases.js';
import { readSources } from '../../src/topology/sources.js';
import { vlanOfTci } from '../../src/topology/flow-vlans.js';
import { buildWalks } from '../../src/explain/walks.js';
import { en, zh } from '../topology/fixture-cases.js';



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
  assert.equal(en(walk.title), 'VM instance-00000001 to VM instance-00000002 across hosts');
  assert.deepEqual(walk.steps.map((s) => `${s.at.host}:${s.at.name}`), [
    'compute:instance-00000001', 'compute:tap7e2a4a6c-2b', 'compute:qbr7e2a4a6c-2b', 'compute:qvb7e2a4a6c-2b',
    'compute:qvo7e2a4a6c-2b', 'compute:br-int', 'compute:patch-tun', 'compute:patch-int', 'compute:br-tun',
    'compute:gre-c6336415', 'network:gre-c633640b', 'network:br-tun', 'network:patch-int', 'network:patch-tun',
    'network:br-int', 'network:qvob41c9e27-5d', 'network:qvbb41c9e27-5d', 'network:qbrb41c9e27-5d',
    'network:tapb41c9e27-5d', 'network:instance-00000002',
  ]);
  assert.ok(walk.steps.every((s, i) => en(s.message).startsWith(`${i + 1}. `) && zh(s.message).startsWith(`${i + 1}. `)));
  // the last VM receives, it does not send
  assert.match(en(walk.steps[0]!.message), /VM instance-00000001 sends the packet/);
  assert.match(en(walk.steps[19]!.message), /VM instance-00000002 receives the frame on its NIC/);
  assert.match(zh(walk.steps[19]!.message), /虚拟机 instance-00000002 在它的网卡.*收到这个帧/);
  assert.match(en(walk.steps[18]!.message), /leaves qbrb41c9e27-5d by the tap device tapb41c9e27-5d \(network\), whose other side is the NIC of VM instance-00000002/);
  assert.ok(evidenceSays(walk.steps[18]!, 'network/19-virsh-dumpxml-instance-00000002-grep-tap.txt', "<target dev='tapb41c9e27-5d'/>"));
});

test('gre-two-vms: the tunnel step names the key 0x2a and both endpoints, with the two ovs-vsctl lines as evidence', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const step = walk.steps.find((s) => /encapsulated/.test(en(s.message)))!;
  assert.equal(en(step.message), '11. It is encapsulated in the GRE tunnel with key 0x2a (set by the sending side\'s set_tunnel flow; the port has key=flow): outer IP from 198.51.100.11 (gre-c6336415 on compute) to 198.51.100.21 (network), where gre-c633640b decapsulates it.');
  assert.match(zh(step.message), /封装进 GRE 隧道，隧道 key 0x2a.*外层 IP 从 198\.51\.100\.11（compute 上的 gre-c6336415）到 198\.51\.100\.21（network），在 network 上由 gre-c633640b 解封装/);
  assert.ok(evidenceSays(step, 'compute/01-ovs-vsctl-show.txt', 'Port gre-c6336415'));
  assert.ok(evidenceSays(step, 'network/01-ovs-vsctl-show.txt', 'Port gre-c633640b'));
  // the key comes from compute's br-tun: VLAN 1 → strip, set_tunnel:0x2a
  const out = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(en(out.message), /\(local VLAN 1\)\. Traced table by table through its flows \(as ovs-appctl ofproto\/trace would\): br-tun sends the packet out of gre-c6336415 \(untagged, tunnel id 0x2a\) \(some steps depend on fields the captures do not give\)\./);
  assert.match(tablesText(out), /table 21: the priority 32768 flow that matches VLAN=1; strip the VLAN tag; set tunnel id 0x2a; send out of gre-c6336415 \(untagged, tunnel id 0x2a\)/);
  assert.ok(evidenceSays(out, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 'dl_vlan=1 actions=strip_vlan,set_tunnel:0x2a'));
  // and network's br-tun turns tunnel id 0x2a into its own local VLAN 2
  const back = walk.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
  assert.match(tablesText(back), /table 2: the priority 1 flow that matches tunnel id=0x2a; set the VLAN to 2; table 10: /);
  assert.ok(evidenceSays(back, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2a actions=mod_vlan_vid:2'));
});

test('gre-two-vms: local VLAN 1 on compute, 2 on network, each from its own host\'s captures', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const computeInt = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-int')!;
  assert.match(en(computeInt.message), /by qvo7e2a4a6c-2b, which tags it with local VLAN 1\./);
  assert.ok(evidenceSays(computeInt, 'compute/01-ovs-vsctl-show.txt', 'tag: 1'));
  const networkInt = walk.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-int')!;
  assert.match(en(networkInt.message), /by patch-tun \(local VLAN 2, set by the tunnel bridge's mod_vlan_vid\)/);
  assert.match(zh(networkInt.message), /本地 VLAN 2，由 br-tun 的 mod_vlan_vid 设置/);
  const qvo = walk.steps.find((s) => s.at.name === 'qvob41c9e27-5d')!;
  assert.match(en(qvo.message), /It leaves br-int by the port qvob41c9e27-5d \(network\) \(tag 2\)/);
  // and the explanations say the same per host
  const vlans = t.explanations.filter((e) => e.rule === 'local-vlan').map((e) => en(e.message));
  assert.ok(vlans.some((v) => v.startsWith('On br-int on compute, qvo7e2a4a6c-2b carries tag 1.')));
  assert.ok(vlans.some((v) => v.startsWith('On br-int on network, tap0a8a0a6b-67, qr-4e5f6a7b-8c, qvob41c9e27-5d carry tag 2.')));
});

test('gre-two-vms: each VM\'s veth pair is proven by ethtool peer_ifindex on its own host', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const veths = walk.steps.filter((s) => /Through the veth pair/.test(en(s.message)));
  assert.equal(veths.length, 2);
  assert.ok(evidenceSays(veths[0]!, 'compute/08-ethtool-s-qvb7e2a4a6c-2b.txt', 'peer_ifindex'));
  assert.ok(evidenceSays(veths[1]!, 'network/20-ethtool-s-qvbb41c9e27-5d.txt', 'peer_ifindex'));
  assert.ok(veths.every((s) => !/only likely/.test(en(s.message))));
});

test('gre-two-vms: a unicast whose MAC the captures do not give may take one of br-tun\'s learned table-20 flows, each named by its MAC', () => {
  const walk = t.walks.find((w) => w.id === WALK)!;
  const out = walk.steps.find((s) => s.at.host === 'compute' && s.at.name === 'br-tun')!;
  assert.match(tablesText(out), /table 20: the priority 0 flow that matches every packet; unless it matches one of 4 priority 1 flows told apart by dl_dst \(fa:16:3e:1a:2b:3c, fa:16:3e:5d:6e:7f, 26:eb:ae:3c:5a:81, fa:16:3e:6b:91:d4\), which depend on dl_dst, not known from the captures; table 21: /);
  assert.match(tablesText(out, 'zh'), /表 20：命中优先级 0 的流（匹配所有包）；但也可能命中优先级 1 的 4 条流之一（按 dl_dst 区分/);
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
  const step = walk.steps.find((s) => /encapsulated/.test(en(s.message)))!;
  assert.match(en(step.message), /with key 0x2a .*: outer IP from 198\.51\.100\.11 \(gre-c6336415 on compute\) to 198\.51\.100\.21 \(network\), where gre-c633640b decapsulates it\.$/);
});
