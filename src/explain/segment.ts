// What a frame carries on the part of the network it is in — its segment —
// and how OVS bridges change it, read from the captured flows:
//   br-int access port tag: 1                       → VLAN 1
//   br-tun  dl_vlan=1 actions=strip_vlan,set_tunnel:0x2a,output:2   → key 0x2a
//   br-tun  tun_id=0x2a actions=mod_vlan_vid:2,resubmit(,10)        → VLAN 2
//   br-eth1 in_port=2,dl_vlan=1 actions=mod_vlan_vid:101,NORMAL      → VLAN 101
//   br-int  in_port=1,dl_vlan=101 actions=mod_vlan_vid:1,NORMAL      → VLAN 1
//   eth1 ~ likely wire ~ eth1 of another host                       → VLAN 101, from the wire
// A flat provider network carries the frame with no 802.1Q header on the wire:
// segment `untagged`, made and undone by the flows as Neutron's agent installs
// them for network_type flat:
//   br-eth1 in_port=2,dl_vlan=1 actions=strip_vlan,NORMAL           → untagged
//   eth1 ~ likely wire ~ eth1 of another host                       → untagged, from the wire
//   br-int  in_port=1,vlan_tci=0x0000 actions=mod_vlan_vid:2,NORMAL  → VLAN 2
// (`pop_vlan` or `load:0->NXM_OF_VLAN_TCI[]` untag too; `dl_vlan=0xffff` or
// `vlan_tci=0x0000/0x1fff` match untagged too). An untagged frame never leaves
// by an access port (tag=N): only a flow that tags it puts it in a local VLAN.
// A bridge with translation flows drops what none of them maps (Neutron's agents
// install one per network); where a bridge's flows are not captured the
// segment becomes `unknown` with the reason, so a walk says it is not provable.

import type { Bridge, Flow, Link, Topology } from '../topology/model.js';
import { msg, type Message } from '../message.js';
import { fromPort, keySetBy, matchesUntagged, untagsBy, vlanOfTci, vlanSetBy } from '../topology/flow-vlans.js';
import { isPlainSwitch } from './openflow/plain-switch.js';


export type Proof =
  | { kind: 'port-tag'; host: string; bridge: string; port: string }
  | { kind: 'flow'; host: string; bridge: string; flows: Flow[] }
  | { kind: 'port-option' }
  /** Carried over a physical wire from another host: the VLAN on the wire, not (yet) a local VLAN of this host. */
  | { kind: 'wire'; link: Link; from: string };

export type Segment =
  | { kind: 'vlan'; vlan: number; proof?: Proof }
  | { kind: 'key'; key: string; proof?: Proof }
  /** No 802.1Q header: a flat provider network between the physical bridges (proof: the flow that stripped the VLAN, or the wire). */
  | { kind: 'untagged'; proof?: Proof }
  | { kind: 'unknown'; reason: Message };

export interface Move { segment?: Segment | undefined; unproven?: Message }

const TUNNEL_TYPES = new Set(['gre', 'vxlan', 'geneve', 'stt', 'lisp', 'gre64', 'erspan']);

export function isTunnelPort(topology: Topology, bridge: Bridge, name: string): boolean {
  const port = bridge.ports.find((p) => p.name === name);
  if (port?.type && TUNNEL_TYPES.has(port.type)) return true;
  return topology.links.some((l) => l.kind === 'tunnel' && ((l.a.host === bridge.host && l.a.name === name) || (l.b.host === bridge.host && l.b.name === name)));
}

export function flowsOf(topology: Topology, bridge: Bridge): Flow[] {
  return topology.flows.filter((f) => f.host === bridge.host && f.bridge === bridge.name);
}

/** Whether a `tun_id` match (`0x2a`, or masked `0x2a/0xffff`) takes tunnel key `key`. */
function sameKey(match: string | undefined, key: string): boolean {
  if (match === undefined) return false;
  const [value, mask] = match.split('/');
  const k = Number(key);
  if (Number.isNaN(k) || Number.isNaN(Number(value))) return false;
  if (mask === undefined) return Number(value) === k;
  // the masked bits, compared as BigInt: tunnel ids are 64-bit
  const m = BigInt(mask);
  return (BigInt(value!) & m) === (BigInt(k) & m);
}

