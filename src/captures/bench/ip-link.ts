// Benchmark of the `ip link` parser: a generated listing of 10,000 interfaces
// shaped like the lab captures (veth pairs `qvo…@qvb…` with masters, taps,
// `eth0@if2 … link-netnsid 0`, plain bridges) parsed in one call.
// `benchIpLink()` returns the figures; run this file directly to print them:
//   npx tsc -p tsconfig.json && node dist/src/captures/bench/ip-link.js
import { parseCommandLine } from '../command-line.js';
import { parser } from '../ip-link.js';
import { bestOf } from './best-of.js';

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}
function mac(n: number): string {
  return `fa:16:3e:${hex(n >> 16, 2)}:${hex(n >> 8, 2)}:${hex(n, 2)}`;
}

/** `ip link` text for `count` interfaces (ifindex 1 is lo). */
export function generateIpLink(count: number): string {
  const lines: string[] = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  ];
  for (let ifindex = 2; ifindex <= count; ifindex++) {
    const id = `${hex(ifindex * 2654435761, 8)}-${hex(ifindex, 2)}`;
    const brd = 'brd ff:ff:ff:ff:ff:ff';
    switch (ifindex % 5) {
      case 0:
        lines.push(`${ifindex}: qvo${id}@qvb${id}: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc noqueue master ovs-system state UP mode DEFAULT group default qlen 1000`);
        lines.push(`    link/ether ${mac(ifindex)} ${brd}`);
        break;
      case 1:
        lines.push(`${ifindex}: qvb${id}@qvo${id}: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc noqueue master qbr${id} state UP mode DEFAULT group default qlen 1000`);
        lines.push(`    link/ether ${mac(ifindex)} ${brd}`);
        break;
      case 2:
        lines.push(`${ifindex}: tap${id}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast master qbr${id} state UNKNOWN mode DEFAULT group default qlen 1000`);
        lines.push(`    link/ether ${mac(ifindex)} ${brd}`);
        break;
      case 3:
        lines.push(`${ifindex}: eth${ifindex}@if${ifindex + 1}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000`);
        lines.push(`    link/ether ${mac(ifindex)} ${brd} link-netnsid ${ifindex % 7}`);
        break;
      default:
        lines.push(`${ifindex}: qbr${id}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000`);
        lines.push(`    link/ether ${mac(ifindex)} ${brd}`);
    }
  }
  return lines.join('\n') + '\n';
}

export interface IpLinkBenchResult {
  interfaces: number;
  runs: number;
  megabytes: number;
  /** Best wall-clock time of the timed runs. */
  milliseconds: number;
  /** CPU time (user + system, garbage collector included) of that run: on a loaded machine wall time mostly measures the wait. */
  cpuMilliseconds: number;
  megabytesPerSecond: number;
  unparsed: number;
}

/** Parses a generated listing `runs` times (after one warm-up) and reports the best run. */
export function benchIpLink(count = 10_000, runs = 5): IpLinkBenchResult {
  const text = generateIpLink(count);
  const cmd = parseCommandLine('ip link');
  const warm = parser.parse(text, cmd);
  if (warm.records.length !== count) throw new Error(`bench: parsed ${warm.records.length} interfaces of ${count}`);
  const { milliseconds: best, cpuMilliseconds: bestCpu } = bestOf(runs, () => parser.parse(text, cmd));
  const megabytes = Buffer.byteLength(text) / 1e6;
  return { interfaces: count, runs, megabytes, milliseconds: best, cpuMilliseconds: bestCpu, megabytesPerSecond: megabytes / (best / 1000), unparsed: warm.unparsed.length };
}

/** One line for a benchmark report. */
export function formatIpLinkBench(result: IpLinkBenchResult): string {
  return `ip link: ${result.interfaces.toLocaleString('en')} interfaces, ${result.megabytes.toFixed(2)} MB in ` +
    `${result.milliseconds.toFixed(1)} ms wall, ${result.cpuMilliseconds.toFixed(1)} ms CPU (${result.megabytesPerSecond.toFixed(1)} MB/s, best of ${result.runs}; ${result.unparsed} unparsed lines)`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatIpLinkBench(benchIpLink()));
