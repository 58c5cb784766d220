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
import { IP_ERROR, withoutColour } from './ip-command.js';
import {
  HEADER_KEYS, HEADER_START, LINK_DETAIL_KEYS, continuesLinkLayer, linkRef, parseLinkHeader, parseLinkLayer, splitWords,
  type IpLinkHeader, type LinkLayer, type LinkRef,
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
  /** Why the entry is known to be cut short (a header cut mid-line, no `link/` line at the capture's end). */
  incomplete?: string;
}

type PartKind = 'header' | 'onelineName' | 'link' | 'address' | 'lifetime' | 'alias' | 'altname' | 'kind' | 'details' | 'statsHead' | 'statsValues';

interface Part {
  kind: PartKind;
  text: string;
  /** The parsed header of a `header` part, until a wrapped rest is appended. */
  header?: IpLinkHeader | undefined;
  /** First and last line (a wrapped part spans several). */
  line: number;
  endLine: number;
}

interface Entry {
  parts: Part[];
}

// Boundaries where two pieces of output were glued onto one line: a new entry
// header, a `link/` line, an `inet` line or a lifetime line after other text.
// (matched only where a blank run starts: `\s+` tried inside a long run of blanks is quadratic)
const GLUE = /(?<=\S)\s+(?=\d+:\s+[^\s:]+:\s+<|link\/[\w.-]+(?:\s|$)|inet6?\s+[0-9a-fA-F:.]+(?:\/\d+)?(?:\s|$)|valid_lft\s)/g;
const ONELINE_NAME = /^(\d+):\s+(\S+)$/;
const STATS_HEAD = /^(RX|TX)(\s+errors)?:\s+(.*)$/i;
const NOTE_QUOTING_ENTRY = /^\s*#\s*\d+:\s+\S+:/;
const PROMPT = /^\s*\$\s+\S/;

