// Per-VM Linux bridges (Nova's hybrid plug, `qbr<port id>`): why they exist —
// iptables security-group rules cannot act on a port plugged straight into
// OVS, so the tap goes into a Linux bridge that a veth joins to br-int. That
// is Neutron's design, said as general knowledge; the rules themselves are
// cited when the host's `iptables -S` shows the port's `neutron-openvswi-*`
// chains, else said to be not in the captures.

import type { EvidenceRef, Explanation, Topology } from '../../topology/model.js';
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
        sentences.push(msg('knowledge:general', { text: msg('linux-bridge:hybrid-plug') }));
        const rules = securityGroupRules(topology, bridge.host, bridge.name);
        sentences.push(rules.message);
        extra.push(rules.evidence);
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

/**
 * The security-group rules of a Linux bridge's port as the captures show them:
 * the host's `neutron-openvswi-*` (or `neutron-linuxbri-*`) chains named after
 * the port id in the bridge's name (iptables cuts chain names, so its first 10
 * characters), or that no iptables rule of that host was captured.
 */
export function securityGroupRules(topology: Topology, host: string, bridge: string): { message: Message; evidence: EvidenceRef[] } {
  const id = /^(?:qbr|brq)(.+)$/.exec(bridge)?.[1];
  const chains = topology.hosts.find((h) => h.name === host)?.security_group_chains ?? [];
  const mine = id ? chains.filter((c) => c.chain.includes(id.slice(0, 10))) : [];
  if (mine.length) return { message: msg('security-group:rules-captured', { chains: mine.map((c) => c.chain), host }), evidence: mine.flatMap((c) => c.evidence.slice(0, 2)) };
  return { message: msg(chains.length ? 'security-group:port-rules-not-captured' : 'security-group:rules-not-captured', { host }), evidence: [] };
}
