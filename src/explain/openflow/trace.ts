// How one bridge's OpenFlow tables move a packet, worked out from the captured
// flows the way `ovs-appctl ofproto/trace` works it out inside OVS: look the
// packet up in table 0 (the highest-priority flow that matches wins), run that
// flow's actions in order — changing fields, following resubmit/goto_table
// into other tables, sending copies out — until nothing is left to do.
//
// Unlike ofproto/trace, a field the caller does not know is *unknown*, not
// zero: a flow whose match depends on it may or may not match, and the trace
// says so (`unless`) instead of guessing. The pipeline's own state (registers,
// metadata, conntrack fields) does start at zero, as in OVS.
// Hand-written: no library evaluates OpenFlow flows outside OVS itself.

import type { Bridge, Flow, Topology } from '../../topology/model.js';
import type { BridgeTrace, PortRefLike, Trace, TracePacket, TracePort, TraceStep, Unless } from './model.js';
import {
  CT_TRACKED, PROTOCOL_FIELDS, VLAN_PRESENT, VLAN_VIEWS, allOnes, type FieldSpec, fieldSpec, formatValue, parseInteger, parseMasked,
} from './fields.js';

type Action = Flow['actions'][number];

/** OVS's limits (ofproto-dpif-xlate.c): 64 nested resubmits, 4,096 in all. */
const MAX_DEPTH = 64;
const MAX_RESUBMITS = 4096;
const LOCAL = 65534;

/** A field's value and which of its bits are known. */
interface Bits { value: bigint; known: bigint }

/** Fields the pipeline itself keeps: zero when a packet enters. */
const PIPELINE_FIELDS = ['metadata', 'ct_state', 'ct_zone', 'ct_mark', 'pkt_mark', ...Array.from({ length: 16 }, (_, i) => `reg${i}`)];

class PacketState {
  readonly fields = new Map<string, Bits>();
  inPort: { name?: string; number?: number };

  constructor(packet: TracePacket) {
    this.inPort = { ...packet.inPort };
    for (const name of PIPELINE_FIELDS) this.fields.set(name, { value: 0n, known: allOnes(fieldSpec(name)!.bits) });
    for (const [name, text] of Object.entries(packet.fields ?? {})) this.give(name, text);
  }

  /** Takes one `name=value` of the packet description. */
  private give(name: string, text: string): void {
    const protocol = PROTOCOL_FIELDS[name];
    if (protocol && text === '') {
      this.write('eth_type', protocol[0], allOnes(16));
      if (protocol[1] !== undefined) this.write('ip_proto', protocol[1], allOnes(8));
      return;
    }
    if (name === 'dl_vlan') {
      const vid = parseInteger(text);
      if (vid === undefined) return;
      this.write('vlan_tci', vid === 0xffffn ? 0n : VLAN_PRESENT | (vid & 0xfffn), allOnes(16));
      return;
    }
    if (name === 'vlan_vid') {
      const vid = parseInteger(text);
      if (vid !== undefined) this.write('vlan_tci', vid === 0n ? 0n : VLAN_PRESENT | (vid & 0xfffn), allOnes(16));
      return;
    }
    // `value/mask`: only the bits in the mask are known (`dl_dst=00:00:00:00:00:00/01:00:00:00:00:00`: some unicast address)
    const spec = fieldSpec(name);
    const masked = spec && parseMasked(spec, text);
    if (spec && masked) this.write(spec.name, masked.value, masked.mask);
  }

  get(name: string): Bits {
    return this.fields.get(name) ?? { value: 0n, known: 0n };
  }

  /** Sets the bits in `mask` to `value` (known), or to unknown when `value` is undefined. */
  write(name: string, value: bigint | undefined, mask: bigint): void {
    const old = this.get(name);
    if (value === undefined) this.fields.set(name, { value: old.value & ~mask, known: old.known & ~mask });
    else this.fields.set(name, { value: (old.value & ~mask) | (value & mask), known: old.known | mask });
  }

