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
import { type FlowAction, toSafeNumber } from './flow-actions.js';
import { memoParseActions } from './action-memo.js';
import { type PortRef, parsePortRef } from './refs.js';
import { internSlice, sameAt } from './interned-strings.js';

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
  /** `send_flow_rem`, `reset_counts`, `check_overlap`, `no_packet_counts`, `no_byte_counts`; absent when none is printed. */
  flags?: string[];
  /** First protocol shorthand of the match (`arp`, `ip`, `tcp6` …). */
  protocol?: string;
  /** The `in_port` match, numeric or by name. */
  inPort?: PortRef;
  /** Every match field in printed order, `priority` excluded. */
  match: MatchField[];
  actions: FlowAction[];
  /** The whole flow as one line (wrapped lines joined); `flowActionsText` gives its `actions=` part. */
  text: string;
  evidence: Evidence;
}

export const DEFAULT_PRIORITY = 32768;

const FLAGS = new Set(['send_flow_rem', 'check_overlap', 'reset_counts', 'no_packet_counts', 'no_byte_counts', 'no_readonly_table', 'allow_hidden_fields']);
export const PROTOCOLS = new Set([
  'ip', 'ipv4', 'ipv6', 'ip6', 'icmp', 'icmp6', 'tcp', 'tcp6', 'udp', 'udp6', 'sctp', 'sctp6', 'arp', 'rarp', 'mpls', 'mplsm',
  'nsh', 'igmp',
]);

/** Finds where ` actions=` starts (searching from `from`); -1 when the text has none. */
export function actionsIndex(text: string, from = 0): number {
  let i = text.indexOf('actions=', from);
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
  const actionsText = text.slice(at + 8).trim(); // a view of `text`, only for the memo's look-up
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
    flags: undefined,
    protocol: undefined,
    inPort: undefined,
    match: NO_MATCH,
    actions: memoParseActions(actionsText),
    text,
    evidence,
  };
  const head: HeadLists = { flags: [], match: [] };
  const problem = readHead(flow, head, text, at);
  if (problem) return problem;
  // copies sized to fit: a pushed-to array keeps room for 16 entries, and
  // 100,000 flows keep their arrays
  if (head.flags.length > 0) flow.flags = head.flags.slice();
  flow.match = head.match.length === 0 ? [] : head.match.slice();
  return flow;
}

/** The `actions=` text of a flow, as printed. */
export function flowActionsText(flow: Pick<OvsFlow, 'text'>): string {
  return flow.text.slice(actionsIndex(flow.text) + 8).trim();
}

/** Placeholder while the head is read (never handed out: replaced by a fresh array). */
const NO_MATCH: MatchField[] = [];

/** Flags and match fields as the head is read, before they are copied into the flow. */
interface HeadLists {
  flags: string[];
  match: MatchField[];
}

/**
 * Reads the tokens of the head (the text before ` actions=`), separated by
 * commas and blanks. Without quotes or tabs — nearly always — separators are
 * found with native `indexOf`; otherwise character by character, so that a
 * quoted port name may hold a comma or a blank.
 *
 *   cookie=0x0, duration=3.4s, …, send_flow_rem priority=1,in_port="a b" actions=…
 *   ^^^^^^ ^^^                    ^^^^^^^^^^^^^ ^^^^^^^^ ^ ^^^^^^^ ^^^^^
 *   key    value                  bare word     key  value key     value (quoted)
 */
function readHead(flow: OvsFlow, head: HeadLists, text: string, at: number): string | undefined {
  const quote = text.indexOf('"');
  const tab = text.indexOf('\t');
  if ((quote < 0 || quote >= at) && (tab < 0 || tab >= at)) {
    let comma = text.indexOf(',');
    let blank = text.indexOf(' ');
    let pos = 0;
    while (pos < at) {
      const c = text.charCodeAt(pos);
      if (c === 0x2c || c === 0x20) {
        pos++;
        continue;
      }
      if (comma >= 0 && comma < pos) comma = text.indexOf(',', pos);
      if (blank >= 0 && blank < pos) blank = text.indexOf(' ', pos);
      let end = at;
      if (comma >= 0 && comma < end) end = comma;
      if (blank >= 0 && blank < end) end = blank;
      let eq = text.indexOf('=', pos);
      if (eq >= end) eq = -1;
      const problem = eq < 0 ? addBareWord(flow, head, text, pos, end) : addHeadField(flow, head, text, pos, eq, end);
      if (problem) return problem;
      pos = end + 1;
    }
    return undefined;
  }
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
      const problem = eq < 0 ? addBareWord(flow, head, text, start, i) : addHeadField(flow, head, text, start, eq, i);
      if (problem) return problem;
      start = -1;
      eq = -1;
    }
  }
  return undefined;
}

/** `send_flow_rem` (a flag), `arp` (a protocol shorthand, also a match field), or another bare word (a match field). */
function addBareWord(flow: OvsFlow, head: HeadLists, text: string, start: number, end: number): undefined {
  const word = internSlice(text, start, end);
  if (FLAGS.has(word)) head.flags.push(word);
  else {
    if (PROTOCOLS.has(word) && flow.protocol === undefined) flow.protocol = word;
    head.match.push({ name: word });
  }
  return undefined;
}

type NumericKey = 'table' | 'nPackets' | 'nBytes' | 'idleTimeout' | 'hardTimeout' | 'idleAge' | 'hardAge' | 'importance' | 'priority';

