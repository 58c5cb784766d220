// The flow tracer's model: the packet it is given (what is known of it, in
// match syntax), the steps it takes through a bridge's tables (lookups and
// actions, `depth` one more inside each resubmit), and where copies leave.
// trace.ts works it out; trace-words.ts says it; walks and the CLI read it.

import type { Flow } from '../../topology/model.js';

type Action = Flow['actions'][number];
export interface PortRefLike { number?: number; name?: string; reserved?: string }

/** A bridge port as the tracer needs it: its name and, when a capture gave it, its OpenFlow number. */
export interface TracePort { name: string; ofport?: number }

export interface TracePacket {
  /** The port the packet enters by: its name, its OpenFlow number, or both. */
  inPort: { name?: string; number?: number };
  /**
   * What is known of the packet, in match syntax (`dl_vlan: '1'`, `eth_dst:
   * 'ff:ff:ff:ff:ff:ff'`, `arp: ''`, `nw_dst: '169.254.169.254'`). `dl_vlan`
   * of `0xffff` (or `vlan_tci: '0'`) means untagged; `value/mask` makes only
   * the masked bits known. Anything not given is unknown.
   */
  fields?: Record<string, string>;
}

/** A flow of higher priority that may match instead, and the unknown fields its match depends on (none: the same priority). */
export interface Unless { flow: Flow; fields: string[] }

export type TraceStep =
  | { kind: 'lookup'; depth: number; table: number; flow?: Flow; unless: Unless[] }
  | { kind: 'set'; depth: number; action: Action; field: string; value?: string }
  | { kind: 'output'; depth: number; action: Action; port: PortRefLike; vlan?: number | null; tunnelId?: string; skipped?: 'in_port'; packet?: Record<string, string> }
  | { kind: 'forward'; depth: number; action: Action; how: string; vlan?: number | null; tunnelId?: string }
  | { kind: 'learn'; depth: number; action: Action; table?: number }
  | { kind: 'conntrack'; depth: number; action: Action; table?: number; commit: boolean }
  | { kind: 'other'; depth: number; action: Action; evaluated: boolean }
  | { kind: 'drop'; depth: number; why: 'action' | 'miss' | 'unknown-port' }
  | { kind: 'limit'; depth: number; table: number };

export interface Trace {
  host: string;
  bridge: string;
  packet: TracePacket;
  steps: TraceStep[];
  /** Where copies of the packet leave the tables: output ports and the reserved ones (NORMAL, FLOOD …). */
  exits: Extract<TraceStep, { kind: 'output' | 'forward' }>[];
  /** True when no lookup depended on an unknown field and every action was followed. */
  certain: boolean;
}

/** One bridge of a trace that follows patch ports: the bridge before, the patch port it left by and the peer it came in by. */
export interface BridgeTrace { trace: Trace; from?: { bridge: string; port: string; peer: string } }