  /** The VLAN now: a number, null when surely untagged, undefined when not known. */
  vlan(): number | null | undefined {
    const tci = this.get('vlan_tci');
    if ((tci.known & VLAN_PRESENT) === 0n) return undefined;
    if ((tci.value & VLAN_PRESENT) === 0n) return null;
    return (tci.known & 0xfffn) === 0xfffn ? Number(tci.value & 0xfffn) : undefined;
  }

  tunnelId(): string | undefined {
    const t = this.get('tun_id');
    return t.known === allOnes(64) ? `0x${t.value.toString(16)}` : undefined;
  }

  /**
   * What is known of the packet as it leaves by a port, in match syntax, for
   * the bridge beyond a patch port. The pipeline's own fields are left out:
   * OVS clears registers, metadata and conntrack state at a patch port.
   */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, bits] of this.fields) {
      if (bits.known === 0n || PIPELINE_FIELDS.includes(name)) continue;
      const spec = fieldSpec(name)!;
      const all = allOnes(spec.bits);
      const shown = (v: bigint) => (spec.kind === 'mac' || spec.kind === 'ipv4' ? formatValue(spec, v) : `0x${v.toString(16)}`);
      out[name] = bits.known === all ? shown(bits.value) : `${shown(bits.value & bits.known)}/${shown(bits.known)}`;
    }
    return out;
  }
}

/** One condition of a match: these bits of this field must equal these. */
interface Condition { field: string; shown: string; value: bigint; mask: bigint }

/** The conditions a match `name=value` sets; undefined when the tracer cannot read it. */
function conditions(name: string, text: string): Condition[] | undefined {
  const protocol = PROTOCOL_FIELDS[name];
  if (protocol && text === '') {
    const out: Condition[] = [{ field: 'eth_type', shown: name, value: protocol[0], mask: allOnes(16) }];
    if (protocol[1] !== undefined) out.push({ field: 'ip_proto', shown: name, value: protocol[1], mask: allOnes(8) });
    return out;
  }
  if (VLAN_VIEWS.has(name)) {
    const slash = text.indexOf('/');
    const value = parseInteger(slash < 0 ? text : text.slice(0, slash));
    const mask = slash < 0 ? undefined : parseInteger(text.slice(slash + 1));
    if (value === undefined) return undefined;
    const shown = `${name}=${text}`;
    if (name === 'dl_vlan') {
      // OpenFlow 1.0: 0xffff is "no tag"
      return [value === 0xffffn ? { field: 'vlan_tci', shown, value: 0n, mask: VLAN_PRESENT } : { field: 'vlan_tci', shown, value: VLAN_PRESENT | (value & 0xfffn), mask: VLAN_PRESENT | 0xfffn }];
    }
    if (name === 'vlan_vid' || name === 'OXM_OF_VLAN_VID') {
      // OpenFlow 1.3 prints the present bit in the value: vlan_vid=0x1000/0x1000 is "any tag"
      return [{ field: 'vlan_tci', shown, value: value & 0x1fffn, mask: (mask ?? 0x1fffn) & 0x1fffn }];
    }
    return [{ field: 'vlan_tci', shown, value: VLAN_PRESENT | ((value & 7n) << 13n), mask: VLAN_PRESENT | 0xe000n }];
  }
  const spec = fieldSpec(name);
  if (!spec || spec.name === 'in_port') return undefined;
  const masked = parseMasked(spec, text);
  return masked ? [{ field: spec.name, shown: `${name}=${text}`, value: masked.value, mask: masked.mask }] : undefined;
}

type Verdict = { result: 'yes' } | { result: 'no' } | { result: 'maybe'; fields: string[] };

export class FlowTracer {
  private readonly byTable = new Map<number, Flow[]>();
  private readonly numberOf = new Map<string, number>();
  private readonly nameOf = new Map<number, string>();

