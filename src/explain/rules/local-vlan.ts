// Local VLAN tags on an OVS bridge (br-int): the tag isolates networks on this
// host; ports with the same tag (the VM's qvo, the router's qr-, the DHCP tap)
// are on one network. The tag is local to the host, not the wire's VLAN.

import type { Explanation, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const localVlanRule: Rule = {
  id: 'local-vlan',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    for (const bridge of topology.bridges.filter((b) => b.kind === 'ovs')) {
      const byTag = new Map<number, typeof bridge.ports>();
      for (const port of bridge.ports) {
        if (port.tag === undefined) continue;
        byTag.set(port.tag, [...(byTag.get(port.tag) ?? []), port]);
      }
      for (const [tag, ports] of [...byTag].sort((x, y) => x[0] - y[0])) {
        const names = ports.map((p) => p.name).join(', ');
        const host = topology.hosts.length > 1 ? `（${bridge.host}）` : '';
        const hostEn = topology.hosts.length > 1 ? ` on ${bridge.host}` : '';
        const one = ports.length > 1;
        out.push({
          id: `local-vlan:${bridge.host}/${bridge.name}/${tag}`,
          rule: 'local-vlan',
          subjects: ports.map((p) => ({ host: bridge.host, name: p.name })),
          message: legacyText({
            zh: `${bridge.name}${host} 上 ${names} 的 tag 是 ${tag}。这是本机的本地 VLAN：OVS 用它把不同网络在这台主机上隔离开，${one ? `同一个 tag 说明这些端口属于同一个网络，彼此二层互通` : '只有带相同 tag 的端口才能与它二层互通'}；它只在本机有效，不是物理网络上的 VLAN。`,
            en: `On ${bridge.name}${hostEn}, ${names} ${one ? 'carry' : 'carries'} tag ${tag}. That is a local VLAN: OVS uses it to keep networks apart on this host${one ? ', and the same tag on these ports means they are one network, reachable at layer 2' : ', and only ports with the same tag reach it at layer 2'}. It is meaningful only on this host, not the VLAN on the wire.`,
          }),
          evidence: evidence(...ports.map((p) => p.evidence)),
        });
      }
    }
    return out;
  },
};
