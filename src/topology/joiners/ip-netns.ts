// `ip netns`: the host's network namespaces (and their ids).

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ip-netns'],
  add({ records, host, ev }, state) {
    for (const r of records) state.namespace(host, r.name, ev(r.evidence), r.id);
  },
});
