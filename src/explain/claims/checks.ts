// The checkers of the claim families the old sentence table did not have:
// namespaces, patch and tunnel ends, reachability through hops, bridge roles,
// VLAN tags, flow behaviour (by the flow tracer), addresses, routes and who
// provides them, services on a port, absence, and what travels on a wire.
// Each judges one claim against the topology and says why, with evidence.

import type { Bridge, EvidenceRef, Interface, Link, Route, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { evidence } from '../facts.js';
import { isPlainSwitch } from '../openflow/plain-switch.js';
import { bridgeTracer } from '../openflow/trace.js';
import { traceOutcome } from '../openflow/trace-words.js';
import type { Trace, TracePacket } from '../openflow/model.js';
import type { Thing } from './mentions.js';
import { agree, verdict, type Verdict } from './verdict.js';

const lines = (...groups: (EvidenceRef[] | undefined)[]): EvidenceRef[] => evidence(...groups.filter((g): g is EvidenceRef[] => !!g));
const ipOf = (cidr: string): string => cidr.split('/')[0]!;

export function inNamespace(topology: Topology, names: Thing[], written: string, netns: Thing[]): Verdict {
  const spaces = new Set(netns.map((n) => n.name));
  const here = topology.interfaces.filter((i) => names.some((t) => t.name === i.name && t.host === i.host));
  const hit = here.find((i) => i.netns && spaces.has(i.netns));
  if (hit) return verdict('confirmed', msg('claim:in-namespace-confirmed', { name: hit.name, netns: hit.netns! }), hit.evidence);
  // a namespace's routing table that routes out of the interface puts it there
  const routed = topology.routes.find((r) => r.netns && spaces.has(r.netns) && names.some((t) => t.name === r.dev && t.host === r.host));
  if (routed) return verdict('confirmed', msg('claim:in-namespace-confirmed', { name: routed.dev!, netns: routed.netns! }), routed.evidence);
  if (here.length) return verdict('contradicted', msg('claim:in-other-namespace', { name: written, where: here.map((i) => i.netns ?? i.host), claimed: netns.map((n) => n.name) }), lines(...here.map((i) => i.evidence)));
  return verdict('unprovable', msg('claim:interface-not-captured', { name: written, capture: 'ip netns exec NS ip addr' }));
}

function peerLink(topology: Topology, kind: Link['kind'], a: Thing[], b: Thing[]): { link?: Link; other?: Link } {
  const isA = (e: Link['a']) => a.some((t) => t.name === e.name && t.host === e.host);
  const isB = (e: Link['a']) => b.some((t) => t.name === e.name && t.host === e.host);
  const link = topology.links.find((l) => l.kind === kind && ((isA(l.a) && isB(l.b)) || (isB(l.a) && isA(l.b))));
  const other = topology.links.find((l) => l.kind === kind && (isA(l.a) || isA(l.b) || isB(l.a) || isB(l.b)));
  return { ...(link ? { link } : {}), ...(other ? { other } : {}) };
}

export function patchPair(topology: Topology, a: Thing[], b: Thing[], an: string, bn: string): Verdict {
  const { link, other } = peerLink(topology, 'patch', a, b);
  if (link) return verdict('confirmed', msg('claim:patch-confirmed', { a: an, b: bn }), link.evidence);
  if (other) return verdict('contradicted', msg('claim:patch-other-peer', { a: other.a.name, b: other.b.name }), other.evidence);
  return verdict('unprovable', msg('claim:patch-not-captured', { a: an, b: bn, capture: 'ovs-vsctl show' }));
}

/** "patch-tun 和 patch-int 把 br-int 和 br-tun 连在一起": a patch link whose ends sit on the two bridges. */
export function bridgesJoined(topology: Topology, x: Thing[], y: Thing[], xn: string, yn: string): Verdict {
  const onBridge = (e: Link['a'], bs: Thing[]) => bs.some((b) => topology.bridges.some((br) => br.host === e.host && br.name === b.name && br.ports.some((p) => p.name === e.name)));
  const links = topology.links.filter((l) => (l.kind === 'patch' || l.kind === 'veth') && ((onBridge(l.a, x) && onBridge(l.b, y)) || (onBridge(l.a, y) && onBridge(l.b, x))));
  if (links.length) return verdict('confirmed', msg('claim:bridges-joined', { a: xn, b: yn, ends: [...new Set(links.map((l) => [l.a.name, l.b.name].sort().join(' ↔ ')))] }), lines(...links.map((l) => l.evidence)));
  const bridges = topology.bridges.filter((b) => x.some((t) => t.name === b.name) || y.some((t) => t.name === b.name));
  if (bridges.length) return verdict('contradicted', msg('claim:bridges-not-joined', { a: xn, b: yn }), lines(...bridges.map((b) => b.evidence.slice(0, 1))));
  return verdict('unprovable', msg('claim:bridge-ports-not-captured', { bridge: xn }));
}

export interface TunnelClaim { ports: Thing[]; written?: string; type?: string; local?: string; remote?: string; hosts?: string[] }

export function tunnel(topology: Topology, c: TunnelClaim): Verdict {
  let ports = topology.bridges.flatMap((b) => b.ports.filter((p) => p.type === 'gre' || p.type === 'vxlan' || p.type === 'geneve').map((p) => ({ b, p })));
  if (c.ports.length) ports = ports.filter(({ b, p }) => c.ports.some((t) => t.name === p.name && t.host === b.host));
  if (c.hosts?.length && !c.ports.length) ports = ports.filter(({ b }) => c.hosts!.includes(b.host));
  if (!ports.length) return verdict('unprovable', msg('claim:no-tunnel-port', { capture: 'ovs-vsctl show' }));
  const verdicts = ports.map(({ b, p }): Verdict => {
    const wrong: Message[] = [];
    const o = p.options ?? {};
    if (c.type && p.type !== c.type) wrong.push(msg('claim:field-differs', { field: 'type', claimed: c.type, actual: p.type ?? '?' }));
    if (c.local && o['local_ip'] && o['local_ip'] !== c.local) wrong.push(msg('claim:field-differs', { field: 'local_ip', claimed: c.local, actual: o['local_ip'] }));
    if (c.remote && o['remote_ip'] && o['remote_ip'] !== c.remote) wrong.push(msg('claim:field-differs', { field: 'remote_ip', claimed: c.remote, actual: o['remote_ip'] }));
    if (wrong.length) return verdict('contradicted', msg('claim:tunnel-differs', { port: p.name, differences: wrong }), p.evidence);
    if ((c.remote && !o['remote_ip']) || (c.local && !o['local_ip'])) return verdict('unprovable', msg('claim:tunnel-ends-not-captured', { port: p.name, capture: 'ovs-vsctl show' }), p.evidence);
    return verdict('confirmed', msg('claim:tunnel-confirmed', { port: p.name, bridge: b.name, type: p.type ?? '?', local: o['local_ip'] ?? '?', remote: o['remote_ip'] ?? '?' }), p.evidence);
  });
  return (c.ports.length ? agree(verdicts) : verdicts.find((v) => v.kind === 'confirmed') ?? verdicts[0])!;
}

/** Nodes of a plain graph of the topology: bridges, interfaces and namespaces, per host. */
function adjacency(topology: Topology): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  const edge = (a: string, b: string) => {
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    g.get(a)!.add(b);
    g.get(b)!.add(a);
  };
  for (const b of topology.bridges) for (const p of b.ports) edge(`${b.host}|${b.name}`, `${b.host}|${p.name}`);
  for (const l of topology.links) edge(`${l.a.host}|${l.a.name}`, `${l.b.host}|${l.b.name}`);
  for (const i of topology.interfaces) if (i.netns) edge(`${i.host}|${i.name}`, `${i.host}|${i.netns}`);
  for (const i of topology.interfaces) if (i.master) edge(`${i.host}|${i.name}`, `${i.host}|${i.master}`);
  for (const h of topology.hosts) {
    for (const b of topology.bridges.filter((x) => x.host === h.name)) edge(`${h.name}|${h.name}`, `${h.name}|${b.name}`);
  }
  return g;
}