/** Pieces of one physical line: `-o` pieces joined by `\`, then glued pieces. */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (const part of text.includes('\\') ? text.split(/\\(?=\s|$)/) : [text]) {
    const body = part.trim();
    if (!mayBeGlued(body)) {
      if (body !== '') pieces.push(body);
      continue;
    }
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

/** Cheap test before the GLUE search: a second marker after the start of the text. */
function mayBeGlued(body: string): boolean {
  const header = body.indexOf(': <');
  return body.indexOf('link/', 1) > 0 || body.indexOf('inet', 1) > 0 || body.indexOf('valid_lft', 1) > 0 ||
    (header > 0 && (header !== body.lastIndexOf(': <') || !/^\d/.test(body)));
}

/** First word of a trimmed piece. */
function firstWord(piece: string): string {
  const end = piece.search(/\s/);
  return end < 0 ? piece : piece.slice(0, end);
}

function lastWord(text: string): string {
  const words = splitWords(text);
  return words[words.length - 1] ?? '';
}

/** What an indented piece of an entry is, by its first word; undefined when it may be a wrapped rest. */
function classify(piece: string, word: string, last: Part | undefined): PartKind | undefined {
  if (last?.kind === 'statsHead' && /^[\d\s.]+[KMGTPE]?(\s+[\d.]+[KMGTPE]?)*$/i.test(piece)) return 'statsValues';
  if (piece.startsWith('link/')) return 'link';
  switch (word) {
    case 'inet': case 'inet6': return 'address';
    case 'valid_lft': return 'lifetime';
    case 'alias': return 'alias';
    case 'altname': return 'altname';
  }
  if (STATS_HEAD.test(piece)) return 'statsHead';
  if (isKindWord(word)) return 'kind';
  if (LINK_DETAIL_KEYS.has(word)) return 'details';
  return undefined;
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
 * Unless the output was `filtered` (a pipe kept some lines), a last entry cut
 * short is kept as far as it goes, marked `incomplete`, and noted.
 */
export function walkInterfaceEntries(ledger: LineLedger, filtered = false): IpInterfaceRecord[] {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  let noteQuotesEntry = false;
  /** Per line: pieces that became facts; and reasons for pieces that did not (typed arrays: no garbage per line). */
  const facts = new Uint16Array(ledger.count + 1);
  const reasons = new Map<number, string[]>();
  const note = (line: number, reason?: string): void => {
    if (reason === undefined) facts[line] = facts[line]! + 1;
    else {
      const list = reasons.get(line);
      if (list) list.push(reason);
      else reasons.set(line, [reason]);
    }
  };

  for (let n = 1; n <= ledger.count; n++) {
    const text = withoutColour(ledger.text(n));
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
    if (noteQuotesEntry && indented && !/^\d/.test(pieces[0] ?? '')) {
      ledger.noise(n);
      continue;
    }
    noteQuotesEntry = false;

    for (const piece of pieces) {
      const startsWithDigit = piece.charCodeAt(0) >= 48 && piece.charCodeAt(0) <= 57;
      const header = startsWithDigit ? parseLinkHeader(piece) : undefined;
      if (header !== undefined || (startsWithDigit && HEADER_START.test(piece))) {
        current = { parts: [{ kind: 'header', text: piece, line: n, endLine: n, header }] };
        entries.push(current);
        continue;
      }
      const oneline = startsWithDigit ? ONELINE_NAME.exec(piece) : null;
      if (oneline) {
        // `ip -o addr`: one line per address, all under the same `N: name`.
        const first = current?.parts[0];
        const same = first !== undefined && firstWord(first.text) === `${oneline[1]}:` &&
          (first.kind === 'onelineName' ? splitWords(first.text)[1] === oneline[2] : parseLinkHeader(first.text)?.name === oneline[2]);
        if (!same) {
          current = { parts: [] };
          entries.push(current);
        }
        current!.parts.push({ kind: 'onelineName', text: piece, line: n, endLine: n });
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
      const kind = classify(piece, word, last);
      if (kind !== undefined) current.parts.push({ kind, text: piece, line: n, endLine: n });
      else if (last !== undefined && (indented ? continues(last, piece) : incomplete(last))) {
        last.text = `${last.text} ${piece}`;
        last.header = undefined;
        last.endLine = n;
      } else {
        note(n, indented ? `not understood inside the entry of ${entryName(current)}` : 'not an interface entry line (no `N: name:` header)');
      }
    }
  }

  const records: IpInterfaceRecord[] = [];
  entries.forEach((entry, i) => {
    const isLast = i === entries.length - 1 && !filtered;
    const record = buildRecord(entry, note, isLast);
    if (record === undefined) return;
    records.push(record);
    // the output ends inside its last entry: the capture was cut short
    if (isLast && record.incomplete !== undefined) {
      ledger.note(record.evidence.endLine ?? record.evidence.line, 'truncated', `the capture ends in the middle of the output (${record.incomplete}): its last record is incomplete`);
    }
  });

  // A line with one piece not understood is `unparsed` as a whole (its other
  // pieces still give facts): the reader must see that something was skipped.
  for (let line = 1; line <= ledger.count; line++) {
    const why = reasons.get(line);
    if (why !== undefined) ledger.unparsed(line, facts[line]! > 0 ? `partly read: ${why.join('; ')}` : why.join('; '));
    else if (facts[line]! > 0) ledger.fact(line);
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


type Note = (line: number, reason?: string) => void;

/** `12: qvo7bfa2daa-66@` (a header cut after the name): the index, the name and what follows `@`, if anything. */
const CUT_HEADER = /^\s*(\d+):\s+([^\s:@]+)(?:@([^\s:<]*))?/;

/**
 * The record of an entry. `isLast`: the entry is the capture's last, so a
 * header cut mid-line, or a header with nothing after it, means the capture
 * itself was cut short: what is known is kept, marked `incomplete`.
 */
function buildRecord(entry: Entry, note: Note, isLast: boolean): IpInterfaceRecord | undefined {
  const ok = (part: Part): void => { for (let l = part.line; l <= part.endLine; l++) note(l); };
  const bad = (part: Part, reason: string): void => { for (let l = part.line; l <= part.endLine; l++) note(l, reason); };
  const head = entry.parts[0]!;
  let record: IpInterfaceRecord;
  if (head.kind === 'header') {
    const header = head.header ?? parseLinkHeader(head.text);
    if (header === undefined || header.dangling !== undefined) {
      const reason = header === undefined ? 'interface header with an unclosed <FLAGS> list' : `interface header ends with "${header.dangling}" and no value`;
      const cut = isLast && entry.parts.length === 1 ? CUT_HEADER.exec(head.text) : null;
      if (cut) {
        const why = header === undefined ? 'the header is cut short inside its <FLAGS> list' : `the header is cut short after "${header.dangling}"`;
        record = { ifindex: Number(cut[1]), name: cut[2]!, addresses: [], evidence: evidenceOf(head), incomplete: why };
        if (cut[3]) record.linkedTo = linkRef(cut[3]);
        ok(head);
        return inPrintedOrder(record);
      }
      for (const part of entry.parts) bad(part, reason);
      return undefined;
    }
    record = { ifindex: header.ifindex, name: header.name, addresses: [], evidence: evidenceOf(head) };
    if (header.linkedTo !== undefined) record.linkedTo = header.linkedTo;
    record.flags = header.flags;
    if (header.mtu !== undefined) record.mtu = header.mtu;
    if (header.qdisc !== undefined) record.qdisc = header.qdisc;
    if (header.master !== undefined) record.master = header.master;
    if (header.state !== undefined) record.state = header.state;
    if (header.mode !== undefined) record.mode = header.mode;
    if (header.group !== undefined) record.group = header.group;
    if (header.qlen !== undefined) record.qlen = header.qlen;
    if (Object.keys(header.extra).length > 0) record.headerExtra = header.extra;
    record.headerEvidence = record.evidence;
  } else {
    const [index, name] = splitWords(head.text);
    record = { ifindex: Number(index!.replace(/:$/, '')), name: name!, addresses: [], evidence: evidenceOf(head) };
    // `12: qvo7bfa2daa-66@` alone: an `ip link` header cut after the `@`, not an `ip -o addr` name
    if (name!.endsWith('@')) {
      record.name = name!.slice(0, -1);
      record.incomplete = 'the header is cut short after "@"';
    } else if (entry.parts.length === 1 && isLast) {
      record.incomplete = 'the header is cut short after the name';
    }
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
  if (isLast && record.incomplete === undefined && head.kind === 'header' && entry.parts.length === 1) {
    record.incomplete = 'no `link/` line after its header';
  }
  return inPrintedOrder(record);
}

/**
 * Same record, keys in the order a reader meets them in the output (stable,
 * readable fixture JSON). Written out rather than looped over a key list:
 * this runs once per interface and a keyed loop was a third of the parse time.
 */
function inPrintedOrder(r: IpInterfaceRecord): IpInterfaceRecord {
  const out: IpInterfaceRecord = { ifindex: r.ifindex, name: r.name } as IpInterfaceRecord;
  if (r.linkedTo !== undefined) out.linkedTo = r.linkedTo;
  if (r.flags !== undefined) out.flags = r.flags;
  if (r.mtu !== undefined) out.mtu = r.mtu;
  if (r.qdisc !== undefined) out.qdisc = r.qdisc;
  if (r.master !== undefined) out.master = r.master;
  if (r.state !== undefined) out.state = r.state;
  if (r.mode !== undefined) out.mode = r.mode;
  if (r.group !== undefined) out.group = r.group;
  if (r.qlen !== undefined) out.qlen = r.qlen;
  if (r.headerExtra !== undefined) out.headerExtra = r.headerExtra;
  if (r.linkLayer !== undefined) out.linkLayer = r.linkLayer;
  if (r.alias !== undefined) out.alias = r.alias;
  if (r.altnames !== undefined) out.altnames = r.altnames;
  if (r.kind !== undefined) out.kind = r.kind;
  if (r.slaveKind !== undefined) out.slaveKind = r.slaveKind;
  if (r.details !== undefined) out.details = r.details;
  if (r.stats !== undefined) out.stats = r.stats;
  out.addresses = r.addresses;
  out.evidence = r.evidence;
  if (r.headerEvidence !== undefined) out.headerEvidence = r.headerEvidence;
  if (r.incomplete !== undefined) out.incomplete = r.incomplete;
  return out;
}
