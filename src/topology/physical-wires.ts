// Hosts joined by their physical wires. No capture can show a cable, so two
// hosts' NICs are joined only as `likely`, and only when the captures make it
// likely, saying why:
//   provider VLAN  both NICs carry the same VLAN id: the flows of the OVS bridge
//                  holding each NIC turn a local VLAN into it on the way out
//                  (`in_port=phy-…,dl_vlan=1 actions=mod_vlan_vid:101`), or take
//                  it in from the NIC, or the bridge joined to that one takes it
//                  in from the joining port (`in_port=int-…,dl_vlan=101
//                  actions=mod_vlan_vid:1`);
//   flat network   both NICs carry a flat provider network, untagged on the
//                  wire: the flows next to each strip a local VLAN on the way
//                  out (`in_port=phy-…,dl_vlan=1 actions=strip_vlan`), or tag
//                  what comes in untagged from the NIC or the joining port
//                  (`in_port=int-…,vlan_tci=0x0000 actions=mod_vlan_vid:1`);
//                  with no id on the wire, two flat networks on one NIC cannot
//                  be told apart, so this only says both carry one;
//   subnet         both NICs, or the bridges holding them, have IPv4 addresses
//                  in one subnet.
// A NIC is an interface of a host's root namespace that is no bridge, no OVS
// internal/patch/tunnel port, no tap, and no end of a veth or patch pair whose
// other end is on the same host (eth1 of a lab host is a veth to another host).

import ipaddr from 'ipaddr.js';
import type { Bridge, Endpoint, EvidenceRef, Interface, Link, Topology } from './model.js';
import { msg, type Message, type MessageValue } from '../message.js';
import { endpointKey, mergeEvidence } from './refs.js';
import { fromPort, matchesUntagged, untagsBy, vlanMatchedBy, vlanSetBy } from './flow-vlans.js';

/** Kinds (`ip -d link`, OVS interface types) that are never a host's wire. */
const NOT_NIC = new Set([
  'internal', 'tap', 'tun', 'bridge', 'openvswitch', 'patch', 'loopback', 'dummy', 'ifb', 'vrf',
  'gre', 'gretap', 'ip6gre', 'ip6gretap', 'vxlan', 'geneve', 'stt', 'lisp', 'erspan', 'ipip', 'sit', 'ip6tnl', 'wireguard',
  'vlan', 'macvlan', 'macvtap', 'ipvlan',
]);

/** One reason a NIC carries a VLAN (or, `untagged`, a flat network): the flow that translates it, in words. */
interface VlanClue { vlan: number | 'untagged'; text: Message; evidence: EvidenceRef[] }

/** An IPv4 address held by the NIC or by the bridge holding it. */
interface HeldAddress { cidr: string; subnet: string; on: string; evidence: EvidenceRef[] }

interface Nic { itf: Interface; vlans: VlanClue[]; addresses: HeldAddress[] }

export function inferPhysicalWires(topology: Topology): void {
  const nics = physicalNics(topology)
    .sort((x, y) => (x.host === y.host ? cmp(x.name, y.name) : cmp(x.host, y.host)))
    .map((itf): Nic => {
      const bridge = topology.bridges.find((b) => b.host === itf.host && !b.netns && b.name !== itf.name && b.ports.some((p) => p.name === itf.name));
      return { itf, vlans: bridge?.kind === 'ovs' ? vlanClues(topology, bridge, itf.name) : [], addresses: heldAddresses(topology, itf, bridge) };
    });
  for (let i = 0; i < nics.length; i++) {
    for (let j = i + 1; j < nics.length; j++) {
      const a = nics[i]!;
      const b = nics[j]!;
      if (a.itf.host === b.itf.host) continue;
      const link = wire(a, b);
      if (link) topology.links.push(link);
    }
  }
}