/** Is there a path from a to b in g that does not pass through any of `avoid` (hosts as nodes only at the ends)? */
function connected(g: Map<string, Set<string>>, from: string[], to: string[], hostNodes: Set<string>): boolean {
  const goal = new Set(to);
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length) {
    const n = queue.shift()!;
    if (goal.has(n)) return true;
    if (hostNodes.has(n) && !from.includes(n)) continue;
    for (const m of g.get(n) ?? []) if (!seen.has(m)) {
      seen.add(m);
      queue.push(m);
    }
  }
  return false;
}

/** X reaches Y through hops: each step from one named thing to the next is joined in the captures (directly or through unnamed ones). */
export function reach(topology: Topology, chain: { written: string; things: Thing[] }[]): Verdict {
  const g = adjacency(topology);
  const hostNodes = new Set(topology.hosts.map((h) => `${h.name}|${h.name}`));
  const keys = (things: Thing[]) => things.map((t) => `${t.host}|${t.name}`);
  const ev = lines(...chain.flatMap((c) => c.things.map((t) => thingEvidence(topology, t))));
  for (const c of chain) if (!c.things.length) return verdict('unprovable', msg('claim:name-not-captured', { name: c.written }));
  for (let i = 0; i + 1 < chain.length; i++) {
    const a = chain[i]!;
    const b = chain[i + 1]!;
    if (!connected(g, keys(a.things), keys(b.things), hostNodes)) {
      // between two hosts only a wire joins them, and no capture proves a wire
      const hostsA = new Set(a.things.map((t) => t.host));
      if (!b.things.some((t) => hostsA.has(t.host))) return verdict('unprovable', msg('claim:reach-between-hosts', { a: a.written, b: b.written, capture: 'lldpctl, or tcpdump -e on both NICs' }), ev.slice(0, 6));
      return verdict('contradicted', msg('claim:reach-broken', { a: a.written, b: b.written }), ev.slice(0, 6));
    }
  }
  const hasLikely = topology.links.some((l) => l.certainty === 'likely' && chain.some((c) => c.things.some((t) => (t.name === l.a.name && t.host === l.a.host) || (t.name === l.b.name && t.host === l.b.host))));
  return verdict(hasLikely ? 'unprovable' : 'confirmed', msg(hasLikely ? 'claim:reach-likely' : 'claim:reach-confirmed', { hops: chain.map((c) => c.written) }), ev.slice(0, 8));
}

function thingEvidence(topology: Topology, t: Thing): EvidenceRef[] {
  if (t.kind === 'bridge') return topology.bridges.find((b) => b.host === t.host && b.name === t.name)?.evidence.slice(0, 1) ?? [];
  if (t.kind === 'port') return topology.bridges.find((b) => b.host === t.host && b.name === t.bridge)?.ports.find((p) => p.name === t.name)?.evidence ?? [];
  if (t.kind === 'namespace') return topology.namespaces.find((n) => n.host === t.host && n.name === t.name)?.evidence ?? [];
  return topology.interfaces.find((i) => i.host === t.host && i.name === t.name)?.evidence.slice(0, 1) ?? [];
}

export type BridgeRole = 'integration' | 'tunnel' | 'provider' | 'external';
const ROLE_WORDS: Record<BridgeRole, Message> = {
  integration: msg('claim:role-integration'), tunnel: msg('claim:role-tunnel'), provider: msg('claim:role-provider'), external: msg('claim:role-external'),
};

