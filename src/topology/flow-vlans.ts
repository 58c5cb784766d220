// The VLAN ids an OpenFlow flow matches and sets, and whether its in_port is a
// given port: the few readings of a flow that both the topology (which NICs
// carry the same provider VLAN) and the packet walks need.

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