  constructor(
    readonly host: string,
    readonly bridge: string,
    flows: readonly Flow[],
    ports: readonly TracePort[],
  ) {
    for (const flow of flows) {
      if (flow.host !== host || flow.bridge !== bridge) continue;
      const table = this.byTable.get(flow.table) ?? [];
      table.push(flow);
      this.byTable.set(flow.table, table);
    }
    // highest priority first; equal priorities keep the dump's order
    for (const list of this.byTable.values()) list.sort((a, b) => b.priority - a.priority);
    for (const p of ports) {
      if (p.ofport === undefined) continue;
      this.numberOf.set(p.name, p.ofport);
      this.nameOf.set(p.ofport, p.name);
    }
  }

  get hasFlows(): boolean {
    return this.byTable.size > 0;
  }

  trace(packet: TracePacket, table = 0): Trace {
    const state = new PacketState(packet);
    // the in_port by name and number both, as the bridge's ports give them
    state.inPort = this.resolve(state.inPort);
    const run: Run = { steps: [], resubmits: 0, certain: true };
    this.lookup(run, state, table, 0);
    const exits = run.steps.filter((s): s is Extract<TraceStep, { kind: 'output' | 'forward' }> => (s.kind === 'output' && !s.skipped) || s.kind === 'forward');
    return { host: this.host, bridge: this.bridge, packet, steps: run.steps, exits, certain: run.certain };
  }

  private lookup(run: Run, state: PacketState, table: number, depth: number): void {
    if (depth >= MAX_DEPTH || run.resubmits >= MAX_RESUBMITS) {
      run.steps.push({ kind: 'limit', depth, table });
      run.certain = false;
      return;
    }
    const unless: Unless[] = [];
    let chosen: Flow | undefined;
    for (const flow of this.byTable.get(table) ?? []) {
      if (chosen && flow.priority < chosen.priority) break;
      const verdict = this.matches(flow, state);
      if (verdict.result === 'no') continue;
      if (chosen) unless.push({ flow, fields: [] }); // same priority: OpenFlow leaves the choice undefined
      else if (verdict.result === 'maybe') unless.push({ flow, fields: verdict.fields });
      else chosen = flow;
    }
    if (unless.length) run.certain = false;
    run.steps.push(chosen ? { kind: 'lookup', depth, table, flow: chosen, unless } : { kind: 'lookup', depth, table, unless });
    if (!chosen) {
      run.steps.push({ kind: 'drop', depth, why: 'miss' });
      return;
    }
    this.execute(run, state, chosen.actions, table, depth);
  }

