// `brctl show`: Linux bridges and their member interfaces.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['brctl-show'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) {
      const bridge = state.bridge(host, netns, r.bridge, 'linux', ev(r.evidence));
      for (const m of r.interfaces) {
        if (!bridge.ports.some((p) => p.name === m.name)) bridge.ports.push({ name: m.name, evidence: ev(m.evidence) });
      }
    }
  },
});
