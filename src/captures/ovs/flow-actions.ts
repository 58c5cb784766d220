// Decodes the `actions=` part of an ovs-ofctl flow into structured values.
// Hand-written: no npm package reads OpenFlow action syntax; the grammar is
// ovs-actions(7). Every action keeps its verbatim `text`, and an action this
// module does not know becomes `{type: 'other', recognised: false}` — never dropped.
import { splitTopLevel, splitKeyValue } from './split-top-level.js';
import { type FieldRef, type PortRef, isReservedPort, parseFieldRef, parsePortRef } from './refs.js';
import { intern, internSlice } from './interned-strings.js';

interface Verbatim {
  /** The action exactly as printed (`resubmit(,10)`). */
  text: string;
}

/** `output:2`, `output:"gre-1"`, `output:NXM_NX_REG2[0..15]`, and the reserved ports (`NORMAL`, `LOCAL`, `IN_PORT`, `FLOOD`, `ALL`). */
export interface OutputAction extends Verbatim {
  type: 'output';
  /** Absent when the port comes from a field (`field`). */
  port?: PortRef;
  field?: FieldRef;
  maxLen?: number;
}
/** `CONTROLLER:128` or `controller(reason=no_match,max_len=100)`. */
export interface ControllerAction extends Verbatim {
  type: 'controller';
  maxLen?: number;
  options: Record<string, string>;
}
/** `drop`, or an empty action list. */
export interface DropAction extends Verbatim {
  type: 'drop';
}
/** `resubmit(,10)` (table), `resubmit(1,2)` (port and table), `resubmit:3` (port), `resubmit(,3,ct)`. */
export interface ResubmitAction extends Verbatim {
  type: 'resubmit';
  port?: PortRef;
  table?: number;
  ct?: boolean;
}
export interface GotoTableAction extends Verbatim {
  type: 'goto_table';
  table: number;
}
export interface ModVlanVidAction extends Verbatim {
  type: 'mod_vlan_vid';
  vlan: number;
}
export interface ModVlanPcpAction extends Verbatim {
  type: 'mod_vlan_pcp';
  pcp: number;
}
export interface VlanPopAction extends Verbatim {
  type: 'strip_vlan' | 'pop_vlan';
}
export interface PushVlanAction extends Verbatim {
  type: 'push_vlan';
  /** `0x8100` */
  ethertype: string;
}
/** `set_field:4100->vlan_vid`, `set_field:0x5->tun_id`, `set_field:0x10/0xff->reg0`. */
export interface SetFieldAction extends Verbatim {
  type: 'set_field';
  field: string;
  value: string;
  mask?: string;
}
/** `set_tunnel:0x1` (32-bit), `set_tunnel64:0x…` (64-bit). */
export interface SetTunnelAction extends Verbatim {
  type: 'set_tunnel';
  /** Tunnel id as printed (`0x1`). */
  id: string;
  /** Numeric tunnel key when it fits a JS number. */
  key?: number;
  bits: 32 | 64;
}
/** `load:0x1->NXM_NX_REG1[0..3]` */
export interface LoadAction extends Verbatim {
  type: 'load';
  value: string;
  dst: FieldRef;
}
/** `move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]` */
export interface MoveAction extends Verbatim {
  type: 'move';
  src: FieldRef;
  dst: FieldRef;
}
export const MODIFY_ACTIONS = [
  'mod_dl_src', 'mod_dl_dst', 'mod_nw_src', 'mod_nw_dst', 'mod_nw_tos', 'mod_nw_ecn', 'mod_nw_ttl', 'mod_tp_src', 'mod_tp_dst',
] as const;
/** `mod_dl_src:fa:16:3e:00:00:01`, `mod_nw_dst:192.0.2.1`, `mod_tp_dst:8080` … */
export interface ModifyAction extends Verbatim {
  type: (typeof MODIFY_ACTIONS)[number];
  value: string;
}
/** `dec_ttl` or `dec_ttl(1,2)` (controller ids). */
export interface DecTtlAction extends Verbatim {
  type: 'dec_ttl';
  controllerIds: number[];
}
/** `note:61.62.63` — bytes as printed, and the text they spell when printable. */
export interface NoteAction extends Verbatim {
  type: 'note';
  bytes: string;
  decoded?: string;
}
/** `nat(src=192.0.2.10-192.0.2.20:1000-2000,random)` inside `ct(…)`. */
export interface NatSpec {
  kind?: 'src' | 'dst';
  /** `192.0.2.10-192.0.2.20`, `[2001:db8::1]` */
  addresses?: string;
  /** `1000-2000` */
  ports?: string;
  flags: string[];
  text: string;
}
/** `ct(commit,zone=5,table=1,nat(…),exec(load:0x1->NXM_NX_CT_MARK[]))` */
export interface CtAction extends Verbatim {
  type: 'ct';
  commit: boolean;
  force: boolean;
  /** A number (`5`) or a field (`NXM_NX_REG6[0..15]`), as printed. */
  zone?: string;
  table?: number;
  nat?: NatSpec;
  exec: FlowAction[];
  /** Other arguments (`alg=ftp`), verbatim. */
  options: Record<string, string>;
}
/**
 * One part of a `learn(…)` flow template:
 *  - match  `NXM_OF_VLAN_TCI[0..11]` (match the same field of the learned packet),
 *           `NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]` (dst field = value of src field now), `eth_type=0x800` (a constant)
 *  - load   `load:0->NXM_OF_VLAN_TCI[]`, `load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[]`
 *  - output `output:NXM_OF_IN_PORT[]`
 */
