// OVS patch ports: two ports on two bridges of the same host joined as if by a cable.

import type { Explanation, Topology } from '../../topology/model.js';
import { bridgeHolding, evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const patchRule: Rule = {
  id: 'patch',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'patch')
      .map((link) => {
        const aBr = bridgeHolding(topology, link.a.host, link.a.name)?.bridge.name ?? '?';
        const bBr = bridgeHolding(topology, link.b.host, link.b.name)?.bridge.name ?? '?';
        const host = topology.hosts.length > 1 ? `${link.a.host} 上` : '';
        const hostEn = topology.hosts.length > 1 ? ` on ${link.a.host}` : '';
        return {
          id: `patch:${link.a.host}/${link.a.name}`,
          rule: 'patch',
          subjects: [link.a, link.b],
          message: legacyText({
            zh: `${host}${aBr} 的 ${link.a.name} 和 ${bBr} 的 ${link.b.name} 是一对 OVS patch 端口（options 里 peer 互指）：它们把两个桥连在一起，帧从一端进、另一端出，不经过内核网络栈。`,
            en: `${link.a.name} on ${aBr} and ${link.b.name} on ${bBr}${hostEn} are an OVS patch pair (each names the other as peer): they join the two bridges, a frame entering one comes out of the other without passing the kernel's network stack.`,
          }),
          evidence: evidence(link.evidence),
        };
      });
  },
};
