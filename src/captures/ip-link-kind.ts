// The `ip -d link` kind lines (`veth`, `vxlan id 100 remote … dstport 4789 …`,
// `bridge_slave state forwarding priority 32 cost 2 …`, `tun type tap …`):
// every word kept as an option or a flag, plus typed summaries of what the
// topology needs (tunnel endpoints, VLAN id, bridge port state).
// Hand-written: the words are iproute2's own print format, no library reads them.
import type { Evidence } from './types.js';
import { LINK_DETAIL_KEYS, splitWords } from './ip-link-header.js';

export interface LinkKind {
  /** `veth`, `vxlan`, `gre`, `tun`, `vlan`, `bridge`, `bridge_slave`, `openvswitch_slave`… */
  name: string;
  /** `key value` words (`id` → `100`, `dstport` → `4789`; `srcport` → `0 0`). */
  options: Record<string, string>;
  /** Words that stand alone (`udpcsum`, `nolearning`, `<REORDER_HDR>`, `multi_queue`). */
  flags: string[];
  /** The kind's words exactly as printed (after unwrapping), so nothing is lost to a guess. */
  text: string;
  evidence: Evidence;
  /** vxlan / geneve / gre / gretap / ipip / sit / ip6tnl / vti / erspan endpoints. */
  tunnel?: TunnelSummary;
  /** `vlan protocol 802.1Q id 100`. */
  vlan?: { protocol?: string; id?: number };
  /** `tun type tap`. */
  tun?: { type?: string };
  /** `bridge_slave state forwarding priority 32 cost 2`. */
  bridgePort?: { state?: string; priority?: number; cost?: number };
  /** `bridge … stp_state 0 … bridge_id 8000.…`. */
  bridge?: { stpState?: number; bridgeId?: string; vlanFiltering?: number };
  /** `macvlan mode bridge`, `bond mode active-backup`, `ipvlan mode l2`. */
  mode?: string;
}

export interface TunnelSummary {
  /** VNI of vxlan / geneve. */
  id?: number;
  remote?: string;
  local?: string;
  /** Multicast group of a vxlan without `remote`. */
  group?: string;
  /** Underlay device (`dev eth1`). */
  dev?: string;
  dstport?: number;
  key?: string;
  ikey?: string;
  okey?: string;
  ttl?: string;
}

/** Device kinds iproute2 prints at the start of the `-d` kind line (plus any `*_slave`). */
export const LINK_KINDS = new Set([
  'veth', 'bridge', 'openvswitch', 'vxlan', 'gre', 'gretap', 'ip6gre', 'ip6gretap', 'erspan', 'ip6erspan',
  'ipip', 'sit', 'ip6tnl', 'vti', 'vti6', 'tun', 'vlan', 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'dummy',
  'ifb', 'bond', 'team', 'geneve', 'bareudp', 'vrf', 'nlmon', 'macsec', 'xfrm', 'wireguard', 'hsr', 'can',
  'vcan', 'vxcan', 'netkit', 'gtp', 'ipoib', 'amt', 'rmnet', 'virt_wifi', 'batadv', 'lowpan', 'dsa',
]);

export function isKindWord(word: string): boolean {
  return LINK_KINDS.has(word) || /^[a-z0-9]+_slave$/.test(word);
}

// Words that carry no value. Without this list `udpcsum noudp6zerocsumtx`
// would read as the option udpcsum=noudp6zerocsumtx.
const FLAG_WORDS = new Set([
  'udpcsum', 'noudpcsum', 'udp6zerocsumtx', 'noudp6zerocsumtx', 'udp6zerocsumrx', 'noudp6zerocsumrx',
  'learning', 'nolearning', 'proxy', 'noproxy', 'rsc', 'norsc', 'l2miss', 'nol2miss', 'l3miss', 'nol3miss',
  'external', 'noexternal', 'gbp', 'gpe', 'remcsumtx', 'noremcsumtx', 'remcsumrx', 'noremcsumrx',
  'localbypass', 'nolocalbypass', 'vnifilter', 'pmtudisc', 'nopmtudisc', 'ignore-df', 'noignore-df',
  'csum', 'nocsum', 'icsum', 'ocsum', 'seq', 'noseq', 'iseq', 'oseq', 'multi_queue', 'vnet_hdr_sz',
  'bridge_binding', 'loose_binding', 'reorder_hdr', 'gvrp', 'mvrp',
  'nopassthru', 'passthru', 'bc_cutoff', 'ip6erspan', 'collect_metadata', 'innerprotoinherit',
  'udp6zerocsum', 'noudp6zerocsum',
]);
/** Words that can only be a value: `on`, `off`, numbers, hex, addresses. */
const VALUE_LIKE = /^(?:on|off|-?\d[\w.:/-]*|0x[0-9a-f]+)$/i;
/** Options printed with two value words: `srcport 0 0`. */
const TWO_VALUE_OPTIONS = new Set(['srcport', 'port']);

