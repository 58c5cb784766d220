// `ip route` / `ip -6 route` / `ip route show table all`: one record per route,
// multipath nexthops (on `\tnexthop …` lines or inline) under their route.
// Hand-written: no npm package reads iproute2's route listing.
//
//   default via 192.0.2.1 dev qg-9b8a7c6d-5e
//   192.168.1.0/24 dev qg-c5ab6a1c-f1  proto kernel  scope link  src 192.168.1.245     (2014: two spaces)
//   blackhole 10.30.0.0/16
//   10.40.0.0/16
//   	nexthop via 10.9.0.253 dev br0 weight 1 linkdown
//   10.60.0.0/16 dev veth-a scope link linkdown mtu lock 1400
import ipaddr from 'ipaddr.js';
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { IP_ERROR, LIST_VERBS, readIpInvocation, verbIs, withNetnsOption, withoutColour } from './ip-command.js';
import { splitWords } from './ip-link-header.js';

export interface RouteNexthop {
  via?: string;
  dev?: string;
  weight?: number;
  /** `linkdown`, `onlink`, `dead`… */
  flags: string[];
  /** Other `key value` words, as printed. */
  options: Record<string, string>;
  evidence: Evidence;
}

export interface IpRouteRecord {
  /** `unicast` unless printed: `local`, `broadcast`, `blackhole`, `unreachable`, `prohibit`, `throw`… */
  type: string;
  /** `default` or the prefix as printed (`10.0.1.0/28`, `10.9.3.2`). */
  destination: string;
  family?: 'inet' | 'inet6';
  /** Prefix length; a bare address is a host route (/32 or /128); `default` is 0. */
  prefixLength?: number;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  table?: string;
  pref?: string;
  /** `linkdown`, `onlink`, `dead`, `offload`… */
  flags: string[];
  /** Other `key value` words as printed (`mtu` → `lock 1400`, `expires` → `3599sec`, `error` → `-113`). */
  options: Record<string, string>;
  nexthops: RouteNexthop[];
  evidence: Evidence;
}

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat', 'anycast']);
const ROUTE_FLAGS = new Set(['linkdown', 'onlink', 'dead', 'pervasive', 'offload', 'trap', 'offload_failed', 'notify', 'rt_offload', 'rt_trap', 'rt_offload_failed', 'cache']);
/** Metrics iproute2 may print with a `lock` word before the value. */
const LOCKABLE = new Set(['mtu', 'advmss', 'rtt', 'rttvar', 'rto_min', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'ssthresh', 'reordering', 'hoplimit', 'quickack', 'features']);

/** Words that can open the rest of a wrapped route line. */
const CONTINUATION_KEYS = new Set(['via', 'dev', 'proto', 'scope', 'src', 'metric', 'table', 'pref', 'weight', 'expires', 'error', ...ROUTE_FLAGS, ...LOCKABLE]);

/** How an address iproute2 prints can look: dotted IPv4 digits, or IPv6 (a colon, hex digits, a `%zone`). */
const ADDRESS_SHAPE = /^(?:[\d.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*(?:%[\w.-]+)?)$/;

function familyOf(address: string): 'inet' | 'inet6' | undefined {
  // ipaddr.isValid costs tens of microseconds on a word that is no address (it throws inside): ask it only of address-shaped words
  if (!ADDRESS_SHAPE.test(address) || !ipaddr.isValid(address)) return undefined;
  return ipaddr.parse(address).kind() === 'ipv6' ? 'inet6' : 'inet';
}

/** Reads `key value` words and flags into `target`; returns words that start a `nexthop` list. */
function readWords(words: string[], target: { via?: string; dev?: string; flags: string[]; options: Record<string, string> }, onKey: (key: string, value: string) => boolean): string[] {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 'nexthop') return words.slice(i);
    if (ROUTE_FLAGS.has(word)) { target.flags.push(word); continue; }
    let value = words[i + 1];
    if (value === undefined) { target.flags.push(word); continue; }
    i++;
    // `via inet6 fe80::1` names the family before the address.
    if (word === 'via' && (value === 'inet' || value === 'inet6') && words[i + 1] !== undefined) value = words[++i]!;
    if (LOCKABLE.has(word) && value === 'lock' && words[i + 1] !== undefined) value = `lock ${words[++i]}`;
    if (word === 'via') target.via = value;
    else if (word === 'dev') target.dev = value;
    else if (!onKey(word, value)) {
      let name = word;
      for (let n = 2; name in target.options; n++) name = `${word}#${n}`;
      target.options[name] = value;
    }
  }
  return [];
}

/** Splits `nexthop via A dev X weight 1 nexthop via B …` into nexthops. */
function readNexthops(words: string[], evidence: Evidence): RouteNexthop[] {
  const hops: RouteNexthop[] = [];
  let current: string[] | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const hop: RouteNexthop = { flags: [], options: {}, evidence };
    readWords(current, hop, (key, value) => {
      if (key === 'weight') { hop.weight = Number(value); return true; }
      return false;
    });
    hops.push(inPrintedOrder(hop, NEXTHOP_KEY_ORDER));
  };
  for (const word of words) {
    if (word === 'nexthop') { flush(); current = []; } else current?.push(word);
  }
  flush();
  return hops;
}

/** True when `word` can only open a route (a destination), never follow a key. */
function isDestination(word: string, next: string | undefined): boolean {
  if (word === 'default') return true;
  if (ROUTE_TYPES.has(word) && next !== undefined) return isDestination(next, undefined);
  const slash = word.indexOf('/');
  return familyOf(slash < 0 ? word : word.slice(0, slash)) !== undefined && (slash >= 0 || /^[\d.]+$|:/.test(word));
}

