// What follows `src > dst: ` on a tcpdump packet line, and the indented lines
// some printers add under it (BOOTP/DHCP's `-v` option lines): UDP, TCP,
// ICMP/ICMPv6, VXLAN and GRE headers (which announce an encapsulated frame),
// DHCP and DNS. Hand-written: tcpdump's print-*.c formats, no library reads them.
//
//   [no cksum] VXLAN, flags [I] (0x08), vni 1                      → udp + vxlan, inner frame on the next line
//   GREv0, Flags [key present], key=0x1, length 106: fa:16:3e:…   → gre, inner frame on the same line
//   [udp sum ok] BOOTP/DHCP, Request from fa:16:3e:4c:2c:30, length 252, xid 0x98da95, Flags [none]
//   Flags [S.], cksum 0x1c43 (correct), seq 1, ack 2, win 65160, options [mss 1460,…], length 0
import { MAC } from './tcpdump-headers.js';

export interface TcpdumpTcp {
  /** As printed inside `Flags [...]`: `S`, `S.`, `P.`, `F.`, `R`, `.`. */
  flags: string;
  /** The flags by name: `S.` → ['SYN', 'ACK']. */
  flagNames: string[];
  seq?: string;
  ack?: number;
  win?: number;
  options?: string;
  length?: number;
  checksum?: string;
  /** What tcpdump read in the segment (`HTTP: GET / HTTP/1.1`). */
  application?: string;
}

export interface TcpdumpIcmp {
  /** `echo request`, `echo reply`, `router solicitation`, `neighbor advertisement`, `udp port 33434 unreachable`… */
  type: string;
  id?: number;
  seq?: number;
  length?: number;
  /** ICMPv6 neighbour discovery: the target address (`who has X`, `tgt is X`). */
  target?: string;
  checksum?: string;
}

export interface TcpdumpVxlan {
  /** `I` when the VNI is valid. */
  flags: string;
  flagsCode?: string;
  vni: number;
}

export interface TcpdumpGre {
  version: number;
  /** `Flags [key present]` → ['key present']; the short form (no `-v`) prints no flags. */
  flags?: string[];
  /** The key as a number, and as printed (`0x1`). */
  key?: number;
  keyText?: string;
  /** `proto TEB (0x6558)`: what the GRE packet carries (TEB = an Ethernet frame). */
  proto?: string;
  protoCode?: string;
  length?: number;
}

export interface TcpdumpDhcpOption {
  /** As printed: `DHCP-Message`, `Server-ID`, `Classless-Static-Route`. */
  name: string;
  code?: number;
  length?: number;
  /** The value as printed (list options joined with `, ` over their continuation lines). */
  value: string;
}

export interface TcpdumpDhcp {
  /** BOOTP op: `Request` (client) or `Reply` (server). */
  op: string;
  /** `Request from MAC`. */
  from?: string;
  xid?: string;
  secs?: number;
  flags?: string;
  length?: number;
  /** `-v` lines: the BOOTP addresses. */
  clientIp?: string;
  yourIp?: string;
  serverIp?: string;
  gatewayIp?: string;
  clientMac?: string;
  /** Option 53 (`Discover`, `Offer`, `Request`, `ACK`, `NAK`, `Release`, `Inform`). */
  messageType?: string;
  options?: TcpdumpDhcpOption[];
}

export interface TcpdumpDns {
  id: number;
  /** A response (`*` authoritative, `-` no recursion available…) or a query (`+` recursion desired). */
  response: boolean;
  /** The marks after the id as printed: `+`, `*`, `*-`, `$`. */
  marks?: string;
  /** Response: `1/0/0` answers/authority/additional, and `NXDomain`, `ServFail`… when printed. */
  counts?: string;
  rcode?: string;
  questions: { type: string; name: string }[];
  answers: { name?: string; type: string; value: string }[];
  length?: number;
}

