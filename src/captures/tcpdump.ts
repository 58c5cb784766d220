// `tcpdump` text output: one record per packet, the usual proof of what
// travels on a wire (which VLAN tag, which VXLAN VNI or GRE key between which
// tunnel endpoints, which DHCP server answers, which router replies).
// Hand-written: no npm package reads tcpdump's printed text (they read pcap).
//
// Usage (the commands this parser claims; options may be combined, `-nnvve`):
//   tcpdump -n | -nn            numbers, no names (names are kept as printed)
//           -e                  the link layer: MACs, ethertype, 802.1Q tags, frame length
//           -v | -vv            the IPv4/IPv6 header, checksums, DHCP option lines
//           -i IF | -r FILE     a live interface or a saved file
//           -l | -c N | -t…     line-buffered, count, timestamp forms (none, -tt, -tttt)
//   not claimed: `-w FILE` alone (prints no packet), `-D`, `-L`, `-d`, `--version`.
//
// Schema (one record per packet; every field but `evidence` is optional):
//   {
//     "number": 1,                      -# packet number
//     "timestamp": "16:44:19.939826",   as printed (-tttt: "2026-12-06 16:44:19.939826")
//     "interface": "eth1",              from `-i IF`, the `listening on IF` line, or `-i any`'s column
//     "direction": "In",                -i any: In, Out, M (multicast), B (broadcast), P
//     "link": { "src": MAC, "dst": MAC, "ethertype": "IPv4", "ethertypeCode": "0x0800",
//               "length": 120, "vlans": [{ "id": 101, "priority": 0, "ethertype": "IPv4" }] },
//     "ip": { "version": 4, "src": "198.51.100.11", "dst": "198.51.100.21",
//             "tos": "0x0", "ttl": 64, "id": 0, "offset": 0, "flags": ["DF"],
//             "proto": "UDP", "protoNumber": 17, "length": 106,                  (-v, IPv4)
//             "hopLimit": 255, "flowLabel": "0x…", "payloadLength": 16 },       (-v, IPv6)
//     "arp": { "operation": "Request", "targetIp": …, "senderIp": … }  |  { "operation": "Reply", "ip": …, "mac": … },
//     "protocol": "UDP",                UDP, TCP, ICMP, ICMP6, GRE…
//     "srcPort": "47754", "dstPort": "4789", "checksum": "no cksum", "udpLength": 11,
//     "tcp": { "flags": "S.", "flagNames": ["SYN", "ACK"], "seq": "1", "ack": 2, "win": 65160, "options": "…", "length": 0 },
//     "icmp": { "type": "echo request", "id": 98, "seq": 3, "length": 19 },
//     "vxlan": { "flags": "I", "flagsCode": "0x08", "vni": 1 },
//     "gre": { "version": 0, "flags": ["key present"], "key": 1, "keyText": "0x1", "proto": "TEB", "protoCode": "0x6558", "length": 106 },
//     "dhcp": { "op": "Reply", "xid": "0x…", "yourIp": "203.0.113.3", "messageType": "ACK",
//               "options": [{ "name": "Default-Gateway", "code": 3, "length": 4, "value": "203.0.113.1" }] },
//     "dns": { "id": 20039, "response": true, "questions": [{ "type": "A", "name": "host." }], "answers": [{ "type": "A", "value": "203.0.113.3" }] },
//     "inner": { …the same schema… },   the frame a VXLAN or GRE packet carries
//     "summary": "…",                   what tcpdump printed after `src > dst: `, verbatim
//     "details": ["…"],                 indented lines kept verbatim (ICMPv6 options, hex, HTTP headers)
//     "evidence": { "line": 3, "endLine": 6 }   every line of the packet, its inner frame's too
//   }
//
// Example (`tcpdump -n -e -vv -i eth1`, one VXLAN packet of the capture lab):
//   16:44:19.430401 b6:f5:e0:bc:86:4c > b2:85:cd:f7:a3:42, ethertype IPv4 (0x0800), length 92: (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 78)
//       198.51.100.21.47122 > 198.51.100.11.4789: [no cksum] VXLAN, flags [I] (0x08), vni 1
//   fa:16:3e:5d:6e:7f > fa:16:3e:4c:2c:30, ethertype ARP (0x0806), length 42: Ethernet (len 6), IPv4 (len 4), Request who-has 203.0.113.3 tell 203.0.113.1, length 28
// gives
//   { "timestamp": "16:44:19.430401", "interface": "eth1",
//     "link": { "src": "b6:f5:e0:bc:86:4c", "dst": "b2:85:cd:f7:a3:42", "ethertype": "IPv4", "ethertypeCode": "0x0800", "length": 92 },
//     "ip": { "version": 4, "src": "198.51.100.21", "dst": "198.51.100.11", "tos": "0x0", "ttl": 64, "id": 0, "offset": 0,
//             "flags": ["DF"], "proto": "UDP", "protoNumber": 17, "length": 78 },
//     "protocol": "UDP", "srcPort": "47122", "dstPort": "4789", "checksum": "no cksum",
//     "vxlan": { "flags": "I", "flagsCode": "0x08", "vni": 1 },
//     "summary": "[no cksum] VXLAN, flags [I] (0x08), vni 1",
//     "inner": { "link": { "src": "fa:16:3e:5d:6e:7f", "dst": "fa:16:3e:4c:2c:30", "ethertype": "ARP", "ethertypeCode": "0x0806", "length": 42 },
//                "arp": { "operation": "Request", "hardware": "Ethernet", "protocol": "IPv4", "targetIp": "203.0.113.3", "senderIp": "203.0.113.1", "length": 28 },
//                "summary": "Ethernet (len 6), IPv4 (len 4), Request who-has 203.0.113.3 tell 203.0.113.1, length 28",
//                "evidence": { "line": 3 } },
//     "evidence": { "line": 1, "endLine": 3 } }
//
// What tcpdump writes to stderr, pasted with the packets (`tcpdump: verbose output
// suppressed…`, `listening on eth1, link-type EN10MB…`, `reading from file…`,
// `20 packets captured`, `^C`), is noise.
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isBarePrompt, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import {
  NETWORK_WORD, isNumericAddress, readArp, readEndpoint, readIpv4Header, readIpv6Header, readLink, readVlans,
  type TcpdumpArp, type TcpdumpIp, type TcpdumpLink,
} from './tcpdump-headers.js';
import {
  readDhcpLine, readPayload, type TcpdumpDhcp, type TcpdumpDns, type TcpdumpGre, type TcpdumpIcmp, type TcpdumpTcp, type TcpdumpVxlan,
} from './tcpdump-payload.js';