/** What a bridge's ports say it is for. */
export function bridgeRoles(topology: Topology, b: Bridge): { roles: BridgeRole[]; ports: string[] } {
  const roles = new Set<BridgeRole>();
  const ports: string[] = [];
  const physical = (name: string) => topology.interfaces.some((i) => i.host === b.host && i.name === name && !i.netns && (i.kind === undefined || i.kind === 'physical' || i.kind === 'veth') && /^(?:eth|ens|enp|eno|em|bond|p\d)/.test(name));
  for (const p of b.ports) {
    if (p.name === b.name) continue;
    if (/^(?:qvo|tap|qr-|int-br-)/.test(p.name) || p.tag !== undefined) roles.add('integration'), ports.push(p.name);
    if (p.type === 'gre' || p.type === 'vxlan' || p.type === 'geneve') roles.add('tunnel'), ports.push(p.name);
    if (/^qg-/.test(p.name)) roles.add('external'), ports.push(p.name);
    if (/^phy-br-/.test(p.name)) roles.add('provider'), ports.push(p.name);
    if (physical(p.name) && !b.ports.some((q) => /^qg-/.test(q.name))) roles.add('provider'), ports.push(p.name);
  }
  return { roles: [...roles], ports };
}

export function role(topology: Topology, bridges: Thing[], written: string, claimed: BridgeRole): Verdict {
  const found = topology.bridges.filter((b) => bridges.some((t) => t.kind === 'bridge' && t.name === b.name && t.host === b.host));
  if (!found.length) return verdict('unprovable', msg('claim:bridge-ports-not-captured', { bridge: written }));
  const verdicts = found.map((b) => {
    const { roles, ports } = bridgeRoles(topology, b);
    const ev = lines(b.evidence.slice(0, 1), ...b.ports.filter((p) => ports.includes(p.name)).map((p) => p.evidence));
    if (roles.includes(claimed)) return verdict('confirmed', msg('claim:role-confirmed', { bridge: written, role: ROLE_WORDS[claimed], ports }), ev);
    if (roles.length) return verdict('contradicted', msg('claim:role-contradicted', { bridge: written, role: ROLE_WORDS[claimed], roles: roles.map((r) => ROLE_WORDS[r]) }), ev);
    return verdict('unprovable', msg('claim:role-unknown', { bridge: written }), ev);
  });
  return agree(verdicts)!;
}

export function portTag(topology: Topology, ports: Thing[], written: string, vlan: number): Verdict {
  const found = topology.bridges.flatMap((b) => b.ports.filter((p) => ports.some((t) => t.name === p.name && t.host === b.host)).map((p) => ({ b, p })));
  if (!found.length) return verdict('unprovable', msg('claim:port-not-captured', { name: written, capture: 'ovs-vsctl show' }));
  const hit = found.find(({ p }) => p.tag === vlan);
  if (hit) return verdict('confirmed', msg('claim:tag-confirmed', { port: hit.p.name, bridge: hit.b.name, tag: vlan }), hit.p.evidence);
  const tagged = found.filter(({ p }) => p.tag !== undefined);
  if (tagged.length) return verdict('contradicted', msg('claim:tag-differs', { port: tagged[0]!.p.name, tag: tagged[0]!.p.tag!, claimed: vlan }), tagged[0]!.p.evidence);
  return verdict('contradicted', msg('claim:tag-none', { port: found[0]!.p.name, claimed: vlan }), found[0]!.p.evidence);
}

/** "网络节点 br-int 里的 VLAN 也是 1": the local VLANs of a bridge's tagged ports. */
export function bridgeVlan(topology: Topology, bridges: Thing[], written: string, vlan: number): Verdict {
  const found = topology.bridges.filter((b) => bridges.some((t) => t.kind === 'bridge' && t.name === b.name && t.host === b.host));
  const verdicts = found.map((b) => {
    const tagged = b.ports.filter((p) => p.tag !== undefined);
    if (!tagged.length) return verdict('unprovable', msg('claim:no-tagged-ports', { bridge: written, host: b.host }), b.evidence.slice(0, 1));
    const tags = [...new Set(tagged.map((p) => p.tag!))];
    const ev = lines(...tagged.map((p) => p.evidence));
    if (tags.includes(vlan)) return verdict('confirmed', msg('claim:bridge-vlan-confirmed', { bridge: written, host: b.host, vlan }), ev);
    return verdict('contradicted', msg('claim:bridge-vlan-differs', { bridge: written, host: b.host, tags, claimed: vlan }), ev);
  });
  return agree(verdicts) ?? verdict('unprovable', msg('claim:bridge-ports-not-captured', { bridge: written }));
}

export interface FlowClaim {
  bridges: Thing[];
  bridgeWritten?: string;
  inPort?: Thing[];
  inPortWritten?: string;
  /** Port type to enter by ("the vxlan port"). */
  inPortType?: string;
  table?: number;
  vlan?: number | 'other';
  key?: number;
  dlDst?: 'unicast' | 'broadcast';
  expect: { drop?: boolean; vlan?: number | null; key?: number; outPort?: Thing[]; outWritten?: string; toBridge?: Thing[]; tables?: number[]; normal?: boolean };
  hosts?: string[];
}

function packetOf(c: FlowClaim, b: Bridge, inPortName: string | undefined): TracePacket {
  const fields: Record<string, string> = {};
  if (typeof c.vlan === 'number') fields['dl_vlan'] = String(c.vlan);
  if (c.vlan === 'other') fields['dl_vlan'] = String(otherVlan(b.host, b.name));
  if (c.key !== undefined) fields['tun_id'] = `0x${c.key.toString(16)}`;
  if (c.dlDst === 'broadcast') fields['dl_dst'] = 'ff:ff:ff:ff:ff:ff';
  if (c.dlDst === 'unicast') fields['dl_dst'] = '00:00:00:00:00:00/01:00:00:00:00:00';
  return { inPort: inPortName ? { name: inPortName } : {}, fields };
  function otherVlan(_host: string, _bridge: string): number {
    return 4000;
  }
}

