// veth pairs: which two interfaces are the ends of one virtual cable, and how
// the captures prove it (`@peer` in ip link, `peer_ifindex` in ethtool -S, or
// Neutron's naming only, which makes the pairing merely likely).

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { commandsOf, place } from '../facts.js';
import type { Rule } from '../rule.js';

export const vethRule: Rule = {
  id: 'veth',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'veth')
      .map((link) => {
        const proof = link.certainty === 'likely'
          ? msg('veth:likely', { reason: link.reason ?? msg('veth:no-direct-proof') })
          : commandsOf(link.evidence).some((c) => c.includes('ethtool'))
            ? msg('veth:proof-ethtool')
            : msg('veth:proof-ip-link');
        return {
          id: `veth:${link.a.host}/${link.a.name}`,
          rule: 'veth',
          subjects: [link.a, link.b],
          message: msg('veth:pair', { a: place(topology, link.a), b: place(topology, link.b), proof }),
          evidence: link.evidence,
        };
      });
  },
};
