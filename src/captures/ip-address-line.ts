// One address of `ip addr`: the `inet …`/`inet6 …` line and the
// `valid_lft … preferred_lft …` line under it. Hand-written: iproute2's print
// format, no npm package reads it; ipaddr.js checks the address itself.
import ipaddr from 'ipaddr.js';
import type { Evidence } from './types.js';
import { splitWords } from './ip-link-header.js';

export type Lifetime = number | 'forever';

export interface IpAddress {
  family: 'inet' | 'inet6';
  /** `10.9.3.1` (no prefix). */
  address: string;
  prefixLength?: number;
  /** As printed: `203.0.113.2/28`, or `10.9.3.1` when the prefix is on the peer. */
  cidr: string;
  /** `inet 10.9.3.1 peer 10.9.3.2/32`. */
  peer?: string;
  broadcast?: string;
  scope?: string;
  /** `secondary`, `dynamic`, `noprefixroute`, `tentative`… in printed order. */
  flags: string[];
  dynamic: boolean;
  secondary: boolean;
  /** IPv4 label (`br0:1`); iproute2 prints the device name when there is no alias label. */
  label?: string;
  metric?: number;
  proto?: string;
  validLft?: Lifetime;
  preferredLft?: Lifetime;
  /** Words not understood, kept as printed. */
  extra?: string[];
  /** From the `inet` line to its `valid_lft` line. */
  evidence: Evidence;
}

const ADDRESS_FLAGS = new Set([
  'secondary', 'primary', 'temporary', 'dynamic', 'permanent', 'deprecated', 'tentative', 'dadfailed',
  'optimistic', 'home', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy',
]);
const ADDRESS_KEYS = new Set(['peer', 'brd', 'any', 'scope', 'metric', 'proto']);

/** True when a wrapped `inet` line's rest may start with `word`. */
export function continuesAddress(word: string): boolean {
  return ADDRESS_KEYS.has(word) || ADDRESS_FLAGS.has(word);
}

function splitCidr(cidr: string): { address: string; prefixLength?: number } {
  const slash = cidr.lastIndexOf('/');
  if (slash < 0) return { address: cidr };
  return { address: cidr.slice(0, slash), prefixLength: Number(cidr.slice(slash + 1)) };
}

//   inet 10.9.0.2/24 scope global secondary br0:1
//   inet 10.9.3.1 peer 10.9.3.2/32 scope global veth-a
//   inet6 fe80::5054:ff:fe4c:ab01/64 scope link
/** Reads an `inet`/`inet6` line; a string is the reason it is not one. */
export function parseAddressLine(text: string, evidence: Evidence): IpAddress | string {
  const words = splitWords(text);
  const family = words[0];
  if (family !== 'inet' && family !== 'inet6') return 'not an inet/inet6 line';
  const cidr = words[1];
  if (cidr === undefined) return `${family} line without an address`;
  const { address, prefixLength } = splitCidr(cidr);
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const result: IpAddress = { family, address, cidr, flags: [], dynamic: false, secondary: false, evidence };
  if (prefixLength !== undefined) result.prefixLength = prefixLength;
  const extra: string[] = [];
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (ADDRESS_KEYS.has(word) && words[i + 1] !== undefined) {
      const value = words[++i]!;
      switch (word) {
        case 'peer': {
          result.peer = value;
          const peer = splitCidr(value);
          if (peer.prefixLength !== undefined && result.prefixLength === undefined) result.prefixLength = peer.prefixLength;
          break;
        }
        case 'brd': result.broadcast = value; break;
        case 'scope': result.scope = value; break;
        case 'metric': result.metric = Number(value); break;
        case 'proto': result.proto = value; break;
        default: extra.push(word, value);
      }
    } else if (ADDRESS_FLAGS.has(word)) {
      result.flags.push(word);
    } else if (family === 'inet' && i === words.length - 1 && result.label === undefined) {
      // iproute2 ends every IPv4 address line with its label.
      result.label = word;
    } else {
      extra.push(word);
    }
  }
  result.dynamic = result.flags.includes('dynamic');
  result.secondary = result.flags.includes('secondary') || result.flags.includes('temporary');
  if (extra.length > 0) result.extra = extra;
  return result;
}

//   valid_lft forever preferred_lft forever
//   valid_lft 3600sec preferred_lft 1800sec
/** Reads the lifetime line into `address`; false when it is not one. */
export function applyLifetimeLine(text: string, address: IpAddress): boolean {
  const m = /^\s*valid_lft\s+(forever|\d+sec)(?:\s+preferred_lft\s+(forever|\d+sec))?\s*$/.exec(text);
  if (!m) return false;
  address.validLft = lifetime(m[1]!);
  if (m[2] !== undefined) address.preferredLft = lifetime(m[2]);
  return true;
}

function lifetime(text: string): Lifetime {
  return text === 'forever' ? 'forever' : Number(text.replace(/sec$/, ''));
}