  private execute(run: Run, state: PacketState, actions: readonly Action[], table: number, depth: number): void {
    for (const action of actions) {
      const a = action as Action & Record<string, unknown>;
      switch (action.type) {
        case 'resubmit':
        case 'goto_table': {
          const port = a.port as PortRefLike | undefined;
          const next = typeof a.table === 'number' ? a.table : table;
          run.resubmits++;
          if (port && (port.number !== undefined || port.name !== undefined)) {
            // resubmit(PORT,TABLE): looked up as if it came in by PORT, then in_port is put back
            const saved = state.inPort;
            state.inPort = this.resolve(port);
            this.lookup(run, state, next, depth + 1);
            state.inPort = saved;
          } else this.lookup(run, state, next, depth + 1);
          break;
        }
        case 'output': {
          const port = a.port as PortRefLike | undefined;
          const field = a.field as { field: string; start?: number; end?: number } | undefined;
          if (port?.reserved) {
            run.steps.push({ kind: 'forward', depth, action, how: port.reserved, ...this.carried(state) });
          } else if (port) {
            const out = this.resolve(port);
            const same = (out.number !== undefined && out.number === state.inPort.number) || (out.name !== undefined && out.name === state.inPort.name);
            // OpenFlow never sends a packet back out of the port it came in by (only IN_PORT does)
            run.steps.push({ kind: 'output', depth, action, port: out, ...this.carried(state), ...(same ? { skipped: 'in_port' as const } : { packet: state.snapshot() }) });
          } else if (field) {
            const number = this.readField(state, field);
            if (number === undefined) {
              run.steps.push({ kind: 'drop', depth, why: 'unknown-port' });
              run.certain = false;
            } else run.steps.push({ kind: 'output', depth, action, port: this.resolve({ number: Number(number) }), ...this.carried(state), packet: state.snapshot() });
          }
          break;
        }
        case 'drop':
          run.steps.push({ kind: 'drop', depth, why: 'action' });
          break;
        case 'controller':
          run.steps.push({ kind: 'forward', depth, action, how: 'CONTROLLER', ...this.carried(state) });
          break;
        case 'mod_vlan_vid': {
          const vid = BigInt(Number(a.vlan) & 0xfff);
          const tci = state.get('vlan_tci');
          // on an untagged frame mod_vlan_vid pushes a tag (priority 0)
          if ((tci.known & VLAN_PRESENT) !== 0n && (tci.value & VLAN_PRESENT) === 0n) state.write('vlan_tci', VLAN_PRESENT | vid, allOnes(16));
          else state.write('vlan_tci', VLAN_PRESENT | vid, VLAN_PRESENT | 0xfffn);
          run.steps.push({ kind: 'set', depth, action, field: 'dl_vlan', value: String(vid) });
          break;
        }
        case 'mod_vlan_pcp':
          state.write('vlan_tci', VLAN_PRESENT | ((BigInt(Number(a.pcp)) & 7n) << 13n), VLAN_PRESENT | 0xe000n);
          run.steps.push({ kind: 'set', depth, action, field: 'dl_vlan_pcp', value: String(a.pcp) });
          break;
        case 'strip_vlan':
        case 'pop_vlan':
          state.write('vlan_tci', 0n, allOnes(16));
          run.steps.push({ kind: 'set', depth, action, field: 'vlan_tci', value: '0' });
          break;
        case 'push_vlan':
          state.write('vlan_tci', VLAN_PRESENT, allOnes(16));
          run.steps.push({ kind: 'set', depth, action, field: 'vlan_tci', value: '0x1000' });
          break;
        case 'set_tunnel': {
          const id = parseInteger(String(a.id));
          state.write('tun_id', id, allOnes(64));
          run.steps.push({ kind: 'set', depth, action, field: 'tun_id', ...(id === undefined ? {} : { value: `0x${id.toString(16)}` }) });
          break;
        }
        case 'set_field':
          this.setField(run, state, action, String(a.field), String(a.value), a.mask === undefined ? undefined : String(a.mask), depth);
          break;
        case 'load': {
          const dst = a.dst as { field: string; start?: number; end?: number };
          this.writeRef(run, state, action, dst, parseInteger(String(a.value)), depth);
          break;
        }
        case 'move': {
          const src = a.src as { field: string; start?: number; end?: number };
          const dst = a.dst as { field: string; start?: number; end?: number };
          this.writeRef(run, state, action, dst, this.readField(state, src), depth);
          break;
        }
        case 'write_metadata': {
          const value = parseInteger(String(a.value));
          const mask = a.mask === undefined ? allOnes(64) : parseInteger(String(a.mask)) ?? allOnes(64);
          state.write('metadata', value, mask);
          run.steps.push({ kind: 'set', depth, action, field: 'metadata', ...(value === undefined ? {} : { value: `0x${value.toString(16)}` }) });
          break;
        }
        case 'mod_dl_src':
        case 'mod_dl_dst':
        case 'mod_nw_src':
        case 'mod_nw_dst':
        case 'mod_tp_src':
        case 'mod_tp_dst': {
          const spec = fieldSpec(action.type.slice('mod_'.length))!;
          const masked = parseMasked(spec, String(a.value));
          state.write(spec.name, masked?.value, allOnes(spec.bits));
          run.steps.push({ kind: 'set', depth, action, field: spec.name, ...(masked ? { value: formatValue(spec, masked.value) } : {}) });
          break;
        }
        case 'learn':
          run.steps.push({ kind: 'learn', depth, action, ...(typeof a.table === 'number' ? { table: a.table } : {}) });
          break;
        case 'ct': {
          const next = typeof a.table === 'number' ? a.table : undefined;
          run.steps.push({ kind: 'conntrack', depth, action, commit: Boolean(a.commit), ...(next === undefined ? {} : { table: next }) });
          if (next !== undefined) {
            // a copy goes through the connection tracker and comes back in table `next`, tracked;
            // whether it is new or established the captures cannot say
            const copy = new PacketState({ inPort: state.inPort });
            for (const [name, bits] of state.fields) copy.fields.set(name, { ...bits });
            copy.write('ct_state', CT_TRACKED, allOnes(32));
            copy.write('ct_state', undefined, allOnes(32) & ~CT_TRACKED);
            const zone = typeof a.zone === 'string' ? parseInteger(a.zone) : undefined;
            copy.write('ct_zone', zone, allOnes(16));
            run.resubmits++;
            this.lookup(run, copy, next, depth + 1);
          }
          break;
        }
        case 'note':
        case 'dec_ttl':
        case 'mod_nw_tos':
        case 'mod_nw_ecn':
        case 'mod_nw_ttl':
        case 'clear_actions':
          // none of them changes a field this trace decides on
          run.steps.push({ kind: 'other', depth, action, evaluated: true });
          break;
        default:
          run.steps.push({ kind: 'other', depth, action, evaluated: false });
          run.certain = false;
      }
    }
  }

