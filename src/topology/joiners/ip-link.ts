// `ip link` and `ip addr`: interfaces with their index, MAC, MTU, state,
// master, kind, the peer an `@peer` suffix names, and their addresses.

import type { Interface } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ip-link', 'ip-addr'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) {
      const itf = state.iface({ host, netns, name: r.name }, ev(r.evidence));
      itf.ifindex ??= r.ifindex;
      itf.mtu ??= r.mtu;
      itf.state ??= r.state;
      itf.flags ??= r.flags;
      if (r.master) itf.master ??= r.master;
      if (r.linkLayer?.address) itf.mac ??= r.linkLayer.address;
      if (r.kind?.name) itf.kind ??= r.kind.name;
      if (r.linkedTo) (itf as Interface & { peerRef?: unknown }).peerRef ??= r.linkedTo;
      const netnsId = r.linkLayer?.linkNetnsId;
      if (netnsId !== undefined) (itf as Interface & { peerNetnsId?: unknown }).peerNetnsId = netnsId;
      for (const a of r.addresses) {
        const cidr = a.prefixLength !== undefined ? `${a.address}/${a.prefixLength}` : a.address;
        if (!itf.addresses.some((x) => x.cidr === cidr)) {
          itf.addresses.push({ family: a.family === 'inet6' ? 'inet6' : 'inet', cidr, ...(a.scope ? { scope: a.scope } : {}), evidence: ev(a.evidence) });
        }
      }
    }
  },
});