export type LearnSpec =
  | { kind: 'match'; dst: FieldRef; src?: FieldRef; value?: string; text: string }
  | { kind: 'load'; dst: FieldRef; src?: FieldRef; value?: string; text: string }
  | { kind: 'output'; src: FieldRef; text: string }
  | { kind: 'other'; text: string };
/** `learn(table=20,hard_timeout=300,priority=1,…specs…)` */
export interface LearnAction extends Verbatim {
  type: 'learn';
  table?: number;
  priority?: number;
  idleTimeout?: number;
  hardTimeout?: number;
  finIdleTimeout?: number;
  finHardTimeout?: number;
  cookie?: string;
  /** Flags and other key=value options (`send_flow_rem`, `limit=10`), verbatim. */
  options: Record<string, string | true>;
  specs: LearnSpec[];
}
export interface WriteMetadataAction extends Verbatim {
  type: 'write_metadata';
  value: string;
  mask?: string;
}
export interface ClearActionsAction extends Verbatim {
  type: 'clear_actions';
}
/**
 * Any other action, kept verbatim: `multipath(…)`, `bundle(…)`, `sample(…)`,
 * `enqueue:1:2`, `set_queue:1`, `exit` … (`recognised: true`), and actions this
 * module has never heard of (`recognised: false`).
 */
export interface OtherAction extends Verbatim {
  type: 'other';
  name: string;
  /** What follows the name: `eth_src,50,…` of `multipath(eth_src,50,…)`, `1:2` of `enqueue:1:2`. */
  args?: string;
  recognised: boolean;
}

export type FlowAction =
  | OutputAction | ControllerAction | DropAction | ResubmitAction | GotoTableAction | ModVlanVidAction
  | ModVlanPcpAction | VlanPopAction | PushVlanAction | SetFieldAction | SetTunnelAction | LoadAction
  | MoveAction | ModifyAction | DecTtlAction | NoteAction | CtAction | LearnAction | WriteMetadataAction
  | ClearActionsAction | OtherAction;

/**
 * Actions ovs-actions(7) documents that this module keeps verbatim rather than
 * decoding further; also the decoded ones, for when their argument is malformed.
 */
