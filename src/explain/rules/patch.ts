// OVS patch ports: two ports on two bridges of the same host joined as if by a cable.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { bridgeHolding, evidence } from '../facts.js';
import type { Rule } from '../rule.js';

export const patchRule: Rule = {
  id: 'patch',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'patch')
      .map((link) => ({
        id: `patch:${link.a.host}/${link.a.name}`,
        rule: 'patch',
        subjects: [link.a, link.b],
        message: msg('patch:pair', {
          a: link.a.name,
          bridgeA: bridgeHolding(topology, link.a.host, link.a.name)?.bridge.name ?? '?',
          b: link.b.name,
          bridgeB: bridgeHolding(topology, link.b.host, link.b.name)?.bridge.name ?? '?',
          host: topology.hosts.length > 1 ? msg('patch:on-host', { host: link.a.host }) : '',
        }),
        evidence: evidence(link.evidence),
      }));
  },
};
