// Capture parser benchmarks: `npx tsc -p tsconfig.json && node dist/scripts/bench-captures.js`.
// Speed targets live here, never in unit tests.
import { benchFlows } from '../src/captures/bench/flows.js';
import { benchTcpdump, formatTcpdumpBench } from '../src/captures/bench/tcpdump.js';

export function benchCaptures(): void {
  const flows = benchFlows();
  console.log(
    `ovs-ofctl dump-flows: ${flows.flows.toLocaleString('en')} flows, ${flows.megabytes.toFixed(1)} MB in ` +
      `${flows.milliseconds.toFixed(0)} ms wall, ${flows.cpuMilliseconds.toFixed(0)} ms CPU (${flows.megabytesPerSecond.toFixed(1)} MB/s, best of 5; ${flows.unparsed} unparsed lines)`,
  );
  console.log(formatTcpdumpBench(benchTcpdump()));
}

if (import.meta.url === `file://${process.argv[1]}`) benchCaptures();