function holds(b: Bridge, things: Thing[] | undefined): boolean {
  return !!things?.some((t) => t.host === b.host && (t.bridge === b.name || b.ports.some((p) => p.name === t.name)));
}

/** What one bridge's flows do to the packet the claim describes, by the flow tracer. */
export function flowBehaviour(topology: Topology, c: FlowClaim): Verdict {
  let bridges = topology.bridges.filter((b) => b.kind === 'ovs' && c.bridges.some((t) => t.kind === 'bridge' && t.host === b.host && t.name === b.name));
  let crossFrom: Bridge[] = [];
  if (c.inPort?.length) {
    const holding = topology.bridges.filter((b) => b.kind === 'ovs' && holds(b, c.inPort));
    if (bridges.length && !bridges.some((b) => holding.some((h) => h.host === b.host && h.name === b.name))) crossFrom = holding;
    else if (!bridges.length) bridges = holding;
    else bridges = bridges.filter((b) => holding.some((h) => h.host === b.host && h.name === b.name));
  }
  if (!bridges.length && c.inPortType) bridges = topology.bridges.filter((b) => b.ports.some((p) => p.type === c.inPortType));
  if (!bridges.length && c.expect.outPort?.length) bridges = topology.bridges.filter((b) => b.kind === 'ovs' && holds(b, c.expect.outPort));
  if (!bridges.length && c.table !== undefined) bridges = topology.bridges.filter((b) => topology.flows.some((f) => f.host === b.host && f.bridge === b.name && f.table === c.table));
  if (c.hosts?.length) {
    const narrowed = bridges.filter((b) => c.hosts!.includes(b.host));
    if (narrowed.length) bridges = narrowed;
  }
  if (!bridges.length) return verdict('unprovable', msg('claim:flow-bridge-unknown', { capture: 'ovs-ofctl dump-flows BRIDGE' }));
  const verdicts = bridges.map((b) => oneBridge(topology, b, c, crossFrom.filter((x) => x.host === b.host)));
  return agree(verdicts)!;
}

function oneBridge(topology: Topology, b: Bridge, c: FlowClaim, crossFrom: Bridge[]): Verdict {
  const tracer = bridgeTracer(topology, b);
  if (!tracer.hasFlows) return verdict('unprovable', msg('claim:flow-no-flows', { bridge: b.name, host: b.host, capture: `ovs-ofctl dump-flows ${b.name}` }), b.evidence.slice(0, 1));
  let inPort = c.inPort?.find((t) => t.host === b.host && b.ports.some((p) => p.name === t.name))?.name;
  if (!inPort && c.inPortType) inPort = b.ports.find((p) => p.type === c.inPortType)?.name;
  let packet = packetOf(c, b, inPort);
  const preface: EvidenceRef[] = [];
  if (crossFrom.length && !inPort) {
    // the packet crosses another bridge first (eth1 → br-eth1 → phy/int veth → br-int): trace it there and carry it over
    const first = crossFrom[0]!;
    const t1 = bridgeTracer(topology, first).trace(packetOf(c, first, c.inPort!.find((t) => t.host === first.host)!.name));
    const exit = t1.exits[0];
    const entry = b.ports.find((p) => topology.links.some((l) => (l.kind === 'veth' || l.kind === 'patch') && ((l.a.name === p.name && first.ports.some((q) => q.name === l.b.name)) || (l.b.name === p.name && first.ports.some((q) => q.name === l.a.name)))));
    if (!exit || !entry) return verdict('unprovable', msg('claim:flow-no-way-across', { from: first.name, to: b.name }), first.evidence.slice(0, 1));
    const fields: Record<string, string> = { ...(packet.fields ?? {}) };
    if (exit.vlan !== undefined) fields['dl_vlan'] = exit.vlan === null ? '0xffff' : String(exit.vlan);
    packet = { inPort: { name: entry.name }, fields };
    preface.push(...t1.steps.flatMap((s) => (s.kind === 'lookup' && s.flow ? s.flow.evidence : [])));
  }
  const trace = tracer.trace(packet, c.table ?? 0);
  const ev = lines(preface, ...trace.steps.map((s) => (s.kind === 'lookup' && s.flow ? s.flow.evidence : [])));
  const outcome = traceOutcome(topology, trace);
  const ok = meets(topology, b, trace, c);
  if (ok === true && trace.certain) return verdict('confirmed', msg('claim:flow-confirmed', { bridge: b.name, host: b.host, outcome }), ev);
  if (ok === false && trace.certain) return verdict('contradicted', msg('claim:flow-contradicted', { bridge: b.name, host: b.host, outcome }), ev);
  return verdict('unprovable', msg('claim:flow-uncertain', { bridge: b.name, host: b.host, outcome }), ev);
}

/** Does the trace do what the claim expects? undefined when it cannot tell. */
function meets(topology: Topology, b: Bridge, trace: Trace, c: FlowClaim): boolean | undefined {
  const e = c.expect;
  if (e.tables?.length) {
    const looked = new Set(trace.steps.filter((s) => s.kind === 'lookup').map((s) => (s as { table: number }).table));
    if (!e.tables.every((t) => looked.has(t))) return false;
  }
  if (e.drop) return trace.exits.length === 0;
  if (e.drop === false && trace.exits.length === 0) return false;
  const wants = e.vlan !== undefined || e.key !== undefined || e.outPort?.length || e.toBridge?.length;
  if (!wants) return e.tables?.length ? true : trace.exits.length > 0;
  if (!trace.exits.length) return false;
  const answers = trace.exits.map((x): boolean | undefined => {
    if (e.vlan !== undefined && x.vlan !== e.vlan) return false;
    if (e.key !== undefined && (x.tunnelId === undefined || BigInt(x.tunnelId) !== BigInt(e.key))) return false;
    if (e.outPort?.length || e.toBridge?.length) {
      if (x.kind === 'forward') return x.how === 'NORMAL' || x.how === 'FLOOD' || x.how === 'ALL';
      const name = x.port.name;
      // a port by number only (no `ovs-ofctl show`): which port it is cannot be told
      if (name === undefined) return undefined;
      if (e.outPort?.length && !e.outPort.some((t) => t.name === name)) return false;
      if (e.toBridge?.length) {
        const link = topology.links.find((l) => (l.kind === 'patch' || l.kind === 'veth') && ((l.a.host === b.host && l.a.name === name) || (l.b.host === b.host && l.b.name === name)));
        const peer = link && (link.a.name === name ? link.b.name : link.a.name);
        if (!peer || !topology.bridges.some((br) => br.host === b.host && e.toBridge!.some((t) => t.name === br.name) && br.ports.some((p) => p.name === peer))) return false;
      }
    }
    return true;
  });
  if (answers.includes(true)) return true;
  if (answers.includes(undefined)) return undefined;
  return false;
}

