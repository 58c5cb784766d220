// Benchmark of the tcpdump parser: a generated `tcpdump -n -e -vv` capture of
// VXLAN traffic shaped like the capture lab's (each packet an outer header,
// its UDP/VXLAN line and an inner frame; every fifth one a DHCP reply with
// its option lines), parsed in one call.
// `benchTcpdump()` returns the figures; run this file directly to print them:
//   npx tsc -p tsconfig.json && node dist/src/captures/bench/tcpdump.js
import { parseCommandLine } from '../command-line.js';
import { parser } from '../tcpdump.js';
import { bestOf } from './best-of.js';

function time(n: number): string {
  const s = n / 1000;
  const hh = String(Math.floor(s / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = (s % 60).toFixed(6).padStart(9, '0');
  return `${hh}:${mm}:${ss}`;
}

/** `tcpdump -n -e -vv` text for `count` packets. */
export function generateTcpdump(count: number): string {
  const lines: string[] = ['tcpdump: listening on eth1, link-type EN10MB (Ethernet), snapshot length 262144 bytes'];
  const outer = 'b2:85:cd:f7:a3:42 > b6:f5:e0:bc:86:4c, ethertype IPv4 (0x0800)';
  for (let k = 0; k < count; k++) {
    const port = 32768 + (k % 28000);
    if (k % 5 === 4) {
      lines.push(`${time(k * 37)} ${outer}, length 400: (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 386)`);
      lines.push(`    198.51.100.21.${port} > 198.51.100.11.4789: [no cksum] VXLAN, flags [I] (0x08), vni 1`);
      lines.push('fa:16:3e:1a:2b:3c > ff:ff:ff:ff:ff:ff, ethertype IPv4 (0x0800), length 350: (tos 0xc0, ttl 64, id 13742, offset 0, flags [none], proto UDP (17), length 336)');
      lines.push(`    203.0.113.2.67 > 255.255.255.255.68: [udp sum ok] BOOTP/DHCP, Reply, length 308, xid 0x${(k * 2654435761 >>> 0).toString(16)}, Flags [Broadcast] (0x8000)`);
      lines.push('\t  Your-IP 203.0.113.3', '\t  Server-IP 203.0.113.2', '\t  Client-Ethernet-Address fa:16:3e:4c:2c:30', '\t  Vendor-rfc1048 Extensions');
      lines.push('\t    Magic Cookie 0x63825363', '\t    DHCP-Message (53), length 1: ACK', '\t    Server-ID (54), length 4: 203.0.113.2');
      lines.push('\t    Subnet-Mask (1), length 4: 255.255.255.240', '\t    Default-Gateway (3), length 4: 203.0.113.1');
    } else {
      lines.push(`${time(k * 37)} ${outer}, length 103: (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto UDP (17), length 89)`);
      lines.push(`    198.51.100.11.${port} > 198.51.100.21.4789: [no cksum] VXLAN, flags [I] (0x08), vni 1`);
      lines.push(`fa:16:3e:4c:2c:30 > fa:16:3e:5d:6e:7f, ethertype IPv4 (0x0800), length 53: (tos 0x0, ttl 64, id ${k % 65536}, offset 0, flags [DF], proto ICMP (1), length 39)`);
      lines.push(`    203.0.113.3 > 203.0.113.1: ICMP echo request, id 98, seq ${k}, length 19`);
    }
  }
  lines.push(`${count} packets captured`, `${count} packets received by filter`, '0 packets dropped by kernel');
  return lines.join('\n') + '\n';
}

export interface TcpdumpBenchResult {
  packets: number;
  lines: number;
  runs: number;
  megabytes: number;
  /** Best wall-clock time of the timed runs. */
  milliseconds: number;
  /** CPU time (user + system, garbage collector included) of that run. */
  cpuMilliseconds: number;
  megabytesPerSecond: number;
  unparsed: number;
}

/** Parses a generated capture `runs` times (after one warm-up) and reports the best run. */
export function benchTcpdump(count = 20_000, runs = 3): TcpdumpBenchResult {
  const text = generateTcpdump(count);
  const cmd = parseCommandLine('tcpdump -n -e -vv -i eth1');
  const warm = parser.parse(text, cmd);
  if (warm.records.length !== count) throw new Error(`bench: parsed ${warm.records.length} packets of ${count}`);
  const { milliseconds, cpuMilliseconds } = bestOf(runs, () => parser.parse(text, cmd));
  const megabytes = Buffer.byteLength(text) / 1e6;
  return {
    packets: count, lines: warm.lineRoles.length, runs, megabytes, milliseconds, cpuMilliseconds,
    megabytesPerSecond: megabytes / (milliseconds / 1000), unparsed: warm.unparsed.length,
  };
}

/** One line for a benchmark report. */
export function formatTcpdumpBench(result: TcpdumpBenchResult): string {
  return `tcpdump -n -e -vv: ${result.packets.toLocaleString('en')} packets (${result.lines.toLocaleString('en')} lines, ${result.megabytes.toFixed(1)} MB) in ` +
    `${result.milliseconds.toFixed(0)} ms wall, ${result.cpuMilliseconds.toFixed(0)} ms CPU (${result.megabytesPerSecond.toFixed(1)} MB/s, best of ${result.runs}; ${result.unparsed} unparsed lines)`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatTcpdumpBench(benchTcpdump()));