export type { TcpdumpArp, TcpdumpIp, TcpdumpLink, TcpdumpVlan } from './tcpdump-headers.js';
export type { TcpdumpDhcp, TcpdumpDhcpOption, TcpdumpDns, TcpdumpGre, TcpdumpIcmp, TcpdumpTcp, TcpdumpVxlan } from './tcpdump-payload.js';

export interface TcpdumpPacket {
  number?: number;
  timestamp?: string;
  interface?: string;
  direction?: string;
  link?: TcpdumpLink;
  ip?: TcpdumpIp;
  arp?: TcpdumpArp;
  protocol?: string;
  srcPort?: string;
  dstPort?: string;
  checksum?: string;
  udpLength?: number;
  tcp?: TcpdumpTcp;
  icmp?: TcpdumpIcmp;
  vxlan?: TcpdumpVxlan;
  gre?: TcpdumpGre;
  dhcp?: TcpdumpDhcp;
  dns?: TcpdumpDns;
  inner?: TcpdumpPacket;
  summary?: string;
  details?: string[];
  evidence: Evidence;
}

/** What the command line says about the output: options that change its shape, and the interface. */
export interface TcpdumpOptions {
  interface?: string;
  file?: string;
  write?: string;
  /** `-t`: no timestamps, so every unindented line opens a packet. */
  noTimestamps: boolean;
  /** Options under which tcpdump prints no packets (`-D`, `-L`, `-d`, `--version`, `-h`). */
  listsOnly: boolean;
  print: boolean;
}

const WITH_VALUE = new Set('BcCEFGijmMrsTVwWyzZQ'.split(''));