export function noFlowOn(topology: Topology, bridges: Thing[], written: string): Verdict {
  const keys = new Set(bridges.map((t) => `${t.host}|${t.name}`));
  const flows = topology.flows.filter((f) => keys.has(`${f.host}|${f.bridge}`));
  if (!flows.length) return verdict('unprovable', msg('claim:flow-no-flows', { bridge: written, host: bridges[0]?.host ?? '?', capture: `ovs-ofctl dump-flows ${written}` }));
  const ev = lines(...flows.map((f) => f.evidence));
  if (isPlainSwitch(flows)) return verdict('confirmed', msg('claim:no-flow-processing', { bridges: [written] }), ev);
  const tables = new Set(flows.map((f) => f.table)).size;
  return verdict('contradicted', msg('claim:flows-in-tables', { bridge: written, flows: flows.length, tables }), ev.slice(0, 6));
}

export function noRouter(topology: Topology): Verdict {
  const routers = topology.namespaces.filter((n) => n.role === 'router' || n.name.startsWith('qrouter-'));
  const ports = topology.bridges.flatMap((b) => b.ports.filter((p) => /^qr-/.test(p.name)));
  if (routers.length || ports.length) return verdict('contradicted', msg('claim:router-present', { routers: [...routers.map((n) => n.name), ...ports.map((p) => p.name)] }), lines(...routers.map((n) => n.evidence), ...ports.map((p) => p.evidence)));
  const netns = topology.namespaces.length || topology.bridges.length;
  if (netns) return verdict('confirmed', msg('claim:no-router-confirmed'), lines(...topology.bridges.map((b) => b.evidence.slice(0, 1))));
  return verdict('unprovable', msg('claim:no-router-unprovable', { capture: 'ip netns' }));
}

/** The interfaces a name or the VM stands for. */
export function interfacesOf(topology: Topology, things: Thing[]): Interface[] {
  return topology.interfaces.filter((i) => things.some((t) => t.name === i.name && t.host === i.host && (t.netns === undefined || t.netns === i.netns)));
}

/** The guest's own view: the interface with the VM's MAC, and its host and namespace (where its routes are). */
export function guestView(topology: Topology): { itf: Interface; host: string; netns?: string } | undefined {
  const macs = new Set(topology.vms.flatMap((v) => v.interfaces.map((n) => n.mac?.toLowerCase())).filter((m): m is string => !!m));
  const taps = new Set(topology.vms.flatMap((v) => v.interfaces.map((n) => n.tap)));
  // libvirt gives the tap the guest's MAC with fe: as first octet (general knowledge): the guest's NIC shares the other five
  const tapMacs = new Set(topology.interfaces.filter((i) => taps.has(i.name) && i.mac).map((i) => i.mac!.toLowerCase().slice(3)));
  const itf = topology.interfaces.find((i) => i.mac && (macs.has(i.mac.toLowerCase()) || tapMacs.has(i.mac.toLowerCase().slice(3))) && !taps.has(i.name) && i.addresses.some((a) => a.family === 'inet'));
  return itf ? { itf, host: itf.host, ...(itf.netns ? { netns: itf.netns } : {}) } : undefined;
}

export function address(topology: Topology, itfs: Interface[], written: string, ip: string, prefix?: number): Verdict {
  if (!itfs.length) return verdict('unprovable', msg('claim:interface-not-captured', { name: written, capture: 'ip addr' }));
  for (const i of itfs) {
    const a = i.addresses.find((x) => ipOf(x.cidr) === ip && (prefix === undefined || x.cidr.endsWith(`/${prefix}`)));
    if (a) return verdict('confirmed', msg('claim:address-confirmed', { name: i.name, address: a.cidr }), a.evidence);
  }
  const all = itfs.flatMap((i) => i.addresses.filter((a) => a.family === 'inet'));
  if (!all.length && itfs.every((i) => !i.evidence.some((e) => /addr/.test(e.command ?? '')))) return verdict('unprovable', msg('claim:interface-not-captured', { name: written, capture: 'ip addr' }));
  return verdict('contradicted', msg('claim:address-differs', { name: written, addresses: all.map((a) => a.cidr), claimed: prefix === undefined ? ip : `${ip}/${prefix}` }), lines(...itfs.map((i) => i.evidence.slice(0, 1)), ...all.map((a) => a.evidence)));
}

export function mac(topology: Topology, itfs: Interface[], written: string, claimed: string, vmMacs: string[]): Verdict {
  const withMac = itfs.filter((i) => i.mac);
  const hit = withMac.find((i) => i.mac!.toLowerCase() === claimed);
  if (hit) return verdict('confirmed', msg('claim:mac-confirmed', { name: hit.name, mac: claimed }), hit.evidence.slice(0, 2));
  if (vmMacs.includes(claimed)) {
    const vm = topology.vms.find((v) => v.interfaces.some((n) => n.mac?.toLowerCase() === claimed))!;
    return verdict('confirmed', msg('claim:mac-confirmed', { name: vm.name, mac: claimed }), vm.evidence);
  }
  if (withMac.length) return verdict('contradicted', msg('claim:mac-differs', { name: written, macs: withMac.map((i) => i.mac!), claimed }), lines(...withMac.map((i) => i.evidence.slice(0, 2))));
  if (vmMacs.length) return verdict('contradicted', msg('claim:mac-differs', { name: written, macs: vmMacs, claimed }), lines(...topology.vms.map((v) => v.evidence)));
  return verdict('unprovable', msg('claim:interface-not-captured', { name: written, capture: 'ip link' }));
}

