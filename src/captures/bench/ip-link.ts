// Benchmark of the `ip link` parser: a generated listing of 10,000 interfaces
// of one compute node (per VM a `qbr…` bridge, the `qvo…@qvb…` veth pair and
// the `tap…`, as Nova's hybrid plug makes them; interfaces.ts) parsed in one call.
// `benchIpLink()` returns the figures; run this file directly to print them:
//   npx tsc -p tsconfig.json && node dist/src/captures/bench/ip-link.js
import { parseCommandLine } from '../command-line.js';
import { parser } from '../ip-link.js';
import { bestOf } from './best-of.js';
import { computeNodeInterfaces, renderIpLink } from './interfaces.js';

/** `ip link` text for `count` interfaces of one compute node: its own devices, then four per VM (see interfaces.ts). */
export function generateIpLink(count: number): string {
  return renderIpLink(computeNodeInterfaces(count));
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