/**
 * The statistic a head key names, or undefined for a match field. Dispatches
 * on the key's length and checks it in place: no key string is cut out of the
 * line just to be compared (100,000 flows × 8 keys make that count).
 */
function statisticAt(text: string, start: number, eq: number): NumericKey | 'cookie' | 'duration' | undefined {
  const first = text.charCodeAt(start);
  switch (eq - start) {
    case 5:
      return first === 0x74 /* t */ && sameAt(text, start, 'table') ? 'table' : undefined;
    case 6:
      return first === 0x63 /* c */ && sameAt(text, start, 'cookie') ? 'cookie' : undefined;
    case 7:
      return first === 0x6e /* n */ && sameAt(text, start, 'n_bytes') ? 'nBytes' : undefined;
    case 8:
      if (first === 0x70 /* p */) return sameAt(text, start, 'priority') ? 'priority' : undefined;
      if (first === 0x64 /* d */) return sameAt(text, start, 'duration') ? 'duration' : undefined;
      if (first === 0x69 /* i */) return sameAt(text, start, 'idle_age') ? 'idleAge' : undefined;
      return first === 0x68 /* h */ && sameAt(text, start, 'hard_age') ? 'hardAge' : undefined;
    case 9:
      return first === 0x6e /* n */ && sameAt(text, start, 'n_packets') ? 'nPackets' : undefined;
    case 10:
      return first === 0x69 /* i */ && sameAt(text, start, 'importance') ? 'importance' : undefined;
    case 12:
      if (first === 0x69 /* i */) return sameAt(text, start, 'idle_timeout') ? 'idleTimeout' : undefined;
      return first === 0x68 /* h */ && sameAt(text, start, 'hard_timeout') ? 'hardTimeout' : undefined;
    default:
      return undefined;
  }
}

/** One `key=value` of the head, `text[start, eq)` = key, `text(eq, end)` = value. */
function addHeadField(flow: OvsFlow, head: HeadLists, text: string, start: number, eq: number, end: number): string | undefined {
  const statistic = statisticAt(text, start, eq);
  if (statistic === 'cookie') {
    flow.cookie = internSlice(text, eq + 1, end);
    return undefined;
  }
  if (statistic === 'duration') {
    const seconds = secondsAt(text, eq + 1, end);
    if (seconds === undefined) return `duration is not a number of seconds: ${text.slice(eq + 1, end)}`;
    flow.duration = seconds;
    return undefined;
  }
  if (statistic !== undefined) {
    const n = digitsAt(text, eq + 1, end);
    if (n === undefined) return `${text.slice(start, eq)} is not a number: ${text.slice(eq + 1, end)}`;
    setStatistic(flow, statistic, n);
    return undefined;
  }
  const name = internSlice(text, start, eq);
  if (eq + 1 < end && text.charCodeAt(eq + 1) === 0x22 /* " */) {
    // a quoted port name keeps its `/`: in_port="tap/1"
    const value = text.slice(eq + 1, end);
    if (name === 'in_port') flow.inPort = parsePortRef(value);
    head.match.push({ name, value });
    return undefined;
  }
  let slash = text.indexOf('/', eq + 1);
  if (slash >= end) slash = -1;
  if (name === 'in_port') {
    const value = text.slice(eq + 1, end);
    flow.inPort = parsePortRef(value);
    head.match.push({ name, value });
  } else if (slash < 0) head.match.push({ name, value: text.slice(eq + 1, end) });
  else head.match.push({ name, value: text.slice(eq + 1, slash), mask: text.slice(slash + 1, end) });
  return undefined;
}

/**
 * `flow[key] = n`, spelled out: a store whose property name varies from call
 * to call is megamorphic in V8 (a dictionary look-up per store), and every
 * flow makes six of them.
 */
function setStatistic(flow: OvsFlow, key: NumericKey, n: number): void {
  switch (key) {
    case 'table': flow.table = n; break;
    case 'nPackets': flow.nPackets = n; break;
    case 'nBytes': flow.nBytes = n; break;
    case 'idleTimeout': flow.idleTimeout = n; break;
    case 'hardTimeout': flow.hardTimeout = n; break;
    case 'idleAge': flow.idleAge = n; break;
    case 'hardAge': flow.hardAge = n; break;
    case 'importance': flow.importance = n; break;
    case 'priority': flow.priority = n; break;
  }
}

/** Decimal digits in `text[from, to)` as a number; other spellings (`0x10`, long values) through toSafeNumber. */
function digitsAt(text: string, from: number, to: number): number | undefined {
  if (to <= from || to - from > 15) return toSafeNumber(text.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return toSafeNumber(text.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}

/**
 * `3.492s` in `text[from, to)` → 3.492. Integer and fraction digits are read
 * in place; `3492 / 1000` rounds exactly as `Number('3.492')` does (both are
 * the correctly rounded value of the same decimal).
 */
function secondsAt(text: string, from: number, to: number): number | undefined {
  if (to > from && text.charCodeAt(to - 1) === 0x73 /* s */) to--;
  let whole = 0;
  let scale = 1;
  let fraction = false;
  if (to <= from || to - from > 16) return undefined;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e /* . */ && !fraction) {
      fraction = true;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) {
      const n = Number(text.slice(from, to));
      return Number.isNaN(n) ? undefined : n;
    }
    whole = whole * 10 + d;
    if (fraction) scale *= 10;
  }
  return whole / scale;
}
