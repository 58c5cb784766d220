// The headers of one tcpdump packet line, read left to right the way
// tcpdump's printers write them: the link layer (`-e`: MACs, ethertype,
// 802.1Q tags, frame length), the IPv4/IPv6 header that `-v` prints in
// parentheses, ARP, and the `src > dst:` addresses with their ports.
// Hand-written: no npm package reads tcpdump's text (they read pcap files).
//
//   b2:85:cd:f7:a3:42 > b6:f5:e0:bc:86:4c, ethertype IPv4 (0x0800), length 120: (tos 0x0, ttl 64, …, proto UDP (17), length 106)
//   ^ link (-e)                                                                  ^ IPv4 header (-v)
//       198.51.100.11.47754 > 198.51.100.21.4789: [no cksum] VXLAN, flags [I] (0x08), vni 1
//       ^ addresses.ports, on a continuation line after a -v IPv4 header           ^ payload (tcpdump-payload.ts)

export interface TcpdumpVlan {
  id: number;
  /** The 802.1p priority (`p 0`). */
  priority?: number;
  /** The ethertype the tag says follows (`IPv4`), and its code (`0x0800`). */
  ethertype?: string;
  ethertypeCode?: string;
}

/** `-e`: the Ethernet header. */
export interface TcpdumpLink {
  /** The MACs (`-e`); without `-e` a tagged frame still prints its `vlan N` tags, and only those. */
  src?: string;
  dst?: string;
  /** As printed (`IPv4`, `ARP`, `IPv6`, `802.1Q`), and the code (`0x0800`). */
  ethertype?: string;
  ethertypeCode?: string;
  /** Frame length in bytes. */
  length?: number;
  /** 802.1Q / 802.1ad tags, outermost first. */
  vlans?: TcpdumpVlan[];
}

export interface TcpdumpIp {
  version: 4 | 6;
  src: string;
  dst: string;
  /** `-v` IPv4 header. */
  tos?: string;
  ttl?: number;
  id?: number;
  offset?: number;
  /** `flags [DF]` → `['DF']`; `[none]` → []. */
  flags?: string[];
  /** `proto UDP (17)` / IPv6 `next-header UDP (17)`. */
  proto?: string;
  protoNumber?: number;
  /** IPv4 total length. */
  length?: number;
  /** `-v` IPv6 header. */
  hopLimit?: number;
  flowLabel?: string;
  trafficClass?: string;
  payloadLength?: number;
  /** Anything else inside the header's parentheses (`options (RA)`, `bad cksum …`). */
  extra?: string[];
}

export interface TcpdumpArp {
  /** `Request`, `Reply`, `Announcement`… as printed. */
  operation: string;
  /** Request: the address asked for (`who-has X`) and who asks (`tell Y`). */
  targetIp?: string;
  targetMac?: string;
  senderIp?: string;
  /** Reply: `X is-at MAC`. */
  ip?: string;
  mac?: string;
  /** The ARP length tcpdump prints (28 for Ethernet/IPv4). */
  length?: number;
  /** `-v`: `Ethernet (len 6), IPv4 (len 4)`. */
  hardware?: string;
  protocol?: string;
}

export const MAC = String.raw`[0-9a-f]{2}(?::[0-9a-f]{2}){5}`;
const LINK = new RegExp(String.raw`^(${MAC}|Broadcast) > (${MAC}|Broadcast), (?:ethertype (.+?) \((0x[0-9a-f]{4})\)|(802\.3|[\w./-]+?)), length (\d+): ?`, 'i');
const VLAN = /^vlan (\d+), p (\d+)(?:, DEI)?, (?:ethertype (.+?)(?: \((0x[0-9a-f]{4})\))?, |LLC, )?/;

// `-i any` (Linux cooked capture) with -e prints the source MAC only: `ifindex 3 82:01:ba:b4:0b:6a ethertype IPv6 (0x86dd), length 92: `
const COOKED_LINK = new RegExp(String.raw`^(?:ifindex \d+ )?(${MAC}) ethertype (.+?) \((0x[0-9a-f]{4})\), length (\d+): ?`, 'i');