function matches(route: Route, destination: string): boolean {
  if (destination === 'default') return route.destination === 'default' || route.destination === '0.0.0.0/0';
  return ipOf(route.destination) === ipOf(destination) && (!route.destination.includes('/') || route.destination.endsWith('/32') || destination.includes('/'));
}

/** A route in one routing table (the guest's, a namespace's or a host's): its next hop, and whether DHCP handed it out. */
export function route(topology: Topology, space: { host: string; netns?: string; written: string } | undefined, destination: string, via: string | undefined, byDhcp: boolean): Verdict {
  if (!space) return verdict('unprovable', msg('claim:route-table-not-captured', { space: 'VM', capture: 'ip route (in the VM)' }));
  const routes = topology.routes.filter((r) => r.host === space.host && (r.netns ?? '') === (space.netns ?? ''));
  if (!routes.length) return verdict('unprovable', msg('claim:route-table-not-captured', { space: space.written, capture: 'ip route' }));
  const r = routes.find((x) => matches(x, destination));
  if (!r) {
    if (destination !== 'default') {
      const dflt = routes.find((x) => matches(x, 'default'));
      if (dflt && via && dflt.via === via) return verdict('confirmed', msg('claim:route-confirmed', { space: space.written, destination, via: String(dflt.via) }), dflt.evidence);
    }
    return verdict('contradicted', msg('claim:route-missing', { space: space.written, destination }), lines(...routes.map((x) => x.evidence)));
  }
  if (via && r.via !== via) return verdict('contradicted', msg('claim:route-differs', { space: space.written, destination, via: String(r.via ?? r.dev), claimed: via }), r.evidence);
  if (byDhcp) {
    if (r.proto === 'dhcp') return verdict('confirmed', msg('claim:route-by-dhcp-confirmed', { destination, via: String(r.via ?? r.dev), proof: 'proto dhcp' }), r.evidence);
    const opts = dhcpOptionLines(topology, destination, r.via);
    if (opts.length) return verdict('confirmed', msg('claim:route-by-dhcp-confirmed', { destination, via: String(r.via ?? r.dev), proof: opts[0]!.text }), lines(r.evidence, opts.map((o) => ({ file: o.file, line: o.line }))));
    return verdict('unprovable', msg('claim:route-by-dhcp-unprovable', { destination, via: String(r.via ?? r.dev), capture: 'the dnsmasq opts file (classless-static-route)' }), r.evidence);
  }
  return verdict('confirmed', msg('claim:route-confirmed', { space: space.written, destination, via: String(r.via ?? r.dev) }), r.evidence);
}

/** dnsmasq's option lines (classless-static-route, 121, 249, router) no parser reads, which hand out a route. */
function dhcpOptionLines(topology: Topology, destination: string, via: string | undefined): { file: string; line: number; text: string }[] {
  const dest = destination === 'default' ? '0.0.0.0/0' : destination.includes('/') ? destination : `${destination}/32`;
  return topology.unparsed.filter((u) => /option:(?:classless-static-route|router)|(?:^|,)(?:121|249|3),/.test(u.text) && (u.text.includes(`${dest},${via ?? ''}`) || (destination === 'default' && via !== undefined && /option:router|(?:^|,)3,/.test(u.text) && u.text.endsWith(via))));
}

export function dnsServer(topology: Topology, ip: string): Verdict {
  const lines = topology.unparsed.filter((u) => /^\s*nameserver\s+\S+/.test(u.text));
  if (!lines.length) return verdict('unprovable', msg('claim:dns-server-unprovable', { capture: 'cat /etc/resolv.conf (in the VM)' }));
  const hit = lines.find((u) => u.text.trim().split(/\s+/)[1] === ip);
  const ev = (us: typeof lines) => us.map((u) => ({ file: u.file, line: u.line }));
  if (hit) return verdict('confirmed', msg('claim:dns-server-confirmed', { address: ip }), ev([hit]));
  return verdict('contradicted', msg('claim:dns-server-differs', { addresses: lines.map((u) => u.text.trim().split(/\s+/)[1]!), claimed: ip }), ev(lines));
}

/** A listener: a process (or service) on an address and port, in a namespace. */
export function listener(topology: Topology, c: { port: number; ip?: string; process?: string; netns?: Thing[]; service?: string }): Verdict {
  let sockets = topology.sockets.filter((s) => s.port === c.port && !/^(?:::|fe80)/.test(s.local));
  if (c.netns?.length) sockets = sockets.filter((s) => c.netns!.some((n) => n.name === s.netns && n.host === s.host));
  if (!sockets.length) return verdict('unprovable', msg('claim:port-not-listened', { port: String(c.port) }));
  const onIp = c.ip ? sockets.filter((s) => s.local === c.ip || s.local === '0.0.0.0' || s.local === '*') : sockets;
  if (!onIp.length) return verdict('contradicted', msg('claim:listener-elsewhere', { port: c.port, addresses: sockets.map((s) => s.local), claimed: c.ip! }), lines(...sockets.map((s) => s.evidence)));
  if (c.process) {
    const hit = onIp.find((s) => s.process?.toLowerCase() === c.process!.toLowerCase());
    if (!hit) return verdict('contradicted', msg('claim:listener-other-process', { port: c.port, processes: onIp.map((s) => s.process ?? '?'), claimed: c.process }), lines(...onIp.map((s) => s.evidence)));
    return verdict('confirmed', msg('claim:listener-confirmed', { process: hit.process ?? '?', address: hit.local, port: c.port }), hit.evidence);
  }
  if (c.service === 'metadata') {
    const service = topology.services.find((s) => s.kind === 'metadata' && (s.port === c.port || s.port === undefined) && onIp.some((o) => o.host === s.host && o.netns === s.netns));
    if (service) return verdict('confirmed', msg('claim:listener-confirmed', { process: service.process ?? '?', address: onIp[0]!.local, port: c.port }), lines(onIp[0]!.evidence, service.evidence));
    return verdict('unprovable', msg('claim:metadata-port-unidentified', { pid: onIp[0]!.pid ?? '?', port: String(c.port) }), onIp[0]!.evidence);
  }
  return verdict('confirmed', msg('claim:listener-confirmed', { process: onIp[0]!.process ?? '?', address: onIp[0]!.local, port: c.port }), onIp[0]!.evidence);
}

