// Security-group rules of a generated compute node, written as
// `iptables-save` and as `iptables -L -n -v` would print the same filter
// table: the bench's iptables-save input, and the input of its yardstick
// (`jc --iptables` reads only the `-L` listing). The rules are the ones
// Neutron's hybrid iptables firewall writes for each VM port: chains
// `neutron-openvswi-{i,o,s}<port>`, physdev jumps from the sg-chain, DHCP and
// spoofing rules, IP/MAC pairs, conntrack state, the fallback drop.
import { type Random, mac, portId, random } from './random.js';

export interface Rule {
  chain: string;
  protocol?: 'tcp' | 'udp' | 'icmp';
  source?: string;
  destination?: string;
  sport?: number;
  dport?: number;
  physdev?: { dir: 'in' | 'out'; dev: string };
  state?: string;
  macSource?: string;
  comment?: string;
  target: string;
  /** Packet and byte counters (shown by `-L -v` only). */
  counters: [number, number];
}

export interface FilterTable {
  /** Built-in chains with their policy. */
  builtins: [string, string][];
  /** User chains, in the order iptables-save lists them (sorted). */
  chains: string[];
  rules: Rule[];
}

const PREFIX = 'neutron-openvswi-';

/** A VM port the firewall knows: its id (device names take its first 11 characters), address, MAC and its network's DHCP server. */
export interface SgPort {
  id: string;
  ip: string;
  mac: string;
  dhcpIp: string;
}

/** `count` ports with made-up ids and addresses (for a table of a given size). */
export function randomPorts(count: number, seed = 5): SgPort[] {
  const rand = random(seed);
  return Array.from({ length: count }, (_, p) => {
    const net = p % 200;
    return { id: portId(rand), ip: `10.${net >> 8}.${net & 255}.${(p % 250) + 3}`, mac: mac(rand), dhcpIp: `10.${net >> 8}.${net & 255}.2` };
  });
}