const KNOWN_VERBATIM = new Set([
  'multipath', 'bundle', 'bundle_load', 'sample', 'enqueue', 'set_queue', 'pop_queue', 'exit', 'push_mpls', 'pop_mpls',
  'set_mpls_label', 'set_mpls_tc', 'set_mpls_ttl', 'dec_mpls_ttl', 'fin_timeout', 'conjunction', 'group', 'meter',
  'write_actions', 'stack_push', 'stack_pop', 'push', 'pop', 'check_pkt_larger', 'clone', 'encap', 'decap', 'ct_clear',
  'nat', 'dec_nsh_ttl', 'delete_field', 'debug_recirc', 'debug_slow', 'output_trunc', 'reg_load', 'set_vlan_vid',
  'set_vlan_pcp', 'mod_vlan_vid', 'mod_vlan_pcp', 'set_field', 'load', 'move', 'goto_table', 'resubmit', 'learn',
]);

/**
 * Decodes a whole action list (`mod_vlan_vid:1,resubmit(,10)`); empty or
 * `drop` gives one drop action. `decode` reads one action (the dump parser
 * passes a memoizing one, see action-memo.ts).
 */
export function parseActions(text: string, decode: (text: string) => FlowAction = parseAction): FlowAction[] {
  const pieces = splitTopLevel(text);
  if (pieces.length === 0) return [{ type: 'drop', text: '' }];
  const actions: FlowAction[] = new Array(pieces.length);
  for (let i = 0; i < pieces.length; i++) actions[i] = decode(pieces[i]!);
  return actions;
}

/**
 * One action. The name ends at the first `:` or `(` (or `=` for the rare
 * `name=value` spelling):
 *
 *   mod_vlan_vid:1      resubmit(,10)      NORMAL      set_field:4100->vlan_vid
 *   ^^^^^^^^^^^^ ^      ^^^^^^^^ ^^^       ^^^^^^      ^^^^^^^^^ ^^^^^^^^^^^^^^
 *   name         arg    name     (args)    reserved    name      arg
 */
export function parseAction(text: string): FlowAction {
  let cut = -1;
  let paren = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */ || c === 0x3d /* = */) { cut = i; break; }
    if (c === 0x28 /* ( */) { cut = i; paren = true; break; }
  }
  const name = cut < 0 ? text : text.slice(0, cut);
  let args: string | undefined;
  if (cut >= 0) {
    if (paren) args = text.endsWith(')') ? text.slice(cut + 1, -1) : text.slice(cut + 1);
    else args = text.slice(cut + 1);
  }
  const decoded = decodeNamed(name, args, paren, text);
  if (decoded) return decoded;
  const known = intern(name);
  return args !== undefined
    ? { type: 'other', name: known, args, recognised: KNOWN_VERBATIM.has(known), text }
    : { type: 'other', name: known, recognised: KNOWN_VERBATIM.has(known), text };
}

function decodeNamed(name: string, args: string | undefined, paren: boolean, text: string): FlowAction | null {
  if (args === undefined) {
    if (name === 'drop') return { type: 'drop', text };
    if (name === 'strip_vlan' || name === 'pop_vlan') return { type: name, text };
    if (name === 'clear_actions') return { type: 'clear_actions', text };
    if (name === 'dec_ttl') return { type: 'dec_ttl', controllerIds: [], text };
    const upper = name.toUpperCase();
    if (upper === 'CONTROLLER') return { type: 'controller', options: {}, text };
    if (isReservedPort(upper)) return { type: 'output', port: { reserved: upper }, text };
    if (/^\d+$/.test(name)) return { type: 'output', port: { number: Number(name) }, text };
    return null;
  }
  switch (name) {
    case 'output':
      return decodeOutput(args, paren, text);
    case 'CONTROLLER':
    case 'controller':
      return decodeController(args, paren, text);
    case 'resubmit':
      return decodeResubmit(args, paren, text);
    case 'goto_table':
      return numeric(args) !== undefined ? { type: 'goto_table', table: numeric(args)!, text } : null;
    case 'mod_vlan_vid':
      return numeric(args) !== undefined ? { type: 'mod_vlan_vid', vlan: numeric(args)!, text } : null;
    case 'mod_vlan_pcp':
      return numeric(args) !== undefined ? { type: 'mod_vlan_pcp', pcp: numeric(args)!, text } : null;
    case 'push_vlan':
      return { type: 'push_vlan', ethertype: intern(args), text };
    case 'set_field':
      return decodeSetField(args, text);
    case 'set_tunnel':
    case 'set_tunnel64':
      return decodeSetTunnel(args, name === 'set_tunnel64' ? 64 : 32, text);
    case 'load':
      return decodeLoad(args, text);
    case 'move':
      return decodeMove(args, text);
    case 'dec_ttl':
      return { type: 'dec_ttl', controllerIds: splitTopLevel(args).map(Number).filter(Number.isFinite), text };
    case 'note':
      return { type: 'note', bytes: args, ...decodeNote(args), text };
    case 'ct':
      return decodeCt(args, text);
    case 'learn':
      return decodeLearn(args, text);
    case 'write_metadata': {
      const slash = args.indexOf('/');
      return slash < 0
        ? { type: 'write_metadata', value: args, text }
        : { type: 'write_metadata', value: args.slice(0, slash), mask: args.slice(slash + 1), text };
    }
    default:
      if ((MODIFY_ACTIONS as readonly string[]).includes(name)) {
        return { type: name as ModifyAction['type'], value: args, text };
      }
      return null;
  }
}

