// The VLAN ids an OpenFlow flow matches and sets, whether it takes or leaves a
// frame untagged (a flat provider network), and whether its in_port is a given
// port: the few readings of a flow that both the topology (which NICs carry the
// same provider VLAN or flat network) and the packet walks need.

import type { Bridge, Flow } from './model.js';

/**
 * The VLAN a `vlan_tci=VALUE/MASK` match selects when the mask covers the whole
 * 12-bit VLAN id — what `learn(NXM_OF_VLAN_TCI[0..11], …)` writes:
 *   vlan_tci=0x0001/0x0fff   → VLAN 1
 *   vlan_tci=0x1000/0x1000   → undefined (only "has a tag")
 */
export function vlanOfTci(tci: string | undefined): number | undefined {
  const m = /^(0x[0-9a-f]+)\/(0x[0-9a-f]+)$/i.exec(tci ?? '');
  if (!m) return undefined;
  const value = parseInt(m[1]!, 16);
  const mask = parseInt(m[2]!, 16);
  return (mask & 0x0fff) === 0x0fff ? value & 0x0fff : undefined;
}

/** The VLAN a flow matches: `dl_vlan=V` or a fully masked `vlan_tci`. */
export function vlanMatchedBy(flow: Flow): number | undefined {
  const dl = flow.match.dl_vlan;
  if (dl !== undefined && /^\d+$/.test(dl)) return Number(dl);
  return vlanOfTci(flow.match.vlan_tci);
}

/** The VLAN a flow's actions set: `mod_vlan_vid:V`, or `set_field:4097->vlan_vid` (OpenFlow 1.3 puts the present bit 0x1000 in). */
export function vlanSetBy(flow: Flow): number | undefined {
  for (const a of flow.actions) {
    if (a.type === 'mod_vlan_vid' && typeof a.vlan === 'number') return a.vlan;
    if (a.type === 'set_field' && a.field === 'vlan_vid' && !Number.isNaN(Number(a.value))) return Number(a.value) & 0x0fff;
  }
  return undefined;
}

/**
 * Whether a flow matches only untagged frames, as the Neutron OVS agent's br-int
 * flow for a flat network does: `dl_vlan=0xffff` (OpenFlow 1.0's "no VLAN"),
 * `vlan_tci=0x0000` (how ovs-ofctl prints that back), or a masked
 * `vlan_tci=0x0000/0x1fff` (OpenFlow 1.3 agents) — any match whose mask holds
 * the 802.1Q "tag present" bit 0x1000 and whose value is 0 under the mask.
 */
export function matchesUntagged(flow: Flow): boolean {
  const dl = flow.match.dl_vlan?.toLowerCase();
  if (dl === '0xffff' || dl === '65535') return true;
  const m = /^(0x[0-9a-f]+|\d+)(?:\/(0x[0-9a-f]+|\d+))?$/i.exec(flow.match.vlan_tci ?? '');
  if (!m) return false;
  const value = Number(m[1]);
  const mask = m[2] === undefined ? 0xffff : Number(m[2]);
  return (mask & 0x1000) !== 0 && (value & mask) === 0;
}

/**
 * Whether a flow's actions leave the frame untagged: `strip_vlan`, `pop_vlan`
 * or `load:0->NXM_OF_VLAN_TCI[]` with no VLAN set after it and no tunnel key
 * set (br-tun strips the VLAN too, but puts the frame in a tunnel: that is a
 * key, not a flat network).
 */
export function untagsBy(flow: Flow): boolean {
  let untagged = false;
  for (const a of flow.actions) {
    const dst = a.dst as { field?: string; start?: number } | undefined;
    if (a.type === 'strip_vlan' || a.type === 'pop_vlan') untagged = true;
    else if (a.type === 'load' && dst?.field === 'NXM_OF_VLAN_TCI' && dst.start === undefined && Number(a.value) === 0) untagged = true;
    else if (a.type === 'mod_vlan_vid' || a.type === 'push_vlan' || (a.type === 'set_field' && (a.field === 'vlan_vid' || a.field === 'vlan_tci'))) untagged = false;
  }
  return untagged && keySetBy(flow) === undefined;
}

/** The tunnel key a flow's actions set: `set_tunnel:K`, `set_field:K->tun_id`, `load:K->NXM_NX_TUN_ID[]` (learned flows). */
export function keySetBy(flow: Flow): string | undefined {
  for (const a of flow.actions) {
    if (a.type === 'set_tunnel' && a.id !== undefined) return String(a.id);
    if (a.type === 'set_field' && a.field === 'tun_id') return String(a.value);
    const dst = a.dst as { field?: string; start?: number } | undefined;
    if (a.type === 'load' && dst?.field === 'NXM_NX_TUN_ID' && dst.start === undefined && a.value !== undefined) return String(a.value);
  }
  return undefined;
}

/**
 * Whether a flow's `in_port` is this port: `certain` by name, by a number
 * `ovs-ofctl show` gave, or with no in_port at all; `maybe` when the number is
 * one no capture gives to any port of the bridge.
 */
export function fromPort(flow: Flow, bridge: Bridge, port: string): 'certain' | 'maybe' | false {
  const inPort = flow.match.in_port;
  if (inPort === undefined || inPort === port) return 'certain';
  if (!/^\d+$/.test(inPort)) return false;
  const ofport = bridge.ports.find((p) => p.name === port)?.ofport;
  if (ofport !== undefined) return ofport === Number(inPort) ? 'certain' : false;
  return bridge.ports.some((p) => p.ofport === Number(inPort)) ? false : 'maybe';
}
