// Physical wires between hosts: two hosts' NICs the captures suggest share a
// wire (or switch ports carrying the same VLANs), always only likely, with the
// reason the topology gives (shared provider VLAN, shared flat network,
// addresses in one subnet).

import type { Explanation, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { place } from '../facts.js';
import type { Rule } from '../rule.js';

export const physicalWireRule: Rule = {
  id: 'physical-wire',
  explain(topology: Topology): Explanation[] {
    return topology.links
      .filter((l) => l.kind === 'physical')
      .map((link) => {
        // what a frame carries on the wire: the shared provider VLANs, and/or none at all (flat network)
        const on: Message[] = [];
        if (link.vlans?.length) on.push(msg('physical-wire:on-vlans', { vlans: link.vlans }));
        if (link.flat) on.push(msg('physical-wire:untagged'));
        const values = { a: place(topology, link.a), b: place(topology, link.b), reason: link.reason ?? msg('link:no-proof') };
        return {
          id: `physical-wire:${link.a.host}/${link.a.name}:${link.b.host}/${link.b.name}`,
          rule: 'physical-wire',
          subjects: [link.a, link.b],
          message: on.length ? msg('physical-wire:likely-carrying', { ...values, on }) : msg('physical-wire:likely', values),
          evidence: link.evidence,
        };
      });
  },
};
