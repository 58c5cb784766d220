// `ss -tunlp`: one record per socket, with the owning processes.
//
//   Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess      ← header glued in pipe mode
//   tcp   LISTEN 0      5            0.0.0.0:9697      0.0.0.0:*    users:(("python3",pid=114,fd=3))
//   udp   UNCONN 0      0                  *:68              *:*    users:(("dhclient",pid=7,fd=6),("x",pid=8,fd=6))
// On a terminal the columns are wider; a long process part can wrap onto the next line.
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import { parseSocketAddress, type SocketAddress } from './socket-address.js';

export interface SsProcess {
  name: string;
  pid: number;
  fd?: number;
}

export interface SsSocket {
  netid: string;
  state: string;
  recvQ: number;
  sendQ: number;
  local: SocketAddress;
  peer: SocketAddress;
  processes: SsProcess[];
  /** Everything after the peer address, verbatim (`users:(…)`, `ino:`, `sk:`, `cgroup:` …). */
  extra?: string;
  evidence: Evidence;
}

const ROW = /^\s*(tcp|udp|raw|u_str|u_dgr|u_seq|p_raw|p_dgr|nl|mptcp|sctp|dccp|tipc|vsock|xdp)\s+([A-Z][A-Z0-9-]*)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/;
/** A row without the Netid column (`ss -tlnp` when only one kind is asked for). */
const ROW_NO_NETID = /^\s*([A-Z][A-Z0-9-]*)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/;
const HEADER = /^\s*(Netid\s+)?State\s+Recv-Q\s+Send-Q/;
const USER = /\("((?:[^"\\]|\\.)*)",pid=(\d+)(?:,fd=(\d+))?\)/g;

export const parser: CaptureParser<SsSocket> = {
  name: 'ss-tunlp',
  matches: (cmd: CommandLine) => commandName(cmd) === 'ss',
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: SsSocket[] = [];
    let previous: SsSocket | undefined;
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      if (HEADER.test(line)) {
        ledger.header(n);
        continue;
      }
      const record = readRow(line, n);
      if (record) {
        records.push(record);
        ledger.fact(n);
        previous = record;
      } else if (previous && /^\s+(users:|ino:|sk:|cgroup:|uid:|timer:|\(\()/.test(line)) {
        // the process column wrapped onto its own line
        previous.extra = [previous.extra, line.trim()].filter(Boolean).join(' ');
        previous.processes = readProcesses(previous.extra);
        previous.evidence.endLine = n;
        ledger.fact(n);
      } else if (isHashNote(line)) ledger.noise(n);
      else ledger.unparsed(n, 'not an `ss` socket row (Netid State Recv-Q Send-Q Local Peer Process)');
    }
    return ledger.finish('ss-tunlp', cmd, records);
  },
};

function readRow(line: string, n: number): SsSocket | undefined {
  const m = ROW.exec(line);
  const fields = m ? m.slice(1) : (() => {
    const r = ROW_NO_NETID.exec(line);
    return r && /:/.test(r[4]!) ? ['?', ...r.slice(1)] : undefined;
  })();
  if (!fields) return undefined;
  const [netid, state, recvQ, sendQ, local, peer, extra] = fields;
  const record: SsSocket = {
    netid: netid!, state: state!, recvQ: Number(recvQ), sendQ: Number(sendQ),
    local: parseSocketAddress(local!), peer: parseSocketAddress(peer!), processes: [], evidence: { line: n },
  };
  if (extra) {
    record.extra = extra;
    record.processes = readProcesses(extra);
  }
  return record;
}

function readProcesses(extra: string): SsProcess[] {
  return [...extra.matchAll(USER)].map((u) => {
    const p: SsProcess = { name: u[1]!, pid: Number(u[2]) };
    if (u[3] !== undefined) p.fd = Number(u[3]);
    return p;
  });
}
