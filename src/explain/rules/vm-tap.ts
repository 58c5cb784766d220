// VM ↔ tap: the libvirt domain's interface is the host-side tap device.

import type { Explanation, Topology } from '../../topology/model.js';
import { bridgeHolding, evidence, linksOf, where } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const vmTapRule: Rule = {
  id: 'vm-tap',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    for (const vm of topology.vms) {
      for (const nic of vm.interfaces) {
        const held = bridgeHolding(topology, vm.host, nic.tap);
        const links = linksOf(topology, 'vm', nic.tap, vm.host);
        const bridge = held
          ? {
              zh: `这个 tap 在${held.bridge.kind === 'linux' ? ' Linux ' : ' OVS '}桥 ${held.bridge.name} 里。`,
              en: `The tap sits in the ${held.bridge.kind === 'linux' ? 'Linux' : 'OVS'} bridge ${held.bridge.name}.`,
            }
          : { zh: '抓取中看不到这个 tap 接在哪个桥上。', en: 'No capture shows which bridge the tap is in.' };
        out.push({
          id: `vm-tap:${vm.host}/${vm.name}/${nic.tap}`,
          rule: 'vm-tap',
          subjects: [{ host: vm.host, name: vm.name }, { host: vm.host, name: nic.tap }],
          message: legacyText({
            zh: `虚拟机 ${vm.name}${vm.state ? `（${vm.state}）` : ''} 使用宿主机上的接口 ${where(topology, { host: vm.host, name: nic.tap })}${nic.mac ? `（MAC ${nic.mac}）` : ''}：虚拟机里网卡发出的帧从这个 tap 出现在宿主机上。${bridge.zh}`,
            en: `VM ${vm.name}${vm.state ? ` (${vm.state})` : ''} uses the host interface ${where(topology, { host: vm.host, name: nic.tap })}${nic.mac ? ` (MAC ${nic.mac})` : ''}: frames the VM's NIC sends appear on the host on this tap. ${bridge.en}`,
          }),
          evidence: evidence(vm.evidence, ...links.map((l) => l.evidence), held?.port.evidence),
        });
      }
    }
    return out;
  },
};
