// `iptables -t nat -S` and `iptables-save`: the NAT rules (SNAT, DNAT,
// REDIRECT, MASQUERADE) with what they match and translate to. The same rule
// read from both commands is one rule with both lines as evidence.

import type { NatRule } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['iptables'],
  add({ records, host, netns, ev }, state) {
    const nat = state.topology.nat;
    for (const r of records) {
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
