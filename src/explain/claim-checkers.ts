// One checker per claim shape: judges the claim against the topology as
// confirmed / contradicted / unprovable, and says why with the evidence.
// `qr-XXX`-style placeholders stand for every captured name with that prefix.

import type { EvidenceRef, Finding, Topology } from '../topology/model.js';
import { msg, type Message } from '../message.js';
import { bridgeHolding, evidence, linksOf, otherEnd } from './facts.js';
import { isPlainSwitch } from './openflow/plain-switch.js';

export interface ClaimContext {
  topology: Topology;
  file: string;
  line: number;
  /** Line of the previous claim in the same guide: captures after it are this claim's context. */
  since: number;
}

export interface Verdict {
  kind: Extract<Finding['kind'], 'confirmed' | 'contradicted' | 'unprovable' | 'not-understood'>;
  message: Message;
  evidence: EvidenceRef[];
}

const verdict = (kind: Verdict['kind'], message: Message, ev: EvidenceRef[] = []): Verdict => ({ kind, message, evidence: ev });

/** Where a NAT rule lives, after its chain: `in qrouter-…` (nothing in a host's root namespace). */
const natSpace = (netns: string | undefined) => (netns ? msg('claim:nat-namespace', { netns }) : '');

/** A written name, or the captured names a `qr-XXX` placeholder stands for. */
export function resolveName(topology: Topology, written: string): string[] {
  const cut = written.search(/x{2,}|<|\.\.\./i);
  if (cut < 0) return [written];
  const prefix = written.slice(0, cut);
  const names = new Set<string>();
  for (const i of topology.interfaces) if (i.name.startsWith(prefix)) names.add(i.name);
  for (const b of topology.bridges) for (const p of b.ports) if (p.name.startsWith(prefix)) names.add(p.name);
  return [...names];
}

function veth({ topology }: ClaimContext, [x, y]: string[]): Verdict {
  const links = linksOf(topology, 'veth', x!);
  const both = links.find((l) => otherEnd(l, x!).name === y);
  if (both?.certainty === 'confirmed') return verdict('confirmed', msg('claim:veth-confirmed', { a: x!, b: y! }), both.evidence);
  if (both) return verdict('unprovable', msg('claim:veth-likely', { a: x!, b: y!, reason: both.reason ?? msg('claim:not-proven') }), both.evidence);
  const other = links.find((l) => l.certainty === 'confirmed') ?? linksOf(topology, 'veth', y!).find((l) => l.certainty === 'confirmed');
  if (other) return verdict('contradicted', msg('claim:veth-other-peer', { a: other.a.name, b: other.b.name }), other.evidence);
  return verdict('unprovable', msg('claim:veth-peer-not-captured', { a: x!, b: y! }));
}

function inBridge({ topology }: ClaimContext, [x, br]: string[]): Verdict {
  const names = resolveName(topology, x!);
  const bridges = topology.bridges.filter((b) => b.name === br);
  for (const name of names) {
    for (const bridge of bridges) {
      const port = bridge.ports.find((p) => p.name === name);
      if (port) return verdict('confirmed', msg('claim:in-bridge-confirmed', { name, kind: bridge.kind === 'linux' ? 'Linux' : 'OVS', bridge: br! }), evidence(port.evidence, bridge.evidence.slice(0, 1)));
    }
  }
  for (const name of names) {
    for (const host of new Set(topology.hosts.map((h) => h.name))) {
      const held = bridgeHolding(topology, host, name);
      if (held) return verdict('contradicted', msg('claim:in-other-bridge', { name, bridge: held.bridge.name, claimed: br! }), held.port.evidence);
    }
  }
  if (bridges.length) return verdict('contradicted', msg('claim:not-in-bridge', { bridge: br!, name: x! }), bridges.flatMap((b) => b.evidence.slice(0, 1)));
  return verdict('unprovable', msg('claim:bridge-ports-not-captured', { bridge: br! }));
}

