// `ovs-ofctl show BRIDGE`: OpenFlow port numbers, so flows that name ports by number can be read.

import { joiner } from './joiner.js';
import { ofctlBridge } from './ovs-command.js';

export default joiner({
  parsers: ['ovs-ofctl-show'],
  add({ records, host, netns, capture, ev }, state) {
    const name = ofctlBridge(capture.command, 'show');
    if (!name) return;
    for (const r of records) if (r.kind === 'port') state.ofport(host, netns, name, r.name, r.number, ev(r.evidence));
  },
});
