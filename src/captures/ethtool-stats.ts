// `ethtool -S IF`: the driver counters of one interface. For a veth the
// counter `peer_ifindex` names the other end of the pair, which is why guides
// show it. The interface comes from the command, the output never names it.
// Hand-written: `name: number` lines, no library needed.
//
//   NIC statistics:
//        peer_ifindex: 7
//        rx_queue_0_xdp_packets: 0          per-queue counters, also grouped by queue
//   # from ip link                          a note pasted by the author: noise,
//   # 24: qvo…: <…> mtu 1500 …                with the indented lines under it
//       link/ether ce:6a:… brd ff:…
import type { CaptureParser, Evidence } from './types.js';
import { LineLedger, isHashNote, programName } from './lines.js';

export interface EthtoolCounter {
  name: string;
  /** The value; a count beyond 2^53 stays exact in `text`. */
  value: number;
  text: string;
  /** For per-queue counters: `rx`/`tx`, the queue number, and the counter name within the queue. */
  queue?: { direction: 'rx' | 'tx'; index: number; counter: string };
  evidence: Evidence;
}

export interface EthtoolQueue {
  direction: 'rx' | 'tx';
  index: number;
  /** Counter name within the queue (`xdp_packets`) → value. */
  counters: Record<string, number>;
  evidence: Evidence;
}

export interface EthtoolStatsRecord {
  /** From the command (`ethtool -S qvb…`); undefined when the command names none. */
  interface?: string;
  counters: EthtoolCounter[];
  /** veth: ifindex of the peer device (`peer_ifindex: 24`). */
  peerIfindex?: number;
  peerIfindexEvidence?: Evidence;
  /** Per-queue counters grouped by queue, in the order first seen. */
  queues: EthtoolQueue[];
  evidence?: Evidence;
}

const COUNTER = /^\s*([^:\s][^:]*?):\s+(-?\d+)\s*$/;
const HEADER = /^\s*(NIC statistics|Statistics for \S+|Standard stats for \S+):\s*$/i;
const ERROR = /^\s*(no stats available|Cannot get |Cannot open |Operation not supported|netlink error|Failed to )/i;

// Drivers name per-queue counters in several ways:
//   rx_queue_0_xdp_packets (veth, virtio)   rx0_packets   rx-0.packets   queue_0_tx_bytes
const QUEUE_PATTERNS: { re: RegExp; direction: number; index: number; counter: number }[] = [
  { re: /^(rx|tx)_queue_(\d+)_(.+)$/, direction: 1, index: 2, counter: 3 },
  { re: /^(rx|tx)-(\d+)\.(.+)$/, direction: 1, index: 2, counter: 3 },
  { re: /^(rx|tx)(\d+)_(.+)$/, direction: 1, index: 2, counter: 3 },
  { re: /^queue_(\d+)_(rx|tx)_(.+)$/, direction: 2, index: 1, counter: 3 },
];

function queueOf(name: string): EthtoolCounter['queue'] {
  for (const p of QUEUE_PATTERNS) {
    const m = p.re.exec(name);
    if (m) return { direction: m[p.direction] as 'rx' | 'tx', index: Number(m[p.index]), counter: m[p.counter]! };
  }
  return undefined;
}

/** The interface after `-S` / `--statistics` (options such as `--all-groups` skipped). */
function interfaceOf(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((w) => w === '-S' || w === '--statistics');
  if (at < 0) return undefined;
  return argv.slice(at + 1).find((w) => !w.startsWith('-'));
}

export const parser: CaptureParser<EthtoolStatsRecord> = {
  name: 'ethtool-stats',
  matches(cmd) {
    return programName(cmd.argv[0]) === 'ethtool' && interfaceOf(cmd.argv) !== undefined;
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const record: EthtoolStatsRecord = { counters: [], queues: [] };
    const name = interfaceOf(cmd.argv);
    if (name !== undefined) record.interface = name;
    let inNote = false;
    let first: number | undefined;
    let last: number | undefined;
    for (let n = 1; n <= ledger.count; n++) {
      const line = ledger.text(n);
      if (ledger.roleOf(n) === 'blank') { inNote = false; continue; }
      if (isHashNote(line)) { ledger.noise(n); inNote = true; continue; }
      // Indented lines right under a `#` note continue the note (the seed pastes an
      // `ip link` entry there); a counter line is still a counter.
      if (inNote && /^\s/.test(line) && !COUNTER.test(line)) { ledger.noise(n); continue; }
      inNote = false;
      if (HEADER.test(line)) { ledger.header(n); continue; }
      if (ERROR.test(line)) { ledger.unparsed(n, 'error message from ethtool, not a counter'); continue; }
      const m = COUNTER.exec(line);
      if (!m) { ledger.unparsed(n, 'not a `name: number` counter line'); continue; }
      const counter: EthtoolCounter = { name: m[1]!.trim(), value: Number(m[2]), text: m[2]!, evidence: { line: n } };
      const queue = queueOf(counter.name);
      if (queue) counter.queue = queue;
      record.counters.push(counter);
      if (counter.name === 'peer_ifindex') {
        record.peerIfindex = counter.value;
        record.peerIfindexEvidence = { line: n };
      }
      if (queue) {
        let group = record.queues.find((q) => q.direction === queue.direction && q.index === queue.index);
        if (!group) {
          group = { direction: queue.direction, index: queue.index, counters: {}, evidence: { line: n } };
          record.queues.push(group);
        }
        group.counters[queue.counter] = counter.value;
        if (n > group.evidence.line) group.evidence = { line: group.evidence.line, endLine: n };
      }
      first ??= n;
      last = n;
      ledger.fact(n);
    }
    if (first !== undefined) record.evidence = last! > first ? { line: first, endLine: last! } : { line: first };
    // One record per capture when it holds counters; an empty or failed capture gives none.
    const ordered: EthtoolStatsRecord = { ...(record.interface !== undefined ? { interface: record.interface } : {}), counters: [], queues: [] };
    if (record.peerIfindex !== undefined) { ordered.peerIfindex = record.peerIfindex; ordered.peerIfindexEvidence = record.peerIfindexEvidence!; }
    ordered.counters = record.counters;
    ordered.queues = record.queues;
    if (record.evidence) ordered.evidence = record.evidence;
    return ledger.finish('ethtool-stats', cmd, record.counters.length > 0 ? [ordered] : []);
  },
};
