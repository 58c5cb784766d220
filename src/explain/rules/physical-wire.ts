// Physical wires between hosts: two hosts' NICs the captures suggest share a
// wire (or switch ports carrying the same VLANs), always only likely, with the
// reason the topology gives (shared provider VLAN, shared flat network,
// addresses in one subnet).

import type { Explanation, Topology } from '../../topology/model.js';
import { where } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const physicalWireRule: Rule = {
  id: 'physical-wire',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'physical')
      .map((link) => {
        const a = where(topology, link.a);
        const b = where(topology, link.b);
        const vlans = link.vlans?.length ? link.vlans.join(', ') : undefined;
        // what a frame carries on the wire: the shared provider VLANs, and/or none at all (flat network)
        const on: { zh: string[]; en: string[] } = { zh: [], en: [] };
        if (vlans) { on.zh.push(`在 VLAN ${vlans} 上`); on.en.push(`on VLAN ${vlans}`); }
        if (link.flat) { on.zh.push('不带 VLAN 标签（flat 网络）'); on.en.push('untagged (flat network)'); }
        return {
          id: `physical-wire:${link.a.host}/${link.a.name}:${link.b.host}/${link.b.name}`,
          rule: 'physical-wire',
          subjects: [link.a, link.b],
          message: legacyText({
            zh: `${a} 和 ${b} 很可能在同一个物理网络上（一根网线，或承载相同 VLAN 的交换机端口）：一块网卡${on.zh.join('或')}发出的帧能到达另一块。这只是推断（likely）：${link.reason?.zh ?? '抓取中没有直接证据'}。`,
            en: `${a} and ${b} are likely on one physical network (a cable, or switch ports carrying the same VLANs): a frame one NIC sends${on.en.length ? ` ${on.en.join(' or ')}` : ''} reaches the other. This is only likely: ${link.reason?.en ?? 'no capture proves it'}.`,
          }),
          evidence: link.evidence,
        };
      });
  },
};
