// Groups the lines of `ip link` / `ip addr` (plain, `-d`, `-s`, `-o`) into one
// record per interface. Shared by ip-link.ts and ip-addr.ts, whose outputs
// differ only in the `inet` lines. Hand-written: no npm package reads
// iproute2's text; the noise rules (notes, wraps, glued entries) are ours.
//
//   8: qvb…@qvo…: <BROADCAST,…> mtu 1500 … master qbr… state UP …   header: opens an entry
//       link/ether 7a:0c:… brd ff:… [link-netnsid 0] [promiscuity 1 …]   link layer (+ -d details)
//       veth addrgenmode eui64 …                                      -d kind line (+ device details)
//       bridge_slave state forwarding priority 32 cost 2 …           -d slave kind line
//       alias some text                                               alias
//       inet 203.0.113.2/28 brd … scope global tap…                   address (ip addr)
//          valid_lft forever preferred_lft forever                    its lifetimes
//   `ip -o` puts all of these on one line joined by `\`; `ip -o addr`
//   prints `5: veth-a    inet …\    valid_lft …` per address.
import type { Evidence } from './types.js';
import { isHashNote, type LineLedger } from './lines.js';
import { IP_ERROR } from './ip-command.js';
import {
  HEADER_KEYS, HEADER_START, LINK_DETAIL_KEYS, continuesLinkLayer, parseLinkHeader, parseLinkLayer, splitWords,
  type LinkLayer, type LinkRef,
} from './ip-link-header.js';
import { isKindWord, readKind, readOptions, splitKindLine, type LinkKind } from './ip-link-kind.js';
import { applyLifetimeLine, continuesAddress, parseAddressLine, type IpAddress } from './ip-address-line.js';

export interface IpInterfaceRecord {
  ifindex: number;
  name: string;
  /** `@peer` / `@ifN` / `@NONE` after the name. */
  linkedTo?: LinkRef;
  flags?: string[];
  mtu?: number;
  qdisc?: string;
  master?: string;
  state?: string;
  mode?: string;
  group?: string;
  qlen?: number;
  /** Header words not named above, as printed. */
  headerExtra?: Record<string, string>;
  headerEvidence?: Evidence;
  linkLayer?: LinkLayer;
  alias?: { text: string; evidence: Evidence };
  altnames?: { name: string; evidence: Evidence }[];
  /** `-d` device-wide words (`promiscuity`, `minmtu`, `addrgenmode`, `numtxqueues`…). */
  details?: { options: Record<string, string>; flags: string[]; evidence: Evidence };
  /** `-d` kind line: `veth`, `vxlan …`, `tun type tap …`, `bridge …`, `openvswitch`. */
  kind?: LinkKind;
  /** `-d` second kind line of a port: `bridge_slave …`, `openvswitch_slave`, `bond_slave …`. */
  slaveKind?: LinkKind;
  /** `-s` counter blocks: label `RX`, `TX`, `RX errors`… → counter → value. */
  stats?: { label: string; counters: Record<string, number | string>; evidence: Evidence }[];
  /** `ip addr` addresses (always empty for `ip link`). */
  addresses: IpAddress[];
  /** The whole entry, header to last line. */
  evidence: Evidence;
}

type PartKind = 'header' | 'onelineName' | 'link' | 'address' | 'lifetime' | 'alias' | 'altname' | 'kind' | 'details' | 'statsHead' | 'statsValues';

interface Part {
  kind: PartKind;
  text: string;
  /** First and last line (a wrapped part spans several). */
  line: number;
  endLine: number;
}

interface Entry {
  parts: Part[];
}

// Boundaries where two pieces of output were glued onto one line: a new entry
// header, a `link/` line, an `inet` line or a lifetime line after other text.
const GLUE = /\s+(?=\d+:\s+[^\s:]+:\s+<|link\/[\w.-]+(?:\s|$)|inet6?\s+[0-9a-fA-F:.]+(?:\/\d+)?(?:\s|$)|valid_lft\s)/g;
const ONELINE_NAME = /^(\d+):\s+(\S+)$/;
const STATS_HEAD = /^(RX|TX)(\s+errors)?:\s+(.*)$/i;
const NOTE_QUOTING_ENTRY = /^\s*#\s*\d+:\s+\S+:/;
const PROMPT = /^\s*\$\s+\S/;

