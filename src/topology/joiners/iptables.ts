// `iptables -t nat -S` and `iptables-save`: the NAT rules (SNAT, DNAT,
// REDIRECT, MASQUERADE) with what they match and translate to. The same rule
// read from both commands is one rule with both lines as evidence. And the
// security-group chains of Neutron's iptables firewall (`neutron-openvswi-i…`,
// `-o…`) a host's filter table holds, per VM port, for the walks to cite.

import type { NatRule } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['iptables'],
  add({ records, host, netns, ev }, state) {
    const nat = state.topology.nat;
    for (const r of records) {
      // the security-group chains of Neutron's iptables firewall (hybrid plug, Linux bridge agent) in the host's filter table
      const chain = r.kind === 'chain' ? r.name : r.kind === 'rule' ? r.chain : undefined;
      if (!netns && chain && (r.kind === 'chain' || r.kind === 'rule') && r.table === 'filter' && /^neutron-(openvswi|linuxbri)-[io]/.test(chain)) {
        const h = state.host(host, []);
        const list = (h.security_group_chains ??= []);
        const known = list.find((c) => c.chain === chain);
        if (known) known.evidence.push(...ev(r.evidence));
        else list.push({ chain, evidence: ev(r.evidence) });
      }
      if (r.kind !== 'rule' || r.table !== 'nat' || !r.target) continue;
      const kind = ({ SNAT: 'snat', DNAT: 'dnat', REDIRECT: 'redirect', MASQUERADE: 'masquerade' } as const)[r.target.name];
      if (!kind) continue;
      const option = (name: string) => r.target!.options.find((o) => o.name === name)?.values.join(' ');
      const to = option('to-source') ?? option('to-destination') ?? option('to-ports') ?? option('to') ?? (kind === 'masquerade' ? '(address of the outgoing interface)' : '');
      const dport = r.modules.flatMap((m) => m.options).find((o) => o.name === 'dport')?.values[0];
      const rule: NatRule = { kind, host, ...(netns ? { netns } : {}), chain: r.chain, to, evidence: ev(r.evidence) };
      if (r.source && !r.source.negated) rule.source = r.source.value;
      if (r.destination && !r.destination.negated) rule.destination = r.destination.value;
      if (r.protocol && !r.protocol.negated) rule.protocol = r.protocol.value;
      if (dport !== undefined && /^\d+$/.test(dport)) rule.port = Number(dport);
      if (r.inInterface && !r.inInterface.negated) rule.in_interface = r.inInterface.value;
      if (r.outInterface && !r.outInterface.negated) rule.out_interface = r.outInterface.value;
      const same = nat.find((n) =>
        n.host === rule.host && n.netns === rule.netns && n.kind === rule.kind && n.chain === rule.chain && n.to === rule.to &&
        n.source === rule.source && n.destination === rule.destination && n.port === rule.port &&
        n.in_interface === rule.in_interface && n.out_interface === rule.out_interface);
      if (same) same.evidence.push(...rule.evidence);
      else nat.push(rule);
    }
  },
});