/** What one payload text says. */
export interface Payload {
  protocol?: string;
  /** `[no cksum]`, `[udp sum ok]`, `[bad udp cksum 0x1234 -> 0x5678!]`, `[icmp6 sum ok]`. */
  checksum?: string;
  udpLength?: number;
  tcp?: TcpdumpTcp;
  icmp?: TcpdumpIcmp;
  vxlan?: TcpdumpVxlan;
  gre?: TcpdumpGre;
  dhcp?: TcpdumpDhcp;
  dns?: TcpdumpDns;
  /** GRE carrying an Ethernet frame or an IP packet: the rest of the line is that packet. */
  innerText?: string;
  /** VXLAN: the inner frame starts on the next line. */
  innerFollows?: boolean;
}

const CHECKSUM = /^\[((?:no cksum|udp sum ok|icmp6 sum ok|icmp sum ok|bad (?:udp|icmp6?|tcp) cksum[^\]]*))\] /;
const VXLAN = /^VXLAN, flags \[([^\]]*)\] \((0x[0-9a-f]+)\), vni (\d+)\s*$/;
const GRE = /^GREv(\d+)(?:, Flags \[([^\]]*)\])?(?:, call \d+)?(?:, seq(?:uence)? \d+)?(?:, key=(0x[0-9a-f]+|\d+))?(?:, seq(?:uence)? \d+)?(?:, proto (\S+) \((0x[0-9a-f]{4})\))?(?:, length (\d+))?(?::\s*(.*))?$/;
const BOOTP = new RegExp(String.raw`^BOOTP/DHCP, (Request|Reply)(?: from (${MAC}))?,(?: length (\d+))?,?(?: hops \d+,)?(?: xid (0x[0-9a-f]+),?)?(?: secs (\d+),)?(?: Flags \[([^\]]*)\](?: \(0x[0-9a-f]+\))?)?(.*)$`, 'i');
const TCP = /^Flags \[([^\]]*)\](.*)$/;
const TCP_FLAG_NAMES: Record<string, string> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK' };

/**
 * Reads a payload text. `proto` is the IP protocol when the `-v` header named
 * it; `ports` the two ports of `src > dst` (DNS is told by port 53).
 */
export function readPayload(text: string, proto: string | undefined, ports: (string | undefined)[]): Payload {
  const payload: Payload = {};
  let rest = text;
  const sum = CHECKSUM.exec(rest);
  if (sum) {
    payload.checksum = sum[1]!;
    rest = rest.slice(sum[0].length);
  }
  let m: RegExpExecArray | null;
  if ((m = VXLAN.exec(rest))) {
    payload.protocol = 'UDP';
    payload.vxlan = { flags: m[1]!, flagsCode: m[2]!, vni: Number(m[3]) };
    payload.innerFollows = true;
  } else if ((m = GRE.exec(rest))) {
    payload.protocol = 'GRE';
    const gre: TcpdumpGre = { version: Number(m[1]) };
    if (m[2] !== undefined) gre.flags = m[2] === 'none' ? [] : m[2].split(/,\s*/);
    if (m[3] !== undefined) {
      gre.keyText = m[3];
      gre.key = Number(m[3]);
    }
    if (m[4] !== undefined) {
      gre.proto = m[4];
      gre.protoCode = m[5]!;
    }
    if (m[6] !== undefined) gre.length = Number(m[6]);
    payload.gre = gre;
    if (m[7] !== undefined && m[7] !== '') payload.innerText = m[7];
  } else if ((m = BOOTP.exec(rest))) {
    payload.protocol = 'UDP';
    const dhcp: TcpdumpDhcp = { op: m[1]! };
    if (m[2] !== undefined) dhcp.from = m[2];
    if (m[3] !== undefined) dhcp.length = Number(m[3]);
    if (m[4] !== undefined) dhcp.xid = m[4];
    if (m[5] !== undefined) dhcp.secs = Number(m[5]);
    if (m[6] !== undefined) dhcp.flags = m[6];
    payload.dhcp = dhcp;
  } else if ((m = TCP.exec(rest))) {
    payload.protocol = 'TCP';
    payload.tcp = readTcp(m[1]!, m[2]!);
  } else if ((m = /^ICMP6?,? (.*)$/.exec(rest))) {
    payload.protocol = rest.startsWith('ICMP6') ? 'ICMP6' : 'ICMP';
    payload.icmp = readIcmp(m[1]!);
    if (payload.checksum !== undefined) payload.icmp.checksum = payload.checksum;
  } else if ((m = /^UDP, length (\d+)$/.exec(rest))) {
    payload.protocol = 'UDP';
    payload.udpLength = Number(m[1]);
  } else if (ports.some((p) => p === '53' || p === 'domain') && (m = DNS.exec(rest))) {
    payload.protocol = proto === 'TCP' ? 'TCP' : 'UDP';
    payload.dns = readDns(m);
  } else if (proto !== undefined) payload.protocol = proto;
  else if (payload.checksum?.includes('udp')) payload.protocol = 'UDP';
  if (payload.protocol === undefined && proto !== undefined) payload.protocol = proto;
  return payload;
}

