// VM ↔ tap: the libvirt domain's interface is the host-side tap device.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { bridgeHolding, evidence, linksOf, place } from '../facts.js';
import type { Rule } from '../rule.js';

export const vmTapRule: Rule = {
  id: 'vm-tap',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    for (const vm of topology.vms) {
      for (const nic of vm.interfaces) {
        const held = bridgeHolding(topology, vm.host, nic.tap);
        const links = linksOf(topology, 'vm', nic.tap, vm.host);
        const bridge = held
          ? msg('vm-tap:in-bridge', { kind: held.bridge.kind === 'linux' ? 'Linux' : 'OVS', bridge: held.bridge.name })
          : msg('vm-tap:no-bridge');
        out.push({
          id: `vm-tap:${vm.host}/${vm.name}/${nic.tap}`,
          rule: 'vm-tap',
          subjects: [{ host: vm.host, name: vm.name }, { host: vm.host, name: nic.tap }],
          message: msg('vm-tap:uses', {
            vm: vm.name,
            state: vm.state ? msg('common:paren', { text: vm.state }) : '',
            tap: place(topology, { host: vm.host, name: nic.tap }),
            mac: nic.mac ? msg('vm-tap:mac', { mac: nic.mac }) : '',
            bridge,
          }),
          evidence: evidence(vm.evidence, ...links.map((l) => l.evidence), held?.port.evidence),
        });
      }
    }
    return out;
  },
};