/** Reads the `-e` link header at the start of `text`; returns it and what follows. */
export function readLink(text: string): { link: TcpdumpLink; rest: string } | undefined {
  const cooked = COOKED_LINK.exec(text);
  if (cooked) {
    const link: TcpdumpLink = { src: cooked[1]!, ethertype: cooked[2]!, ethertypeCode: cooked[3]!, length: Number(cooked[4]) };
    return { link, rest: text.slice(cooked[0].length) };
  }
  const m = LINK.exec(text);
  if (!m) return undefined;
  const link: TcpdumpLink = { src: m[1]!, dst: m[2]! };
  if (m[3] !== undefined) {
    link.ethertype = m[3];
    link.ethertypeCode = m[4]!;
  } else link.ethertype = m[5]!;
  link.length = Number(m[6]);
  let rest = text.slice(m[0].length);
  const vlans = readVlans(rest);
  if (vlans) {
    link.vlans = vlans.vlans;
    rest = vlans.rest;
  }
  return { link, rest };
}

/** `vlan 101, p 0, ethertype IPv4 (0x0800), …` (repeated for QinQ); also printed without `-e`. */
export function readVlans(text: string): { vlans: TcpdumpVlan[]; rest: string } | undefined {
  const vlans: TcpdumpVlan[] = [];
  let rest = text;
  for (let m = VLAN.exec(rest); m; m = VLAN.exec(rest)) {
    const vlan: TcpdumpVlan = { id: Number(m[1]), priority: Number(m[2]) };
    if (m[3] !== undefined) vlan.ethertype = m[3];
    if (m[4] !== undefined) vlan.ethertypeCode = m[4];
    vlans.push(vlan);
    rest = rest.slice(m[0].length);
  }
  return vlans.length > 0 ? { vlans, rest } : undefined;
}

/** What tcpdump calls the network protocol on a line without `-e` (`IP`, `IP6`, `ARP,`). */
export const NETWORK_WORD = /^(IP6?|ARP,|RARP,)\s/;

const IPV4_USUAL = /^\(tos (0x[0-9a-f]+), ttl (\d+), id (\d+), offset (\d+), flags \[([^\]]*)\], proto (\S+) \((\d+)\), length (\d+)\)\s*/;
const IPV4_HEADER = /^\((tos 0x[0-9a-f]+[^)]*?(?:\([^)]*\)[^)]*?)*)\)\s*/;
const IPV6_HEADER = /^\(((?:class 0x[0-9a-f]+, )?(?:flowlabel 0x[0-9a-f]+, )?hlim \d+[^)]*?(?:\([^)]*\)[^)]*?)*)\)\s*/;

/** The `-v` IPv4 header in parentheses: `(tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 106)`. */
export function readIpv4Header(text: string): { header: Omit<TcpdumpIp, 'src' | 'dst'>; rest: string } | undefined {
  // nearly every header has tcpdump's usual fields in their usual order: one match, no splitting
  const usual = IPV4_USUAL.exec(text);
  if (usual) {
    const header: Omit<TcpdumpIp, 'src' | 'dst'> = {
      version: 4, tos: usual[1]!, ttl: Number(usual[2]), id: Number(usual[3]), offset: Number(usual[4]),
      flags: usual[5] === 'none' || usual[5] === '' ? [] : usual[5]!.split(/[+,]\s*/), proto: usual[6]!, protoNumber: Number(usual[7]), length: Number(usual[8]),
    };
    return { header, rest: text.slice(usual[0].length) };
  }
  const m = IPV4_HEADER.exec(text);
  if (!m) return undefined;
  const inside = m[1]!;
  const header: Omit<TcpdumpIp, 'src' | 'dst'> = { version: 4 };
  const extra: string[] = [];
  for (const part of splitHeaderFields(inside)) {
    let f: RegExpExecArray | null;
    if ((f = /^tos (0x[0-9a-f]+)(?:,? ?(.*))?$/.exec(part))) {
      header.tos = f[1]!;
      if (f[2]) extra.push(f[2]);
    } else if ((f = /^ttl (\d+)$/.exec(part))) header.ttl = Number(f[1]);
    else if ((f = /^id (\d+)$/.exec(part))) header.id = Number(f[1]);
    else if ((f = /^offset (\d+)$/.exec(part))) header.offset = Number(f[1]);
    else if ((f = /^flags \[([^\]]*)\]$/.exec(part))) header.flags = f[1] === 'none' || f[1] === '' ? [] : f[1]!.split(/[+,]\s*/);
    else if ((f = /^proto (\S+) \((\d+)\)$/.exec(part))) {
      header.proto = f[1]!;
      header.protoNumber = Number(f[2]);
    } else if ((f = /^length (\d+)$/.exec(part))) header.length = Number(f[1]);
    else extra.push(part);
  }
  if (extra.length > 0) header.extra = extra;
  return { header, rest: text.slice(m[0].length) };
}

