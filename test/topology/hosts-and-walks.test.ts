// Hosts placed right and walks on every network type (issue 10): the guest's
// own view joined to its VM, flows on the host that holds their bridge and
// deduplicated, tcpdump's packets confirming tunnels and wires, the provider
// bridge joining two hosts when one side's flows are silent, partial walks that
// name the missing capture, the hybrid plug said as general knowledge. On the
// two guide fixtures with lab captures and a small hand-written one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { explained, hasMessage, repoRoot, valuesOf } from './fixture-cases.js';
import { guestOfTitle, hostOfTitle } from '../../src/topology/guide-captures.js';
import type { Topology, Walk } from '../../src/topology/model.js';
import { buildWalks } from '../../src/explain/walks.js';
import { labSamples } from '../fixture-paths.js';

const guide = (name: string) => relative(process.cwd(), join(repoRoot, 'test/fixtures/guides', name, 'guide.rst'));
const provider = explained([guide('provider-vlan-guest')]);
const vxlan = explained([guide('vxlan-tcpdump')]);
const placement = explained([guide('hosts-placement')]);

/** The id of the reason a partial walk's last step gives, or undefined for a walk that is complete. */
function stopReason(walk: Walk): string | undefined {
  const last = walk.steps[walk.steps.length - 1]!.message;
  return hasMessage(last, 'walk:stops') ? (valuesOf(last, 'walk:stops').reason as { id: string }).id : undefined;
}

const flowsOnHostsWithoutBridge = (t: Topology) => t.flows.filter((f) => !t.bridges.some((b) => b.host === f.host && b.name === f.bridge));

test('guest titles: a VM, 虚拟机 or an instance name is a guest; a host title is not', () => {
  assert.deepEqual(guestOfTitle('虚拟机 cirros01 里'), { name: 'cirros01' });
  assert.deepEqual(guestOfTitle('Inside the VM'), { name: 'vm' });
  assert.deepEqual(guestOfTitle('In instance-00000001'), { name: 'instance-00000001' });
  assert.deepEqual(guestOfTitle('VM'), { name: 'vm' });
  assert.equal(guestOfTitle('compute node'), undefined);
  assert.equal(guestOfTitle('计算节点上的虚拟机'), undefined, 'a host title wins');
  assert.equal(hostOfTitle('虚拟机 cirros01 里'), undefined);
  assert.equal(guestOfTitle('OpenFlow'), undefined);
});

test('provider-vlan-guest: the section typed inside the VM is the guest cirros01, tied to instance-00000001 by its tap\'s MAC; no bridge or flow on it', () => {
  assert.deepEqual(provider.hosts.map((h) => [h.name, h.role]), [['compute', 'compute'], ['network', 'network'], ['cirros01', 'guest']]);
  const guest = provider.hosts.find((h) => h.name === 'cirros01')!;
  assert.deepEqual({ ...guest.guest_of, evidence: undefined }, { host: 'compute', vm: 'instance-00000001', by: 'tap-mac', interface: 'eth0', mac: 'fa:16:3e:4c:2c:30', tap: 'tap7e2a4a6c-2b', evidence: undefined });
  assert.equal(provider.vms[0]!.guest, 'cirros01');
  assert.equal(provider.bridges.filter((b) => b.host === 'cirros01').length, 0);
  assert.equal(provider.flows.filter((f) => f.host === 'cirros01').length, 0);
  assert.deepEqual(flowsOnHostsWithoutBridge(provider), []);
  // the guest's routes are its own, not network's
  assert.deepEqual(provider.routes.filter((r) => r.host === 'cirros01').map((r) => [r.destination, r.via ?? '']), [['default', '203.0.113.1'], ['169.254.169.254', '203.0.113.2'], ['203.0.113.0/28', '']]);
  assert.equal(provider.routes.filter((r) => r.host === 'network' && !r.netns).length, 0);
  const route = provider.explanations.find((e) => e.id === 'default-route:cirros01/')!;
  assert.deepEqual(valuesOf(route.message, 'default-route:guest'), { guest: 'cirros01', vm: 'instance-00000001' });
});

