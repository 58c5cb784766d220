// `ovs-ofctl dump-flows BRIDGE`: the bridge's flows, match fields by name and
// actions decoded, each keeping its text as written. The same bridge dumped
// twice (`dump-flows br-int`, `dump-flows br-int table=0`, `-O OpenFlow13`,
// `--no-stats`) gives the same flow twice: it is one flow, with both lines as
// its evidence (identity: host, bridge, table, priority, match, actions).

import type { Flow, Topology } from '../model.js';
import { joiner } from './joiner.js';
import { ofctlBridge } from './ovs-command.js';
import { mergeEvidence } from '../refs.js';

/** The flows already joined, by identity, per topology being built. */
const seen = new WeakMap<Topology, Map<string, Flow>>();

/** What makes two dumped lines the same flow: everything but its statistics and cookie. */
export function flowIdentity(flow: Flow): string {
  const match = Object.keys(flow.match).sort().map((k) => `${k}=${flow.match[k]}`).join(',');
  return [flow.host, flow.bridge, flow.table, flow.priority, match, flow.actions.map((a) => a.text).join(',')].join('\u0000');
}

export default joiner({
  parsers: ['ovs-ofctl-dump-flows'],
  add({ records, host, capture, ev }, state) {
    const bridge = ofctlBridge(capture.command, 'dump-flows') ?? '?';
    let byIdentity = seen.get(state.topology);
    if (!byIdentity) seen.set(state.topology, (byIdentity = new Map()));
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
      const id = flowIdentity(flow);
      const first = byIdentity.get(id);
      if (first) {
        first.evidence = mergeEvidence(first.evidence, flow.evidence);
        if (first.n_packets === undefined && flow.n_packets !== undefined) first.n_packets = flow.n_packets;
        continue;
      }
      byIdentity.set(id, flow);
      state.topology.flows.push(flow);
    }
  },
});
