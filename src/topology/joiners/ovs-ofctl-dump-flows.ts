// `ovs-ofctl dump-flows BRIDGE`: the bridge's flows, match fields by name and
// actions decoded, each keeping its text as written.

import type { Flow } from '../model.js';
import { joiner } from './joiner.js';
import { ofctlBridge } from './ovs-command.js';

export default joiner({
  parsers: ['ovs-ofctl-dump-flows'],
  add({ records, host, capture, ev }, state) {
    const bridge = ofctlBridge(capture.command, 'dump-flows') ?? '?';
    for (const f of records) {
      const flow: Flow = {
        host, bridge, table: f.table, priority: f.priority,
        match: Object.fromEntries(f.match.map((m) => [m.name, m.mask ? `${m.value ?? ''}/${m.mask}` : (m.value ?? '')])),
        actions: f.actions.map((a) => ({ ...(a as unknown as Record<string, unknown>), type: (a as { type: string }).type, text: (a as { text: string }).text })),
        text: f.text,
        evidence: ev(f.evidence),
      };
      if (f.cookie) flow.cookie = f.cookie;
      if (f.nPackets !== undefined) flow.n_packets = f.nPackets;
      if (f.inPort) flow.match.in_port = f.inPort.name ?? String(f.inPort.number ?? f.inPort.reserved ?? '');
      if (f.protocol) flow.match[f.protocol] = '';
      state.topology.flows.push(flow);
    }
  },
});