function numeric(text: string): number | undefined {
  return toSafeNumber(text);
}

function decodeOutput(args: string, paren: boolean, text: string): OutputAction {
  let target = args;
  let maxLen: number | undefined;
  if (paren) {
    // output(port=1,max_len=100)
    target = '';
    for (const part of splitTopLevel(args)) {
      const { key, value } = splitKeyValue(part);
      if (key === 'port' && value !== undefined) target = value;
      else if (key === 'max_len' && value !== undefined) maxLen = numeric(value);
    }
  }
  const field = parseFieldRef(target);
  const action: OutputAction = field ? { type: 'output', field, text } : { type: 'output', port: parsePortRef(target), text };
  if (maxLen !== undefined) action.maxLen = maxLen;
  return action;
}

function decodeController(args: string, paren: boolean, text: string): ControllerAction {
  if (!paren) return { type: 'controller', ...(numeric(args) !== undefined ? { maxLen: numeric(args)! } : {}), options: {}, text };
  const options: Record<string, string> = {};
  for (const part of splitTopLevel(args)) {
    const { key, value } = splitKeyValue(part);
    options[key] = value ?? '';
  }
  const action: ControllerAction = { type: 'controller', options, text };
  if (options['max_len'] !== undefined && numeric(options['max_len']) !== undefined) action.maxLen = numeric(options['max_len'])!;
  return action;
}

function decodeResubmit(args: string, paren: boolean, text: string): ResubmitAction {
  if (!paren) return { type: 'resubmit', port: parsePortRef(args), text };
  // resubmit([port],[table][,ct]) — an empty port means "this packet's in_port"
  const comma = args.indexOf(',');
  const portText = (comma < 0 ? args : args.slice(0, comma)).trim();
  const second = comma < 0 ? -1 : args.indexOf(',', comma + 1);
  const table = comma < 0 ? undefined : numeric(second < 0 ? args.slice(comma + 1) : args.slice(comma + 1, second));
  const ct = second >= 0 && args.slice(second + 1).trim() === 'ct';
  if (portText === '' && !ct) return table === undefined ? { type: 'resubmit', text } : { type: 'resubmit', table, text };
  return {
    type: 'resubmit',
    ...(portText !== '' ? { port: parsePortRef(portText) } : {}),
    ...(table !== undefined ? { table } : {}),
    ...(ct ? { ct } : {}),
    text,
  };
}

function decodeSetField(args: string, text: string): SetFieldAction | null {
  const arrow = args.lastIndexOf('->');
  if (arrow < 0) return null;
  const field = internSlice(args, arrow + 2, args.length);
  const slash = args.indexOf('/');
  // a MAC or IPv6 value never contains `/` except as value/mask
  return slash < 0 || slash > arrow
    ? { type: 'set_field', field, value: args.slice(0, arrow), text }
    : { type: 'set_field', field, value: args.slice(0, slash), mask: args.slice(slash + 1, arrow), text };
}

