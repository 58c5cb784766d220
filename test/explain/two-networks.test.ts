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
import { brief, caseInput, explained, hasMessage, loadCase as load, plain, says, tablesBrief, valuesOf } from '../topology/fixture-cases.js';
import { buildWalks } from '../../src/explain/walks.js';
import { keyOf, TopologyGraph, vmKey } from '../../src/explain/path-search.js';




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
/** An endpoint as a walk names it on a topology of several hosts. */
const place = (host: string, name: string) => ({ id: 'place:qualified', name, where: [host] });

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
  assert.equal(valuesOf(at('compute', 'br-int').message, 'walk:enters-ovs-bridge-tagged').vlan, 1);
  assert.match(tablesBrief(at('compute', 'br-tun')), /trace:lookup\(table=1, priority=32768, match=flow:matches\(fields=\[flow:broadcast-multicast\]\)\); trace:lookup\(table=21, priority=32768, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-vlan, value=1\)\]\)\); trace:set\(action=action:strip-vlan\); trace:set\(action=action:set-tunnel-id\(id=0x2a\)\); trace:send-out\(port=gre-c6336415, carrying=trace:carrying\(what=\[trace:untagged, trace:tunnel-id\(id=0x2a\)\]\)\)/);
  assert.ok(says(at('compute', 'br-tun').evidence, 'compute/02-ovs-ofctl-dump-flows-br-tun.txt', 'dl_vlan=1 actions=strip_vlan,set_tunnel:0x2a,output:2'));
  assert.match(brief(at('network', 'gre-c633640b').message), /walk:encapsulated\(type=GRE, key=walk:key-set-by-flow\(key=0x2a\),/);
  assert.match(tablesBrief(at('network', 'br-tun')), /trace:lookup\(table=2, priority=1, match=flow:matches\(fields=\[flow:field-is\(field=flow:field-tunnel-id, value=0x2a\)\]\)\); trace:set\(action=action:set-vlan\(vlan=2\)\); trace:lookup\(table=10, .*trace:send-out\(port=patch-int, carrying=trace:carrying\(what=\[trace:tagged\(vlan=2\), trace:tunnel-id\(id=0x2a\)\]\)\)/);
  assert.ok(says(at('network', 'br-tun').evidence, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2a actions=mod_vlan_vid:2'));
  const entering = valuesOf(at('network', 'br-int').message, 'walk:enters-ovs-bridge');
  assert.deepEqual([entering.port, entering.carrying], ['patch-tun', { id: 'walk:carried-local-vlan-set-by-tunnel-bridge', vlan: 2, bridge: 'br-tun' }]);
  const answers = valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers');
  assert.deepEqual([answers.interface, answers.space, answers.process], ['tap0a8a0a6b-67', 'qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01', 'dnsmasq']);
});

test('two networks: VM 2 → DHCP goes VLAN 2 → key 0x2b → VLAN 1 → tapc5d6e7f8-1a (the swapped VLAN numbers do not mislead it)', () => {
  const w = walk(t.walks, `walk:dhcp:${VM2}`);
  const at = (host: string, name: string) => w.steps.find((s) => s.at.host === host && s.at.name === name)!;
  assert.deepEqual(valuesOf(at('compute', 'br-int').message, 'walk:enters-ovs-bridge-tagged'), { bridge: place('compute', 'br-int'), port: 'qvo3f9a1c2e-7d', vlan: 2 });
  assert.deepEqual(valuesOf(at('network', 'gre-c633640b').message, 'walk:encapsulated').key, { id: 'walk:key-set-by-flow', key: '0x2b' });
  assert.ok(says(at('network', 'br-tun').evidence, 'network/02-ovs-ofctl-dump-flows-br-tun.txt', 'tun_id=0x2b actions=mod_vlan_vid:1'));
  assert.deepEqual(valuesOf(at('network', 'br-int').message, 'walk:enters-ovs-bridge').carrying, { id: 'walk:carried-local-vlan-set-by-tunnel-bridge', vlan: 1, bridge: 'br-tun' });
  const port = w.steps.at(-2)!;
  assert.equal(port.at.name, 'tapc5d6e7f8-1a');
  assert.deepEqual(valuesOf(port.message, 'walk:leaves-by-port-in-network'), { bridge: 'br-int', port: place('network', 'tapc5d6e7f8-1a'), tag: 1 });
  assert.ok(says(port.evidence, 'network/01-ovs-vsctl-show.txt', 'Port tapc5d6e7f8-1a'));
  const answers = valuesOf(w.steps.at(-1)!.message, 'walk:dhcp-answers');
  assert.deepEqual([answers.interface, answers.space, answers.process], ['tapc5d6e7f8-1a', `qdhcp-${NET2}`, 'dnsmasq']);
  assert.deepEqual(valuesOf(w.steps.at(-1)!.message, 'dhcp:range'), { start: '203.0.113.16', mode: { id: 'dhcp:static' }, lease: '86400s' });
});

test('two networks: without the network host\'s br-tun flows the walk says the far VLAN is not provable, and names both DHCP servers apart', () => {
  const partial = load('gre-two-networks');
  partial.flows = partial.flows.filter((f) => !(f.host === 'network' && f.bridge === 'br-tun'));
  const walks = buildWalks(partial).filter((w) => w.id.startsWith(`walk:dhcp:${VM1}`));
  assert.deepEqual(walks.map((w) => w.id), [`walk:dhcp:${VM1}/qdhcp-${NET1}`, `walk:dhcp:${VM1}/qdhcp-${NET2}`]);
  for (const w of walks) {
    const far = w.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
    const notCaptured = { id: 'segment:flows-not-captured', host: 'network', bridge: 'br-tun', what: { id: 'segment:what-key-becomes', key: '0x2a' } };
    assert.deepEqual(valuesOf(far.message, 'walk:not-provable'), { reason: notCaptured });
    const port = w.steps.find((s) => s.at.host === 'network' && /^tap/.test(s.at.name))!;
    assert.deepEqual(valuesOf(port.message, 'walk:unproven-port'), { reason: notCaptured });
  }
});

test('two networks: without the sending br-tun\'s flows the tunnel key is not provable, and the far side cannot map it', () => {
  const partial = load('gre-two-networks');
  partial.flows = partial.flows.filter((f) => !(f.host === 'compute' && f.bridge === 'br-tun'));
  const w = buildWalks(partial).find((x) => x.id.startsWith(`walk:dhcp:${VM2}`))!;
  const tunnel = w.steps.find((s) => s.at.name === 'gre-c633640b')!;
  assert.deepEqual(valuesOf(tunnel.message, 'walk:encapsulated').key, {
    id: 'walk:key-unprovable',
    reason: { id: 'segment:flows-not-captured', host: 'compute', bridge: 'br-tun', what: { id: 'segment:what-key-frame-gets', frame: { id: 'segment:vlan', vlan: 2 } } },
  });
  // no key is guessed: the far br-tun's trace names both key flows as possible, resting on a tun_id the captures do not give
  const far = w.steps.find((s) => s.at.host === 'network' && s.at.name === 'br-tun')!;
  assert.match(tablesBrief(far), /trace:lookup\(table=2, priority=0, match=flow:matches-every-packet, unless=trace:unless\(flows=\[trace:unless-one-of\(count=2, priority=1, fields=\[tun_id\], values=\[trace:field-values\(values=\[0x2a\]\), trace:field-values\(values=\[0x2b\]\)\]\)\]\)\); trace:drop$/);
  assert.ok(!w.steps.some((s) => s !== far && /0x2b/.test(brief(s.message))), 'no other step names a key');
});

test('two networks: metadata proxies seen only in ps -ef are placed in qrouter-R / qdhcp-N as likely, with the reason in zh and en', () => {
  const proxies = t.services.filter((s) => s.kind === 'metadata');
  assert.deepEqual(proxies.map((s) => [s.netns, s.certainty, s.port, s.router_id ?? s.network_id]), [
    [`qrouter-${ROUTER}`, 'likely', 9697, ROUTER],
    [`qdhcp-${NET2}`, 'likely', 80, NET2],
  ]);
  const [router, dhcp] = proxies;
  assert.deepEqual(plain(router!.reason!), { id: 'service:namespace-by-option', option: '--router_id', what: { id: 'service:router' }, netns: `qrouter-${ROUTER}`, listening: { id: 'service:no-socket-there' } });
  assert.deepEqual(plain(dhcp!.reason!), { id: 'service:namespace-by-option', option: '--network_id', what: { id: 'service:network' }, netns: `qdhcp-${NET2}`, listening: { id: 'service:no-socket-there' } });
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
  const reasonOf = (option: string, what: string, netns: string) => ({ id: 'service:namespace-by-option', option, what: { id: what }, netns, listening: { id: 'service:no-socket-there' } });
  assert.equal(valuesOf(last.message, 'walk:numbered-step').n, 18);
  const takes = valuesOf(last.message, 'walk:proxy-takes-request');
  assert.deepEqual([takes.process, takes.router, takes.port], ['neutron-ns-metadata-proxy', { id: 'walk:router-id', router: ROUTER }, 9697]);
  assert.deepEqual(takes.likely, { id: 'walk:likely', reason: reasonOf('--router_id', 'service:router', `qrouter-${ROUTER}`) });
  const isolated = walk(t.walks, `walk:metadata:${VM2}/qdhcp-${NET2}`);
  const isolatedTakes = valuesOf(isolated.steps.at(-1)!.message, 'walk:isolated-proxy-takes-request');
  assert.deepEqual([isolatedTakes.covers, isolatedTakes.likely], [{ id: 'metadata:no-socket', port: 80 }, { id: 'walk:likely', reason: reasonOf('--network_id', 'service:network', `qdhcp-${NET2}`) }]);
  const explanations = t.explanations.filter((e) => e.rule === 'metadata');
  assert.deepEqual(explanations.map((e) => e.id), [`metadata:network/qrouter-${ROUTER}`, `metadata:network/qdhcp-${NET2}`]);
  const likely = valuesOf(explanations[0]!.message, 'metadata:likely-listener');
  assert.deepEqual([likely.port, likely.process, likely.owner, likely.reason], [9697, 'neutron-ns-metadata-proxy', { id: 'metadata:serving-router', router: ROUTER }, reasonOf('--router_id', 'service:router', `qrouter-${ROUTER}`)]);
  assert.deepEqual(valuesOf(explanations[1]!.message, 'metadata:isolated').likely, { id: 'metadata:likely-here', reason: reasonOf('--network_id', 'service:network', `qdhcp-${NET2}`) });
});

test('provider VLAN: local VLAN 1 leaves br-eth1 as VLAN 101 and VLAN 101 comes back as local VLAN 1; any other VLAN reaches no VM port', () => {
  const p = load('provider-vlan');
  const pair = p.links.find((l) => l.kind === 'veth' && l.a.name === 'int-br-eth1');
  assert.equal(pair?.certainty, 'likely');
  assert.deepEqual(plain(pair!.reason!), { id: 'link:veth-by-agent-naming', int: 'br-int', bridge: 'br-eth1' });
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
  assert.deepEqual(plain(dhcp[1]!.reason!), { id: 'service:namespace-by-option', option: '--network_id', what: { id: 'service:network' }, netns: `qdhcp-${NET2}`, listening: { id: 'service:no-interface-there' } });
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
