// `netstat -tunlp` (and -tlnp, -anp …): one record per socket.
//
//   Active Internet connections (only servers)
//   Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
//   tcp        0      0 0.0.0.0:9697            0.0.0.0:*               LISTEN      5957/python
//   udp        0      0 0.0.0.0:67              0.0.0.0:*                           93/dnsmasq
//                                                                       ^ udp has no state
import type { CaptureParser, CommandLine, Evidence } from './types.js';
import { LineLedger, isHashNote } from './lines.js';
import { commandName } from './command-line.js';
import { parseSocketAddress, type SocketAddress } from './socket-address.js';

export interface NetstatSocket {
  proto: string;
  recvQ: number;
  sendQ: number;
  local: SocketAddress;
  foreign: SocketAddress;
  state?: string;
  pid?: number;
  /** Program name as netstat cuts it (`python3`, `dnsmasq`). */
  program?: string;
  evidence: Evidence;
}

const ROW = /^\s*((?:tcp|udp|raw|udpl|sctp)6?)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+([A-Z][A-Z0-9_]*|\d+))?(?:\s+(?:(\d+)\/(.*?)|(-)))?\s*$/;
const HEADER = /^\s*(Active (Internet|UNIX domain|Bluetooth) connections|Proto\s+Recv-Q)/;

export const parser: CaptureParser<NetstatSocket> = {
  name: 'netstat-tunlp',
  matches: (cmd: CommandLine) => commandName(cmd) === 'netstat' && cmd.argv.slice(1).some((a) => /^-\w*[tu]/.test(a) || a === '--tcp' || a === '--udp'),
  parse(text, cmd) {
    const ledger = new LineLedger(text);
    const records: NetstatSocket[] = [];
    for (let n = 1; n <= ledger.count; n++) {
      if (ledger.roleOf(n) === 'blank') continue;
      const line = ledger.text(n);
      if (HEADER.test(line)) {
        ledger.header(n);
        continue;
      }
      const m = ROW.exec(line);
      if (!m) {
        // netstat's own two-line note when not root: "(Not all processes could be identified, … / … see it all.)"
        if (isHashNote(line) || /^\s*\(Not all processes|you would have to be root to see it all\.\)\s*$/.test(line)) ledger.noise(n);
        else ledger.unparsed(n, 'not a `netstat` socket row (Proto Recv-Q Send-Q Local Foreign State PID/Program)');
        continue;
      }
      const record: NetstatSocket = {
        proto: m[1]!, recvQ: Number(m[2]), sendQ: Number(m[3]),
        local: parseSocketAddress(m[4]!), foreign: parseSocketAddress(m[5]!), evidence: { line: n },
      };
      if (m[6] !== undefined) record.state = m[6];
      if (m[7] !== undefined) record.pid = Number(m[7]);
      if (m[8] !== undefined && m[8] !== '') record.program = m[8].trim();
      records.push(record);
      ledger.fact(n);
    }
    return ledger.finish('netstat-tunlp', cmd, records);
  },
};
