// Local VLAN tags on an OVS bridge (br-int): the tag isolates networks on this
// host; ports with the same tag (the VM's qvo, the router's qr-, the DHCP tap)
// are on one network. The tag is local to the host, not the wire's VLAN.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';

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
        const values = {
          bridge: bridge.name,
          host: topology.hosts.length > 1 ? msg('common:on-host', { host: bridge.host }) : '',
          ports: ports.map((p) => p.name),
          tag,
        };
        out.push({
          id: `local-vlan:${bridge.host}/${bridge.name}/${tag}`,
          rule: 'local-vlan',
          subjects: ports.map((p) => ({ host: bridge.host, name: p.name })),
          // one port alone, or several that the tag makes one network
          message: msg(ports.length > 1 ? 'local-vlan:ports' : 'local-vlan:port', values),
          evidence: evidence(...ports.map((p) => p.evidence)),
        });
      }
    }
    return out;
  },
};
