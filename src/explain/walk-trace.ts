// A walk's pass through an OVS bridge with real flow processing, traced table
// by table (openflow/trace.ts) with what the walk knows of the frame: the port it
// enters by, its VLAN or tunnel id, and what kind of packet the walk is (DHCP
// broadcast, a unicast to the router's or the other VM's MAC, TCP to the
// metadata address). What the walk does not know stays unknown, so a flow
// that depends on it is named, not guessed.

import type { Bridge, EvidenceRef, Topology } from '../topology/model.js';
import { msg, type Message } from '../message.js';
import type { Hop, Segment } from './path-search.js';
import { bridgeTracer, surelyNotSentOut } from './openflow/trace.js';
import type { Trace, TracePacket } from './openflow/model.js';
import { isPlainSwitch } from './openflow/plain-switch.js';
import { METADATA_IP } from './rules/metadata.js';
import { type TraceLine, traceLines, traceOutcome } from './openflow/trace-words.js';

/** What kind of packet a walk follows, in match syntax (`udp: ''`, `tp_dst: '67'`); `dl_dst` may be left for the path to give. */
export type WalkFrame = Record<string, string>;

export const DHCP_FRAME: WalkFrame = { udp: '', dl_dst: 'ff:ff:ff:ff:ff:ff', nw_dst: '255.255.255.255', tp_dst: '67' };
export const METADATA_FRAME: WalkFrame = { tcp: '', nw_dst: METADATA_IP, tp_dst: '80' };
export const IP_FRAME: WalkFrame = { ip: '' };

/** Some unicast address: only the group bit (the first octet's lowest) is known. */
const UNICAST = '00:00:00:00:00:00/01:00:00:00:00:00';

/**
 * The destination MAC of a walk's frame from where the path ends: the
 * interface it enters a namespace by (the router's or DHCP server's port), or
 * the NIC of the VM it ends at; else only "some unicast address".
 */
export function destinationMac(topology: Topology, path: Hop[]): string {
  for (let i = 1; i < path.length; i++) {
    const { node } = path[i]!;
    if (node.kind === 'namespace') {
      const port = path[i - 1]!.node;
      const mac = topology.interfaces.find((x) => x.host === node.host && x.netns === node.name && x.name === port.name)?.mac;
      if (mac) return mac;
      break;
    }
    if (node.kind === 'vm') {
      const mac = vmMac(topology, node, path[i - 1]!.node.name);
      if (mac) return mac;
      break;
    }
  }
  return UNICAST;
}

/** The guest MAC of a VM's NIC on tap device `tap`, where `virsh dumpxml` gave it. */
export function vmMac(topology: Topology, vm: { host: string; name: string }, tap: string | undefined): string | undefined {
  return topology.vms.find((v) => v.host === vm.host && v.name === vm.name)?.interfaces.find((x) => x.tap === tap)?.mac;
}

/** The frame as it enters `bridge` by `port`, for the tracer. */
export function enteringPacket(port: string, frame: WalkFrame, carried: { portTag?: number | undefined; before?: Segment | undefined; tunnelled: boolean }): TracePacket {
  const fields: Record<string, string> = { ...frame };
  if (carried.tunnelled) {
    // decapsulated: untagged, with the key it came with
    fields.vlan_tci = '0';
    if (carried.before?.kind === 'key') fields.tun_id = carried.before.key;
  } else {
    // not from a tunnel: OVS gives it tunnel id 0
    fields.tun_id = '0';
    // an access port's tag is added by NORMAL, not seen by the flows: the frame enters untagged
    if (carried.portTag !== undefined) fields.vlan_tci = '0';
    else if (carried.before?.kind === 'vlan') fields.dl_vlan = String(carried.before.vlan);
    // a flat network's frame (from the wire, or after strip_vlan): flows matching vlan_tci=0x0000 or dl_vlan=0xffff take it
    else if (carried.before?.kind === 'untagged') fields.vlan_tci = '0';
  }
  return { inPort: { name: port }, fields };
}

/**
 * The frame entering an OVS bridge by `port`, traced through the bridge's
 * flows; undefined for a bridge with no captured flows or only `actions=NORMAL`
 * (a learning switch: nothing to trace).
 */
export function traceEntering(topology: Topology, bridge: Bridge, port: string, frame: WalkFrame, carried: Parameters<typeof enteringPacket>[2]): Trace | undefined {
  const flows = topology.flows.filter((f) => f.host === bridge.host && f.bridge === bridge.name);
  if (!flows.length || isPlainSwitch(flows)) return undefined;
  return bridgeTracer(topology, bridge).trace(enteringPacket(port, frame, carried));
}

/**
 * A walk step's words for a trace: a sentence with where the flows send the
 * frame, and the lines table by table, with the flows they rest on.
 */
export function traceWords(topology: Topology, trace: Trace, leavesBy: string | undefined): { message: Message; tables: TraceLine[]; evidence: EvidenceRef[] } {
  const tables = traceLines(topology, trace);
  const sentences: Message[] = [msg('walk:traced', { outcome: traceOutcome(topology, trace) })];
  // the path leaves by a port the traced flows never send to: say so rather than hide it
  if (leavesBy !== undefined && surelyNotSentOut(trace, leavesBy)) sentences.push(msg('walk:not-sent-out', { port: leavesBy }));
  return { message: msg('common:sentences', { sentences }), tables, evidence: tables.flatMap((l) => l.evidence) };
}