/** The `-v` IPv6 header: `(flowlabel 0x1e2f4, hlim 64, next-header UDP (17) payload length: 20)`. */
export function readIpv6Header(text: string): { header: Omit<TcpdumpIp, 'src' | 'dst'>; rest: string } | undefined {
  const m = IPV6_HEADER.exec(text);
  if (!m) return undefined;
  const header: Omit<TcpdumpIp, 'src' | 'dst'> = { version: 6 };
  const extra: string[] = [];
  // `next-header X (N) payload length: L` has no comma before `payload`
  for (const part of splitHeaderFields(m[1]!.replace(/\) payload length:/, '), payload length:'))) {
    let f: RegExpExecArray | null;
    if ((f = /^class (0x[0-9a-f]+)$/.exec(part))) header.trafficClass = f[1]!;
    else if ((f = /^flowlabel (0x[0-9a-f]+)$/.exec(part))) header.flowLabel = f[1]!;
    else if ((f = /^hlim (\d+)$/.exec(part))) header.hopLimit = Number(f[1]);
    else if ((f = /^next-header (\S+) \((\d+)\)$/.exec(part))) {
      header.proto = f[1]!;
      header.protoNumber = Number(f[2]);
    } else if ((f = /^payload length: (\d+)$/.exec(part))) header.payloadLength = Number(f[1]);
    else extra.push(part);
  }
  if (extra.length > 0) header.extra = extra;
  return { header, rest: text.slice(m[0].length) };
}

/** Splits `a, b (c, d), e [f, g]` on top-level commas. */
function splitHeaderFields(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

const ARP_BODY = /^(?:(Ethernet|[\w-]+) \(len \d+\), (IPv4|[\w-]+) \(len \d+\), )?(Request|Reply|Reverse Request|Reverse Reply|Announcement|Probe|Inverse Request|Inverse Reply|NAK)\b,? ?(.*?)(?:, length (\d+))?$/;

/** `Request who-has 203.0.113.3 tell 203.0.113.1, length 28` / `Reply 203.0.113.3 is-at fa:16:3e:…, length 28`. */
export function readArp(text: string): TcpdumpArp | undefined {
  const m = ARP_BODY.exec(text);
  if (!m) return undefined;
  const arp: TcpdumpArp = { operation: m[3]! };
  if (m[1] !== undefined) arp.hardware = m[1];
  if (m[2] !== undefined) arp.protocol = m[2];
  const body = m[4] ?? '';
  let f: RegExpExecArray | null;
  if ((f = new RegExp(String.raw`^who-has (\S+)(?: \((${MAC})\))? tell (\S+)`, 'i').exec(body))) {
    arp.targetIp = f[1]!;
    if (f[2] !== undefined) arp.targetMac = f[2];
    arp.senderIp = f[3]!;
  } else if ((f = new RegExp(String.raw`^(\S+) is-at (${MAC})`, 'i').exec(body))) {
    arp.ip = f[1]!;
    arp.mac = f[2]!;
  } else if ((f = /^(\S+)$/.exec(body))) arp.ip = f[1]!;
  if (m[5] !== undefined) arp.length = Number(m[5]);
  return arp;
}

export interface Endpoint {
  address: string;
  port?: string;
}

const IPV4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\.([\w-]+))?$/;
const IPV6 = /^([0-9a-f]*:[0-9a-f:]*(?:\d{1,3}(?:\.\d{1,3}){3})?(?:%[\w.-]+)?)(?:\.([\w-]+))?$/i;

/**
 * `198.51.100.11.47754` → 198.51.100.11 port 47754; `fe80::1.546` → fe80::1 port 546;
 * `10.0.0.1.domain` (port names without `-nn`). A name (no `-n`) keeps its last
 * dotted word as port only when `withPort` says the protocol has ports.
 */
export function readEndpoint(text: string, withPort: boolean | undefined): Endpoint {
  let m = IPV4.exec(text) ?? IPV6.exec(text);
  if (m) {
    // an IPv4-mapped IPv6 address ends with a dotted quad: that is no port
    if (m[2] !== undefined && IPV6.test(text) && !IPV4.test(text) && /\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(text) && !/(?:\.\d{1,3}){4}$/.test(text)) {
      return { address: text };
    }
    return m[2] !== undefined ? { address: m[1]!, port: m[2] } : { address: m[1]! };
  }
  if (withPort && (m = /^(.+)\.([\w-]+)$/.exec(text))) return { address: m[1]!, port: m[2]! };
  return { address: text };
}

/** An address tcpdump prints with `-n`: IPv4 or IPv6 (no name). */
export function isNumericAddress(address: string): boolean {
  return IPV4.test(address) || (address.includes(':') && IPV6.test(address));
}
