// SNAT in a router namespace: which source network is rewritten to which
// address, on which interface that address lives, and why that lets a VM with
// a private address reach the outside.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';

export const snatRule: Rule = {
  id: 'snat',
  explain(topology: Topology): Explanation[] {
    return topology.nat
      .filter((n) => n.kind === 'snat' || n.kind === 'masquerade')
      .map((rule) => {
        const to = rule.to.split(':')[0]!;
        const owner = topology.interfaces.find((i) => i.host === rule.host && i.netns === rule.netns && i.addresses.some((a) => a.cidr.split('/')[0] === to));
        const route = topology.routes.find((r) => r.host === rule.host && r.netns === rule.netns && r.destination === 'default');
        const src = rule.source ?? (rule.kind === 'masquerade' ? '*' : '?');
        return {
          id: `snat:${rule.host}/${rule.netns ?? ''}/${src}`,
          rule: 'snat',
          subjects: [{ host: rule.host, ...(rule.netns ? { netns: rule.netns } : {}), name: rule.chain }],
          message: msg('snat:rewrites', {
            chain: rule.chain,
            netns: rule.netns ? msg('common:in-namespace', { netns: rule.netns }) : '',
            source: src,
            leaving: rule.out_interface ? msg('snat:leaving-by', { interface: rule.out_interface }) : '',
            to: rule.to,
            owner: owner ? msg('snat:address-of', { address: to, interface: owner.name }) : '',
            gateway: route?.via ? msg('snat:gateway', { via: route.via, dev: route.dev ? msg('common:paren', { text: route.dev }) : '' }) : '',
            address: to,
          }),
          evidence: evidence(rule.evidence, owner?.addresses.find((a) => a.cidr.startsWith(`${to}/`))?.evidence, route?.evidence),
        };
      });
  },
};