  /** `set_field:VALUE[/MASK]->FIELD`, with OpenFlow 1.3's vlan_vid (present bit in the value). */
  private setField(run: Run, state: PacketState, action: Action, field: string, valueText: string, maskText: string | undefined, depth: number): void {
    if (field === 'vlan_vid') {
      const vid = parseInteger(valueText);
      state.write('vlan_tci', vid === undefined ? undefined : VLAN_PRESENT | (vid & 0xfffn), VLAN_PRESENT | 0xfffn);
      run.steps.push({ kind: 'set', depth, action, field: 'dl_vlan', ...(vid === undefined ? {} : { value: String(vid & 0xfffn) }) });
      return;
    }
    if (field === 'vlan_pcp') {
      const pcp = parseInteger(valueText);
      state.write('vlan_tci', pcp === undefined ? undefined : VLAN_PRESENT | ((pcp & 7n) << 13n), VLAN_PRESENT | 0xe000n);
      run.steps.push({ kind: 'set', depth, action, field: 'dl_vlan_pcp', ...(pcp === undefined ? {} : { value: String(pcp) }) });
      return;
    }
    const spec = fieldSpec(field);
    if (!spec || spec.name === 'in_port') {
      run.steps.push({ kind: 'other', depth, action, evaluated: false });
      run.certain = false;
      return;
    }
    const masked = parseMasked(spec, maskText === undefined ? valueText : `${valueText}/${maskText}`);
    state.write(spec.name, masked?.value, masked?.mask ?? allOnes(spec.bits));
    run.steps.push({ kind: 'set', depth, action, field: spec.name, ...(masked ? { value: formatValue(spec, masked.value) } : {}) });
  }

  /** Writes `value` (undefined: unknown) into a field or its bits `[start..end]`. */
  private writeRef(run: Run, state: PacketState, action: Action, dst: { field: string; start?: number; end?: number }, value: bigint | undefined, depth: number): void {
    const spec = fieldSpec(dst.field);
    if (!spec || spec.name === 'in_port') {
      run.steps.push({ kind: 'other', depth, action, evaluated: false });
      run.certain = false;
      return;
    }
    const start = BigInt(dst.start ?? 0);
    const width = dst.start === undefined ? spec.bits : (dst.end ?? dst.start) - dst.start + 1;
    const mask = allOnes(width) << start;
    state.write(spec.name, value === undefined ? undefined : value << start, mask);
    const now = state.get(spec.name);
    run.steps.push({ kind: 'set', depth, action, field: spec.name, ...((now.known & mask) === mask ? { value: formatValue(spec, now.value) } : {}) });
  }