function wire(a: Nic, b: Nic): Link | undefined {
  const vlans = [...new Set(a.vlans.map((c) => c.vlan))].filter((v): v is number => v !== 'untagged' && b.vlans.some((c) => c.vlan === v)).sort((x, y) => x - y);
  const flat = a.vlans.some((c) => c.vlan === 'untagged') && b.vlans.some((c) => c.vlan === 'untagged');
  const pair = a.addresses.flatMap((x) => b.addresses.filter((y) => y.subnet === x.subnet && y.cidr !== x.cidr).map((y) => [x, y] as const))[0];
  if (!vlans.length && !flat && !pair) return undefined;
  const clues = [...a.vlans, ...b.vlans].filter((c) => (c.vlan === 'untagged' ? flat : vlans.includes(c.vlan)));
  const parts: Message[] = [];
  if (vlans.length) {
    parts.push(msg('wire:both-carry-vlans', { vlans, clues: clues.filter((c) => c.vlan !== 'untagged').map((c) => c.text) }));
  }
  if (flat) {
    parts.push(msg('wire:both-carry-flat', { clues: clues.filter((c) => c.vlan === 'untagged').map((c) => c.text) }));
  }
  if (pair) {
    const [x, y] = pair;
    parts.push(msg('wire:both-in-subnet', { subnet: x.subnet, cidrA: x.cidr, onA: x.on, hostA: a.itf.host, cidrB: y.cidr, onB: y.on, hostB: b.itf.host }));
  }
  const link: Link = {
    kind: 'physical', a: endpoint(a.itf), b: endpoint(b.itf), certainty: 'likely',
    reason: msg('wire:likely', { a: a.itf.name, hostA: a.itf.host, b: b.itf.name, hostB: b.itf.host, because: parts }),
    evidence: mergeEvidence(a.itf.evidence.slice(0, 1), b.itf.evidence.slice(0, 1), ...clues.map((c) => c.evidence), pair?.[0].evidence, pair?.[1].evidence),
  };
  if (vlans.length) link.vlans = vlans;
  if (flat) link.flat = true;
  if (pair) link.subnet = pair[0].subnet;
  return link;
}

function physicalNics(topology: Topology): Interface[] {
  // ends of pairs whose other end is on the same host: a cable inside the host, not to another one
  const local = new Set<string>();
  for (const l of topology.links) {
    if ((l.kind === 'veth' || l.kind === 'patch' || l.kind === 'vm') && l.a.host === l.b.host) for (const e of [l.a, l.b]) local.add(endpointKey(e));
  }
  const bridgeNames = new Set(topology.bridges.map((b) => `${b.host}\u0000${b.name}`));
  const portType = (itf: Interface) => topology.bridges.find((b) => b.host === itf.host && b.ports.some((p) => p.name === itf.name))?.ports.find((p) => p.name === itf.name)?.type;
  return topology.interfaces.filter((itf) =>
    !itf.netns && itf.name !== 'lo' && !itf.flags?.includes('LOOPBACK') &&
    !NOT_NIC.has(itf.kind ?? '') && !NOT_NIC.has(portType(itf) ?? '') &&
    !bridgeNames.has(`${itf.host}\u0000${itf.name}`) && !local.has(endpointKey(itf)));
}

/** The VLANs the flows next to a NIC put on its wire or take from it. */
function vlanClues(topology: Topology, bridge: Bridge, nic: string): VlanClue[] {
  const clues: VlanClue[] = [];
  const flowsOf = (b: Bridge) => topology.flows.filter((f) => f.host === b.host && f.bridge === b.name);
  for (const f of flowsOf(bridge)) {
    const t = translation(f);
    // a flow without in_port works both ways: it does not say which side is the wire
    if (!t || f.match.in_port === undefined) continue;
    const fromNic = fromPort(f, bridge, nic);
    if (fromNic === 'certain') clues.push(clue(t.matched, t, bridge, nic, f.evidence));
    else if (fromNic === false) clues.push(clue(t.set, t, bridge, undefined, f.evidence));
  }
  // the bridge joined to this one by a veth or patch pair (br-int ↔ br-eth1) takes the wire's VLAN in by its end of the pair
  for (const port of bridge.ports) {
    if (port.name === nic || port.name === bridge.name) continue;
    for (const l of topology.links) {
      if ((l.kind !== 'veth' && l.kind !== 'patch') || l.a.host !== bridge.host || l.b.host !== bridge.host) continue;
      const far = l.a.name === port.name ? l.b.name : l.b.name === port.name ? l.a.name : undefined;
      if (!far) continue;
      const next = topology.bridges.find((b) => b.kind === 'ovs' && b.host === bridge.host && b !== bridge && b.ports.some((p) => p.name === far));
      if (!next) continue;
      for (const f of flowsOf(next)) {
        const t = translation(f);
        if (t && f.match.in_port !== undefined && fromPort(f, next, far) === 'certain') clues.push(clue(t.matched, t, next, far, f.evidence));
      }
    }
  }
  return clues;
}