function vmUses({ topology }: ClaimContext, [tap]: string[]): Verdict {
  const link = topology.links.find((l) => l.kind === 'vm' && (l.a.name === tap || l.b.name === tap));
  if (link) {
    const vm = link.a.name === tap ? link.b.name : link.a.name;
    return verdict('confirmed', msg('claim:vm-uses-confirmed', { vm, tap: tap! }), link.evidence);
  }
  const vmLinks = topology.links.filter((l) => l.kind === 'vm');
  if (vmLinks.length) return verdict('contradicted', msg('claim:vms-use-others', { taps: vmLinks.map((l) => l.b.name), tap: tap! }), vmLinks.flatMap((l) => l.evidence));
  return verdict('unprovable', msg('claim:no-dumpxml'));
}

function dhcpOn({ topology }: ClaimContext, [itf]: string[]): Verdict {
  const dhcp = topology.services.filter((s) => s.kind === 'dhcp');
  const on = dhcp.find((s) => s.interface === itf);
  if (on) {
    return verdict('confirmed', msg('claim:dhcp-confirmed', {
      process: on.process ?? 'dnsmasq', pid: on.pid ?? '?', interface: itf!, netns: on.netns ? msg('claim:dhcp-in-namespace', { netns: on.netns }) : '',
    }), on.evidence);
  }
  if (dhcp.length) return verdict('contradicted', msg('claim:dhcp-elsewhere', { interfaces: dhcp.map((s) => s.interface ?? '?'), interface: itf! }), dhcp.flatMap((s) => s.evidence));
  return verdict('unprovable', msg('claim:no-dnsmasq'));
}

function forward({ topology }: ClaimContext, [ip, port, toIp, toPort]: string[]): Verdict {
  const rules = topology.nat.filter((n) => (n.kind === 'redirect' || n.kind === 'dnat') && n.destination?.split('/')[0] === ip && (n.port === undefined || n.port === Number(port)));
  const to = (n: (typeof rules)[number]) => (n.kind === 'redirect' ? `${ip}:${n.to}` : n.to.includes(':') ? n.to : `${n.to}:${port}`);
  const match = rules.find((n) => to(n) === `${toIp}:${toPort}`);
  if (match) {
    return verdict('confirmed', msg('claim:forward-confirmed', {
      netns: natSpace(match.netns), chain: match.chain, how: msg(match.kind === 'redirect' ? 'claim:redirects' : 'claim:dnats'), ip: ip!, port: port!, to: to(match),
    }), match.evidence);
  }
  if (rules.length) return verdict('contradicted', msg('claim:forwarded-elsewhere', { ip: ip!, port: port!, targets: rules.map(to) }), rules.flatMap((n) => n.evidence));
  return verdict('unprovable', msg('claim:no-nat-rule-for', { ip: ip!, port: port! }));
}

const network = (cidr: string) => cidr.split('/')[0];

function snat({ topology }: ClaimContext, [source, to]: string[]): Verdict {
  const rules = topology.nat.filter((n) => n.kind === 'snat' && n.source !== undefined && network(n.source) === network(source!));
  const match = rules.find((n) => n.to.split(':')[0] === to);
  if (match) return verdict('confirmed', msg('claim:snat-confirmed', { netns: natSpace(match.netns), chain: match.chain, source: String(match.source), to: match.to }), match.evidence);
  if (rules.length) return verdict('contradicted', msg('claim:snat-elsewhere', { source: source!, targets: rules.map((n) => n.to) }), rules.flatMap((n) => n.evidence));
  return verdict('unprovable', msg('claim:no-snat-rule-for', { source: source! }));
}

function reachOutside({ topology }: ClaimContext): Verdict {
  for (const rule of topology.nat.filter((n) => n.kind === 'snat' || n.kind === 'masquerade')) {
    const route = topology.routes.find((r) => r.host === rule.host && r.netns === rule.netns && r.destination === 'default');
    if (route) {
      return verdict('confirmed', msg('claim:reach-outside-confirmed', {
        space: rule.netns ?? rule.host, source: rule.source ?? '*', to: rule.to, gateway: String(route.via ?? route.dev),
      }), evidence(rule.evidence, route.evidence));
    }
  }
  return verdict('unprovable', msg('claim:reach-outside-unprovable'));
}

