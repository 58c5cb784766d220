// `ovs-appctl dpif/show`: OpenFlow port numbers of every bridge at once.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ovs-appctl-dpif-show'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) if (r.kind === 'port') state.ofport(host, netns, r.bridge, r.name, r.ofport, ev(r.evidence));
  },
});
