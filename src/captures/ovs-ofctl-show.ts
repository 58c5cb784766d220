// `ovs-ofctl [-O OpenFlow13] show BRIDGE`: the switch (datapath id, tables,
// capabilities) and its ports, so that the port numbers of `dump-flows` can
// be given names (`portNames`).
//
//   OFPT_FEATURES_REPLY (xid=0x2): dpid:0000fae31ab49049        ← switch record starts
//   n_tables:254, n_buffers:0
//   capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP
//   actions: output enqueue set_vlan_vid …                      (OpenFlow 1.0 only)
//   OFPST_PORT_DESC reply (OF1.3) (xid=0x3):                    (OpenFlow 1.3 only: header)
//    1(patch-int): addr:de:7c:40:4d:d3:2b                        ← port record starts
//        config:     0
//        state:      LIVE
//        current:    10GB-FD COPPER
//        speed: 0 Mbps now, 0 Mbps max
//    LOCAL(br-tun): addr:fa:e3:1a:b4:90:49
//   OFPT_GET_CONFIG_REPLY (xid=0x4): frags=normal miss_send_len=0
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import { ovsOfctlSubcommand } from './ovs-ofctl-dump-flows.js';
import { LOCAL_PORT_NUMBER } from './ovs/refs.js';

export interface OfctlSwitch {
  kind: 'switch';
  /** `0000fae31ab49049` */
  dpid: string;
  /** `OF1.3` when the reply says so; absent for OpenFlow 1.0. */
  ofVersion?: string;
  nTables?: number;
  nBuffers?: number;
  capabilities: string[];
  /** Supported actions (OpenFlow 1.0 replies only). */
  actions: string[];
  /** From OFPT_GET_CONFIG_REPLY: `normal`. */
  frags?: string;
  missSendLen?: number;
  evidence: Evidence;
}

export interface OfctlPort {
  kind: 'port';
  /** OpenFlow port number; LOCAL is given as 65534 (its OpenFlow 1.0 number) with `reserved: 'LOCAL'`. */
  number: number;
  reserved?: 'LOCAL';
  name: string;
  /** MAC address. */
  addr: string;
  /** `PORT_DOWN` …; `0` is printed for none and gives []. */
  config: string[];
  /** `LINK_DOWN`, `LIVE` …; [] for `0`. */
  state: string[];
  current: string[];
  advertised: string[];
  supported: string[];
  peer: string[];
  speedMbps?: number;
  maxSpeedMbps?: number;
  /** Other `key: value` lines of the port, verbatim. */
  other: Record<string, string>;
  evidence: Evidence;
}

export type OfctlShowRecord = OfctlSwitch | OfctlPort;

const FEATURES = /^OFPT_FEATURES_REPLY(?: \((OF[\d.]+)\))? \(xid=0x[0-9a-f]+\): dpid:([0-9a-f]+)$/i;
const TABLES = /^n_tables:(\d+)(?:,\s*n_buffers:(\d+))?/;
const PORT = /^(\d+|LOCAL)\((.*)\): addr:([0-9a-f:]+)$/i;
const PORT_PROPERTY = /^([a-z_]+):\s*(.*)$/;
const SPEED = /^(\d+) Mbps now, (\d+) Mbps max$/;
const GET_CONFIG = /^OFPT_GET_CONFIG_REPLY(?: \((OF[\d.]+)\))? \(xid=0x[0-9a-f]+\):(.*)$/;
const HEADER = /^OFPST_PORT_DESC reply\b/;
const LIST_PROPERTIES = new Set(['config', 'state', 'current', 'advertised', 'supported', 'peer']);