/** Pieces of one physical line: `-o` pieces joined by `\`, then glued pieces. */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (const part of text.split(/\\(?=\s|$)/)) {
    const body = part.trim();
    let start = 0;
    GLUE.lastIndex = 0;
    for (let m = GLUE.exec(body); m; m = GLUE.exec(body)) {
      pieces.push(body.slice(start, m.index));
      start = m.index + m[0].length;
    }
    pieces.push(body.slice(start));
  }
  return pieces.filter((p) => p !== '');
}

function firstWord(text: string): string {
  return splitWords(text)[0] ?? '';
}

function lastWord(text: string): string {
  const words = splitWords(text);
  return words[words.length - 1] ?? '';
}

/** A header or link line cut before its end (a `<…` without `>`, a key without value). */
function incomplete(last: Part): boolean {
  if (last.kind === 'header') {
    const header = parseLinkHeader(last.text);
    return header === undefined || header.dangling !== undefined;
  }
  if (last.kind === 'link') return parseLinkLayer(last.text, { line: last.line })?.dangling !== undefined;
  return false;
}

/** Whether `piece` continues the last part of an entry (the line was wrapped). */
function continues(last: Part, piece: string): boolean {
  const word = firstWord(piece);
  switch (last.kind) {
    case 'header':
      return incomplete(last) || HEADER_KEYS.has(word);
    case 'link':
      return incomplete(last) || continuesLinkLayer(word);
    case 'address':
      return continuesAddress(word) || /\s(peer|brd|any|scope|metric|proto)$/.test(last.text.trimEnd());
    case 'lifetime':
      return word === 'preferred_lft' || lastWord(last.text) === 'preferred_lft' || lastWord(last.text) === 'valid_lft';
    case 'kind':
      return !isKindWord(word);
    case 'details':
    case 'alias':
      return true;
    default:
      return false;
  }
}

/**
 * Walks every line of `ledger`, marks each line's role and returns one record
 * per interface. Lines that belong to no interface are left unparsed with a reason.
 */
export function walkInterfaceEntries(ledger: LineLedger): IpInterfaceRecord[] {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  let noteQuotesEntry = false;
  /** Line → pieces that became facts, and reasons for pieces that did not. */
  const outcome = new Map<number, { facts: number; reasons: string[] }>();
  const note = (line: number, reason?: string): void => {
    const o = outcome.get(line) ?? { facts: 0, reasons: [] };
    if (reason === undefined) o.facts++;
    else o.reasons.push(reason);
    outcome.set(line, o);
  };

  for (let n = 1; n <= ledger.count; n++) {
    const text = ledger.text(n);
    if (ledger.roleOf(n) === 'blank') { noteQuotesEntry = false; continue; }
    if (isHashNote(text)) {
      // `# 24: qvo…: <…>` quotes another entry: the indented lines under it belong to the note.
      ledger.noise(n);
      noteQuotesEntry = NOTE_QUOTING_ENTRY.test(text);
      continue;
    }
    if (PROMPT.test(text)) { ledger.noise(n); continue; }
    const indented = /^\s/.test(text);
    const pieces = piecesOf(text);
    if (noteQuotesEntry && indented && parseLinkHeader(pieces[0] ?? '') === undefined) {
      ledger.noise(n);
      continue;
    }
    noteQuotesEntry = false;

    for (const piece of pieces) {
      const part = (kind: PartKind): void => {
        current!.parts.push({ kind, text: piece, line: n, endLine: n });
      };
      if (parseLinkHeader(piece) !== undefined || HEADER_START.test(piece)) {
        current = { parts: [] };
        entries.push(current);
        part('header');
        continue;
      }
      const oneline = ONELINE_NAME.exec(piece);
      if (oneline) {
        // `ip -o addr`: one line per address, all under the same `N: name`.
        const first = current?.parts[0];
        const same = first !== undefined && firstWord(first.text) === `${oneline[1]}:` &&
          (first.kind === 'onelineName' ? splitWords(first.text)[1] === oneline[2] : parseLinkHeader(first.text)?.name === oneline[2]);
        if (!same) {
          current = { parts: [] };
          entries.push(current);
        }
        part('onelineName');
        continue;
      }
      if (IP_ERROR.test(piece)) {
        note(n, "error message from the command, not its output");
        continue;
      }
      if (current === undefined) {
        note(n, 'not an interface entry and no `N: name:` header before it');
        continue;
      }
      const word = firstWord(piece);
      const last = current.parts[current.parts.length - 1];
      if (last?.kind === 'statsHead' && /^[\d\s.]+[KMGTPE]?(\s+[\d.]+[KMGTPE]?)*$/i.test(piece)) part('statsValues');
      else if (/^link\/\S+/.test(piece)) part('link');
      else if (word === 'inet' || word === 'inet6') part('address');
      else if (word === 'valid_lft') part('lifetime');
      else if (word === 'alias') part('alias');
      else if (word === 'altname') part('altname');
      else if (STATS_HEAD.test(piece)) part('statsHead');
      else if (isKindWord(word)) part('kind');
      else if (LINK_DETAIL_KEYS.has(word)) part('details');
      else if (last !== undefined && (indented ? continues(last, piece) : incomplete(last))) {
        last.text = `${last.text} ${piece}`;
        last.endLine = n;
      } else {
        note(n, indented ? `not understood inside the entry of ${entryName(current)}` : 'not an interface entry line (no `N: name:` header)');
      }
    }
  }

  const records: IpInterfaceRecord[] = [];
  for (const entry of entries) {
    const record = buildRecord(entry, note);
    if (record !== undefined) records.push(record);
  }

  // A line with one piece not understood is `unparsed` as a whole (its other
  // pieces still give facts): the reader must see that something was skipped.
  for (const [line, o] of outcome) {
    if (o.reasons.length === 0) ledger.fact(line);
    else ledger.unparsed(line, o.facts > 0 ? `partly read: ${o.reasons.join('; ')}` : o.reasons.join('; '));
  }
  return records;
}