/** A tagged or untagged frame in words, for reasons: `VLAN 101`, `the untagged (flat network) frame`. */
function frameWords(segment: Segment & { kind: 'vlan' | 'untagged' }): Message {
  return segment.kind === 'vlan' ? msg('segment:vlan', { vlan: segment.vlan }) : msg('segment:untagged-frame');
}

/** Why what a frame becomes is not provable: `{what}` is the question (segment:what-…). */
function notCaptured(bridge: Bridge, what: Message): Message {
  return msg('segment:flows-not-captured', { host: bridge.host, bridge: bridge.name, what });
}

/** A frame enters OVS bridge `bridge` by port `port` carrying `segment`: what it carries inside, or undefined if the flows drop it. */
export function enterBridge(topology: Topology, bridge: Bridge, port: string, segment: Segment | undefined): Move | undefined {
  const tag = bridge.ports.find((p) => p.name === port)?.tag;
  if (tag !== undefined) return { segment: { kind: 'vlan', vlan: tag, proof: { kind: 'port-tag', host: bridge.host, bridge: bridge.name, port } } };
  if (!segment || segment.kind === 'unknown') return { segment };
  const flows = flowsOf(topology, bridge);
  if (segment.kind === 'key') {
    const label = msg('segment:what-key-becomes', { key: segment.key });
    if (!flows.length) return { segment: { kind: 'unknown', reason: notCaptured(bridge, label) } };
    const keyed = flows.filter((f) => f.match.tun_id !== undefined);
    if (!keyed.length) {
      return { segment: { kind: 'unknown', reason: msg('segment:no-flow-matches-key', { host: bridge.host, bridge: bridge.name, what: label }) } };
    }
    const mapping = keyed.filter((f) => sameKey(f.match.tun_id, segment.key) && vlanSetBy(f) !== undefined);
    if (!mapping.length) return undefined;
    return { segment: { kind: 'vlan', vlan: vlanSetBy(mapping[0]!)!, proof: { kind: 'flow', host: bridge.host, bridge: bridge.name, flows: mapping } } };
  }
  // a VLAN (or untagged frame) that came over a wire from another host means nothing here until this host's flows say what they make of it
  if (!flows.length && segment.proof?.kind === 'wire') {
    const what = segment.kind === 'vlan' ? msg('segment:what-wire-vlan-becomes', { vlan: segment.vlan }) : msg('segment:what-wire-untagged-becomes');
    return { segment: { kind: 'unknown', reason: notCaptured(bridge, what) } };
  }
  if (!flows.length || isPlainSwitch(flows)) return { segment };
  // the flows from this port that give an untagged frame a VLAN (flat network: br-int's `vlan_tci=0x0000 actions=mod_vlan_vid:LOCAL`)
  const tagging = flows.filter((f) => fromPort(f, bridge, port) && matchesUntagged(f) && vlanSetBy(f) !== undefined);
  const translating = flows.filter((f) => fromPort(f, bridge, port) && (f.match.dl_vlan !== undefined || vlanOfTci(f.match.vlan_tci) !== undefined) && !matchesUntagged(f) && (keySetBy(f) !== undefined || vlanSetBy(f) !== undefined || untagsBy(f)));
  // what a port's flows map (tagged or untagged) they map alone: anything else from it is dropped
  const surelyMapped = [...tagging, ...translating].some((f) => fromPort(f, bridge, port) === 'certain');
  if (segment.kind === 'untagged') {
    if (!tagging.length) return surelyMapped ? undefined : { segment };
    return { segment: { kind: 'vlan', vlan: vlanSetBy(tagging[0]!)!, proof: { kind: 'flow', host: bridge.host, bridge: bridge.name, flows: tagging } } };
  }
  // a VLAN-tagged frame from a trunk, patch or veth: the flows for this VLAN (from this port) rewrite it, or strip it (flat network)
  const forThis = translating.filter((f) => Number(f.match.dl_vlan ?? vlanOfTci(f.match.vlan_tci)) === segment.vlan);
  // the flood/unicast flows Neutron installs for the VLAN (dl_vlan=…) prove the mapping; learned ones (vlan_tci=…) only add to it
  const installed = forThis.filter((f) => f.match.dl_vlan !== undefined);
  const proof = installed.length ? installed : forThis;
  // no flow maps this VLAN: dropped if flows surely from this port map other VLANs, else it goes on as it is
  if (!proof.length) return surelyMapped ? undefined : { segment };
  const key = proof.map(keySetBy).find((k) => k !== undefined);
  if (key !== undefined) return { segment: { kind: 'key', key, proof: { kind: 'flow', host: bridge.host, bridge: bridge.name, flows: proof.filter((f) => keySetBy(f) !== undefined) } } };
  const vlan = proof.map(vlanSetBy).find((v) => v !== undefined);
  if (vlan === undefined) return { segment: { kind: 'untagged', proof: { kind: 'flow', host: bridge.host, bridge: bridge.name, flows: proof.filter(untagsBy) } } };
  return { segment: { kind: 'vlan', vlan, proof: { kind: 'flow', host: bridge.host, bridge: bridge.name, flows: proof.filter((f) => vlanSetBy(f) !== undefined) } } };
}