/**
 * Splits the words of a line where a second route was glued onto the first:
 * stepping over `key value` pairs, a destination where a key should be opens a new route.
 */
function splitGluedRoutes(words: string[]): string[][] {
  const routes: string[][] = [];
  let start = 0;
  let i = ROUTE_TYPES.has(words[0] ?? '') ? 2 : 1;
  while (i < words.length) {
    const word = words[i]!;
    if (isDestination(word, words[i + 1]) && words[i - 1] !== 'nexthop') {
      routes.push(words.slice(start, i));
      start = i;
      i += ROUTE_TYPES.has(word) ? 2 : 1;
    } else if (ROUTE_FLAGS.has(word) || word === 'nexthop') i += 1;
    else if (word === 'via' && (words[i + 1] === 'inet' || words[i + 1] === 'inet6')) i += 3;
    else if (LOCKABLE.has(word) && words[i + 1] === 'lock') i += 3;
    else i += 2;
  }
  routes.push(words.slice(start));
  return routes;
}

/** Reads the words of one route; a string is the reason they are not one. */
function readRoute(words: string[], line: number): IpRouteRecord | string {
  let i = 0;
  let type = 'unicast';
  if (ROUTE_TYPES.has(words[0] ?? '') && words[1] !== undefined) { type = words[0]!; i = 1; }
  const destination = words[i];
  if (destination === undefined) return 'empty route';
  const record: IpRouteRecord = { type, destination, flags: [], options: {}, nexthops: [], evidence: { line } };
  if (destination === 'default') {
    record.prefixLength = 0;
  } else {
    const slash = destination.indexOf('/');
    const address = slash < 0 ? destination : destination.slice(0, slash);
    const family = familyOf(address);
    if (family === undefined) return `"${destination}" is not a route destination`;
    record.family = family;
    record.prefixLength = slash < 0 ? (family === 'inet' ? 32 : 128) : Number(destination.slice(slash + 1));
  }
  const rest = readWords(words.slice(i + 1), record, (key, value) => {
    switch (key) {
      case 'proto': record.proto = value; return true;
      case 'scope': record.scope = value; return true;
      case 'src': record.src = value; return true;
      case 'metric': record.metric = Number(value); return true;
      case 'table': record.table = value; return true;
      case 'pref': record.pref = value; return true;
      default: return false;
    }
  });
  if (rest.length > 0) record.nexthops.push(...readNexthops(rest, { line }));
  if (record.family === undefined) {
    const gateway = record.via ?? record.src;
    const family = gateway === undefined ? undefined : familyOf(gateway);
    if (family !== undefined) record.family = family;
  }
  return inPrintedOrder(record, ROUTE_KEY_ORDER);
}

const ROUTE_KEY_ORDER = ['type', 'destination', 'family', 'prefixLength', 'via', 'dev', 'proto', 'scope', 'src', 'metric', 'table', 'pref', 'flags', 'options', 'nexthops', 'evidence'];
const NEXTHOP_KEY_ORDER = ['via', 'dev', 'weight', 'flags', 'options', 'evidence'];

/** Same object with its keys in a fixed order, so fixtures read like the output. */
function inPrintedOrder<T extends object>(value: T, order: string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of order) if ((value as Record<string, unknown>)[key] !== undefined) out[key] = (value as Record<string, unknown>)[key];
  return out as T;
}

export const parser: CaptureParser<IpRouteRecord> = {
  name: 'ip-route',
  mayBeEmpty: true,
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    return inv?.program === 'ip' && inv.object === 'route' && !inv.json && verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: IpRouteRecord[] = [];
    /** Words of each route line, to re-read a route when its wrapped rest follows. */
    const wordsOf = new WeakMap<IpRouteRecord, string[]>();
    for (let n = 1; n <= ledger.count; n++) {
      const line = withoutColour(ledger.text(n));
      if (ledger.roleOf(n) === 'blank') continue;
      if (isHashNote(line)) { ledger.noise(n); continue; }
      if (IP_ERROR.test(line)) { ledger.unparsed(n, 'error message from the command, not its output'); continue; }
      const last = records[records.length - 1];
      const words = splitWords(line);
      // An indented line that goes on with route keys is the rest of a wrapped route line.
      if (/^\s/.test(line) && last !== undefined && CONTINUATION_KEYS.has(words[0] ?? '')) {
        const joined = readRoute([...(wordsOf.get(last) ?? []), ...words], last.evidence.line);
        if (typeof joined === 'string') { ledger.unparsed(n, joined); continue; }
        joined.evidence = { line: last.evidence.line, endLine: n };
        wordsOf.set(joined, [...(wordsOf.get(last) ?? []), ...words]);
        records[records.length - 1] = joined;
        ledger.fact(n);
        continue;
      }
      if (/^\s*nexthop\s/.test(line)) {
        if (last === undefined) { ledger.unparsed(n, 'nexthop line with no route before it'); continue; }
        last.nexthops.push(...readNexthops(splitWords(line), { line: n }));
        last.evidence = { line: last.evidence.line, endLine: n };
        ledger.fact(n);
        continue;
      }
      const routes = splitGluedRoutes(words).map((w) => ({ words: w, route: readRoute(w, n) }));
      const problem = routes.find((r) => typeof r.route === 'string');
      if (problem !== undefined) {
        ledger.unparsed(n, problem.route as string);
        continue;
      }
      for (const { words: w, route } of routes) {
        records.push(route as IpRouteRecord);
        wordsOf.set(route as IpRouteRecord, w);
      }
      ledger.fact(n);
    }
    return withNetnsOption(ledger.finish('ip-route', cmd, records), cmd);
  },
};