/** Reads tcpdump's argv: combined short options (`-nnvve`, `-ieth1`), `-i IF`, long options. */
export function readTcpdumpOptions(argv: string[]): TcpdumpOptions {
  const options: TcpdumpOptions = { noTimestamps: false, listsOnly: false, print: false };
  let tCount = 0;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, value] = arg.split('=', 2) as [string, string | undefined];
      if (name === '--interface') options.interface = value ?? argv[++i];
      else if (['--list-interfaces', '--version', '--help', '--list-time-stamp-types'].includes(name)) options.listsOnly = true;
      else if (name === '--print') options.print = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') continue; // the filter expression
    for (let k = 1; k < arg.length; k++) {
      const letter = arg[k]!;
      if (WITH_VALUE.has(letter)) {
        const value = k + 1 < arg.length ? arg.slice(k + 1) : argv[++i];
        if (letter === 'i') options.interface = value;
        if (letter === 'r') options.file = value;
        if (letter === 'w') options.write = value;
        break;
      }
      if (letter === 't') tCount++;
      if ('DLdh'.includes(letter)) options.listsOnly = true;
    }
  }
  options.noTimestamps = tCount === 1;
  return options;
}

const NOISE = [
  /^\s*tcpdump: /,
  /^\s*listening on \S+, link-type /,
  /^\s*reading from file /,
  /^\s*\d+ packets? (?:captured|received by filter|dropped by kernel|dropped by interface)\s*$/,
  /^\s*\^C/,
  /^\s*dropped privs to /,
];
const LISTENING = /listening on (\S+), link-type/;

// `    1  16:44:19.939826 ` (-#), `16:44:19.939826 `, `2026-12-06 16:44:19.939826 ` (-tttt), `1796575459.939826 ` (-tt)
const START = /^(?:\s*(\d+)\s{2})?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?|\d\d:\d\d:\d\d(?:\.\d+)?|\d{9,10}\.\d{6,9}) /;
// `-i any`: `v0    Out IP6 …` (and `v0    Out ifindex 3 MAC ethertype …` with -e)
const ANY_INTERFACE = /^(\S+)\s+(In|Out|M|B|P)\s+/;
const ADDRESSES = /^(\S+) > (\S+):(?: (.*))?$/;
const ADDRESSES_NO_COLON = /^(\S+) > (\S+)(?:,\s*(.*))?$/;

export const parser: CaptureParser<TcpdumpPacket> = {
  name: 'tcpdump',
  matches(cmd: CommandLine) {
    if (commandName(cmd) !== 'tcpdump') return false;
    const options = readTcpdumpOptions(cmd.argv);
    return !options.listsOnly && (options.write === undefined || options.print);
  },
  parse(text, cmd) {
    const options = readTcpdumpOptions(cmd.argv);
    const ledger = new LineLedger(text);
    const records: TcpdumpPacket[] = [];
    const state: ParseState = { ipHeader: new Map(), innerText: new Map(), optionIndent: new Map() };
    let listening: string | undefined;
    /** The top-level packet and, innermost last, the frames it carries. */
    let open: TcpdumpPacket[] = [];
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      if (NOISE.some((re) => re.test(line)) || isBarePrompt(line)) {
        listening ??= LISTENING.exec(line)?.[1];
        ledger.noise(n);
        continue;
      }
      const start = START.exec(line);
      const innermost = open[open.length - 1];
      if (start) {
        // a packet line: timestamp (and -# number) first
        const packet = readPacket(state, line.slice(start[0].length), n, options.interface === 'any');
        if (start[1] !== undefined) packet.number = Number(start[1]);
        packet.timestamp = start[2]!;
        records.push(packet);
        open = [packet];
      } else if (innermost && awaitsInner(innermost) && looksLikePacket(line.trim())) {
        // the frame a VXLAN (next line, unindented) or GRE (next line, indented by -v) packet carries
        const inner = readPacket(state, line, n, false);
        innermost.inner = inner;
        open.push(inner);
      } else if (!ledger.isIndented(n) && options.noTimestamps && looksLikePacket(line)) {
        const packet = readPacket(state, line, n, options.interface === 'any');
        records.push(packet);
        open = [packet];
      } else if (ledger.isIndented(n) && innermost) {
        continueLine(state, innermost, line);
      } else {
        if (isHashNote(line)) ledger.noise(n);
        else if (ledger.isIndented(n)) ledger.unparsed(n, 'an indented tcpdump line with no packet line before it');
        else ledger.unparsed(n, 'not a tcpdump packet line (timestamp, then the packet) nor a line tcpdump prints to stderr');
        continue;
      }
      pushInline(state, open, n);
      for (const packet of open) if (packet.evidence.line !== n) packet.evidence.endLine = n;
      ledger.fact(n);
    }
    const iface = options.interface ?? listening;
    if (iface !== undefined && iface !== 'any') for (const record of records) record.interface ??= iface;
    return ledger.finish('tcpdump', cmd, records.map(orderFields));
  },
};