function metadataPort({ topology }: ClaimContext, [port]: string[]): Verdict {
  const service = topology.services.find((s) => s.kind === 'metadata' && s.port === Number(port));
  const socket = topology.sockets.find((s) => s.port === Number(port));
  if (service) {
    return verdict('confirmed', msg('claim:metadata-port-confirmed', {
      port: port!, pid: service.pid ?? '?', process: service.process ?? '?', router: service.router_id ? msg('claim:router-id', { router: service.router_id }) : '',
    }), evidence(socket?.evidence, service.evidence));
  }
  if (socket) return verdict('unprovable', msg('claim:metadata-port-unidentified', { pid: socket.pid ?? '?', port: port! }), socket.evidence);
  return verdict('unprovable', msg('claim:port-not-listened', { port: port! }));
}

function routed({ topology }: ClaimContext, [x, y]: string[]): Verdict {
  const xs = resolveName(topology, x!);
  const ys = resolveName(topology, y!);
  for (const ns of new Set(topology.routes.map((r) => `${r.host}\u0000${r.netns ?? ''}`))) {
    const routes = topology.routes.filter((r) => `${r.host}\u0000${r.netns ?? ''}` === ns);
    const rx = routes.find((r) => r.dev && xs.includes(r.dev));
    const ry = routes.find((r) => r.dev && ys.includes(r.dev));
    if (rx && ry) {
      return verdict('confirmed', msg('claim:routed-confirmed', {
        space: rx.netns ?? rx.host, devA: rx.dev!, destinationA: rx.destination, devB: ry.dev!, destinationB: ry.destination,
      }), evidence(rx.evidence, ry.evidence));
    }
  }
  if (!xs.length || !ys.length) return verdict('unprovable', msg('claim:name-not-captured', { name: (!xs.length ? x : y)! }));
  return verdict('unprovable', msg('claim:no-routing-table-uses-both', { a: xs, b: ys }));
}

function routesTo(context: ClaimContext, [from, x, y, to]: string[]): Verdict {
  const { topology } = context;
  const a = inBridge(context, [x!, from!]);
  const b = inBridge(context, [y!, to!]);
  const r = routed(context, [x!, y!]);
  const all = [a, b, r];
  const ev = evidence(...all.map((v) => v.evidence));
  if (all.every((v) => v.kind === 'confirmed')) {
    return verdict('confirmed', msg('common:sentences', { sentences: [a.message, b.message, r.message, msg('claim:so-reaches', { from: from!, to: to! })] }), ev);
  }
  const bad = all.find((v) => v.kind === 'contradicted');
  if (bad) return { ...bad, evidence: ev };
  void topology;
  return verdict('unprovable', msg('common:sentences', { sentences: all.filter((v) => v.kind !== 'confirmed').map((v) => v.message) }), ev);
}

function noFlow({ topology, file, line, since }: ClaimContext): Verdict {
  // the flow dumps the claim is about: those of the same guide between the previous claim and this one
  let flows = topology.flows.filter((f) => f.evidence.some((e) => e.file === file && e.line > since && e.line < line));
  if (!flows.length) flows = topology.flows;
  if (!flows.length) return verdict('unprovable', msg('claim:no-dump-flows'));
  const bridges = [...new Set(flows.map((f) => `${f.host}\u0000${f.bridge}`))];
  const busy = bridges.filter((k) => !isPlainSwitch(flows.filter((f) => `${f.host}\u0000${f.bridge}` === k)));
  const names = (keys: string[]) => keys.map((k) => k.split('\u0000')[1]!);
  const ev = evidence(...flows.map((f) => f.evidence));
  if (!busy.length) return verdict('confirmed', msg(bridges.length > 1 ? 'claim:no-flow-processing-bridges' : 'claim:no-flow-processing', { bridges: names(bridges) }), ev);
  return verdict('contradicted', msg('claim:flow-processing', { count: busy.length, bridges: names(busy) }), ev);
}

export const CHECKERS = { veth, inBridge, vmUses, dhcpOn, forward, snat, reachOutside, metadataPort, routed, routesTo, noFlow } satisfies Record<string, (c: ClaimContext, args: string[]) => Verdict>;
