// One OpenFlow flow in words: its match fields and its actions, with port
// numbers turned into names where `ovs-ofctl show` gave them — as messages
// (flow:*, action:*) the catalogs say in each language.

import type { Flow, Topology } from '../../topology/model.js';
import { msg, type Message, type MessageValue } from '../../message.js';
import { vlanOfTci } from '../../topology/flow-vlans.js';

type Action = Flow['actions'][number];
interface PortRefLike { number?: number; name?: string; reserved?: string }

/** A port as a flow names it: its name, a reserved port (`NORMAL`), `name (port 2)` or `port 2`. */
export function portName(topology: Topology, flow: Pick<Flow, 'host' | 'bridge'>, ref: PortRefLike | string | undefined): MessageValue {
  if (ref === undefined) return '?';
  if (typeof ref === 'string') ref = /^\d+$/.test(ref) ? { number: Number(ref) } : { name: ref };
  if (ref.reserved) return ref.reserved;
  if (ref.name) return ref.name;
  const bridge = topology.bridges.find((b) => b.host === flow.host && b.name === flow.bridge);
  const named = bridge?.ports.find((p) => p.ofport === ref.number);
  return named ? msg('flow:named-port', { name: named.name, number: String(ref.number) }) : msg('flow:port-number', { number: String(ref.number) });
}

/** Match fields said in words; the others are shown by their own name. */
const FIELD_WORDS: Readonly<Record<string, Message>> = {
  in_port: msg('flow:field-in-port'),
  dl_vlan: msg('flow:field-vlan'),
  dl_dst: msg('flow:field-destination-mac'),
  dl_src: msg('flow:field-source-mac'),
  tun_id: msg('flow:field-tunnel-id'),
  dl_type: msg('flow:field-ethertype'),
};

function matchValue(field: string, value: string): Message | undefined {
  const vlan = field === 'vlan_tci' ? vlanOfTci(value) : undefined;
  if (vlan !== undefined) return msg('flow:vlan-tci', { vlan, tci: value });
  if (field === 'dl_dst' && value === '00:00:00:00:00:00/01:00:00:00:00:00') return msg('flow:unicast');
  if (field === 'dl_dst' && value === '01:00:00:00:00:00/01:00:00:00:00:00') return msg('flow:broadcast-multicast');
  return undefined;
}

export function matchWords(topology: Topology, flow: Flow): Message {
  const entries = Object.entries(flow.match);
  if (entries.length === 0) return msg('flow:matches-every-packet');
  const fields = entries.map(([field, value]) =>
    matchValue(field, value) ?? msg('flow:field-is', { field: FIELD_WORDS[field] ?? field, value: field === 'in_port' ? portName(topology, flow, value) : value }));
  return msg('flow:matches', { fields });
}

export function actionWords(topology: Topology, flow: Pick<Flow, 'host' | 'bridge'>, action: Action): MessageValue {
  const a = action as Action & Record<string, unknown>;
  switch (action.type) {
    case 'output': {
      const port = a.port as PortRefLike | undefined;
      if (port?.reserved === 'NORMAL') return msg('action:normal');
      if (!port) return msg('action:output-to-field', { field: action.text });
      return msg('action:output', { port: portName(topology, flow, port) });
    }
    case 'drop':
      return msg('action:drop');
    case 'resubmit':
    case 'goto_table':
      return a.table !== undefined ? msg('action:go-to-table', { table: String(a.table) }) : msg('action:resubmit-port', { port: portName(topology, flow, a.port as PortRefLike) });
    case 'mod_vlan_vid':
      return msg('action:set-vlan', { vlan: String(a.vlan) });
    case 'strip_vlan':
      return msg('action:strip-vlan');
    case 'set_tunnel':
      return msg('action:set-tunnel-id', { id: String(a.id) });
    case 'set_field':
      return msg('action:set-field', { field: String(a.field), value: String(a.value) });
    case 'load': {
      // what learned br-tun flows do: `load:0->NXM_OF_VLAN_TCI[]` (untag), `load:0x2a->NXM_NX_TUN_ID[]` (tunnel id)
      const dst = a.dst as { field?: string; start?: number } | undefined;
      const whole = dst?.start === undefined;
      if (dst?.field === 'NXM_NX_TUN_ID' && whole) return msg('action:set-tunnel-id', { id: String(a.value) });
      if (dst?.field === 'NXM_OF_VLAN_TCI' && whole && Number(a.value) === 0) return msg('action:strip-vlan');
      return action.text;
    }
    case 'learn':
      return msg('action:learn', { table: String(a.table), learn: action.text.length > 60 ? 'learn(...)' : action.text });
    default:
      return action.text;
  }
}

export function flowWords(topology: Topology, flow: Flow): Message {
  const actions = flow.actions.map((a) => actionWords(topology, flow, a));
  return msg('flow:words', { priority: flow.priority, match: matchWords(topology, flow), actions: actions.length ? actions : [msg('action:drop')] });
}