/** Neutron's filter table for these VM ports (21 rules each, 8 more in all). */
export function securityGroupTable(ports: readonly SgPort[], seed = 5): FilterTable {
  const rand = random(seed);
  const top: Rule[] = [];
  const perPort: Rule[] = [];
  const sg: Rule[] = [];
  const chains = new Set<string>(['neutron-filter-top', `${PREFIX}FORWARD`, `${PREFIX}INPUT`, `${PREFIX}OUTPUT`, `${PREFIX}local`, `${PREFIX}sg-chain`, `${PREFIX}sg-fallback`]);
  const c = (r: Random) => [Math.floor(r() * 5000), 0] as [number, number];
  const counted = (rule: Omit<Rule, 'counters'>): Rule => {
    const counters = c(rand);
    counters[1] = counters[0] * (60 + Math.floor(rand() * 1400));
    return { ...rule, counters };
  };
  top.push(counted({ chain: 'INPUT', target: `${PREFIX}INPUT` }));
  top.push(counted({ chain: 'FORWARD', target: 'neutron-filter-top' }));
  top.push(counted({ chain: 'FORWARD', target: `${PREFIX}FORWARD` }));
  top.push(counted({ chain: 'OUTPUT', target: 'neutron-filter-top' }));
  top.push(counted({ chain: 'OUTPUT', target: `${PREFIX}OUTPUT` }));
  top.push(counted({ chain: 'neutron-filter-top', target: `${PREFIX}local` }));
  for (const port of ports) {
    const tap = `tap${port.id}`;
    const short = port.id.slice(0, 10);
    const i = `${PREFIX}i${short}`;
    const o = `${PREFIX}o${short}`;
    const s = `${PREFIX}s${short}`;
    chains.add(i).add(o).add(s);
    const vmIp = `${port.ip}/32`;
    const dhcpIp = `${port.dhcpIp}/32`;
    const vmMac = port.mac.toUpperCase();
    const toVm = 'Direct traffic from the VM interface to the security group chain.';
    top.push(counted({ chain: `${PREFIX}FORWARD`, physdev: { dir: 'out', dev: tap }, comment: toVm, target: `${PREFIX}sg-chain` }));
    top.push(counted({ chain: `${PREFIX}FORWARD`, physdev: { dir: 'in', dev: tap }, comment: toVm, target: `${PREFIX}sg-chain` }));
    top.push(counted({ chain: `${PREFIX}INPUT`, physdev: { dir: 'in', dev: tap }, comment: 'Direct incoming traffic from VM to the security group chain.', target: o }));
    sg.push(counted({ chain: `${PREFIX}sg-chain`, physdev: { dir: 'out', dev: tap }, comment: 'Jump to the VM specific chain.', target: i }));
    sg.push(counted({ chain: `${PREFIX}sg-chain`, physdev: { dir: 'in', dev: tap }, comment: 'Jump to the VM specific chain.', target: o }));
    perPort.push(
      counted({ chain: i, state: 'RELATED,ESTABLISHED', comment: 'Direct packets associated with a known session to the RETURN chain.', target: 'RETURN' }),
      counted({ chain: i, source: dhcpIp, protocol: 'udp', sport: 67, dport: 68, target: 'RETURN' }),
      counted({ chain: i, protocol: 'tcp', dport: 22, target: 'RETURN' }),
      counted({ chain: i, protocol: 'icmp', target: 'RETURN' }),
      counted({ chain: i, state: 'INVALID', comment: 'Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack.', target: 'DROP' }),
      counted({ chain: i, comment: 'Send unmatched traffic to the fallback chain.', target: `${PREFIX}sg-fallback` }),
      counted({ chain: o, source: '0.0.0.0/32', destination: '255.255.255.255/32', protocol: 'udp', sport: 68, dport: 67, comment: 'Allow DHCP client traffic.', target: 'RETURN' }),
      counted({ chain: o, target: s }),
      counted({ chain: o, protocol: 'udp', sport: 68, dport: 67, comment: 'Allow DHCP client traffic.', target: 'RETURN' }),
      counted({ chain: o, protocol: 'udp', sport: 67, dport: 68, comment: 'Prevent DHCP Spoofing by VM.', target: 'DROP' }),
      counted({ chain: o, state: 'RELATED,ESTABLISHED', comment: 'Direct packets associated with a known session to the RETURN chain.', target: 'RETURN' }),
      counted({ chain: o, target: 'RETURN' }),
      counted({ chain: o, state: 'INVALID', comment: 'Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack.', target: 'DROP' }),
      counted({ chain: o, comment: 'Send unmatched traffic to the fallback chain.', target: `${PREFIX}sg-fallback` }),
      counted({ chain: s, source: vmIp, macSource: vmMac, comment: 'Allow traffic from defined IP/MAC pairs.', target: 'RETURN' }),
      counted({ chain: s, comment: 'Drop traffic without an IP/MAC allow rule.', target: 'DROP' }),
    );
  }
  sg.push(counted({ chain: `${PREFIX}sg-chain`, target: 'ACCEPT' }));
  const fallback = counted({ chain: `${PREFIX}sg-fallback`, comment: 'Default drop rule for unmatched traffic.', target: 'DROP' });
  const rules = [...top, ...perPort, ...sg, fallback];
  // iptables lists a table's rules chain by chain: built-ins first, then user chains by name
  const order = ['INPUT', 'FORWARD', 'OUTPUT', ...[...chains].sort()];
  const rank = new Map(order.map((name, k) => [name, k]));
  rules.sort((a, b) => rank.get(a.chain)! - rank.get(b.chain)!);
  return { builtins: [['INPUT', 'ACCEPT'], ['FORWARD', 'ACCEPT'], ['OUTPUT', 'ACCEPT']], chains: [...chains].sort(), rules };
}