type IpHeader = Omit<TcpdumpIp, 'src' | 'dst'>;

/**
 * What one parse keeps about packets still being read: strong maps that live
 * as long as the parse (WeakMaps of thousands of packets cost the garbage
 * collector more than the whole parse).
 */
interface ParseState {
  /** The `-v` IP header read on a line before its addresses. */
  ipHeader: Map<TcpdumpPacket, IpHeader>;
  /** Text of an encapsulated frame found inline, waiting to be read as the packet's inner frame. */
  innerText: Map<TcpdumpPacket, string>;
  /** How deep a DHCP packet's option lines are indented: a deeper line continues the last option's value. */
  optionIndent: Map<TcpdumpPacket, number>;
}

/** A GRE packet's inner frame printed on the same line (`…, length 78: fa:16:3e:… > …`) becomes its `inner`. */
function pushInline(state: ParseState, open: TcpdumpPacket[], n: number): void {
  let current = open[open.length - 1]!;
  while (current.inner === undefined && state.innerText.has(current)) {
    const text = state.innerText.get(current)!;
    state.innerText.delete(current);
    const inner = readPacket(state, text, n, false);
    current.inner = inner;
    open.push(inner);
    current = inner;
  }
}

/** A VXLAN or GRE packet whose carried frame has not been read yet. */
function awaitsInner(packet: TcpdumpPacket): boolean {
  return (packet.vxlan !== undefined || packet.gre !== undefined) && packet.inner === undefined;
}

function looksLikePacket(line: string): boolean {
  return readLink(line) !== undefined || NETWORK_WORD.test(line) || ADDRESSES.test(line) || readVlans(line) !== undefined;
}