test('provider-vlan-guest: the metadata explanation follows the guest\'s route to 169.254.169.254 via the DHCP port, past the qrouter REDIRECT', () => {
  const e = provider.explanations.find((x) => x.id === 'metadata:guest/cirros01')!;
  const v = valuesOf(e.message, 'metadata:guest-route');
  assert.equal(v.via, '203.0.113.2');
  assert.deepEqual(valuesOf(e.message, 'metadata:next-hop-held-by'), {
    via: '203.0.113.2', interface: 'tap0a8a0a6b-67', space: 'qdhcp-1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01', host: 'network',
    also: { id: 'metadata:also-holds', cidr: '169.254.169.254/16' },
  });
  assert.deepEqual(valuesOf(e.message, 'metadata:redirect-not-on-path').chains, ['qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42']);
  assert.ok(e.evidence.some((x) => x.file.endsWith('vm/02-ip-route.txt') && x.line === 3), 'the guest\'s route line');
});

test('provider-vlan-guest: three walks across the likely provider wire — DHCP to dnsmasq, metadata by the guest\'s route, SNAT stopping at the router port no capture shows inside qrouter', () => {
  const wire = provider.links.find((l) => l.kind === 'physical')!;
  assert.deepEqual([wire.a.host, wire.b.host, wire.vlans], ['compute', 'network', [101]]);
  assert.deepEqual(valuesOf(wire.reason, 'wire:same-provider-bridge'), { bridge: 'br-eth1', hostA: 'compute', hostB: 'network' });
  assert.deepEqual(wire.observed?.vlans, [101], 'tcpdump on compute\'s eth1 saw VLAN 101');
  assert.equal(wire.observed?.packets, 12);
  assert.deepEqual(provider.interfaces.find((i) => i.host === 'compute' && i.name === 'eth1')?.traffic?.vlans, [101]);

  const byKind = Object.fromEntries(provider.walks.map((w) => [w.id.split(':')[1], w]));
  assert.deepEqual(Object.keys(byKind).sort(), ['dhcp', 'metadata', 'snat']);
  assert.equal(stopReason(byKind['dhcp']!), undefined);
  assert.equal(byKind['dhcp']!.steps.length, 17);
  assert.ok(hasMessage(byKind['dhcp']!.steps.at(-1)!.message, 'walk:dhcp-answers'));
  assert.ok(hasMessage(byKind['dhcp']!.steps[0]!.message, 'walk:vm-sends-guest'), 'the first step is the guest\'s own NIC');
  assert.equal(valuesOf(byKind['dhcp']!.steps[0]!.message, 'walk:vm-sends-guest').mac, 'fa:16:3e:4c:2c:30');

  const md = byKind['metadata']!;
  assert.equal(md.id, 'walk:metadata:compute/instance-00000001/guest-route');
  assert.equal(stopReason(md), undefined);
  assert.ok(hasMessage(md.steps[0]!.message, 'walk:guest-route'));
  assert.ok(hasMessage(md.steps.at(-1)!.message, 'walk:listener-not-known-proxy'), 'python3 on :80 is not said to be a metadata proxy');
  assert.ok(md.steps.some((s) => hasMessage(s.message, 'walk:metadata-address-here')));

  const snat = byKind['snat']!;
  assert.equal(stopReason(snat), 'walk:gap-port-not-in-netns');
  assert.deepEqual(valuesOf(snat.steps.at(-1)!.message, 'walk:gap-port-not-in-netns'), { port: 'qr-4e5f6a7b-8c', netns: 'qrouter-8c8b3c56-4f7a-4b2e-9f3d-2d1e7a6b5c42', host: 'network' });
});

test('every walk says the qbr bridge\'s security-group filtering as general knowledge, and that no iptables rule of the host was captured', () => {
  for (const t of [provider, vxlan]) {
    for (const walk of t.walks) {
      const step = walk.steps.find((s) => hasMessage(s.message, 'walk:enters-hybrid-bridge'));
      if (!step) continue;
      assert.ok(hasMessage(step.message, 'knowledge:general'), walk.id);
      assert.ok(hasMessage(step.message, 'security-group:rules-not-captured'), walk.id);
    }
  }
  const qbr = provider.explanations.find((e) => e.id.startsWith('linux-bridge:compute/qbr'))!;
  assert.ok(hasMessage(qbr.message, 'knowledge:general'));
});