export const parser: CaptureParser<OfctlShowRecord> = {
  name: 'ovs-ofctl-show',
  matches: (cmd: CommandLine) => commandName(cmd) === 'ovs-ofctl' && ovsOfctlSubcommand(cmd.argv) === 'show',
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: OfctlShowRecord[] = [];
    let sw: OfctlSwitch | undefined;
    let port: OfctlPort | undefined;
    const extend = (evidence: Evidence, n: number) => {
      if (n > evidence.line) evidence.endLine = n;
    };
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      const t = line.trim().replace(/\s+/g, ' ');
      if (isHashNote(line)) {
        ledger.noise(n);
        continue;
      }
      let m: RegExpExecArray | null;
      if ((m = FEATURES.exec(t))) {
        sw = {
          kind: 'switch', dpid: m[2]!, ofVersion: m[1], nTables: undefined, nBuffers: undefined, capabilities: [], actions: [],
          frags: undefined, missSendLen: undefined, evidence: { line: n },
        };
        records.push(sw);
        port = undefined;
        ledger.fact(n);
      } else if (HEADER.test(t)) {
        port = undefined;
        ledger.header(n);
      } else if ((m = PORT.exec(t))) {
        const local = m[1]!.toUpperCase() === 'LOCAL';
        port = {
          kind: 'port', number: local ? LOCAL_PORT_NUMBER : Number(m[1]), reserved: local ? 'LOCAL' : undefined, name: m[2]!,
          addr: m[3]!.toLowerCase(), config: [], state: [], current: [], advertised: [], supported: [], peer: [],
          speedMbps: undefined, maxSpeedMbps: undefined, other: {}, evidence: { line: n },
        };
        records.push(port);
        ledger.fact(n);
      } else if ((m = GET_CONFIG.exec(t))) {
        // belongs to the switch record, although it follows the port list
        port = undefined;
        if (!sw) {
          ledger.unparsed(n, 'OFPT_GET_CONFIG_REPLY before any OFPT_FEATURES_REPLY');
          continue;
        }
        for (const pair of m[2]!.trim().split(' ')) {
          const [key, value = ''] = pair.split('=');
          if (key === 'frags') sw.frags = value;
          else if (key === 'miss_send_len') sw.missSendLen = Number(value);
        }
        ledger.fact(n);
      } else if (port && (m = PORT_PROPERTY.exec(t))) {
        const key = m[1]!;
        const value = m[2]!;
        if (key === 'speed') {
          const speed = SPEED.exec(value);
          if (speed) {
            port.speedMbps = Number(speed[1]);
            port.maxSpeedMbps = Number(speed[2]);
          } else port.other[key] = value;
        } else if (LIST_PROPERTIES.has(key)) {
          (port[key as 'config'] as string[]) = value === '0' ? [] : value.split(' ').filter(Boolean);
        } else port.other[key] = value;
        extend(port.evidence, n);
        ledger.fact(n);
      } else if (sw && !port && (m = TABLES.exec(t))) {
        sw.nTables = Number(m[1]);
        if (m[2] !== undefined) sw.nBuffers = Number(m[2]);
        extend(sw.evidence, n);
        ledger.fact(n);
      } else if (sw && !port && t.startsWith('capabilities:')) {
        sw.capabilities = t.slice(13).trim().split(' ').filter(Boolean);
        extend(sw.evidence, n);
        ledger.fact(n);
      } else if (sw && !port && t.startsWith('actions:')) {
        sw.actions = t.slice(8).trim().split(' ').filter(Boolean);
        extend(sw.evidence, n);
        ledger.fact(n);
      } else if (t.startsWith('ovs-ofctl: ')) {
        ledger.unparsed(n, `message from ovs-ofctl: ${t.slice(11)}`);
      } else {
        ledger.unparsed(n, port ? 'not a port property (`config:`, `state:`, `speed:` …)' : 'not part of an `ovs-ofctl show` reply');
      }
    }
    return ledger.finish('ovs-ofctl-show', cmd, records);
  },
};

/** OpenFlow port number → port name (`1` → `patch-int`, 65534 → the bridge's own LOCAL port). */
export function portNames(records: readonly OfctlShowRecord[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const record of records) if (record.kind === 'port') names.set(record.number, record.name);
  return names;
}
