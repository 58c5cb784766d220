// Reads an `ip …` / `bridge …` argv the way iproute2 itself does (global
// options first, then an object named by any unique prefix, then a verb), so
// that each parser's `matches()` accepts `ip l`, `ip -d link show dev X`,
// `ip -4 a`, `ip -br a` alike. Hand-written: iproute2's own option table is C.
import { programName } from './lines.js';
import type { CaptureResult, CommandLine } from './types.js';

export interface IpInvocation {
  /** `ip` or `bridge`. */
  program: 'ip' | 'bridge';
  /** Full object name (`link`, `address`, `route`, `netns`…), or undefined when none was given. */
  object?: string;
  /** What followed the object: verb and its arguments (`show`, `dev`, `qvo…`). */
  rest: string[];
  details: boolean;
  oneline: boolean;
  brief: boolean;
  json: boolean;
  /** `-s`, given once or more. */
  stats: number;
  /** `-4`, `-6`, `-0` or `-f inet|inet6|link`. */
  family?: 'inet' | 'inet6' | 'link' | 'mpls' | 'bridge';
  /** `-n NS` / `-netns NS`. */
  netns?: string;
}

// iproute2 resolves an object word by trying its table in this order and
// taking the first name the word is a prefix of: that is why `ip a` is
// `address` (not `addrlabel`) and `ip l` is `link` (not `l2tp`).
const IP_OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl',
  'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tuntap', 'tap', 'token', 'tcpmetrics',
  'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop',
  'mptcp', 'ioam', 'stats', 'help',
];
const BRIDGE_OBJECTS = ['link', 'fdb', 'mdb', 'vlan', 'vni', 'monitor', 'help'];

/** Options that consume the next word (`-n NS`, `-f inet`). */
const OPTIONS_WITH_VALUE = ['-family', '-netns', '-loops', '-rcvbuf', '-batch'];

/** True when `word` is `-x…`/`--x…` and a prefix (at least `min` letters) of `option`. */
function optionMatches(word: string, option: string, min = 1): boolean {
  const bare = word.replace(/^--?/, '-');
  return bare.length >= min + 1 && option.startsWith(bare);
}

/** First name in `table` that `word` is a prefix of, as iproute2's `matches()` does. */
export function resolveObject(word: string, table: readonly string[]): string | undefined {
  if (word === '') return undefined;
  return table.find((name) => name.startsWith(word));
}

/** Reads an iproute2 argv, or undefined when argv[0] is not `ip` / `bridge`. */
export function readIpInvocation(argv: readonly string[]): IpInvocation | undefined {
  const program = programName(argv[0]);
  if (program !== 'ip' && program !== 'bridge') return undefined;
  const inv: IpInvocation = { program, rest: [], details: false, oneline: false, brief: false, json: false, stats: 0 };
  let i = 1;
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') break;
    if (word === '--') { i++; break; }
    if (word === '-4') inv.family = 'inet';
    else if (word === '-6') inv.family = 'inet6';
    else if (word === '-0') inv.family = 'link';
    else if (optionMatches(word, '-details')) inv.details = true;
    else if (optionMatches(word, '-oneline')) inv.oneline = true;
    else if (optionMatches(word, '-brief', 2)) inv.brief = true;
    else if (optionMatches(word, '-json')) inv.json = true;
    else if (optionMatches(word, '-statistics') || optionMatches(word, '-stats')) inv.stats++;
    else if (/^--?s{2,}$/.test(word)) inv.stats += word.replace(/-/g, '').length;
    else if (optionMatches(word, '-netns')) inv.netns = argv[++i];
    else if (optionMatches(word, '-family')) {
      const value = argv[++i];
      if (value === 'inet' || value === 'inet6' || value === 'link' || value === 'mpls' || value === 'bridge') inv.family = value;
    } else if (OPTIONS_WITH_VALUE.some((opt) => optionMatches(word, opt, 2))) i++;
    // Any other option (-c, -color=auto, -p, -h, -r, -a, -t …) changes no layout we parse.
  }
  const objectWord = argv[i];
  if (objectWord !== undefined) {
    inv.object = resolveObject(objectWord, program === 'ip' ? IP_OBJECTS : BRIDGE_OBJECTS) ?? `?${objectWord}`;
    inv.rest = argv.slice(i + 1);
  }
  return inv;
}

/** True when the verb after the object is absent or one of `verbs` (given by any prefix, like iproute2). */
export function verbIs(inv: IpInvocation, verbs: readonly string[]): boolean {
  const verb = inv.rest[0];
  if (verb === undefined) return true;
  return verbs.some((v) => v.startsWith(verb));
}

/** Verbs that only list (`show`, `list`, `lst`): what every parser here reads. */
export const LIST_VERBS = ['show', 'list', 'lst'];

/** Messages iproute2 prints instead of output (`Device "x" does not exist.`, `RTNETLINK answers: …`). */
export const IP_ERROR = /^\s*(?:Error:|RTNETLINK answers:|Cannot find device|Device "[^"]*" does not exist|Object "[^"]*" is unknown|Command "[^"]*" is unknown|Cannot open network namespace|Failed to |Usage: )/;

/**
 * The text of a line without the colour codes of `ip -c` / `bridge -c`
 * (`\x1b[36mlo: \x1b[0m<LOOPBACK>`); parsers read this, `unparsed` keeps the line as captured.
 */
export function withoutColour(text: string): string {
  return text.includes('\x1b') ? text.replace(/\x1b\[[0-9;]*m/g, '') : text;
}

/** Sets `result.netns` from `ip -n NS …` / `bridge -n NS …` when `ip netns exec` did not already name one. */
export function withNetnsOption<T>(result: CaptureResult<T>, cmd: CommandLine): CaptureResult<T> {
  const netns = readIpInvocation(cmd.argv)?.netns;
  if (result.netns === undefined && netns !== undefined) result.netns = netns;
  return result;
}
