// `ovs-appctl dpif/show`: datapaths, their bridges, and each port's OpenFlow
// and datapath numbers — another source of the number → name map that
// `dump-flows` needs when no `ovs-ofctl show` was captured.
//
//   netdev@ovs-netdev: hit:6 missed:8                ← datapath (type@name)
//     br-int:                                        ← bridge (OVS ≤ 2.3 adds `hit:… missed:…`)
//       br-int 65534/1: (tap)                        ← port: OpenFlow number / datapath number: (type)
//       patch-tun 1/none: (patch: peer=patch-int)    ← options after the type
//       gre-c6336415 2/3: (gre: key=flow, local_ip=198.51.100.11, remote_ip=198.51.100.21)
//   Older releases print datapath statistics (`flows: cur: 0, …`) under the datapath line; they are kept verbatim.
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote, programName } from './lines.js';
import { commandName } from './command-line.js';
import { splitTopLevel } from './ovs/split-top-level.js';

export interface DpifDatapath {
  kind: 'datapath';
  /** `ovs-netdev`, `ovs-system` */
  name: string;
  /** `netdev`, `system` */
  type: string;
  hit?: number;
  missed?: number;
  /** Statistics lines of older releases, verbatim. */
  statistics: string[];
  evidence: Evidence;
}

export interface DpifPort {
  kind: 'port';
  /** `netdev@ovs-netdev` */
  datapath: string;
  bridge: string;
  name: string;
  /** OpenFlow port number (65534 is the bridge's LOCAL port). */
  ofport: number;
  /** Datapath port number; null for `none` (patch ports live only in OpenFlow). */
  dpPort: number | null;
  /** `tap`, `system`, `internal`, `patch`, `gre`, `vxlan` … */
  type: string;
  /** `peer=patch-int`, `local_ip=198.51.100.11` … */
  options: Record<string, string>;
  evidence: Evidence;
}

export type DpifShowRecord = DpifDatapath | DpifPort;

const DATAPATH = /^([\w-]+)@([\w.-]+):(?:\s+hit:(\d+)\s+missed:(\d+))?\s*$/;
const BRIDGE = /^([^\s:]+):(?:\s+hit:\d+\s+missed:\d+)?\s*$/;
const PORT = /^(\S+) (\d+)\/(\d+|none): \(([^:)]+)(?::\s*(.*))?\)$/;
/** `flows: cur: 0, …`, `overall avg: add rate: …`: a label, a colon, a blank, more. */
const STATISTICS = /^[a-z][a-z ]*: \S/;

export const parser: CaptureParser<DpifShowRecord> = {
  name: 'ovs-appctl-dpif-show',
  matches: (cmd: CommandLine) => {
    if (commandName(cmd) !== 'ovs-appctl' && programName(cmd.argv[0]) !== 'ovs-dpctl') return false;
    return cmd.argv.slice(1).find((a) => !a.startsWith('-')) === 'dpif/show';
  },
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: DpifShowRecord[] = [];
    let datapath: DpifDatapath | undefined;
    let bridge: string | undefined;
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      const t = line.trim().replace(/\s+/g, ' ');
      if (isHashNote(line)) {
        ledger.noise(n);
        continue;
      }
      let m: RegExpExecArray | null;
      if ((m = DATAPATH.exec(t)) && !/^\s/.test(line)) {
        const counters = m[3] !== undefined ? { hit: Number(m[3]), missed: Number(m[4]) } : {};
        datapath = { kind: 'datapath', name: m[2]!, type: m[1]!, ...counters, statistics: [], evidence: { line: n } };
        records.push(datapath);
        bridge = undefined;
        ledger.fact(n);
      } else if (datapath && (m = PORT.exec(t)) && bridge !== undefined) {
        const port: DpifPort = {
          kind: 'port', datapath: `${datapath.type}@${datapath.name}`, bridge, name: m[1]!, ofport: Number(m[2]),
          dpPort: m[3] === 'none' ? null : Number(m[3]), type: m[4]!, options: parseOptions(m[5]), evidence: { line: n },
        };
        records.push(port);
        ledger.fact(n);
      } else if (datapath && (m = BRIDGE.exec(t))) {
        bridge = m[1]!;
        ledger.fact(n);
      } else if (datapath && /^\s/.test(line) && STATISTICS.test(t)) {
        // `flows: cur: 0, avg: 0, max: 0, life span: 0ms` (OVS 2.0/2.1), under the datapath or a bridge
        datapath.statistics.push(t);
        datapath.evidence.endLine = n;
        ledger.fact(n);
      } else if (t.startsWith('ovs-appctl: ') || t.startsWith('ovs-vswitchd: ')) {
        ledger.unparsed(n, `message from ovs-appctl: ${t}`);
      } else {
        ledger.unparsed(n, datapath ? 'not a bridge (`br-int:`) or port (`name 1/2: (type)`) line' : 'not a datapath line (`type@name: hit:N missed:N`)');
      }
    }
    return ledger.finish('ovs-appctl-dpif-show', cmd, records);
  },
};

/** `key=flow, local_ip=198.51.100.11` → {key: 'flow', local_ip: '198.51.100.11'}. */
function parseOptions(text: string | undefined): Record<string, string> {
  const options: Record<string, string> = {};
  if (!text) return options;
  for (const part of splitTopLevel(text)) {
    const eq = part.indexOf('=');
    if (eq < 0) options[part] = '';
    else options[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return options;
}

/** OpenFlow port number → name for one bridge, as `resolvePortNames` of the flows module takes it. */
export function portNamesFromDpif(records: readonly DpifShowRecord[], bridge: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const record of records) if (record.kind === 'port' && record.bridge === bridge) names.set(record.ofport, record.name);
  return names;
}
