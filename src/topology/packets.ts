// What tcpdump saw, read as proof once every link is known:
//   tunnel   an outer IP packet carrying VXLAN (vni) or GRE (key) between the
//            two endpoints of an OVS tunnel port confirms the tunnel: its
//            type, its VNI or key, the outer addresses and the UDP port; a
//            packet of another type between those ends is a finding;
//   wire     802.1Q-tagged frames on an interface show which VLANs travel on
//            it (untagged frames are counted too): the interface's `traffic`,
//            and the wire's `observed` when a physical link ends there.

import type { EvidenceRef, Interface, Link, Topology } from './model.js';
import type { SeenPacket } from './joiners/tcpdump.js';
import type { TcpdumpPacket } from '../captures/tcpdump.js';
import { msg } from '../message.js';
import { mergeEvidence } from './refs.js';

/** Before the wires are inferred: each interface's traffic (the VLANs its frames carried). */
export function recordTraffic(topology: Topology, packets: SeenPacket[]): void {
  for (const seen of packets) interfaceTraffic(topology, seen);
}

/** Once every link is known: tunnels and wires confirmed by the packets seen on them. */
export function confirmByPackets(topology: Topology, packets: SeenPacket[]): void {
  for (const seen of packets) {
    wireTraffic(topology, seen);
    const outer = seen.packet;
    const type = outer.vxlan ? 'vxlan' : outer.gre ? 'gre' : undefined;
    if (!type || !outer.ip) continue;
    const ends = [outer.ip.src, outer.ip.dst];
    const tunnels = topology.links.filter((l) => l.kind === 'tunnel' && l.local_ip && l.remote_ip && ends.includes(l.local_ip) && ends.includes(l.remote_ip) && l.local_ip !== l.remote_ip);
    const same = tunnels.filter((l) => l.tunnel_type === type);
    for (const link of same) observeTunnel(link, outer, seen.evidence);
    if (same.length === 0 && tunnels.length > 0) {
      const link = tunnels[0]!;
      addFinding(topology, msg('packets:tunnel-type-differs', { seen: type, configured: link.tunnel_type ?? '?', src: outer.ip.src, dst: outer.ip.dst, host: seen.host }), [...seen.evidence, ...link.evidence.slice(0, 1)]);
    }
  }
}

function observeTunnel(link: Link, p: TcpdumpPacket, evidence: EvidenceRef[]): void {
  const o = (link.observed ??= { packets: 0, evidence: [] });
  o.packets++;
  if (p.vxlan) o.vnis = sorted(o.vnis, p.vxlan.vni);
  if (p.gre?.key !== undefined) o.keys = sorted(o.keys, p.gre.key);
  const port = Number(p.dstPort);
  if (p.vxlan && Number.isInteger(port)) o.udp_ports = sorted(o.udp_ports, port);
  o.evidence = mergeEvidence(o.evidence, evidence);
}

const onInterface = (topology: Topology, seen: SeenPacket): Interface | undefined =>
  seen.interface && seen.packet.link ? topology.interfaces.find((i) => i.host === seen.host && (i.netns ?? undefined) === seen.netns && i.name === seen.interface) : undefined;

/** The VLANs (and untagged frames) tcpdump -e saw on an interface. */
function interfaceTraffic(topology: Topology, seen: SeenPacket): void {
  const itf = onInterface(topology, seen);
  if (!itf) return;
  const vlan = seen.packet.link!.vlans?.[0]?.id;
  const t: NonNullable<Interface['traffic']> = (itf.traffic ??= { packets: 0, vlans: [], untagged: 0, evidence: [] });
  t.packets++;
  if (vlan !== undefined) t.vlans = sorted(t.vlans, vlan);
  else t.untagged++;
  t.evidence = mergeEvidence(t.evidence, seen.evidence);
}

/** The frames seen at a NIC, on the wire that ends there. */
function wireTraffic(topology: Topology, seen: SeenPacket): void {
  const itf = onInterface(topology, seen);
  if (!itf) return;
  const vlan = seen.packet.link!.vlans?.[0]?.id;
  for (const link of topology.links) {
    if (link.kind !== 'physical') continue;
    if (![link.a, link.b].some((e) => e.host === itf.host && e.name === itf.name && (e.netns ?? undefined) === itf.netns)) continue;
    const o = (link.observed ??= { packets: 0, evidence: [] });
    o.packets++;
    if (vlan !== undefined) o.vlans = sorted(o.vlans, vlan);
    else o.untagged = (o.untagged ?? 0) + 1;
    o.evidence = mergeEvidence(o.evidence, seen.evidence);
  }
}

const sorted = (list: number[] | undefined, n: number): number[] => [...new Set([...(list ?? []), n])].sort((x, y) => x - y);

function addFinding(topology: Topology, message: ReturnType<typeof msg>, evidence: EvidenceRef[]): void {
  if (topology.findings.some((f) => f.message.id === message.id && JSON.stringify(f.message.values) === JSON.stringify(message.values))) return;
  topology.findings.push({ kind: 'inconsistent', message, evidence });
}
