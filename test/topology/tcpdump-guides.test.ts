// The two guide fixtures with tcpdump captures (provider VLAN with a guest's
// own view; VXLAN between two tunnel endpoints): their packets are read, and
// what the packets show agrees with the rest of the captures. Only what the
// current engine already does is asserted (placement of flows, the tunnel
// link); the claims, the guest's host and the walks are the next wave's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { buildTopology } from '../../src/topology/build.js';
import { readSources } from '../../src/topology/sources.js';
import { isCaptureOf } from '../../src/captures/registry.js';
import type { TcpdumpPacket } from '../../src/captures/tcpdump.js';
import { repoRoot } from './fixture-cases.js';

const guide = (name: string) => relative(process.cwd(), join(repoRoot, 'test/fixtures/guides', name, 'guide.rst'));

function packetsOf(sources: ReturnType<typeof readSources>, host: string): TcpdumpPacket[] {
  return sources.captures.filter((c) => c.host === host).flatMap((c) => (isCaptureOf(c.result, 'tcpdump') ? c.result.records : []));
}

test('should read every tcpdump line of both guides, and place every flow on a host that shows its bridge', () => {
  for (const name of ['provider-vlan-guest', 'vxlan-tcpdump']) {
    const sources = readSources([guide(name)]);
    const dumps = sources.captures.filter((c) => c.result.parser === 'tcpdump');
    assert.ok(dumps.length > 0, name);
    for (const c of dumps) assert.deepEqual(c.result.unparsed, [], `${name}: ${c.command}`);
    const topology = buildTopology(sources);
    for (const flow of topology.flows) {
      assert.ok(topology.bridges.some((b) => b.host === flow.host && b.name === flow.bridge), `${name}: ${flow.bridge} flows on ${flow.host}`);
    }
  }
});

test('should find the VXLAN packets between the two ends of the tunnel the OVS captures show, with its key as VNI', () => {
  const sources = readSources([guide('vxlan-tcpdump')]);
  const topology = buildTopology(sources);
  const tunnel = topology.links.find((l) => l.kind === 'tunnel' && l.tunnel_type === 'vxlan');
  assert.ok(tunnel?.local_ip && tunnel.remote_ip);
  const ends = new Set([tunnel.local_ip, tunnel.remote_ip]);
  const keys = topology.flows.flatMap((f) => [...f.text.matchAll(/tun_id=(0x[0-9a-f]+)/g)].map((m) => Number(m[1])));
  for (const host of ['compute', 'network']) {
    const vxlan = packetsOf(sources, host).filter((p) => p.vxlan);
    assert.ok(vxlan.length >= 6, host);
    for (const p of vxlan) {
      assert.ok(ends.has(p.ip!.src) && ends.has(p.ip!.dst), `${host}: ${p.ip!.src} > ${p.ip!.dst}`);
      assert.equal(p.dstPort, '4789');
      assert.ok(keys.includes(p.vxlan!.vni), `VNI ${p.vxlan!.vni} is a tun_id of the flows`);
    }
  }
  // the VM's DHCP exchange crosses the tunnel, answered from the MAC of the port dnsmasq serves on
  const inner = packetsOf(sources, 'network').map((p) => p.inner).filter((p): p is TcpdumpPacket => p !== undefined);
  assert.ok(inner.some((p) => p.dhcp?.op === 'Request' && p.dhcp.from === p.link?.src));
  const dhcp = topology.services.find((s) => s.kind === 'dhcp');
  const port = topology.interfaces.find((i) => i.name === dhcp?.interface && i.mac !== undefined);
  assert.ok(port, 'the DHCP port and its MAC are in the captures');
  assert.ok(inner.some((p) => p.dhcp?.op === 'Reply' && p.link?.src === port.mac));
});

test('should find the provider VLAN of the flows on every frame of the wire', () => {
  const sources = readSources([guide('provider-vlan-guest')]);
  const topology = buildTopology(sources);
  const wireVlans = new Set(topology.flows.flatMap((f) => [...f.text.matchAll(/mod_vlan_vid:(\d+)/g)].map((m) => Number(m[1]))));
  const packets = packetsOf(sources, 'compute');
  assert.equal(packets.length, 12);
  for (const p of packets) assert.ok(wireVlans.has(p.link!.vlans![0]!.id), `VLAN ${p.link!.vlans![0]!.id} is set by a flow`);
});
