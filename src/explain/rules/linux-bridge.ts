// Per-VM Linux bridges (Nova's hybrid plug, `qbr<port id>`): why they exist —
// iptables security-group rules cannot act on a port plugged straight into
// OVS, so the tap goes into a Linux bridge that a veth joins to br-int.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { bridgeHolding, evidence, linksOf, otherEnd, place } from '../facts.js';
import type { Rule } from '../rule.js';

export const linuxBridgeRule: Rule = {
  id: 'linux-bridge',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    for (const bridge of topology.bridges.filter((b) => b.kind === 'linux')) {
      const members = bridge.ports.map((p) => p.name);
      const sentences: Message[] = [msg('linux-bridge:holds', { bridge: place(topology, bridge), members: members.length ? members : [msg('common:none')] })];
      const extra: (typeof bridge.evidence)[] = [];
      if (/^qbr/.test(bridge.name)) {
        sentences.push(msg('linux-bridge:hybrid-plug'));
        // the member that leads on to OVS through a veth, when the captures show one
        const toOvs = members
          .flatMap((m) => linksOf(topology, 'veth', m, bridge.host).map((l) => ({ m, l, far: otherEnd(l, m) })))
          .map((x) => ({ ...x, ovs: bridgeHolding(topology, x.far.host, x.far.name) }))
          .find((x) => x.ovs?.bridge.kind === 'ovs');
        if (toOvs) {
          sentences.push(msg('linux-bridge:veth-to-ovs', { veth: toOvs.m, peer: toOvs.far.name, bridge: toOvs.ovs!.bridge.name }));
          extra.push(toOvs.l.evidence, toOvs.ovs!.port.evidence);
        }
      }
      out.push({
        id: `linux-bridge:${bridge.host}/${bridge.name}`,
        rule: 'linux-bridge',
        subjects: [{ host: bridge.host, name: bridge.name }],
        message: msg('common:sentences', { sentences }),
        evidence: evidence(bridge.evidence, ...bridge.ports.map((p) => p.evidence), ...extra),
      });
    }
    return out;
  },
};