  /** The bits of a field reference, when all of them are known. */
  private readField(state: PacketState, ref: { field: string; start?: number; end?: number }): bigint | undefined {
    const spec = fieldSpec(ref.field);
    if (!spec) return undefined;
    if (spec.name === 'in_port') return state.inPort.number === undefined ? undefined : BigInt(state.inPort.number);
    const start = BigInt(ref.start ?? 0);
    const width = ref.start === undefined ? spec.bits : (ref.end ?? ref.start) - ref.start + 1;
    const mask = allOnes(width);
    const bits = state.get(spec.name);
    if (((bits.known >> start) & mask) !== mask) return undefined;
    return (bits.value >> start) & mask;
  }

  /** A port with both its name and number where the bridge's ports give them. */
  private resolve(port: PortRefLike): { name?: string; number?: number } {
    if (port.reserved === 'LOCAL') return { name: this.bridge, number: LOCAL };
    const out: { name?: string; number?: number } = {};
    if (port.name !== undefined) out.name = port.name;
    if (port.number !== undefined) out.number = port.number;
    if (out.number === undefined && out.name !== undefined) {
      const n = this.numberOf.get(out.name);
      if (n !== undefined) out.number = n;
    }
    if (out.name === undefined && out.number !== undefined) {
      const name = this.nameOf.get(out.number);
      if (name !== undefined) out.name = name;
    }
    return out;
  }

  private carried(state: PacketState): { vlan?: number | null; tunnelId?: string } {
    const vlan = state.vlan();
    const tunnelId = state.tunnelId();
    return { ...(vlan === undefined ? {} : { vlan }), ...(tunnelId === undefined ? {} : { tunnelId }) };
  }

  /** Whether `flow` matches the packet: yes, no, or maybe (it depends on fields not known). */
  private matches(flow: Flow, state: PacketState): Verdict {
    const unknown: string[] = [];
    for (const [name, text] of Object.entries(flow.match)) {
      if (name === 'in_port') {
        const r = this.inPortMatches(text, state);
        if (r === 'no') return { result: 'no' };
        if (r === 'maybe') unknown.push('in_port');
        continue;
      }
      const conds = conditions(name, text);
      if (!conds) {
        unknown.push(text === '' ? name : `${name}=${text}`);
        continue;
      }
      for (const c of conds) {
        const bits = state.get(c.field);
        const decided = c.mask & bits.known;
        if (((bits.value ^ c.value) & decided) !== 0n) return { result: 'no' };
        if (decided !== c.mask) unknown.push(c.shown);
      }
    }
    return unknown.length ? { result: 'maybe', fields: [...new Set(unknown)] } : { result: 'yes' };
  }

  private inPortMatches(text: string, state: PacketState): 'yes' | 'no' | 'maybe' {
    const wanted = this.resolve(text === 'LOCAL' ? { reserved: 'LOCAL' } : /^\d+$/.test(text) ? { number: Number(text) } : { name: text });
    const have = state.inPort;
    if (wanted.number !== undefined && have.number !== undefined) return wanted.number === have.number ? 'yes' : 'no';
    if (wanted.name !== undefined && have.name !== undefined) return wanted.name === have.name ? 'yes' : 'no';
    return 'maybe';
  }
}

interface Run { steps: TraceStep[]; resubmits: number; certain: boolean }

/** At most this many bridges in one trace across patch ports (OVS stops a patch loop the same way). */
const MAX_BRIDGES = 16;

/**
 * Traces a packet through `bridge` and on through every patch port it is sent
 * out of, into the peer bridge of that host, as ofproto/trace does. A bridge
 * without captured flows ends the trace there (its `trace` is undefined).
 */