function entryName(entry: Entry): string {
  const first = entry.parts[0];
  if (first === undefined) return 'an interface';
  return `"${first.text.split(/\s+/).slice(0, 2).join(' ')}"`;
}

function evidenceOf(part: Part): Evidence {
  return part.endLine > part.line ? { line: part.line, endLine: part.endLine } : { line: part.line };
}

function span(first: Evidence, last: Evidence): Evidence {
  const end = last.endLine ?? last.line;
  return end > first.line ? { line: first.line, endLine: end } : { line: first.line };
}

function lines(part: Part): number[] {
  const out: number[] = [];
  for (let l = part.line; l <= part.endLine; l++) out.push(l);
  return out;
}

type Note = (line: number, reason?: string) => void;

function buildRecord(entry: Entry, note: Note): IpInterfaceRecord | undefined {
  const ok = (part: Part): void => { for (const l of lines(part)) note(l); };
  const bad = (part: Part, reason: string): void => { for (const l of lines(part)) note(l, reason); };
  const head = entry.parts[0]!;
  let record: IpInterfaceRecord;
  if (head.kind === 'header') {
    const header = parseLinkHeader(head.text);
    if (header === undefined || header.dangling !== undefined) {
      const reason = header === undefined ? 'interface header with an unclosed <FLAGS> list' : `interface header ends with "${header.dangling}" and no value`;
      for (const part of entry.parts) bad(part, reason);
      return undefined;
    }
    const { dangling: _dangling, extra, ...fields } = header;
    record = { ...fields, addresses: [], evidence: evidenceOf(head), headerEvidence: evidenceOf(head) };
    if (Object.keys(extra).length > 0) record.headerExtra = extra;
  } else {
    const [index, name] = splitWords(head.text);
    record = { ifindex: Number(index!.replace(/:$/, '')), name: name!, addresses: [], evidence: evidenceOf(head) };
  }
  ok(head);

  const detailWords: string[] = [];
  let detailFirst: Evidence | undefined;
  let detailLast: Evidence | undefined;
  const addDetails = (words: string[], ev: Evidence): void => {
    if (words.length === 0) return;
    detailWords.push(...words);
    detailFirst ??= ev;
    detailLast = ev;
  };
  let statsHead: Part | undefined;
  let lastPart: Part = head;

  for (const part of entry.parts.slice(1)) {
    const ev = evidenceOf(part);
    lastPart = part;
    switch (part.kind) {
      case 'onelineName':
        ok(part);
        break;
      case 'header':
        bad(part, 'second header inside one entry');
        break;
      case 'link': {
        const parsed = parseLinkLayer(part.text, ev);
        if (parsed === undefined || parsed.dangling !== undefined) { bad(part, `link line ends with "${parsed?.dangling ?? ''}" and no value`); break; }
        if (record.linkLayer !== undefined) { bad(part, 'second link/ line in one entry'); break; }
        record.linkLayer = parsed.linkLayer;
        addDetails(parsed.details.flat(), ev);
        ok(part);
        break;
      }
      case 'address': {
        const address = parseAddressLine(part.text, ev);
        if (typeof address === 'string') { bad(part, address); break; }
        record.addresses.push(address);
        ok(part);
        break;
      }
      case 'lifetime': {
        const address = record.addresses[record.addresses.length - 1];
        if (address === undefined) { bad(part, 'valid_lft line with no inet/inet6 line before it'); break; }
        if (!applyLifetimeLine(part.text, address)) { bad(part, 'lifetime line not understood'); break; }
        address.evidence = span(address.evidence, ev);
        ok(part);
        break;
      }
      case 'alias':
        record.alias = { text: part.text.replace(/^alias\s*/, ''), evidence: ev };
        ok(part);
        break;
      case 'altname': {
        const name = splitWords(part.text)[1];
        if (name === undefined) { bad(part, 'altname without a name'); break; }
        (record.altnames ??= []).push({ name, evidence: ev });
        ok(part);
        break;
      }
      case 'kind': {
        const { kindWords, detailWords: tail } = splitKindLine(part.text);
        const kind = readKind(kindWords, ev);
        if (kind.name.endsWith('_slave')) {
          if (record.slaveKind !== undefined) { bad(part, 'second slave kind line'); break; }
          record.slaveKind = kind;
        } else if (record.kind === undefined) {
          record.kind = kind;
        } else { bad(part, `second kind line ("${kind.name}" after "${record.kind.name}")`); break; }
        addDetails(tail, ev);
        ok(part);
        break;
      }
      case 'details':
        addDetails(splitWords(part.text), ev);
        ok(part);
        break;
      case 'statsHead':
        statsHead = part;
        break;
      case 'statsValues': {
        if (statsHead === undefined) { bad(part, 'counter values without an RX:/TX: line'); break; }
        const m = STATS_HEAD.exec(statsHead.text)!;
        const names = splitWords(m[3]!);
        const values = splitWords(part.text);
        if (names.length !== values.length) {
          bad(statsHead, `${names.length} counter names but ${values.length} values`);
          bad(part, `${names.length} counter names but ${values.length} values`);
        } else {
          const counters: Record<string, number | string> = {};
          names.forEach((name, i) => {
            const value = values[i]!;
            counters[name] = /^\d+$/.test(value) ? Number(value) : value;
          });
          (record.stats ??= []).push({ label: `${m[1]}${m[2] ?? ''}`, counters, evidence: span(evidenceOf(statsHead), ev) });
          ok(statsHead);
          ok(part);
        }
        statsHead = undefined;
        break;
      }
    }
  }
  if (statsHead !== undefined) bad(statsHead, 'RX:/TX: counter names without a line of values');
  if (detailWords.length > 0) {
    const { options, flags } = readOptions(detailWords);
    record.details = { options, flags, evidence: span(detailFirst!, detailLast!) };
  }
  record.evidence = span(record.evidence, evidenceOf(lastPart));
  return inPrintedOrder(record);
}

const RECORD_KEY_ORDER: (keyof IpInterfaceRecord)[] = [
  'ifindex', 'name', 'linkedTo', 'flags', 'mtu', 'qdisc', 'master', 'state', 'mode', 'group', 'qlen', 'headerExtra',
  'linkLayer', 'alias', 'altnames', 'kind', 'slaveKind', 'details', 'stats', 'addresses', 'evidence', 'headerEvidence',
];

/** Same record, keys in the order a reader meets them in the output (stable JSON for fixtures). */
function inPrintedOrder(record: IpInterfaceRecord): IpInterfaceRecord {
  const out: Record<string, unknown> = {};
  for (const key of RECORD_KEY_ORDER) if (record[key] !== undefined) out[key] = record[key];
  return out as unknown as IpInterfaceRecord;
}