/** One packet line after its timestamp (or an inner frame's whole line). */
function readPacket(state: ParseState, text: string, n: number, anyInterface: boolean): TcpdumpPacket {
  const packet: TcpdumpPacket = { evidence: { line: n } };
  let rest = text.trim();
  if (anyInterface) {
    const m = ANY_INTERFACE.exec(rest);
    if (m) {
      packet.interface = m[1]!;
      packet.direction = m[2]!;
      rest = rest.slice(m[0].length);
    }
  }
  let network: string | undefined;
  const link = readLink(rest);
  if (link) {
    packet.link = link.link;
    rest = link.rest;
    const tags = link.link.vlans;
    network = tags ? tags[tags.length - 1]!.ethertype : link.link.ethertype;
  } else {
    const vlans = readVlans(rest);
    if (vlans) {
      packet.link = { vlans: vlans.vlans };
      rest = vlans.rest;
      network = vlans.vlans[vlans.vlans.length - 1]!.ethertype;
    }
    const word = NETWORK_WORD.exec(rest);
    if (word) {
      network = word[1] === 'IP' ? 'IPv4' : word[1] === 'IP6' ? 'IPv6' : word[1]!.replace(',', '');
      rest = rest.slice(word[0].length);
    }
  }
  if (network === 'ARP' || network === 'RARP') {
    packet.summary = rest;
    const arp = readArp(rest);
    if (arp) packet.arp = arp;
    return packet;
  }
  if (network === 'IPv4' || (network === undefined && rest.startsWith('(tos '))) {
    const header = readIpv4Header(rest);
    if (header) {
      state.ipHeader.set(packet, header.header);
      rest = header.rest;
      if (rest === '') return packet; // the addresses are on the next, indented line
    }
  } else if (network === 'IPv6' || (network === undefined && /^\((?:class|flowlabel|hlim) /.test(rest))) {
    const header = readIpv6Header(rest);
    if (header) {
      state.ipHeader.set(packet, header.header);
      rest = header.rest;
      if (rest === '') return packet;
    }
  }
  readAddressed(state, packet, rest, network);
  return packet;
}

/** `src > dst: payload` into the packet (or, when it is not that shape, the text as its summary). */
function readAddressed(state: ParseState, packet: TcpdumpPacket, text: string, network: string | undefined): void {
  const m = ADDRESSES.exec(text) ?? (network !== undefined ? ADDRESSES_NO_COLON.exec(text) : null);
  if (!m) {
    packet.summary = text;
    const header = state.ipHeader.get(packet);
    if (header) packet.ip = { ...header, src: '', dst: '' } as TcpdumpIp;
    return;
  }
  const payloadText = m[3] ?? '';
  const header = state.ipHeader.get(packet);
  state.ipHeader.delete(packet);
  let src = readEndpoint(m[1]!, false);
  let dst = readEndpoint(m[2]!, false);
  const payload = readPayload(payloadText, header?.proto, [src.port, dst.port]);
  const protocol = payload.protocol ?? header?.proto;
  if (src.port === undefined && dst.port === undefined && (protocol === 'UDP' || protocol === 'TCP' || protocol === 'SCTP')) {
    src = readEndpoint(m[1]!, true);
    dst = readEndpoint(m[2]!, true);
  }
  const version: 4 | 6 = header?.version ?? (network === 'IPv6' || src.address.includes(':') ? 6 : 4);
  if (header !== undefined || network === 'IPv4' || network === 'IPv6' || isNumericAddress(src.address)) {
    packet.ip = { version, src: src.address, dst: dst.address, ...withoutVersion(header) };
  }
  if (protocol !== undefined) packet.protocol = protocol;
  if (src.port !== undefined) packet.srcPort = src.port;
  if (dst.port !== undefined) packet.dstPort = dst.port;
  if (payload.checksum !== undefined) packet.checksum = payload.checksum;
  if (payload.udpLength !== undefined) packet.udpLength = payload.udpLength;
  if (payload.tcp) packet.tcp = payload.tcp;
  if (payload.icmp) packet.icmp = payload.icmp;
  if (payload.vxlan) packet.vxlan = payload.vxlan;
  if (payload.gre) packet.gre = payload.gre;
  if (payload.dhcp) packet.dhcp = payload.dhcp;
  if (payload.dns) packet.dns = payload.dns;
  packet.summary = payloadText;
  if (payload.innerText !== undefined) state.innerText.set(packet, payload.innerText);
}

function withoutVersion(header: Omit<TcpdumpIp, 'src' | 'dst'> | undefined): Partial<TcpdumpIp> {
  if (!header) return {};
  const { version: _version, ...rest } = header;
  return rest;
}

/** An indented line of the innermost open frame: its addresses after a `-v` IP header, a DHCP option, or a detail. */
function continueLine(state: ParseState, packet: TcpdumpPacket, line: string): void {
  const trimmed = line.trim();
  if (state.ipHeader.has(packet) && packet.summary === undefined) {
    readAddressed(state, packet, trimmed, state.ipHeader.get(packet)!.version === 6 ? 'IPv6' : 'IPv4');
    return;
  }
  if (packet.dhcp) {
    const indent = indentOf(line);
    const optionIndent = state.optionIndent.get(packet);
    const before = packet.dhcp.options?.length ?? 0;
    if (readDhcpLine(packet.dhcp, trimmed, optionIndent !== undefined && indent > optionIndent)) {
      if ((packet.dhcp.options?.length ?? 0) > before) state.optionIndent.set(packet, indent);
      return;
    }
  }
  (packet.details ??= []).push(trimmed);
}

/** Columns of leading white space (a tab counts 8). */
function indentOf(line: string): number {
  let width = 0;
  for (const c of line) {
    if (c === ' ') width++;
    else if (c === '\t') width += 8 - (width % 8);
    else break;
  }
  return width;
}

const FIELD_ORDER: (keyof TcpdumpPacket)[] = [
  'number', 'timestamp', 'interface', 'direction', 'link', 'ip', 'arp', 'protocol', 'srcPort', 'dstPort', 'checksum',
  'udpLength', 'tcp', 'icmp', 'vxlan', 'gre', 'dhcp', 'dns', 'summary', 'details', 'inner', 'evidence',
];

/** The same fields in the schema's order, so the JSON reads like the module's example. */
function orderFields(packet: TcpdumpPacket): TcpdumpPacket {
  const ordered: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const value = packet[key];
    if (value === undefined) continue;
    ordered[key] = key === 'inner' ? orderFields(value as TcpdumpPacket) : value;
  }
  return ordered as unknown as TcpdumpPacket;
}