export function traceAcrossPatches(topology: Topology, bridge: Pick<Bridge, 'host' | 'name' | 'ports'>, packet: TracePacket, table = 0): (BridgeTrace | { missing: string; from: { bridge: string; port: string; peer: string } })[] {
  const out: (BridgeTrace | { missing: string; from: { bridge: string; port: string; peer: string } })[] = [];
  const queue: { bridge: Pick<Bridge, 'host' | 'name' | 'ports'>; packet: TracePacket; table: number; from?: { bridge: string; port: string; peer: string } }[] = [{ bridge, packet, table }];
  const seen = new Set<string>();
  while (queue.length && out.length < MAX_BRIDGES) {
    const next = queue.shift()!;
    const key = `${next.bridge.name}\u0000${next.packet.inPort.name ?? next.packet.inPort.number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const tracer = bridgeTracer(topology, next.bridge);
    if (!tracer.hasFlows) {
      out.push({ missing: next.bridge.name, from: next.from! });
      continue;
    }
    const trace = tracer.trace(next.packet, next.table);
    out.push(next.from ? { trace, from: next.from } : { trace });
    for (const exit of trace.exits) {
      if (exit.kind !== 'output' || exit.port.name === undefined) continue;
      const link = topology.links.find((l) => l.kind === 'patch' && ((l.a.host === next.bridge.host && l.a.name === exit.port.name) || (l.b.host === next.bridge.host && l.b.name === exit.port.name)));
      if (!link) continue;
      const peer = link.a.name === exit.port.name ? link.b.name : link.a.name;
      const peerBridge = topology.bridges.find((b) => b.kind === 'ovs' && b.host === next.bridge.host && b.ports.some((p) => p.name === peer));
      if (!peerBridge) continue;
      queue.push({ bridge: peerBridge, packet: { inPort: { name: peer }, fields: exit.packet ?? {} }, table: 0, from: { bridge: next.bridge.name, port: exit.port.name, peer } });
    }
  }
  return out;
}

/**
 * Whether the traced flows surely never send the packet out of `port`: the
 * trace is certain, forwards nothing by NORMAL/FLOOD/ALL (which may reach any
 * port) and outputs to other ports only, or drops it.
 */
export function surelyNotSentOut(trace: Trace, port: string): boolean {
  if (!trace.certain) return false;
  if (trace.exits.some((e) => e.kind === 'forward' && (e.how === 'NORMAL' || e.how === 'FLOOD' || e.how === 'ALL'))) return false;
  return !trace.exits.some((e) => e.kind === 'output' && e.port.name === port);
}

/** A tracer over the captured flows of one OVS bridge, with the port numbers the captures give. */
export function bridgeTracer(topology: Topology, bridge: Pick<Bridge, 'host' | 'name' | 'ports'>): FlowTracer {
  return new FlowTracer(bridge.host, bridge.name, topology.flows, bridge.ports.map((p) => (p.ofport === undefined ? { name: p.name } : { name: p.name, ofport: p.ofport })));
}

/** `in_port=patch-int,dl_vlan=1,arp` (the syntax of ofproto/trace and of a flow's match) → a packet; problems are returned, not thrown. */
export function parsePacketSpec(text: string): { packet: TracePacket; problems: string[] } {
  const packet: TracePacket = { inPort: {}, fields: {} };
  const problems: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (name === 'in_port') {
      if (/^\d+$/.test(value)) packet.inPort.number = Number(value);
      else if (value) packet.inPort.name = value;
      else problems.push('in_port needs a port name or number');
      continue;
    }
    if (eq < 0 && !PROTOCOL_FIELDS[name]) {
      problems.push(`${name}: not a protocol (ip, arp, tcp, udp, icmp …); other fields need =value`);
      continue;
    }
    if (eq >= 0 && !knownPacketField(name, value)) {
      problems.push(`${part}: not a field and value the tracer reads`);
      continue;
    }
    packet.fields![name] = value;
  }
  if (packet.inPort.name === undefined && packet.inPort.number === undefined) problems.push('the packet needs in_port=PORT');
  return { packet, problems };
}

function knownPacketField(name: string, value: string): boolean {
  if (name === 'dl_vlan' || name === 'vlan_vid') return parseInteger(value) !== undefined;
  const spec: FieldSpec | undefined = fieldSpec(name);
  return spec !== undefined && parseMasked(spec, value) !== undefined;
}