/**
 * Splits kind words into options and flags. Rules, in order: `<…>` is a flag
 * list; `{ … }` belongs to the key before it; a known flag word stands alone
 * unless a value (`on`, `off`, a number) follows it;
 * `srcport` takes two values; any other word takes the next word as value; a
 * last word without a value is a flag.
 */
export function readOptions(words: readonly string[]): { options: Record<string, string>; flags: string[] } {
  const options: Record<string, string> = {};
  const flags: string[] = [];
  const put = (key: string, value: string): void => {
    let name = key;
    for (let n = 2; name in options; n++) name = `${key}#${n}`;
    options[name] = value;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('<')) {
      // `<REORDER_HDR>` or `<REORDER_HDR,GVRP>`.
      flags.push(...word.replace(/[<>]/g, '').split(',').filter((f) => f !== ''));
      continue;
    }
    const next = words[i + 1];
    // `learning` is a flag of vxlan but `learning on` an option of bridge_slave.
    if (FLAG_WORDS.has(word) && (next === undefined || !VALUE_LIKE.test(next))) { flags.push(word); continue; }
    if (next === undefined) { flags.push(word); continue; }
    if (next === '{') {
      const close = words.indexOf('}', i + 2);
      const end = close < 0 ? words.length : close;
      put(word, words.slice(i + 2, end).join(' '));
      i = end;
      continue;
    }
    if (TWO_VALUE_OPTIONS.has(word) && words[i + 2] !== undefined && /^\d+$/.test(next) && /^\d+$/.test(words[i + 2]!)) {
      put(word, `${next} ${words[i + 2]}`);
      i += 2;
      continue;
    }
    put(word, next);
    i++;
  }
  return { options, flags };
}

/**
 * Splits a kind line into the kind's words and the device-wide `-d` words that
 * iproute2 appends to whatever line was last printed
 * (`veth addrgenmode eui64 numtxqueues 2 …`: kind `veth`, details from `addrgenmode` on).
 */
export function splitKindLine(text: string): { kindWords: string[]; detailWords: string[] } {
  const words = splitWords(text);
  const cut = words.findIndex((w, i) => i > 0 && LINK_DETAIL_KEYS.has(w));
  if (cut < 0) return { kindWords: words, detailWords: [] };
  return { kindWords: words.slice(0, cut), detailWords: words.slice(cut) };
}

const TUNNEL_KINDS = new Set(['vxlan', 'geneve', 'gre', 'gretap', 'ip6gre', 'ip6gretap', 'erspan', 'ip6erspan', 'ipip', 'sit', 'ip6tnl', 'vti', 'vti6', 'bareudp']);

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Builds a LinkKind from the kind words of one (unwrapped) line. */
export function readKind(kindWords: readonly string[], evidence: Evidence): LinkKind {
  const [name = '', ...rest] = kindWords;
  const { options, flags } = readOptions(rest);
  const kind: LinkKind = { name, options, flags, text: kindWords.join(' '), evidence };
  if (TUNNEL_KINDS.has(name)) {
    const tunnel: TunnelSummary = {};
    const id = numberOf(options['id'] ?? options['vni']);
    if (id !== undefined) tunnel.id = id;
    for (const key of ['remote', 'local', 'group', 'dev', 'key', 'ikey', 'okey', 'ttl'] as const) {
      if (options[key] !== undefined) tunnel[key] = options[key];
    }
    const dstport = numberOf(options['dstport']);
    if (dstport !== undefined) tunnel.dstport = dstport;
    kind.tunnel = tunnel;
  }
  if (name === 'vlan') {
    kind.vlan = {};
    if (options['protocol'] !== undefined) kind.vlan.protocol = options['protocol'];
    const id = numberOf(options['id']);
    if (id !== undefined) kind.vlan.id = id;
  }
  if (name === 'tun' && options['type'] !== undefined) kind.tun = { type: options['type'] };
  if (name === 'bridge_slave') {
    kind.bridgePort = {};
    if (options['state'] !== undefined) kind.bridgePort.state = options['state'];
    const priority = numberOf(options['priority']);
    if (priority !== undefined) kind.bridgePort.priority = priority;
    const cost = numberOf(options['cost']);
    if (cost !== undefined) kind.bridgePort.cost = cost;
  }
  if (name === 'bridge') {
    kind.bridge = {};
    const stp = numberOf(options['stp_state']);
    if (stp !== undefined) kind.bridge.stpState = stp;
    if (options['bridge_id'] !== undefined) kind.bridge.bridgeId = options['bridge_id'];
    const vf = numberOf(options['vlan_filtering']);
    if (vf !== undefined) kind.bridge.vlanFiltering = vf;
  }
  if (options['mode'] !== undefined && (name === 'macvlan' || name === 'macvtap' || name === 'ipvlan' || name === 'ipvtap' || name === 'bond')) {
    kind.mode = options['mode'];
  }
  return kind;
}