/** A DHCP request answered by an address: a dnsmasq whose interface holds it. */
export function dhcpAnsweredBy(topology: Topology, ip: string): Verdict {
  const dhcp = topology.services.filter((s) => s.kind === 'dhcp');
  if (!dhcp.length) return verdict('unprovable', msg('claim:no-dnsmasq'));
  for (const s of dhcp) {
    const itf = topology.interfaces.find((i) => i.host === s.host && i.name === s.interface && (i.netns ?? '') === (s.netns ?? ''));
    if (itf?.addresses.some((a) => ipOf(a.cidr) === ip)) return verdict('confirmed', msg('claim:dhcp-answered-by', { address: ip, interface: itf.name, process: s.process ?? 'dnsmasq' }), lines(s.evidence, itf.addresses.find((a) => ipOf(a.cidr) === ip)!.evidence));
  }
  const addresses = dhcp.flatMap((s) => topology.interfaces.filter((i) => i.host === s.host && i.name === s.interface).flatMap((i) => i.addresses.filter((a) => a.family === 'inet')));
  if (addresses.length) return verdict('contradicted', msg('claim:dhcp-answers-from', { addresses: addresses.map((a) => a.cidr), claimed: ip }), lines(...addresses.map((a) => a.evidence)));
  return verdict('unprovable', msg('claim:interface-not-captured', { name: dhcp[0]!.interface ?? 'dnsmasq', capture: 'ip netns exec qdhcp-… ip addr' }));
}

/** Which service answers: a metadata or DHCP service in the named namespace or host. */
export function serviceIn(topology: Topology, kind: 'metadata' | 'dhcp' | 'dns', where: Thing[], written: string): Verdict {
  const services = topology.services.filter((s) => s.kind === kind || (kind === 'dns' && s.kind === 'dhcp'));
  const inside = (h: string, n?: string) => where.some((t) => (t.kind === 'namespace' ? t.name === n && t.host === h : t.host === h));
  const hit = services.find((s) => inside(s.host, s.netns));
  if (hit) return verdict('confirmed', msg('claim:service-in-confirmed', { service: kind, process: hit.process ?? '?', where: written }), hit.evidence);
  if (kind === 'metadata') {
    const sockets = topology.sockets.filter((s) => (s.port === 80 || s.port === 9697) && inside(s.host, s.netns));
    if (sockets.length) return verdict('unprovable', msg('claim:metadata-port-unidentified', { pid: sockets[0]!.pid ?? '?', port: String(sockets[0]!.port) }), sockets[0]!.evidence);
  }
  if (services.length) return verdict('contradicted', msg('claim:service-elsewhere', { service: kind, where: services.map((s) => s.netns ?? s.host) }), lines(...services.map((s) => s.evidence)));
  return verdict('unprovable', msg('claim:service-not-captured', { service: kind, capture: 'ps -ef, netstat -tunlp' }));
}

/** The metadata request of the VM: where its own route sends 169.254.169.254, against the claimed namespace. */
export function metadataPath(topology: Topology, through: Thing[], written: string, destination = '169.254.169.254'): Verdict {
  const view = guestView(topology);
  if (!view) return verdict('unprovable', msg('claim:route-table-not-captured', { space: 'VM', capture: 'ip route (in the VM)' }));
  const routes = topology.routes.filter((r) => r.host === view.host && (r.netns ?? '') === (view.netns ?? ''));
  const r = routes.find((x) => matches(x, destination)) ?? routes.find((x) => matches(x, 'default'));
  if (!r?.via) return verdict('unprovable', msg('claim:route-table-not-captured', { space: 'VM', capture: 'ip route (in the VM)' }));
  const owner = topology.interfaces.find((i) => i.addresses.some((a) => ipOf(a.cidr) === r.via) && !(i.host === view.host && (i.netns ?? '') === (view.netns ?? '')));
  const ok = owner && through.some((t) => (t.kind === 'namespace' ? t.name === owner.netns : t.name === owner.name));
  const ev = lines(r.evidence, owner?.addresses.find((a) => ipOf(a.cidr) === r.via)?.evidence);
  if (ok) return verdict('confirmed', msg('claim:metadata-path-confirmed', { via: r.via, owner: owner!.netns ?? owner!.name }), ev);
  if (owner) return verdict('contradicted', msg('claim:metadata-path-contradicted', { via: r.via, owner: owner.netns ?? owner.name, claimed: written }), ev);
  return verdict('unprovable', msg('claim:gateway-owner-not-captured', { via: r.via }), r.evidence);
}

export interface WireClaim { itfs: Thing[]; written: string; vlan?: number; untagged?: boolean }