test('vxlan-tcpdump: the captured VXLAN packets confirm the tunnel: its VNI 1, UDP port 4789, between its two endpoints', () => {
  const tunnel = vxlan.links.find((l) => l.kind === 'tunnel' && l.tunnel_type === 'vxlan')!;
  assert.deepEqual([tunnel.observed?.vnis, tunnel.observed?.udp_ports], [[1], [4789]]);
  assert.equal(tunnel.observed?.packets, 16);
  const e = vxlan.explanations.find((x) => x.rule === 'tunnel')!;
  assert.deepEqual(valuesOf(e.message, 'tunnel:seen-packets'), {
    packets: 16, type: 'VXLAN', local: '198.51.100.11', remote: '198.51.100.21',
    ids: { id: 'tunnel:seen-vnis', vnis: [1] }, ports: { id: 'tunnel:seen-udp-ports', ports: [4789] },
  });
  assert.ok(e.evidence.some((x) => x.command?.startsWith('tcpdump')), 'the packets are evidence');
  // `ip -br addr` prints qvo…@qvb…: the pair is proven, not likely by naming
  const pair = vxlan.links.find((l) => l.kind === 'veth' && [l.a.name, l.b.name].includes('qvo7e2a4a6c-2b'))!;
  assert.equal(pair.certainty, 'confirmed');
  assert.deepEqual(flowsOnHostsWithoutBridge(vxlan), []);
  assert.deepEqual(vxlan.walks.map((w) => [w.id, stopReason(w) ?? 'complete']), [
    ['walk:dhcp:compute/instance-00000001', 'complete'],
    ['walk:snat:compute/instance-00000001', 'walk:gap-port-not-in-netns'],
    ['walk:metadata:compute/instance-00000001', 'walk:gap-port-not-in-netns'],
  ]);
});

test('hosts-placement: a section naming no host after the guest goes back to compute; one flow per identity across dump-flows variants; flows of a bridge no host shows are a finding', () => {
  assert.deepEqual(placement.hosts.map((h) => [h.name, h.role, h.guest_of?.vm ?? '']), [['compute', 'compute', ''], ['vm', 'guest', 'instance-00000001']]);
  const int = placement.flows.filter((f) => f.bridge === 'br-int');
  assert.deepEqual(int.map((f) => [f.host, f.priority, f.evidence.length]), [['compute', 1, 3], ['compute', 0, 3]], 'plain, table=0 and -O OpenFlow13: one flow, three lines');
  assert.deepEqual(int[0]!.evidence.map((e) => e.command), ['ovs-ofctl dump-flows br-int', 'ovs-ofctl dump-flows br-int table=0', 'ovs-ofctl dump-flows -O OpenFlow13 br-int']);
  const finding = placement.findings.find((f) => f.message.id === 'flows:no-holder')!;
  assert.deepEqual(finding.message.values, { bridge: 'br-tun', from: 'compute' });
  assert.equal(placement.flows.filter((f) => f.host === 'vm').length, 0);
});

test('hosts-placement: ethtool\'s peer_ifindex of eth0, whose peer ip link puts in another namespace, links eth0 to nothing (not to itself)', () => {
  assert.deepEqual(placement.links.filter((l) => l.kind === 'veth'), []);
});

test('lab samples: every bundle keeps its three complete walks, no guest, no flow on a host that lacks its bridge', () => {
  for (const d of readdirSync(labSamples, { withFileTypes: true }).filter((x) => x.isDirectory())) {
    const t = explained([join(labSamples, d.name)]);
    assert.deepEqual(t.walks.map((w) => [w.id.split(':')[1], stopReason(w) ?? 'complete']), [['snat', 'complete'], ['metadata', 'complete'], ['dhcp', 'complete']], d.name);
    assert.equal(t.hosts.filter((h) => h.role === 'guest').length, 0, d.name);
    assert.deepEqual(flowsOnHostsWithoutBridge(t), [], d.name);
    assert.deepEqual(t.findings.filter((f) => f.message.id.startsWith('flows:')), [], d.name);
  }
});

test('a guide with a DHCP server but no VM says why it has no walk', () => {
  const t = explained([guide('provider-vlan-guest')].map((g) => g));
  const noVm = { ...t, vms: [], walks: [] } as Topology;
  const walks = buildWalks(noVm);
  assert.deepEqual(walks.map((w) => w.id), ['walk:none']);
  assert.ok(hasMessage(walks[0]!.steps[0]!.message, 'walk:none-no-vm'));
});
