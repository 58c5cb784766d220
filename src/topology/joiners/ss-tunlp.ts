// `ss -tunlp`: listening sockets, with the first process that owns each.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ss-tunlp'],
  add({ records, host, netns, ev }, state) {
    for (const s of records) {
      const owner = s.processes[0];
      state.topology.sockets.push({
        host, ...(netns ? { netns } : {}), protocol: s.netid, local: s.local.address, port: Number(s.local.port), state: s.state,
        ...(owner ? { pid: owner.pid, process: owner.name } : {}), evidence: ev(s.evidence),
      });
    }
  },
});
