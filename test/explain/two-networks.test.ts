// The capture-lab bundle test/fixtures/topology/gre-two-networks (made by its
// make-bundle.sh): two tenant networks over one GRE tunnel — key 0x2a (VM
// instance-00000001, qdhcp-1da5…, the router) and key 0x2b (VM
// instance-00000002, qdhcp-6b3e…, no router) — with the local VLANs swapped
// between hosts (compute 1/2, network 2/1), and no socket capture at all.
// Walks must follow each network's VLAN → key → VLAN mapping and reach only
// ports of their own network; the metadata proxies, seen only in `ps -ef`,
// are placed in their namespaces as likely. Also provider VLAN translation on
// test/fixtures/topology/provider-vlan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Topology, Walk } from '../../src/topology/model.js';
import { caseInput, explained, loadCase as load, says, tablesText } from '../topology/fixture-cases.js';
import { buildWalks } from '../../src/explain/walks.js';
import { keyOf, TopologyGraph, vmKey } from '../../src/explain/path-search.js';
import { en, zh } from '../topology/fixture-cases.js';




const t = load('gre-two-networks');
const NET1 = '1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01';
const NET2 = '6b3e9f10-4c2d-4a7e-8b1f-3d5c7a9e2f04';
const ROUTER = '8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42';
const VM1 = 'compute/instance-00000001';
const VM2 = 'compute/instance-00000002';
const walk = (walks: Walk[], id: string): Walk => {
  const found = walks.find((w) => w.id === id);
  assert.ok(found, `no walk ${id} in ${walks.map((w) => w.id).join(', ')}`);
  return found;
};
const names = (w: Walk): string[] => w.steps.map((s) => s.at.name);

test('two networks: the captures hold both networks, their DHCP ports tagged 2 (net 1) and 1 (net 2) on network, VMs tagged 1 and 2 on compute', () => {
  const tags = (host: string) => Object.fromEntries(t.bridges.filter((b) => b.host === host && b.name === 'br-int').flatMap((b) => b.ports).filter((p) => p.tag !== undefined).map((p) => [p.name, p.tag]));
  assert.deepEqual(tags('compute'), { 'qvo7e2a4a6c-2b': 1, 'qvo3f9a1c2e-7d': 2 });
  assert.deepEqual(tags('network'), { 'tap0a8a0a6b-67': 2, 'qr-4e5f6a7b-8c': 2, 'tapc5d6e7f8-1a': 1 });
  assert.deepEqual(t.unparsed, []);
  assert.equal(t.sockets.length, 0, 'no socket capture in this bundle');
});

test('two networks: each VM gets walks only to its own network — VM 1 to the router and qdhcp-1da5…, VM 2 to qdhcp-6b3e… (DHCP and isolated metadata)', () => {
  assert.deepEqual(t.walks.map((w) => w.id), [
    `walk:snat:${VM1}`,
    `walk:metadata:${VM1}`,
    `walk:dhcp:${VM1}`,
    `walk:metadata:${VM2}/qdhcp-${NET2}`,
    `walk:dhcp:${VM2}`,
  ]);
  for (const w of t.walks.filter((x) => x.id.includes(VM1))) {
    assert.ok(!w.steps.some((s) => s.at.name === 'tapc5d6e7f8-1a' || s.at.netns === `qdhcp-${NET2}`), `${w.id} reaches network 2`);
  }
  for (const w of t.walks.filter((x) => x.id.includes(VM2))) {
    assert.ok(!w.steps.some((s) => ['tap0a8a0a6b-67', 'qr-4e5f6a7b-8c'].includes(s.at.name) || s.at.netns?.startsWith('qrouter-')), `${w.id} reaches network 1`);
  }
});