/** The smallest table with at least `rules` rules. */
export function tableWithRules(rules: number, seed = 5): FilterTable {
  return securityGroupTable(randomPorts(Math.max(1, Math.ceil((rules - 8) / 21)), seed), seed);
}

/** `iptables-save` (iptables 1.8, nf_tables) of the filter table. */
export function renderIptablesSave(table: FilterTable): string {
  const lines = ['# Generated by iptables-save v1.8.9 (nf_tables) on Wed Nov 25 17:33:35 2026', '*filter'];
  for (const [name, policy] of table.builtins) lines.push(`:${name} ${policy} [0:0]`);
  for (const name of table.chains) lines.push(`:${name} - [0:0]`);
  for (const r of table.rules) {
    const parts = [`-A ${r.chain}`];
    if (r.source) parts.push(`-s ${r.source}`);
    if (r.destination) parts.push(`-d ${r.destination}`);
    if (r.protocol) parts.push(`-p ${r.protocol}`);
    if (r.protocol && r.protocol !== 'icmp' && (r.sport || r.dport)) {
      parts.push(`-m ${r.protocol}`);
      if (r.sport) parts.push(`--sport ${r.sport}`);
      if (r.dport) parts.push(`--dport ${r.dport}`);
    }
    if (r.physdev) parts.push(`-m physdev --physdev-${r.physdev.dir} ${r.physdev.dev} --physdev-is-bridged`);
    if (r.state) parts.push(`-m state --state ${r.state}`);
    if (r.macSource) parts.push(`-m mac --mac-source ${r.macSource}`);
    if (r.comment) parts.push(`-m comment --comment "${r.comment}"`);
    parts.push(`-j ${r.target}`);
    lines.push(parts.join(' '));
  }
  lines.push('COMMIT', '# Completed on Wed Nov 25 17:33:35 2026');
  return lines.join('\n') + '\n';
}

/** `iptables -L -n -v` of the same table (columns as iptables 1.8 pads them). */
export function renderIptablesList(table: FilterTable): string {
  const byChain = new Map<string, Rule[]>();
  for (const r of table.rules) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
  const references = new Map<string, number>();
  for (const r of table.rules) references.set(r.target, (references.get(r.target) ?? 0) + 1);
  const blocks: string[] = [];
  const header = ' pkts bytes target     prot opt in     out     source               destination         ';
  const block = (title: string, rules: Rule[]) => {
    const lines = [title, header];
    for (const r of rules) {
      const address = (a: string | undefined) => (a === undefined ? '0.0.0.0/0' : a.replace(/\/32$/, ''));
      const options: string[] = [];
      if (r.protocol && r.protocol !== 'icmp' && (r.sport || r.dport)) options.push([r.protocol, r.sport ? `spt:${r.sport}` : '', r.dport ? `dpt:${r.dport}` : ''].filter(Boolean).join(' '));
      if (r.physdev) options.push(`PHYSDEV match --physdev-${r.physdev.dir} ${r.physdev.dev} --physdev-is-bridged`);
      if (r.state) options.push(`state ${r.state}`);
      if (r.macSource) options.push(`MAC ${r.macSource}`);
      if (r.comment) options.push(`/* ${r.comment} */`);
      lines.push(`${String(r.counters[0]).padStart(5)} ${String(r.counters[1]).padStart(5)} ${r.target.padEnd(9)}  ${(r.protocol ?? 'all').padEnd(4)} --  *      *       ${address(r.source).padEnd(20)} ${address(r.destination).padEnd(20)} ${options.join(' ')}`.trimEnd());
    }
    blocks.push(lines.join('\n'));
  };
  for (const [name, policy] of table.builtins) block(`Chain ${name} (policy ${policy} 0 packets, 0 bytes)`, byChain.get(name) ?? []);
  for (const name of table.chains) block(`Chain ${name} (${references.get(name) ?? 0} references)`, byChain.get(name) ?? []);
  return blocks.join('\n\n') + '\n';
}
