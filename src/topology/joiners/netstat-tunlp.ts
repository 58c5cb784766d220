// `netstat -tunlp`: listening sockets, with the process that owns each.

import type { Socket } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['netstat-tunlp'],
  add({ records, host, netns, ev }, state) {
    for (const s of records) {
      const socket: Socket = {
        host, ...(netns ? { netns } : {}), protocol: s.proto, local: s.local.address, port: Number(s.local.port),
        ...(s.state ? { state: s.state } : {}), ...(s.pid !== undefined ? { pid: s.pid } : {}), ...(s.program ? { process: s.program } : {}),
        evidence: ev(s.evidence),
      };
      state.topology.sockets.push(socket);
    }
  },
});
