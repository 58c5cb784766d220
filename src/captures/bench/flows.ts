// Benchmark of the `ovs-ofctl dump-flows` parser: a generated br-tun/br-int
// dump of 100,000 flows shaped like the lab captures (learned table-20 flows,
// learn/set_tunnel/strip_vlan, ct with nat, OpenFlow 1.3 set_field) parsed
// in one call. `scripts/bench-captures.ts` prints the figures.
import { parseCommandLine } from '../command-line.js';
import { parser } from '../ovs-ofctl-dump-flows.js';
import { bestOf } from './best-of.js';

const TEMPLATES: ((i: number) => string)[] = [
  (i) => `priority=1,vlan_tci=0x${hex4(i % 4094 + 1)}/0x0fff,dl_dst=fa:16:3e:${mac3(i)} actions=load:0->NXM_OF_VLAN_TCI[],load:0x${(i % 5000 + 1).toString(16)}->NXM_NX_TUN_ID[],output:${i % 40 + 2}`,
  (i) => `priority=1,in_port=${i % 40 + 1} actions=resubmit(,${i % 2 ? 2 : 3})`,
  (i) => `priority=1,tun_id=0x${(i % 5000 + 1).toString(16)} actions=mod_vlan_vid:${i % 4094 + 1},resubmit(,10)`,
  () => `priority=1 actions=learn(table=20,hard_timeout=300,priority=1,NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:0->NXM_OF_VLAN_TCI[],load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[],output:NXM_OF_IN_PORT[]),output:1`,
  (i) => `dl_vlan=${i % 4094 + 1} actions=strip_vlan,set_tunnel:0x${(i % 5000 + 1).toString(16)},output:2,output:3,output:4`,
  (i) => `priority=70,tcp,nw_src=203.0.113.${i % 250}/32,tp_dst=80 actions=ct(commit,zone=${i % 100},table=1,nat(src=192.0.2.10-192.0.2.20:1000-2000))`,
  (i) => `priority=60,ct_state=+trk+est,ip,reg6=0x${(i % 16).toString(16)} actions=set_field:fa:16:3e:${mac3(i)}->eth_src,push_vlan:0x8100,set_field:${4096 + (i % 4094)}->vlan_vid,output:"qvo${hex4(i)}-2b"`,
  (i) => `priority=0 actions=${i % 3 ? 'drop' : 'NORMAL'}`,
];

function hex4(n: number): string {
  return (n & 0xffff).toString(16).padStart(4, '0');
}
function mac3(n: number): string {
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A dump of `count` flows with the `NXST_FLOW reply` header, as `ovs-ofctl dump-flows` writes to a file. */
export function generateFlowDump(count: number): string {
  const lines = ['NXST_FLOW reply (xid=0x4):'];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const table = [20, 0, 2, 10, 21, 0, 1, 0][i % TEMPLATES.length];
    lines.push(
      ` cookie=0x0, duration=${(i % 9000) + 0.123}s, table=${table}, n_packets=${i * 7}, n_bytes=${i * 611}, idle_age=${i % 300}, ${template(i)}`,
    );
  }
  return lines.join('\n') + '\n';
}

export interface FlowBenchResult {
  flows: number;
  megabytes: number;
  /** Best wall-clock time of the timed runs. */
  milliseconds: number;
  /** CPU time (user + system, all threads including the garbage collector's) of that run. */
  cpuMilliseconds: number;
  megabytesPerSecond: number;
  unparsed: number;
}

/** Parses a generated dump `runs` times (after one warm-up) and reports the best run. */
export function benchFlows(count = 100_000, runs = 5): FlowBenchResult {
  const text = generateFlowDump(count);
  const cmd = parseCommandLine('ovs-ofctl dump-flows br-tun');
  const warm = parser.parse(text, cmd);
  if (warm.records.length !== count) throw new Error(`bench: parsed ${warm.records.length} flows of ${count}`);
  const { milliseconds: best, cpuMilliseconds: bestCpu } = bestOf(runs, () => parser.parse(text, cmd));
  const megabytes = Buffer.byteLength(text) / 1e6;
  return { flows: count, megabytes, milliseconds: best, cpuMilliseconds: bestCpu, megabytesPerSecond: megabytes / (best / 1000), unparsed: warm.unparsed.length };
}
