// `virsh dumpxml DOMAIN` (whole, or grepped to its `<target dev=…>` lines): a
// VM's NICs — the host tap each is, its MAC and bridge — and, once every
// capture is in, the VM ↔ tap links.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['virsh-dumpxml'],
  add({ records, host, ev }, state) {
    for (const r of records) {
      if (r.kind === 'domain') {
        if (!r.name) continue;
        const vm = state.vm(host, r.name, ev(r.evidence));
        if (r.uuid) vm.uuid = r.uuid;
        for (const i of r.interfaces) {
          if (i.targetDev && !vm.interfaces.some((x) => x.tap === i.targetDev)) {
            vm.interfaces.push({ tap: i.targetDev, ...(i.mac ? { mac: i.mac } : {}), ...(i.sourceBridge ? { bridge: i.sourceBridge } : {}) });
            state.vmTapEvidence.set(`${host}\u0000${i.targetDev}`, ev(i.evidence));
          }
        }
      } else if (r.element === 'target' && r.attributes.dev && r.domain) {
        const vm = state.vm(host, r.domain, ev(r.evidence));
        if (!vm.interfaces.some((x) => x.tap === r.attributes.dev)) vm.interfaces.push({ tap: r.attributes.dev });
        state.vmTapEvidence.set(`${host}\u0000${r.attributes.dev}`, ev(r.evidence));
      }
    }
  },
  finish(state) {
    for (const vm of state.topology.vms) {
      for (const i of vm.interfaces) {
        state.topology.links.push({
          kind: 'vm', a: { host: vm.host, name: vm.name }, b: { host: vm.host, name: i.tap }, certainty: 'confirmed',
          evidence: [...vm.evidence.slice(0, 1), ...(state.vmTapEvidence.get(`${vm.host}\u0000${i.tap}`) ?? [])],
        });
      }
    }
  },
});
