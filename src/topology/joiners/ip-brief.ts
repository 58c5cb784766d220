// `ip -br addr` / `ip -br link`: interfaces with their state and addresses, one line each.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ip-brief'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) {
      const itf = state.iface({ host, netns, name: r.name }, ev(r.evidence));
      if (r.state) itf.state ??= r.state;
      for (const a of r.addresses ?? []) {
        if (!itf.addresses.some((x) => x.cidr === a.cidr)) itf.addresses.push({ family: a.cidr.includes(':') ? 'inet6' : 'inet', cidr: a.cidr, evidence: ev(r.evidence) });
      }
    }
  },
});