function readTcp(flags: string, after: string): TcpdumpTcp {
  const tcp: TcpdumpTcp = { flags, flagNames: [...flags].map((c) => TCP_FLAG_NAMES[c] ?? c) };
  let m: RegExpExecArray | null;
  if ((m = /, cksum (0x[0-9a-f]+ \([^)]*\))/.exec(after))) tcp.checksum = m[1]!;
  if ((m = /, seq (\d+(?::\d+)?)/.exec(after))) tcp.seq = m[1]!;
  if ((m = /, ack (\d+)/.exec(after))) tcp.ack = Number(m[1]);
  if ((m = /, win (\d+)/.exec(after))) tcp.win = Number(m[1]);
  if ((m = /, options \[([^\]]*)\]/.exec(after))) tcp.options = m[1]!;
  if ((m = /, length (\d+)(?::\s*(.*))?$/.exec(after))) {
    tcp.length = Number(m[1]);
    if (m[2] !== undefined && m[2] !== '') tcp.application = m[2];
  }
  return tcp;
}

function readIcmp(text: string): TcpdumpIcmp {
  let m: RegExpExecArray | null;
  if ((m = /^(echo request|echo reply), id (\d+), seq (\d+)(?:, length (\d+))?/.exec(text))) {
    const icmp: TcpdumpIcmp = { type: m[1]!, id: Number(m[2]), seq: Number(m[3]) };
    if (m[4] !== undefined) icmp.length = Number(m[4]);
    return icmp;
  }
  // `neighbor solicitation, length 32, who has X` (4.99; older: `who has X, length 32`), `neighbor advertisement, length 32, tgt is X`
  if ((m = /^(neighbor solicitation|neighbor advertisement)(?:, length (\d+))?, (?:who has|tgt is) ([0-9a-f:.]+)(?:, length (\d+))?/.exec(text))) {
    const icmp: TcpdumpIcmp = { type: m[1]!, target: m[3]! };
    const length = m[2] ?? m[4];
    if (length !== undefined) icmp.length = Number(length);
    return icmp;
  }
  m = /^(.*?)(?:, length (\d+))?$/.exec(text)!;
  const icmp: TcpdumpIcmp = { type: m[1]! };
  if (m[2] !== undefined) icmp.length = Number(m[2]);
  return icmp;
}

// DNS (print-domain.c): `20039+ A? host. (49)`, `20039*- 1/0/0 A 203.0.113.3 (65)`, `-vv` adds `q: ` and names.
const DNS = /^(\d+)([*+\-$|%]*)(?: \[[^\]]*\])?(?: (NXDomain|ServFail|Refused|FormErr|NotImp|YXDomain|NXRRSet|NotAuth|NotZone))?(.*?)(?: \((\d+)\))?$/;
const QUESTION = /^(?:q: )?([A-Z0-9]+)\? (\S+)/;

