// veth pairs: which two interfaces are the ends of one virtual cable, and how
// the captures prove it (`@peer` in ip link, `peer_ifindex` in ethtool -S, or
// Neutron's naming only, which makes the pairing merely likely).

import type { Explanation, Topology } from '../../topology/model.js';
import { commandsOf, where } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const vethRule: Rule = {
  id: 'veth',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'veth')
      .map((link) => {
        const a = where(topology, link.a);
        const b = where(topology, link.b);
        const commands = commandsOf(link.evidence);
        let proof: { zh: string; en: string };
        if (link.certainty === 'likely') {
          proof = {
            zh: `这只是推断（likely）：${link.reason?.zh ?? '抓取中没有直接证据。'}`,
            en: `This is only likely: ${link.reason?.en ?? 'no capture proves it directly.'}`,
          };
        } else if (commands.some((c) => c.includes('ethtool'))) {
          proof = {
            zh: `由 \`ethtool -S\` 的 peer_ifindex 证实：一端报告的对端 ifindex 正是另一端在 \`ip link\` 中的编号。`,
            en: `Proven by \`ethtool -S\`: the peer_ifindex one end reports is the other end's ifindex in \`ip link\`.`,
          };
        } else {
          proof = {
            zh: `由 \`ip link\` 中的 @peer（接口名后的 @ 对端）证实。`,
            en: `Proven by the @peer suffix \`ip link\` prints after the interface name.`,
          };
        }
        return {
          id: `veth:${link.a.host}/${link.a.name}`,
          rule: 'veth',
          subjects: [link.a, link.b],
          message: legacyText({
            zh: `${a} 和 ${b} 是一对 veth：从一端进入的帧会从另一端出来，像一根虚拟网线。${proof.zh}`,
            en: `${a} and ${b} are a veth pair: a frame sent into one end comes out of the other, like a virtual cable. ${proof.en}`,
          }),
          evidence: link.evidence,
        };
      });
  },
};
