// `ip -br addr` and `ip -br link`: one interface per line, columns padded to
// 16 characters (a longer `name@peer` pushes the rest right by one space).
// Hand-written: no npm package reads iproute2's brief layout.
//
//   qvo7e2a4a6c-2b@qvb7e2a4a6c-2b UP             fe80::3c8d:ddff:fe90:5a99/64     (-br addr)
//   eth1@if2         UP             198.51.100.11/24 fe80::5054:ff:fe4c:ab11/64
//   veth-a@veth-b    LOWERLAYERDOWN 1a:d7:ec:4d:03:17 <NO-CARRIER,BROADCAST,…>     (-br link)
import ipaddr from 'ipaddr.js';
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { IP_ERROR, LIST_VERBS, readIpInvocation, verbIs, withNetnsOption, withoutColour } from './ip-command.js';
import { linkRef, splitWords, type LinkRef } from './ip-link-header.js';

export interface BriefAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixLength?: number;
  /** As printed: `198.51.100.11/24`. */
  cidr: string;
}

export interface IpBriefRecord {
  name: string;
  /** `@peer` / `@ifN` / `@NONE`. */
  linkedTo?: LinkRef;
  /** Operational state: UP, DOWN, UNKNOWN, LOWERLAYERDOWN, DORMANT… */
  state: string;
  /** `-br addr`: the addresses, in printed order (empty when the interface has none). */
  addresses?: BriefAddress[];
  /** `-br link`: the link-layer address (a MAC; for gre/ipip devices an IPv4 address such as `0.0.0.0`). */
  mac?: string;
  /** `-br link`: `<BROADCAST,MULTICAST,UP,LOWER_UP>` as a list. */
  flags?: string[];
  evidence: Evidence;
}

const STATES = new Set(['UP', 'DOWN', 'UNKNOWN', 'LOWERLAYERDOWN', 'DORMANT', 'NOTPRESENT', 'TESTING']);
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2})+$/i;

function briefAddress(word: string): BriefAddress | undefined {
  const slash = word.lastIndexOf('/');
  const address = slash < 0 ? word : word.slice(0, slash);
  // ipaddr.isValid is slow on words that are no address (it throws inside): ask it only of address-shaped words
  if (!/^(?:[\d.]+|[0-9a-fA-F.]*:[0-9a-fA-F:.]*(?:%[\w.-]+)?)$/.test(address) || !ipaddr.isValid(address)) return undefined;
  const result: BriefAddress = { family: address.includes(':') ? 'inet6' : 'inet', address, cidr: word };
  if (slash >= 0) result.prefixLength = Number(word.slice(slash + 1));
  return result;
}

/** A word that can only sit in the columns after the state. */
function isValueWord(word: string): boolean {
  return word.startsWith('<') || MAC.test(word) || briefAddress(word) !== undefined;
}

export const parser: CaptureParser<IpBriefRecord> = {
  name: 'ip-brief',
  matches(cmd) {
    const inv = readIpInvocation(cmd.argv);
    return inv?.program === 'ip' && inv.brief && !inv.json && (inv.object === 'link' || inv.object === 'address') && verbIs(inv, LIST_VERBS);
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: IpBriefRecord[] = [];
    // `ip -br link` prints one link-layer address per device, which is an IP for tunnels (`gre0@NONE UNKNOWN 0.0.0.0 <NOARP>`).
    const linkListing = readIpInvocation(cmd.argv)?.object === 'link';
    for (let n = 1; n <= ledger.count; n++) {
      const line = withoutColour(ledger.text(n));
      if (ledger.roleOf(n) === 'blank') continue;
      if (isHashNote(line)) { ledger.noise(n); continue; }
      if (IP_ERROR.test(line)) { ledger.unparsed(n, 'error message from the command, not its output'); continue; }
      const words = splitWords(line);
      // A line holding only addresses continues the line above (a wrapped address list).
      const last = records[records.length - 1];
      if (/^\s/.test(line) && last !== undefined && words.every(isValueWord)) {
        const problem = addValues(last, words, linkListing);
        if (problem) ledger.unparsed(n, problem);
        else { last.evidence = { line: last.evidence.line, endLine: n }; ledger.fact(n); }
        continue;
      }
      const problem = readEntries(words, n, records, linkListing);
      if (problem) ledger.unparsed(n, problem);
      else ledger.fact(n);
    }
    return withNetnsOption(ledger.finish('ip-brief', cmd, records), cmd);
  },
};

/**
 * Reads one line into records. Two entries glued on one line split where a
 * name is followed by a state word. Returns a reason when the line is not understood.
 */
function readEntries(words: string[], line: number, records: IpBriefRecord[], linkListing: boolean): string | undefined {
  const found: IpBriefRecord[] = [];
  let i = 0;
  while (i < words.length) {
    const nameWord = words[i]!;
    const state = words[i + 1];
    if (state === undefined || !STATES.has(state) || isValueWord(nameWord)) {
      return found.length === 0 ? 'not `NAME STATE …` of ip -br' : `"${nameWord}" after the entry of ${found[found.length - 1]!.name} is not understood`;
    }
    const at = nameWord.indexOf('@');
    const record: IpBriefRecord = { name: at < 0 ? nameWord : nameWord.slice(0, at), state, evidence: { line } };
    if (at >= 0) record.linkedTo = linkRef(nameWord.slice(at + 1));
    i += 2;
    const values: string[] = [];
    while (i < words.length && !(STATES.has(words[i + 1] ?? '') && !isValueWord(words[i]!))) values.push(words[i++]!);
    const problem = addValues(record, values, linkListing);
    if (problem) return problem;
    const { evidence, ...rest } = record;
    found.push({ ...rest, evidence });
  }
  records.push(...found);
  return undefined;
}

/** Puts the value columns (addresses, or mac and flags) on `record`. */
function addValues(record: IpBriefRecord, words: string[], linkListing: boolean): string | undefined {
  for (const word of words) {
    if (word.startsWith('<')) {
      if (!word.endsWith('>')) return `flag list "${word}" is not closed`;
      record.flags = word.slice(1, -1).split(',').filter((f) => f !== '');
    } else if ((MAC.test(word) || (linkListing && briefAddress(word) !== undefined)) && record.mac === undefined && record.addresses === undefined) {
      record.mac = word;
    } else {
      const address = briefAddress(word);
      if (address === undefined) return `"${word}" is neither an address, a MAC nor a <FLAGS> list`;
      (record.addresses ??= []).push(address);
    }
  }
  // `-br addr` of an interface without addresses prints nothing after the state.
  if (record.addresses === undefined && record.mac === undefined && record.flags === undefined) record.addresses = [];
  return undefined;
}
