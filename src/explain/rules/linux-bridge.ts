// Per-VM Linux bridges (Nova's hybrid plug, `qbr<port id>`): why they exist —
// iptables security-group rules cannot act on a port plugged straight into
// OVS, so the tap goes into a Linux bridge that a veth joins to br-int.

import type { Explanation, Topology } from '../../topology/model.js';
import { bridgeHolding, evidence, linksOf, otherEnd, where } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const linuxBridgeRule: Rule = {
  id: 'linux-bridge',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    for (const bridge of topology.bridges.filter((b) => b.kind === 'linux')) {
      const members = bridge.ports.map((p) => p.name);
      const list = members.join(', ') || '—';
      const hybrid = /^qbr/.test(bridge.name);
      let why = { zh: '', en: '' };
      const extra: (typeof bridge.evidence)[] = [];
      if (hybrid) {
        // the member that leads on to OVS through a veth, when the captures show one
        const toOvs = members
          .flatMap((m) => linksOf(topology, 'veth', m, bridge.host).map((l) => ({ m, l, far: otherEnd(l, m) })))
          .map((x) => ({ ...x, ovs: bridgeHolding(topology, x.far.host, x.far.name) }))
          .find((x) => x.ovs?.bridge.kind === 'ovs');
        const via = toOvs
          ? {
              zh: `它通过 veth ${toOvs.m} ↔ ${toOvs.far.name} 接到 OVS 桥 ${toOvs.ovs!.bridge.name}。`,
              en: `It reaches the OVS bridge ${toOvs.ovs!.bridge.name} through the veth ${toOvs.m} ↔ ${toOvs.far.name}.`,
            }
          : { zh: '', en: '' };
        if (toOvs) extra.push(toOvs.l.evidence, toOvs.ovs!.port.evidence);
        why = {
          zh: `这是 Nova 混合插接（hybrid plug）为每个虚拟机端口建的 Linux 桥：安全组由 iptables 实现，而 iptables 无法作用在直接插在 OVS 上的端口，所以 tap 先接入这个 Linux 桥，安全组规则就作用在它上面。${via.zh}`,
          en: `This is the Linux bridge Nova's hybrid plug creates for each VM port: security groups are iptables rules, and iptables cannot act on a port plugged straight into OVS, so the tap goes into this Linux bridge, where the security-group rules apply. ${via.en}`,
        };
      }
      out.push({
        id: `linux-bridge:${bridge.host}/${bridge.name}`,
        rule: 'linux-bridge',
        subjects: [{ host: bridge.host, name: bridge.name }],
        message: legacyText({
          zh: `Linux 桥 ${where(topology, bridge)} 里有接口 ${list}。${why.zh}`.trim(),
          en: `The Linux bridge ${where(topology, bridge)} holds ${list}. ${why.en}`.trim(),
        }),
        evidence: evidence(bridge.evidence, ...bridge.ports.map((p) => p.evidence), ...extra),
      });
    }
    return out;
  },
};