function decodeSetTunnel(args: string, bits: 32 | 64, text: string): SetTunnelAction {
  const key = toSafeNumber(args);
  return key === undefined ? { type: 'set_tunnel', id: args, bits, text } : { type: 'set_tunnel', id: args, key, bits, text };
}

/** `0x1` / `42` → number when it is exact in a double; undefined for anything else. */
export function toSafeNumber(text: string): number | undefined {
  const t = text.length > 0 && (text.charCodeAt(0) <= 0x20 || text.charCodeAt(text.length - 1) <= 0x20) ? text.trim() : text;
  const hex = t.length > 2 && t.charCodeAt(0) === 0x30 && (t.charCodeAt(1) | 0x20) === 0x78; // 0x / 0X
  const from = hex ? 2 : 0;
  if (t.length === from) return undefined;
  for (let i = from; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit && !(hex && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66))) return undefined;
  }
  // up to 13 hex / 15 decimal digits always fit; longer ones are checked exactly
  if (hex ? t.length - 2 <= 13 : t.length <= 15) return hex ? parseInt(t.slice(2), 16) : Number(t);
  const big = BigInt(t);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : undefined;
}

function decodeLoad(args: string, text: string): LoadAction | null {
  const arrow = args.indexOf('->');
  if (arrow < 0) return null;
  const dst = parseFieldRef(args.slice(arrow + 2));
  if (!dst) return null;
  return { type: 'load', value: args.slice(0, arrow), dst, text };
}

function decodeMove(args: string, text: string): MoveAction | null {
  const arrow = args.indexOf('->');
  if (arrow < 0) return null;
  const src = parseFieldRef(args.slice(0, arrow));
  const dst = parseFieldRef(args.slice(arrow + 2));
  return src && dst ? { type: 'move', src, dst, text } : null;
}

/** `61.62.63.00.00.00` → `abc` (trailing NUL padding removed) when every byte is printable ASCII. */
function decodeNote(bytes: string): { decoded?: string } {
  const parts = bytes.split('.');
  if (!parts.every((p) => /^[0-9a-f]{2}$/i.test(p))) return {};
  const codes = parts.map((p) => parseInt(p, 16));
  while (codes.length > 0 && codes[codes.length - 1] === 0) codes.pop();
  if (codes.length === 0 || !codes.every((c) => c >= 0x20 && c < 0x7f)) return {};
  return { decoded: String.fromCharCode(...codes) };
}

function decodeCt(args: string, text: string): CtAction {
  const action: CtAction = { type: 'ct', commit: false, force: false, zone: undefined, table: undefined, nat: undefined, exec: [], options: {}, text };
  for (const part of splitTopLevel(args)) {
    if (part === 'commit') action.commit = true;
    else if (part === 'force') action.force = true;
    else if (part === 'nat' || part.startsWith('nat(')) action.nat = decodeNat(part);
    else if (part.startsWith('exec(')) action.exec = parseActions(part.slice(5, part.endsWith(')') ? -1 : undefined));
    else {
      const { key, value } = splitKeyValue(part);
      if (key === 'zone' && value !== undefined) action.zone = value;
      else if (key === 'table' && value !== undefined && numeric(value) !== undefined) action.table = numeric(value)!;
      else action.options[key] = value ?? '';
    }
  }
  return action;
}

/**
 *   nat(src=192.0.2.10-192.0.2.20:1000-2000,random)
 *       ^^^ ^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^ ^^^^^^
 *       kind addresses            ports     flags
 */