test('two networks: the path search finds no way from a VM to a port of the other network', () => {
  const graph = new TopologyGraph(t);
  assert.ok(graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', 'tap0a8a0a6b-67')));
  assert.equal(graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', 'tapc5d6e7f8-1a')), undefined);
  assert.ok(graph.path(vmKey('compute', 'instance-00000002'), keyOf('network', 'tapc5d6e7f8-1a')));
  assert.equal(graph.path(vmKey('compute', 'instance-00000002'), keyOf('network', 'qr-4e5f6a7b-8c')), undefined);
  // and carries the segment: VLAN 1 → key 0x2a → VLAN 2 for network 1
  const hops = graph.path(vmKey('compute', 'instance-00000001'), keyOf('network', 'tap0a8a0a6b-67'))!;
  const seg = (host: string, name: string) => hops.find((h) => h.node.host === host && h.node.name === name)!.segment;
  assert.deepEqual([seg('compute', 'br-int'), seg('compute', 'gre-c6336415'), seg('network', 'br-tun'), seg('network', 'br-int')].map((s) => s?.kind === 'vlan' ? `vlan ${s.vlan}` : s?.kind === 'key' ? `key ${s.key}` : s?.kind),
    ['vlan 1', 'key 0x2a', 'vlan 2', 'vlan 2']);
});

test('two networks: VM 1 → DHCP goes VLAN 1 → key 0x2a → VLAN 2 → tap0a8a0a6b-67, each mapping resting on its flow line', () => {
  const w = walk(t.walks, `walk:dhcp:${VM1}`);
  assert.deepEqual(names(w).slice(5), ['br-int', 'patch-tun', 'patch-int', 'br-tun', 'gre-c6336415', 'gre-c633640b', 'br-tun', 'patch-int', 'patch-tun', 'br-int', 'tap0a8a0a6b-67', 'tap0a8a0a6b-67']);
  const at = (host: string, name: string) => w.steps.find((s) => s.at.host === host && s.at.name === name)!;
  assert.match(en(at('compute', 'br-int').message), /tags it with local VLAN 1\./);
  assert.match(tablesText(at('compute', 'br-tun')), /table 1: the priority 32768 flow that matches broadcast and multicast frames; table 21: the priority 32768 flow that matches VLAN=1; strip the VLAN tag; set tunnel id 0x2a; send out of gre-c6336415 \(untagged, tunnel id 0x2a\)/);
  assert.ok(says(at('compute', 'br-tun').evidence, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 'dl_vlan=1 actions=strip_vlan,set_tunnel:0x2a,output:2'));
  assert.match(en(at('network', 'gre-c633640b').message), /It is encapsulated in the GRE tunnel with key 0x2a/);
  assert.match(tablesText(at('network', 'br-tun')), /table 2: the priority 1 flow that matches tunnel id=0x2a; set the VLAN to 2; table 10: .*send out of patch-int \(tagged VLAN 2, tunnel id 0x2a\)/);
  assert.ok(says(at('network', 'br-tun').evidence, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2a actions=mod_vlan_vid:2'));
  assert.match(en(at('network', 'br-int').message), /by patch-tun \(local VLAN 2, set by the tunnel bridge's mod_vlan_vid\)/);
  assert.match(zh(at('network', 'br-int').message), /本地 VLAN 2，由 br-tun 的 mod_vlan_vid 设置/);
  assert.match(en(w.steps.at(-1)!.message), /reaches tap0a8a0a6b-67 in qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01; dnsmasq \(pid \d+\) answers/);
});

test('two networks: VM 2 → DHCP goes VLAN 2 → key 0x2b → VLAN 1 → tapc5d6e7f8-1a (the swapped VLAN numbers do not mislead it)', () => {
  const w = walk(t.walks, `walk:dhcp:${VM2}`);
  const at = (host: string, name: string) => w.steps.find((s) => s.at.host === host && s.at.name === name)!;
  assert.match(en(at('compute', 'br-int').message), /by qvo3f9a1c2e-7d, which tags it with local VLAN 2\./);
  assert.match(en(at('network', 'gre-c633640b').message), /with key 0x2b/);
  assert.match(zh(at('network', 'gre-c633640b').message), /隧道 key 0x2b/);
  assert.ok(says(at('network', 'br-tun').evidence, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2b actions=mod_vlan_vid:1'));
  assert.match(en(at('network', 'br-int').message), /\(local VLAN 1, set by the tunnel bridge's mod_vlan_vid\)/);
  const port = w.steps.at(-2)!;
  assert.equal(port.at.name, 'tapc5d6e7f8-1a');
  assert.match(en(port.message), /It leaves br-int by the port tapc5d6e7f8-1a \(network\) \(tag 1, the frame's local VLAN, so the port is in its network\)\./);
  assert.match(zh(port.message), /tag 1，正是帧的本地 VLAN，所以它在同一网络/);
  assert.ok(says(port.evidence, 'network/01-ovs-vsctl-show.txt', 'Port tapc5d6e7f8-1a'));
  assert.match(en(w.steps.at(-1)!.message), new RegExp(`reaches tapc5d6e7f8-1a in qdhcp-${NET2}; dnsmasq \\(pid \\d+\\) answers from its range: subnet 203\\.0\\.113\\.16 \\(static: only the fixed addresses Neutron registered for its ports\\), lease 86400s`));
});

test('two networks: without the network host\'s br-tun flows the walk says the far VLAN is not provable, and names both DHCP servers apart', () => {
  const partial = load('gre-two-networks');
  partial.flows = partial.flows.filter((f) => !(f.host === 'network' && f.bridge === 'br-tun'));
  const walks = buildWalks(partial).filter((w) => w.id.startsWith(`walk:dhcp:${VM1}`));
  assert.deepEqual(walks.map((w) => w.id), [`walk:dhcp:${VM1}/qdhcp-${NET1}`, `walk:dhcp:${VM1}/qdhcp-${NET2}`]);
  for (const w of walks) {
    const far = w.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
    assert.match(en(far.message), /The flows of br-tun on network are not captured, so which local VLAN tunnel key 0x2a gets here is not provable from the captures\./);
    assert.match(zh(far.message), /抓取中没有 network 上 br-tun 的流表，隧道 key 0x2a 在这里换成哪个本地 VLAN无法从抓取中证明/);
    const port = w.steps.find((s) => s.at.host === 'network' && /^tap/.test(s.at.name))!;
    assert.match(en(port.message), /Whether this port is in the frame's network cannot be checked: the flows of br-tun on network are not captured/);
    assert.match(zh(port.message), /这个端口是否属于帧所在的网络无法核对/);
  }
});

test('two networks: without the sending br-tun\'s flows the tunnel key is not provable, and the far side cannot map it', () => {
  const partial = load('gre-two-networks');
  partial.flows = partial.flows.filter((f) => !(f.host === 'compute' && f.bridge === 'br-tun'));
  const w = buildWalks(partial).find((x) => x.id.startsWith(`walk:dhcp:${VM2}`))!;
  const tunnel = w.steps.find((s) => s.at.name === 'gre-c633640b')!;
  assert.match(en(tunnel.message), /its key is not provable from the captures: the flows of br-tun on compute are not captured, so which tunnel key VLAN 2 is sent with is not provable from the captures/);
  // no key is guessed: the far br-tun's trace names both key flows as possible, resting on a tun_id the captures do not give
  const far = w.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
  assert.match(tablesText(far), /table 2: the priority 0 flow that matches every packet; unless it matches one of 2 priority 1 flows told apart by tun_id \(0x2a, 0x2b\), which depend on tun_id, not known from the captures; drop\./);
  assert.ok(!w.steps.some((s) => s !== far && /0x2b/.test(en(s.message))), 'no other step names a key');
});

test('two networks: metadata proxies seen only in ps -ef are placed in qrouter-R / qdhcp-N as likely, with the reason in zh and en', () => {
  const proxies = t.services.filter((s) => s.kind === 'metadata');
  assert.deepEqual(proxies.map((s) => [s.netns, s.certainty, s.port, s.router_id ?? s.network_id]), [
    [`qrouter-${ROUTER}`, 'likely', 9697, ROUTER],
    [`qdhcp-${NET2}`, 'likely', 80, NET2],
  ]);
  const [router, dhcp] = proxies;
  assert.equal(en(router!.reason!), `its --router_id names the router whose namespace is qrouter-${ROUTER}; no socket capture shows it listening there`);
  assert.equal(zh(router!.reason!), `它的 --router_id 指明了路由器，它的命名空间是 qrouter-${ROUTER}；抓取中没有套接字显示它在那里监听`);
  assert.equal(en(dhcp!.reason!), `its --network_id names the network whose namespace is qdhcp-${NET2}; no socket capture shows it listening there`);
  assert.ok(says(router!.evidence, 'network/13-ps-ef-grep-metadata.txt', `--router_id=${ROUTER}`));
  assert.ok(says(router!.evidence, 'network/06-ip-netns.txt', `qrouter-${ROUTER}`));
  assert.ok(says(dhcp!.evidence, 'network/13-ps-ef-grep-metadata.txt', `--network_id=${NET2}`));
  // with a socket capture (gre-two-vms) the proxy is placed by its socket, not marked likely
  const placed = load('gre-two-vms').services.find((s) => s.kind === 'metadata')!;
  assert.equal(placed.certainty, undefined);
  assert.equal(placed.netns, `qrouter-${ROUTER}`);
});

test('two networks: the metadata walks and explanations say "likely" for the proxy step', () => {
  const viaRouter = walk(t.walks, `walk:metadata:${VM1}`);
  const last = viaRouter.steps.at(-1)!;
  assert.match(en(last.message), new RegExp(`^18\\. Process \\d+ \\(neutron-ns-metadata-proxy, router_id=${ROUTER}\\) takes the request on port 9697 and hands it to the metadata agent \\(likely: its --router_id names the router whose namespace is qrouter-${ROUTER}; no socket capture shows it listening there\\)\\.$`));
  assert.match(zh(last.message), /只是推断（likely）：它的 --router_id 指明了路由器/);
  const isolated = walk(t.walks, `walk:metadata:${VM2}/qdhcp-${NET2}`);
  assert.match(en(isolated.steps.at(-1)!.message), /no capture shows its socket on port 80; it hands the request to the metadata agent \(likely: its --network_id names the network whose namespace is qdhcp-/);
  const explanations = t.explanations.filter((e) => e.rule === 'metadata');
  assert.deepEqual(explanations.map((e) => e.id), [`metadata:network/qrouter-${ROUTER}`, `metadata:network/qdhcp-${NET2}`]);
  assert.match(en(explanations[0]!.message), /The process taking port 9697 in this namespace is likely \d+ \(neutron-ns-metadata-proxy\), serving router 8c8b3c56-[^ ]* \(likely: its --router_id names the router/);
  assert.match(zh(explanations[0]!.message), /接收 9697 端口请求的可能是进程 \d+（neutron-ns-metadata-proxy）/);
  assert.match(en(explanations[1]!.message), /\(that it runs in this namespace is likely: its --network_id names the network whose namespace is qdhcp-6b3e/);
  assert.match(zh(explanations[1]!.message), /它在这个命名空间里只是推断（likely）/);
});

test('provider VLAN: local VLAN 1 leaves br-eth1 as VLAN 101 and VLAN 101 comes back as local VLAN 1; any other VLAN reaches no VM port', () => {
  const p = load('provider-vlan');
  const pair = p.links.find((l) => l.kind === 'veth' && l.a.name === 'int-br-eth1');
  assert.equal(pair?.certainty, 'likely');
  assert.match(en(pair!.reason!), /^By naming only: Neutron's OVS agent joins br-int to the physical bridge br-eth1/);
  const graph = new TopologyGraph(p);
  const out = graph.path(keyOf('compute', 'qvo1234abcd-ef'), keyOf('compute', 'eth1'))!;
  assert.deepEqual(out.map((h) => h.node.name), ['qvo1234abcd-ef', 'br-int', 'int-br-eth1', 'phy-br-eth1', 'br-eth1', 'eth1']);
  const onPhysical = out.find((h) => h.node.name === 'br-eth1')!.segment;
  assert.equal(onPhysical?.kind === 'vlan' && onPhysical.vlan, 101);
  assert.ok(onPhysical?.kind === 'vlan' && onPhysical.proof?.kind === 'flow' && onPhysical.proof.flows.some((f) => f.text.includes('dl_vlan=1 actions=mod_vlan_vid:101')));
  const back = graph.path(keyOf('compute', 'eth1'), keyOf('compute', 'qvo1234abcd-ef'), undefined, { kind: 'vlan', vlan: 101 })!;
  const onInt = back.find((h) => h.node.name === 'br-int')!.segment;
  assert.equal(onInt?.kind === 'vlan' && onInt.vlan, 1);
  assert.equal(graph.path(keyOf('compute', 'eth1'), keyOf('compute', 'qvo1234abcd-ef'), undefined, { kind: 'vlan', vlan: 102 }), undefined);
});

/** The fixture bundle copied without some of its capture files (as if those commands had not been run). */
function withoutCaptures(name: string, drop: RegExp): Topology {
  const dir = mkdtempSync(join(tmpdir(), 'netguide-two-networks-'));
  try {
    cpSync(caseInput(name), dir, { recursive: true, filter: (src) => !drop.test(src) });
    return explained([dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('two networks: without the qdhcp address captures, dnsmasq is placed in qdhcp-<its network> as likely; without `ip netns`, nothing is placed', () => {
  const noAddr = withoutCaptures('gre-two-networks', /ip-netns-exec-qdhcp-ip-addr/);
  const dhcp = noAddr.services.filter((s) => s.kind === 'dhcp');
  assert.deepEqual(dhcp.map((s) => [s.netns, s.certainty, s.interface]), [
    [`qdhcp-${NET1}`, 'likely', 'tap0a8a0a6b-67'],
    [`qdhcp-${NET2}`, 'likely', 'tapc5d6e7f8-1a'],
  ]);
  assert.equal(en(dhcp[1]!.reason!), `its --network_id names the network whose namespace is qdhcp-${NET2}; no capture shows its interface there`);
  // no namespace list and no capture inside a namespace: the proxies stay unplaced, and no walk reaches them
  const noNetns = withoutCaptures('gre-two-networks', /network\/(06-ip-netns|07-|08-|10-|11-|12-)/);
  assert.deepEqual(noNetns.services.filter((s) => s.kind === 'metadata').map((s) => [s.netns, s.certainty]), [[undefined, undefined], [undefined, undefined]]);
  assert.ok(!noNetns.walks.some((w) => w.id.startsWith('walk:metadata:')));
});

test('two networks: a masked tun_id match (tun_id=0x2b/0xffffffff) maps the key like an exact one; a flow for another key does not', () => {
  const masked = load('gre-two-networks');
  const flow = masked.flows.find((f) => f.host === 'network' && f.bridge === 'br-tun' && f.match.tun_id === '0x2b')!;
  flow.match.tun_id = '0x2b/0xffffffff';
  const graph = new TopologyGraph(masked);
  assert.ok(graph.path(vmKey('compute', 'instance-00000002'), keyOf('network', 'tapc5d6e7f8-1a')));
  flow.match.tun_id = '0x3b/0xffffffff';
  assert.equal(new TopologyGraph(masked).path(vmKey('compute', 'instance-00000002'), keyOf('network', 'tapc5d6e7f8-1a')), undefined);
});

test('VM ↔ VM across hosts: the walk exists only while the far VM\'s port carries the VLAN the far br-tun maps the key to', () => {
  const t2 = load('gre-two-vms');
  const id = 'walk:vm:compute/instance-00000001:network/instance-00000002';
  assert.ok(buildWalks(t2).some((w) => w.id === id));
  // the far VM's port re-tagged into a VLAN no tunnel key maps to: no walk, instead of one through a wrong port
  const port = t2.bridges.find((b) => b.host === 'network' && b.name === 'br-int')!.ports.find((p) => p.name === 'qvob41c9e27-5d')!;
  port.tag = 3;
  assert.ok(!buildWalks(t2).some((w) => w.id === id));
});
