// The data-plane links between interfaces, from what the captures prove:
//   veth     `qvo…@qvb…` in `ip link`; `eth0@if2 … link-netnsid 0` across
//            namespaces; `peer_ifindex` in `ethtool -S` (cross-checked)
//   patch    OVS `type: patch` with `options: {peer=…}`
//   tunnel   OVS `type: gre|vxlan|geneve` with local_ip/remote_ip, matched
//            across hosts by address
//   member   a port of an OVS or Linux bridge
// and, marked `likely` with the reason, veth pairs only Neutron's naming
// suggests (qvb…/qvo… with the same port id).

import type { Endpoint, EvidenceRef, Interface, Link, Topology } from './model.js';
import { msg, type Message } from '../message.js';

type Known = Interface & {
  peerRef?: { name?: string; ifindex?: number };
  peerNetnsId?: number;
  peerIfindex?: { index: number; evidence: EvidenceRef[] };
};

const endpoint = (i: Interface): Endpoint => ({ host: i.host, ...(i.netns ? { netns: i.netns } : {}), name: i.name });
const sameSpace = (a: Interface, b: Interface) => a.host === b.host && (a.netns ?? '') === (b.netns ?? '');

export function inferLinks(topology: Topology): void {
  const links = new LinkSet(topology.links);
  const interfaces = topology.interfaces as Known[];

  for (const itf of interfaces) {
    // `a@b` in the same namespace: the kernel names the veth peer.
    if (itf.peerRef?.name && itf.peerNetnsId === undefined) {
      const peer = interfaces.find((p) => sameSpace(p, itf) && p.name === itf.peerRef!.name);
      links.add({
        kind: 'veth', a: endpoint(itf), b: peer ? endpoint(peer) : { ...endpoint(itf), name: itf.peerRef.name },
        certainty: 'confirmed', evidence: [...firstLine(itf), ...(peer ? firstLine(peer) : [])],
      });
    }
    // `eth0@if2 … link-netnsid 0`: the peer is ifindex 2 in another namespace.
    if (itf.peerRef?.ifindex !== undefined) {
      const candidates = interfaces.filter((p) => p.host === itf.host && !sameSpace(p, itf) && p.ifindex === itf.peerRef!.ifindex);
      const mutual = candidates.filter((p) => p.peerRef?.ifindex === itf.ifindex);
      if (mutual.length === 1) {
        links.add({ kind: 'veth', a: endpoint(itf), b: endpoint(mutual[0]!), certainty: 'confirmed', evidence: [...firstLine(itf), ...firstLine(mutual[0]!)] });
      } else if (candidates.length === 1) {
        links.add({
          kind: 'veth', a: endpoint(itf), b: endpoint(candidates[0]!), certainty: 'likely',
          reason: msg('link:veth-by-ifindex', { name: itf.name, ifindex: itf.peerRef.ifindex, candidate: candidates[0]!.name }),
          evidence: [...firstLine(itf), ...firstLine(candidates[0]!)],
        });
      }
    }
    // `ethtool -S X` → peer_ifindex: N, and N is an interface of the same namespace.
    if (itf.peerIfindex) {
      const peer = interfaces.find((p) => sameSpace(p, itf) && p.ifindex === itf.peerIfindex!.index);
      if (peer) {
        links.add({ kind: 'veth', a: endpoint(itf), b: endpoint(peer), certainty: 'confirmed', evidence: [...itf.peerIfindex.evidence, ...firstLine(peer)] });
      }
    }
  }

  // OVS: patch pairs, tunnels, bridge membership.
  for (const bridge of topology.bridges) {
    for (const port of bridge.ports) {
      const here: Endpoint = { host: bridge.host, ...(bridge.netns ? { netns: bridge.netns } : {}), name: port.name };
      if (port.name !== bridge.name || bridge.kind === 'linux') {
        links.add({ kind: 'member', a: { host: bridge.host, ...(bridge.netns ? { netns: bridge.netns } : {}), name: bridge.name }, b: here, certainty: 'confirmed', evidence: port.evidence.slice(0, 1) });
      }
      if (port.type === 'patch' && port.options?.peer) {
        links.add({ kind: 'patch', a: here, b: { host: bridge.host, name: port.options.peer }, certainty: 'confirmed', evidence: port.evidence.slice(0, 1) });
      }
      const remote = port.options?.remote_ip;
      if (port.type && /^(gre|vxlan|geneve|stt|gretap|erspan)$/.test(port.type) && remote) {
        const local = port.options?.local_ip;
        const far = topology.bridges
          .filter((b) => b.host !== bridge.host)
          .flatMap((b) => b.ports.map((p) => ({ b, p })))
          .find(({ p }) => p.type === port.type && p.options?.local_ip === remote && (!local || p.options?.remote_ip === local));
        const link: Link = {
          kind: 'tunnel', a: here,
          b: far ? { host: far.b.host, name: far.p.name } : { host: remote, name: remote },
          certainty: far ? 'confirmed' : 'likely',
          tunnel_type: port.type, remote_ip: remote,
          evidence: [...port.evidence.slice(0, 1), ...(far ? far.p.evidence.slice(0, 1) : [])],
        };
        if (local) link.local_ip = local;
        const key = port.options?.key ?? port.options?.in_key ?? port.options?.out_key;
        if (key) link.key = key;
        if (!far) {
          link.reason = msg('link:tunnel-far-end-not-captured', { remote });
        }
        links.add(link);
      }
    }
  }

  // Neutron's hybrid plug names a veth pair qvb<port>/qvo<port>: likely a pair even when no capture shows it.
  for (const itf of interfaces) {
    const m = /^qvb(.+)$/.exec(itf.name);
    if (!m) continue;
    const peer = interfaces.find((p) => sameSpace(p, itf) && p.name === `qvo${m[1]}`);
    const b: Endpoint = peer ? endpoint(peer) : { ...endpoint(itf), name: `qvo${m[1]}` };
    if (links.has('veth', endpoint(itf), b)) continue;
    if (!peer) continue;
    links.add({
      kind: 'veth', a: endpoint(itf), b, certainty: 'likely',
      reason: NAMING_REASON(itf.name, b.name),
      evidence: [...firstLine(itf), ...firstLine(peer)],
    });
  }

  // Neutron's OVS agent joins br-int to a physical bridge X by a veth pair int-X/phy-X (patch ports in newer releases,
  // which `type: patch` already proves): likely a pair when both are ports, int-X on another bridge and phy-X on X.
  for (const bridge of topology.bridges) {
    if (bridge.kind !== 'ovs') continue;
    const phy = bridge.ports.find((p) => p.name === `phy-${bridge.name}`);
    if (!phy) continue;
    const int = topology.bridges.find((b) => b.kind === 'ovs' && b.host === bridge.host && b !== bridge && b.ports.some((p) => p.name === `int-${bridge.name}`));
    if (!int) continue;
    const a: Endpoint = { host: bridge.host, name: `int-${bridge.name}` };
    const b: Endpoint = { host: bridge.host, name: phy.name };
    if (links.has('veth', a, b) || links.has('patch', a, b)) continue;
    const intPort = int.ports.find((p) => p.name === a.name)!;
    links.add({
      kind: 'veth', a, b, certainty: 'likely',
      reason: msg('link:veth-by-agent-naming', { int: int.name, bridge: bridge.name }),
      evidence: [...intPort.evidence.slice(0, 1), ...phy.evidence.slice(0, 1)],
    });
  }
}

