// Reads one OpenFlow flow as `ovs-ofctl dump-flows` prints it. Hand-written
// (no npm package reads ovs-ofctl output); a single pass over the text, so
// 100,000 flows stay well under a second.
//
//   cookie=0x0, duration=3.4s, table=0, n_packets=14, n_bytes=1424, idle_age=0, send_flow_rem reset_counts priority=1,in_port=1 actions=resubmit(,1)
//   \________________________ statistics, `key=value, ` ______________________/ \___ flags, ` ` ___/ \______ match ______/         \__ actions __/
//
// The three parts are told apart by key, not position: a wrapped or re-spaced
// line still reads the same. A key this parser does not know lands in `match`
// verbatim, so nothing is lost.
import type { Evidence } from '../types.js';
import { type FlowAction, parseActions, toSafeNumber } from './flow-actions.js';
import { type PortRef, parsePortRef } from './refs.js';

export interface MatchField {
  /** As printed: `in_port`, `dl_vlan`, `tun_id`, `reg0`, `ct_state`, or a protocol shorthand (`arp`, `tcp`). */
  name: string;
  /** Absent for a shorthand (`ip`) or a bare word. */
  value?: string;
  /** After `/`: `01:00:00:00:00:00` of `dl_dst=01:00:…/01:00:…`, `28` of `nw_src=203.0.113.0/28`. */
  mask?: string;
}

export interface OvsFlow {
  /** `0x0` as printed. */
  cookie?: string;
  /** Seconds since the flow was added (`duration=3.492s`). */
  duration?: number;
  /** OpenFlow table; 0 when not printed. */
  table: number;
  nPackets?: number;
  nBytes?: number;
  idleTimeout?: number;
  hardTimeout?: number;
  idleAge?: number;
  hardAge?: number;
  importance?: number;
  /** OpenFlow priority; ovs-ofctl omits the default 32768, which is filled in here. */
  priority: number;
  /** `send_flow_rem`, `reset_counts`, `check_overlap`, `no_packet_counts`, `no_byte_counts`. */
  flags: string[];
  /** First protocol shorthand of the match (`arp`, `ip`, `tcp6` …). */
  protocol?: string;
  /** The `in_port` match, numeric or by name. */
  inPort?: PortRef;
  /** Every match field in printed order, `priority` excluded. */
  match: MatchField[];
  actions: FlowAction[];
  /** The `actions=` text, verbatim. */
  actionsText: string;
  /** The whole flow as one line (wrapped lines joined). */
  text: string;
  evidence: Evidence;
}

export const DEFAULT_PRIORITY = 32768;

const FLAGS = new Set(['send_flow_rem', 'check_overlap', 'reset_counts', 'no_packet_counts', 'no_byte_counts', 'no_readonly_table', 'allow_hidden_fields']);
export const PROTOCOLS = new Set([
  'ip', 'ipv4', 'ipv6', 'ip6', 'icmp', 'icmp6', 'tcp', 'tcp6', 'udp', 'udp6', 'sctp', 'sctp6', 'arp', 'rarp', 'mpls', 'mplsm',
  'nsh', 'igmp',
]);

/** Finds where ` actions=` starts; -1 when the text has none. */
export function actionsIndex(text: string): number {
  let i = text.indexOf('actions=');
  while (i > 0) {
    const before = text.charCodeAt(i - 1);
    if (before === 0x20 || before === 0x09 || before === 0x2c) return i; // space, tab, comma
    i = text.indexOf('actions=', i + 1);
  }
  return i; // 0 (a flow that is only `actions=…`) or -1
}

/**
 * Parses one flow. Returns a string (the reason) when the text is not a flow:
 * no `actions=`, or a statistic that is not a number.
 */
