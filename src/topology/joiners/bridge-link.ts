// `bridge link`: Linux bridge members, each line naming its master.

import type { Evidence } from '../../captures/types.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['bridge-link'],
  add({ records, host, netns, ev }, state) {
    for (const r of records as { name?: string; master?: string; evidence: Evidence }[]) {
      if (!r.name || !r.master) continue;
      const bridge = state.bridge(host, netns, r.master, 'linux', []);
      if (!bridge.ports.some((p) => p.name === r.name)) bridge.ports.push({ name: r.name, evidence: ev(r.evidence) });
    }
  },
});