const NAMING_REASON = (a: string, b: string): Message => msg('link:veth-by-hybrid-naming', { a, b });

function firstLine(itf: Interface): EvidenceRef[] {
  return itf.evidence.slice(0, 1);
}

/** Links without duplicates: the same pair seen twice merges its evidence (and a likely link becomes confirmed). */
class LinkSet {
  private readonly byKey = new Map<string, Link>();

  constructor(private readonly list: Link[]) {
    for (const link of list) this.byKey.set(this.key(link.kind, link.a, link.b), link);
  }

  key(kind: string, a: Endpoint, b: Endpoint): string {
    const ka = `${a.host}/${a.netns ?? ''}/${a.name}`;
    const kb = `${b.host}/${b.netns ?? ''}/${b.name}`;
    return kind === 'member' || kind === 'vm' ? `${kind}|${ka}|${kb}` : `${kind}|${[ka, kb].sort().join('|')}`;
  }

  has(kind: string, a: Endpoint, b: Endpoint): boolean {
    return this.byKey.has(this.key(kind, a, b));
  }

  add(link: Link): void {
    const key = this.key(link.kind, link.a, link.b);
    const existing = this.byKey.get(key);
    if (!existing) {
      this.byKey.set(key, link);
      this.list.push(link);
      return;
    }
    for (const e of link.evidence) {
      if (!existing.evidence.some((x) => x.file === e.file && x.line === e.line)) existing.evidence.push(e);
    }
    if (link.certainty === 'confirmed' && existing.certainty === 'likely') {
      existing.certainty = 'confirmed';
      delete existing.reason;
    }
  }
}