type Tagging = number | 'untagged';

/** What a flow turns into what: VLAN → VLAN, VLAN → untagged (strip_vlan), untagged → VLAN (`vlan_tci=0x0000 actions=mod_vlan_vid`). */
function translation(f: Topology['flows'][number]): { matched: Tagging; set: Tagging } | undefined {
  const set = vlanSetBy(f);
  if (matchesUntagged(f)) return set !== undefined ? { matched: 'untagged', set } : undefined;
  const matched = vlanMatchedBy(f);
  if (matched === undefined) return undefined;
  if (set !== undefined) return matched !== set ? { matched, set } : undefined;
  return untagsBy(f) ? { matched, set: 'untagged' } : undefined;
}

function clue(vlan: Tagging, t: { matched: Tagging; set: Tagging }, bridge: Bridge, from: string | undefined, evidence: EvidenceRef[]): VlanClue {
  const tagging = (v: Tagging): Message => (v === 'untagged' ? msg('wire:untagged') : msg('wire:vlan', { vlan: v }));
  // VLAN → VLAN keeps its old words ("VLAN 1 → 101"); a flat network's flows say untagged on their side
  const set: MessageValue = t.set === 'untagged' || t.matched === 'untagged' ? tagging(t.set) : t.set;
  const at = { host: bridge.host, bridge: bridge.name };
  return {
    vlan,
    text: from === undefined
      ? msg('wire:clue', { ...at, matched: tagging(t.matched), set })
      : t.matched === 'untagged'
        ? msg('wire:clue-untagged-from', { ...at, from, set })
        : msg('wire:clue-vlan-from', { ...at, vlan: t.matched, from, set }),
    evidence,
  };
}

/** IPv4 and IPv6 addresses in a subnet (no loopback, link-local, /32 or /128) on the NIC or on the bridge holding it (the host's IP on br-eth1). */
function heldAddresses(topology: Topology, nic: Interface, bridge: Bridge | undefined): HeldAddress[] {
  const holders = [nic, ...(bridge ? topology.interfaces.filter((i) => i.host === nic.host && !i.netns && i.name === bridge.name) : [])];
  const out: HeldAddress[] = [];
  for (const holder of holders) {
    for (const a of holder.addresses) {
      const subnet = a.family === 'inet' || a.family === 'inet6' ? subnetOf(a.cidr) : undefined;
      if (subnet && a.scope !== 'host' && a.scope !== 'link') out.push({ cidr: a.cidr, subnet, on: holder.name, evidence: a.evidence });
    }
  }
  return out;
}

/**
 * `198.51.100.11/24` → `198.51.100.0/24`, `2001:db8:1::11/64` → `2001:db8:1::/64`;
 * undefined for loopback, link-local, a single host (/32, /128) or no prefix.
 */
export function subnetOf(cidr: string): string | undefined {
  if (ipaddr.IPv4.isValidCIDR(cidr)) {
    const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
    if (prefix < 1 || prefix > 31) return undefined;
    const range = address.range();
    if (range === 'loopback' || range === 'linkLocal') return undefined;
    return `${ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()}/${prefix}`;
  }
  if (ipaddr.IPv6.isValidCIDR(cidr)) {
    const [address, prefix] = ipaddr.IPv6.parseCIDR(cidr);
    if (prefix < 1 || prefix > 127) return undefined;
    const range = address.range();
    if (range === 'loopback' || range === 'linkLocal' || range === 'multicast') return undefined;
    return `${ipaddr.IPv6.networkAddressFromCIDR(cidr).toString()}/${prefix}`;
  }
  return undefined;
}

const endpoint = (i: Interface): Endpoint => ({ host: i.host, name: i.name });
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