export function parseFlowText(text: string, evidence: Evidence): OvsFlow | string {
  const at = actionsIndex(text);
  if (at < 0) return 'no `actions=` in this flow line';
  const actionsText = text.slice(at + 8).trim();
  // every key up front, in the order ovs-ofctl prints them: one object shape
  // for all flows (faster) and readable JSON (absent values are left out of it)
  const flow: OvsFlow = {
    cookie: undefined,
    duration: undefined,
    table: 0,
    nPackets: undefined,
    nBytes: undefined,
    idleTimeout: undefined,
    hardTimeout: undefined,
    idleAge: undefined,
    hardAge: undefined,
    importance: undefined,
    priority: DEFAULT_PRIORITY,
    flags: [],
    protocol: undefined,
    inPort: undefined,
    match: [],
    actions: parseActions(actionsText),
    actionsText,
    text,
    evidence,
  };
  // tokens of the head (text before ` actions=`) are separated by commas and
  // blanks outside quotes; key and value are cut straight from `text`
  let start = -1;
  let eq = -1;
  let quoted = false;
  for (let i = 0; i <= at; i++) {
    const c = i < at ? text.charCodeAt(i) : 0x20;
    if (quoted) {
      if (c === 0x22) quoted = false;
      continue;
    }
    if (c === 0x22 /* " */) {
      quoted = true;
      if (start < 0) start = i;
      continue;
    }
    if (c !== 0x2c && c !== 0x20 && c !== 0x09) {
      if (start < 0) start = i;
      if (c === 0x3d /* = */ && eq < 0) eq = i;
      continue;
    }
    if (start >= 0) {
      const problem = eq < 0 ? addBareWord(flow, text.slice(start, i)) : addHeadField(flow, text.slice(start, eq), text.slice(eq + 1, i));
      if (problem) return problem;
      start = -1;
      eq = -1;
    }
  }
  return flow;
}

function addBareWord(flow: OvsFlow, word: string): undefined {
  if (FLAGS.has(word)) flow.flags.push(word);
  else {
    if (PROTOCOLS.has(word) && flow.protocol === undefined) flow.protocol = word;
    flow.match.push({ name: word });
  }
  return undefined;
}

function addHeadField(flow: OvsFlow, key: string, value: string): string | undefined {
  switch (key) {
    case 'cookie':
      flow.cookie = value;
      return undefined;
    case 'duration': {
      const seconds = Number(value.endsWith('s') ? value.slice(0, -1) : value);
      if (Number.isNaN(seconds)) return `duration is not a number of seconds: ${value}`;
      flow.duration = seconds;
      return undefined;
    }
    case 'table':
      return setNumber(flow, 'table', key, value);
    case 'n_packets':
      return setNumber(flow, 'nPackets', key, value);
    case 'n_bytes':
      return setNumber(flow, 'nBytes', key, value);
    case 'idle_timeout':
      return setNumber(flow, 'idleTimeout', key, value);
    case 'hard_timeout':
      return setNumber(flow, 'hardTimeout', key, value);
    case 'idle_age':
      return setNumber(flow, 'idleAge', key, value);
    case 'hard_age':
      return setNumber(flow, 'hardAge', key, value);
    case 'importance':
      return setNumber(flow, 'importance', key, value);
    case 'priority':
      return setNumber(flow, 'priority', key, value);
    case 'in_port':
      flow.inPort = parsePortRef(value);
      flow.match.push({ name: key, value });
      return undefined;
    default: {
      const slash = value.indexOf('/');
      if (slash < 0 || value.charCodeAt(0) === 0x22) flow.match.push({ name: key, value });
      else flow.match.push({ name: key, value: value.slice(0, slash), mask: value.slice(slash + 1) });
      return undefined;
    }
  }
}

type NumericKey = 'table' | 'nPackets' | 'nBytes' | 'idleTimeout' | 'hardTimeout' | 'idleAge' | 'hardAge' | 'importance' | 'priority';

function setNumber(flow: OvsFlow, field: NumericKey, key: string, value: string): string | undefined {
  const n = toSafeNumber(value);
  if (n === undefined) return `${key} is not a number: ${value}`;
  flow[field] = n;
  return undefined;
}