/** What leaves by a NIC: the VLAN the flows of its bridge put on frames before NORMAL or output. */
export function wireVlan(topology: Topology, c: WireClaim): Verdict {
  const bridges = topology.bridges.filter((b) => b.kind === 'ovs' && b.ports.some((p) => c.itfs.some((t) => t.name === p.name && t.host === b.host)));
  if (!bridges.length) return verdict('unprovable', msg('claim:wire-unprovable', { name: c.written, capture: `tcpdump -e -n -i ${c.written}` }));
  const flows = topology.flows.filter((f) => bridges.some((b) => b.host === f.host && b.name === f.bridge));
  if (!flows.length) return verdict('unprovable', msg('claim:wire-unprovable', { name: c.written, capture: `tcpdump -e -n -i ${c.written}` }));
  const set = flows.filter((f) => f.actions.some((a) => a.type === 'mod_vlan_vid' || (a.type === 'set_field' && /vlan_vid/.test(a.text)) || a.type === 'push_vlan'));
  const stripped = flows.filter((f) => f.actions.some((a) => a.type === 'strip_vlan' || a.type === 'pop_vlan'));
  const vlans = [...new Set(set.map((f) => Number((/(?:mod_vlan_vid:|set_field:)(\d+)/.exec(f.actions.map((a) => a.text).join(',')) ?? [])[1])).filter((n) => Number.isFinite(n)).map((n) => (n >= 4096 ? n - 4096 : n)))];
  const ev = lines(...[...set, ...stripped].map((f) => f.evidence));
  if (c.untagged) {
    if (vlans.length) return verdict('contradicted', msg('claim:wire-tagged', { name: c.written, vlans }), ev);
    if (stripped.length) return verdict('confirmed', msg('claim:wire-untagged-confirmed', { name: c.written }), ev);
    return verdict('unprovable', msg('claim:wire-unprovable', { name: c.written, capture: `tcpdump -e -n -i ${c.written}` }), lines(...flows.map((f) => f.evidence)).slice(0, 3));
  }
  if (c.vlan !== undefined && vlans.includes(c.vlan)) return verdict('confirmed', msg('claim:wire-vlan-confirmed', { name: c.written, vlan: c.vlan }), ev);
  if (vlans.length) return verdict('contradicted', msg('claim:wire-tagged', { name: c.written, vlans }), ev);
  if (stripped.length) return verdict('contradicted', msg('claim:wire-untagged-confirmed', { name: c.written }), ev);
  return verdict('unprovable', msg('claim:wire-unprovable', { name: c.written, capture: `tcpdump -e -n -i ${c.written}` }));
}

export interface EncapClaim { type?: string; udp?: number; key?: number; ports: Thing[] }

/** Tunnel packets between the endpoints: the type, UDP port and key/VNI by the tunnel ports' options and the flows that set tun_id. */
export function encapsulation(topology: Topology, c: EncapClaim): Verdict {
  let ports = topology.bridges.flatMap((b) => b.ports.filter((p) => p.type === 'gre' || p.type === 'vxlan' || p.type === 'geneve').map((p) => ({ b, p })));
  if (c.ports.length) ports = ports.filter(({ b, p }) => c.ports.some((t) => t.host === b.host && t.name === p.name));
  if (!ports.length) return verdict('unprovable', msg('claim:no-tunnel-port', { capture: 'ovs-vsctl show' }));
  const ev = lines(...ports.map(({ p }) => p.evidence));
  const types = [...new Set(ports.map(({ p }) => p.type!))];
  if (c.type && !types.includes(c.type)) return verdict('contradicted', msg('claim:field-differs', { field: 'type', claimed: c.type, actual: types.join(', ') }), ev);
  const facts: Message[] = [msg('claim:encap-type', { type: types.join(', ') })];
  let general = false;
  if (c.udp !== undefined) {
    const explicit = ports.map(({ p }) => p.options?.['dst_port']).filter((x): x is string => !!x);
    const port = explicit[0] ? Number(explicit[0]) : types.includes('vxlan') ? 4789 : undefined;
    if (port === undefined) return verdict('contradicted', msg('claim:field-differs', { field: 'UDP', claimed: String(c.udp), actual: types.join(', ') }), ev);
    if (!explicit.length) general = true;
    if (port !== c.udp) return verdict('contradicted', msg(explicit.length ? 'claim:field-differs' : 'claim:udp-default-differs', { field: 'dst_port', claimed: String(c.udp), actual: String(port) }), ev);
    facts.push(msg(explicit.length ? 'claim:encap-udp' : 'claim:encap-udp-default', { port }));
  }
  if (c.key !== undefined) {
    const fixed = ports.map(({ p }) => p.options?.['key'] ?? p.options?.['out_key']).filter((k): k is string => !!k && k !== 'flow');
    const set = topology.flows.filter((f) => ports.some(({ b }) => b.host === f.host && b.name === f.bridge) && f.actions.some((a) => a.type === 'set_tunnel' || (a.type === 'set_field' && /tun_id/.test(a.text))));
    const keys = new Set<number>([...fixed.map(Number), ...set.flatMap((f) => f.actions.map((a) => (/(?:set_tunnel:|set_field:)(0x[0-9a-f]+|\d+)/i.exec(a.text) ?? [])[1]).filter((x): x is string => !!x).map(Number))]);
    const kev = lines(ev, ...set.map((f) => f.evidence));
    if (!keys.size) return verdict('unprovable', msg('claim:key-not-captured', { capture: 'ovs-ofctl dump-flows br-tun' }), ev);
    if (!keys.has(c.key)) return verdict('contradicted', msg('claim:field-differs', { field: 'key/VNI', claimed: String(c.key), actual: [...keys].join(', ') }), kev);
    facts.push(msg('claim:encap-key', { key: c.key }));
    return verdict('confirmed', msg('claim:encap-confirmed', { facts, general: general ? msg('claim:general-knowledge') : '' }), kev);
  }
  return verdict('confirmed', msg('claim:encap-confirmed', { facts, general: general ? msg('claim:general-knowledge') : '' }), ev);
}

export function hostsOf(things: Thing[]): string[] {
  return [...new Set(things.map((t) => t.host))];
}