/** A frame leaves OVS bridge `bridge` by tunnel port `port`: the key it is sent with, or undefined if the flows do not send it there. */
export function leaveByTunnel(topology: Topology, bridge: Bridge, port: string, segment: Segment | undefined): Move | undefined {
  if (!segment || segment.kind === 'unknown') return { segment };
  const flows = flowsOf(topology, bridge);
  if (segment.kind === 'vlan' || segment.kind === 'untagged') {
    const what = frameWords(segment);
    if (!flows.length) return { segment: { kind: 'unknown', reason: notCaptured(bridge, msg('segment:what-key-frame-gets', { frame: what })) } };
    // a learning switch sends it on as it is; the port's own key (options:key=…) then applies
    return isPlainSwitch(flows) ? {} : undefined;
  }
  // the flows that set the key also say where they send it: `output:2` must be this port
  const proofFlows = segment.proof?.kind === 'flow' ? segment.proof.flows : [];
  const outputs = proofFlows.flatMap((f) => f.actions)
    .filter((a) => a.type === 'output')
    .map((a) => a.port as { number?: number; name?: string } | undefined)
    .filter((r): r is { number?: number; name?: string } => r !== undefined && (r.number !== undefined || r.name !== undefined));
  if (!outputs.length) return { segment };
  const ofport = bridge.ports.find((p) => p.name === port)?.ofport;
  const reaches = outputs.some((r) => r.name === port || (r.number !== undefined && (ofport === undefined || r.number === ofport)));
  return reaches ? { segment } : undefined;
}

/**
 * A frame goes out of `nic` (on `from`) onto a likely physical wire: it
 * carries on the wire the VLAN it left with (or none: flat network), when the flows of the OVS bridge
 * holding the NIC are captured; when they are not, which VLAN it carries there
 * is not provable (that bridge may translate it, as Neutron's br-eth1 does).
 */
export function crossWire(topology: Topology, link: Link, from: string, nic: string, segment: Segment | undefined): Move | undefined {
  if (!segment || segment.kind === 'unknown') return { segment };
  if (segment.kind === 'key') return undefined;
  const bridge = topology.bridges.find((b) => b.kind === 'ovs' && b.host === from && b.name !== nic && b.ports.some((p) => p.name === nic));
  if (bridge && !flowsOf(topology, bridge).length) {
    return { segment: { kind: 'unknown', reason: notCaptured(bridge, msg('segment:what-vlan-on-wire', { nic })) } };
  }
  if (segment.kind === 'untagged') return { segment: { kind: 'untagged', proof: { kind: 'wire', link, from } } };
  return { segment: { kind: 'vlan', vlan: segment.vlan, proof: { kind: 'wire', link, from } } };
}