function decodeNat(text: string): NatSpec {
  const nat: NatSpec = { flags: [], text };
  if (text === 'nat') return nat;
  const inner = text.slice(4, text.endsWith(')') ? -1 : undefined);
  for (const part of splitTopLevel(inner)) {
    const { key, value } = splitKeyValue(part);
    if ((key === 'src' || key === 'dst') && value !== undefined) {
      nat.kind = key;
      let addresses = value;
      let ports: string | undefined;
      if (value.startsWith('[')) {
        // IPv6: [2001:db8::1]-[2001:db8::2]:80-90
        const close = value.lastIndexOf(']');
        if (close >= 0 && value[close + 1] === ':') {
          addresses = value.slice(0, close + 1);
          ports = value.slice(close + 2);
        }
      } else {
        const colon = value.indexOf(':');
        if (colon >= 0) {
          addresses = value.slice(0, colon);
          ports = value.slice(colon + 1);
        }
      }
      nat.addresses = addresses;
      if (ports !== undefined) nat.ports = ports;
    } else if (key === 'src' || key === 'dst') nat.kind = key;
    else nat.flags.push(part);
  }
  return nat;
}

const LEARN_NUMBERS: Record<string, 'table' | 'priority' | 'idleTimeout' | 'hardTimeout' | 'finIdleTimeout' | 'finHardTimeout'> = {
  table: 'table',
  priority: 'priority',
  idle_timeout: 'idleTimeout',
  hard_timeout: 'hardTimeout',
  fin_idle_timeout: 'finIdleTimeout',
  fin_hard_timeout: 'finHardTimeout',
};
const LEARN_OPTIONS = new Set(['send_flow_rem', 'delete_learned', 'limit', 'result_dst', 'importance']);

/**
 *   learn(table=20,hard_timeout=300,priority=1,NXM_OF_VLAN_TCI[0..11],
 *         NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:0->NXM_OF_VLAN_TCI[],
 *         load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[],output:NXM_OF_IN_PORT[])
 *   attributes first (table=, …), then the template: matches, loads, output.
 */
function decodeLearn(args: string, text: string): LearnAction {
  const action: LearnAction = {
    type: 'learn', table: undefined, priority: undefined, idleTimeout: undefined, hardTimeout: undefined,
    finIdleTimeout: undefined, finHardTimeout: undefined, cookie: undefined, options: {}, specs: [], text,
  };
  const specs: LearnSpec[] = [];
  for (const piece of splitTopLevel(args)) {
    // the template is the same on every flow a learn action writes: one copy of each part
    const part = intern(piece);
    if (part.startsWith('load:')) {
      specs.push(learnLoad(part));
      continue;
    }
    if (part.startsWith('output:')) {
      const src = parseFieldRef(part.slice(7));
      specs.push(src ? { kind: 'output', src, text: part } : { kind: 'other', text: part });
      continue;
    }
    const { key, value } = splitKeyValue(part);
    const numberKey = LEARN_NUMBERS[key];
    if (numberKey && value !== undefined && numeric(value) !== undefined) {
      action[numberKey] = numeric(value)!;
    } else if (key === 'cookie' && value !== undefined) {
      action.cookie = value;
    } else if (LEARN_OPTIONS.has(key)) {
      action.options[key] = value ?? true;
    } else {
      specs.push(learnMatch(key, value, part));
    }
  }
  // a copy sized to fit (a pushed-to array keeps room for 16)
  if (specs.length > 0) action.specs = specs.slice();
  return action;
}

function learnLoad(part: string): LearnSpec {
  const body = part.slice(5);
  const arrow = body.indexOf('->');
  const dst = arrow >= 0 ? parseFieldRef(body.slice(arrow + 2)) : null;
  if (!dst) return { kind: 'other', text: part };
  const source = internSlice(body, 0, arrow);
  const src = parseFieldRef(source);
  return src ? { kind: 'load', dst, src, text: part } : { kind: 'load', dst, value: source, text: part };
}

function learnMatch(key: string, value: string | undefined, part: string): LearnSpec {
  const dst = parseFieldRef(key) ?? (/^[a-z_][\w]*$/i.test(key) ? { field: intern(key) } : null);
  if (!dst) return { kind: 'other', text: part };
  if (value === undefined) return { kind: 'match', dst, src: dst, text: part };
  const src = parseFieldRef(value);
  return src ? { kind: 'match', dst, src, text: part } : { kind: 'match', dst, value: intern(value), text: part };
}
