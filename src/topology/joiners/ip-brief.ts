// `ip -br addr` / `ip -br link`: interfaces with their state and addresses, one
// line each, and the veth peer an `@peer` suffix names (as `ip link` does).

import type { Interface } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ip-brief'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) {
      const itf = state.iface({ host, netns, name: r.name }, ev(r.evidence));
      if (r.state) itf.state ??= r.state;
      if (r.mac && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(r.mac)) itf.mac ??= r.mac;
      if (r.linkedTo) (itf as Interface & { peerRef?: unknown }).peerRef ??= r.linkedTo;
      for (const a of r.addresses ?? []) {
        if (!itf.addresses.some((x) => x.cidr === a.cidr)) itf.addresses.push({ family: a.cidr.includes(':') ? 'inet6' : 'inet', cidr: a.cidr, evidence: ev(r.evidence) });
      }
    }
  },
});