function readDns(m: RegExpExecArray): TcpdumpDns {
  const marks = m[2]!;
  let body = m[4]!.trim();
  const questions: TcpdumpDns['questions'] = [];
  const answers: TcpdumpDns['answers'] = [];
  let counts: string | undefined;
  let q = QUESTION.exec(body);
  if (q) {
    questions.push({ type: q[1]!, name: q[2]! });
    body = body.slice(q[0].length).trim();
  }
  const c = /^(\d+\/\d+\/\d+)\s*(.*)$/.exec(body);
  if (c) {
    counts = c[1]!;
    body = c[2]!;
    q = QUESTION.exec(body);
    if (q) {
      questions.push({ type: q[1]!, name: q[2]! });
      body = body.slice(q[0].length).trim();
    }
    for (const part of body.split(/,\s*/)) {
      const a = /^(?:(\S+\.) )?(?:\[\S+\] )?([A-Z][A-Z0-9]*) (.+)$/.exec(part.replace(/^(?:ns|ar): /, ''));
      if (!a) continue;
      answers.push(a[1] !== undefined ? { name: a[1], type: a[2]!, value: a[3]! } : { type: a[2]!, value: a[3]! });
    }
  }
  const dns = { id: Number(m[1]), response: counts !== undefined || m[3] !== undefined || marks.includes('*') } as TcpdumpDns;
  if (marks !== '') dns.marks = marks;
  if (m[3] !== undefined) dns.rcode = m[3];
  if (counts !== undefined) dns.counts = counts;
  dns.questions = questions;
  dns.answers = answers;
  if (m[5] !== undefined) dns.length = Number(m[5]);
  return dns;
}

// BOOTP/DHCP `-v` lines (print-bootp.c), indented under the packet:
//   Your-IP 203.0.113.3
//   Client-Ethernet-Address fa:16:3e:4c:2c:30
//   Vendor-rfc1048 Extensions
//     Magic Cookie 0x63825363
//     DHCP-Message (53), length 1: Offer
//     Parameter-Request (55), length 6:
//       Subnet-Mask (1), Default-Gateway (3), …      ← the option's value, continued
const BOOTP_ADDRESS: Record<string, keyof TcpdumpDhcp> = {
  'Client-IP': 'clientIp', 'Your-IP': 'yourIp', 'Server-IP': 'serverIp', 'Gateway-IP': 'gatewayIp',
  'Relay-Agent-IP': 'gatewayIp', 'Client-Ethernet-Address': 'clientMac',
};
const OPTION = /^([A-Za-z][\w-]*(?: [\w-]+)*?) (?:\((\d+)\)|Option (\d+)), length (\d+):\s?(.*)$/;

/** One `-v` BOOTP line into `dhcp`; false when the line is not one of them. */
export function readDhcpLine(dhcp: TcpdumpDhcp, line: string, deeper: boolean): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^([\w-]+) (\S+)$/.exec(line)) && BOOTP_ADDRESS[m[1]!] !== undefined) {
    (dhcp as unknown as Record<string, string>)[BOOTP_ADDRESS[m[1]!]!] = m[2]!;
    return true;
  }
  if (/^Vendor-rfc1048 Extensions$/.test(line) || /^Magic Cookie 0x[0-9a-f]+$/.test(line)) return true;
  if (/^(?:sname|file) "/.test(line)) return true;
  if ((m = OPTION.exec(line))) {
    const code = m[2] ?? m[3];
    const option: TcpdumpDhcpOption = code !== undefined
      ? { name: m[1]!, code: Number(code), length: Number(m[4]), value: m[5]!.trim() }
      : { name: m[1]!, length: Number(m[4]), value: m[5]!.trim() };
    (dhcp.options ??= []).push(option);
    if (option.code === 53) dhcp.messageType = option.value;
    return true;
  }
  // a list option's value goes on over deeper-indented lines
  const last = dhcp.options?.[dhcp.options.length - 1];
  if (last && deeper) {
    last.value = last.value === '' ? line : `${last.value}, ${line}`;
    return true;
  }
  return false;
}
