// One checker per claim shape: judges the claim against the topology as
// confirmed / contradicted / unprovable, and says why with the evidence.
// `qr-XXX`-style placeholders stand for every captured name with that prefix.

import type { Bilingual, EvidenceRef, Finding, Topology } from '../topology/model.js';
import { bridgeHolding, evidence, linksOf, otherEnd } from './facts.js';
import { pair } from './legacy.js';
import { isPlainSwitch } from './openflow/plain-switch.js';

export interface ClaimContext {
  topology: Topology;
  file: string;
  line: number;
  /** Line of the previous claim in the same guide: captures after it are this claim's context. */
  since: number;
}

export interface Verdict {
  kind: Extract<Finding['kind'], 'confirmed' | 'contradicted' | 'unprovable'>;
  message: Bilingual;
  evidence: EvidenceRef[];
}

const verdict = (kind: Verdict['kind'], zh: string, en: string, ev: EvidenceRef[] = []): Verdict => ({ kind, message: { zh, en }, evidence: ev });

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
  if (both?.certainty === 'confirmed') return verdict('confirmed', `${x} 和 ${y} 确实是一对 veth。`, `${x} and ${y} are indeed a veth pair.`, both.evidence);
  if (both) return verdict('unprovable', `${x} 和 ${y} 可能是一对 veth，但${pair(both.reason)?.zh ?? '抓取不能证实'}`, `${x} and ${y} are likely a veth pair, but ${pair(both.reason)?.en ?? 'no capture proves it'}`, both.evidence);
  const other = links.find((l) => l.certainty === 'confirmed') ?? linksOf(topology, 'veth', y!).find((l) => l.certainty === 'confirmed');
  if (other) return verdict('contradicted', `抓取显示 ${other.a.name} 的 veth 对端是 ${other.b.name}，不是所说的那样。`, `The captures pair ${other.a.name} with ${other.b.name}, not as claimed.`, other.evidence);
  return verdict('unprovable', `抓取中没有 ${x} 或 ${y} 的 veth 对端信息（@peer 或 peer_ifindex）。`, `No capture shows the veth peer (@peer or peer_ifindex) of ${x} or ${y}.`);
}

function inBridge({ topology }: ClaimContext, [x, br]: string[]): Verdict {
  const names = resolveName(topology, x!);
  const bridges = topology.bridges.filter((b) => b.name === br);
  for (const name of names) {
    for (const bridge of bridges) {
      const port = bridge.ports.find((p) => p.name === name);
      if (port) return verdict('confirmed', `${name} 确实在${bridge.kind === 'linux' ? ' Linux ' : ' OVS '}桥 ${br} 里。`, `${name} is indeed in the ${bridge.kind === 'linux' ? 'Linux' : 'OVS'} bridge ${br}.`, evidence(port.evidence, bridge.evidence.slice(0, 1)));
    }
  }
  for (const name of names) {
    for (const host of new Set(topology.hosts.map((h) => h.name))) {
      const held = bridgeHolding(topology, host, name);
      if (held) return verdict('contradicted', `抓取显示 ${name} 在桥 ${held.bridge.name} 里，而不是 ${br}。`, `The captures put ${name} in bridge ${held.bridge.name}, not ${br}.`, held.port.evidence);
    }
  }
  if (bridges.length) return verdict('contradicted', `桥 ${br} 已抓取，但 ${x} 不在它的端口中。`, `Bridge ${br} was captured, but ${x} is not among its ports.`, bridges.flatMap((b) => b.evidence.slice(0, 1)));
  return verdict('unprovable', `抓取中没有桥 ${br} 的端口列表。`, `No capture lists the ports of bridge ${br}.`);
}

function vmUses({ topology }: ClaimContext, [tap]: string[]): Verdict {
  const link = topology.links.find((l) => l.kind === 'vm' && (l.a.name === tap || l.b.name === tap));
  if (link) {
    const vm = link.a.name === tap ? link.b.name : link.a.name;
    return verdict('confirmed', `虚拟机 ${vm} 确实使用接口 ${tap}（virsh dumpxml 的 target dev）。`, `VM ${vm} does use ${tap} (the target dev in virsh dumpxml).`, link.evidence);
  }
  const vmLinks = topology.links.filter((l) => l.kind === 'vm');
  if (vmLinks.length) return verdict('contradicted', `抓取中虚拟机使用的是 ${vmLinks.map((l) => l.b.name).join('、')}，不是 ${tap}。`, `The captured VMs use ${vmLinks.map((l) => l.b.name).join(', ')}, not ${tap}.`, vmLinks.flatMap((l) => l.evidence));
  return verdict('unprovable', '抓取中没有 virsh dumpxml，看不到虚拟机用哪个接口。', 'No virsh dumpxml in the captures shows which interface a VM uses.');
}

function dhcpOn({ topology }: ClaimContext, [itf]: string[]): Verdict {
  const dhcp = topology.services.filter((s) => s.kind === 'dhcp');
  const on = dhcp.find((s) => s.interface === itf);
  if (on) return verdict('confirmed', `${on.process ?? 'dnsmasq'}（进程 ${on.pid ?? '?'}）以 --interface=${itf} 在 ${itf} 上提供 DHCP${on.netns ? `，位于命名空间 ${on.netns}` : ''}。`, `${on.process ?? 'dnsmasq'} (pid ${on.pid ?? '?'}) serves DHCP on ${itf} (--interface=${itf})${on.netns ? ` in namespace ${on.netns}` : ''}.`, on.evidence);
  if (dhcp.length) return verdict('contradicted', `抓取中的 DHCP 服务在 ${dhcp.map((s) => s.interface ?? '?').join('、')} 上，不在 ${itf} 上。`, `The captured DHCP service is on ${dhcp.map((s) => s.interface ?? '?').join(', ')}, not on ${itf}.`, dhcp.flatMap((s) => s.evidence));
  return verdict('unprovable', '抓取中没有 dnsmasq 进程。', 'No dnsmasq process in the captures.');
}

function forward({ topology }: ClaimContext, [ip, port, toIp, toPort]: string[]): Verdict {
  const rules = topology.nat.filter((n) => (n.kind === 'redirect' || n.kind === 'dnat') && n.destination?.split('/')[0] === ip && (n.port === undefined || n.port === Number(port)));
  const to = (n: (typeof rules)[number]) => (n.kind === 'redirect' ? `${ip}:${n.to}` : n.to.includes(':') ? n.to : `${n.to}:${port}`);
  const match = rules.find((n) => to(n) === `${toIp}:${toPort}`);
  if (match) return verdict('confirmed', `${match.netns ?? ''} 的 ${match.chain} 把 ${ip}:${port} ${match.kind === 'redirect' ? '重定向' : 'DNAT'} 到 ${to(match)}。`, `${match.chain}${match.netns ? ` in ${match.netns}` : ''} ${match.kind === 'redirect' ? 'redirects' : 'DNATs'} ${ip}:${port} to ${to(match)}.`, match.evidence);
  if (rules.length) return verdict('contradicted', `抓取显示 ${ip}:${port} 被转到 ${rules.map(to).join('、')}。`, `The captures send ${ip}:${port} to ${rules.map(to).join(', ')}.`, rules.flatMap((n) => n.evidence));
  return verdict('unprovable', `抓取中没有针对 ${ip}:${port} 的 NAT 规则。`, `No NAT rule for ${ip}:${port} in the captures.`);
}

const network = (cidr: string) => cidr.split('/')[0];

function snat({ topology }: ClaimContext, [source, to]: string[]): Verdict {
  const rules = topology.nat.filter((n) => n.kind === 'snat' && n.source !== undefined && network(n.source) === network(source!));
  const match = rules.find((n) => n.to.split(':')[0] === to);
  if (match) return verdict('confirmed', `${match.netns ?? ''} 的 ${match.chain} 把源地址 ${match.source} 改为 ${match.to}。`, `${match.chain}${match.netns ? ` in ${match.netns}` : ''} rewrites source ${match.source} to ${match.to}.`, match.evidence);
  if (rules.length) return verdict('contradicted', `抓取显示来自 ${source} 的包被改成 ${rules.map((n) => n.to).join('、')}。`, `The captures rewrite ${source} to ${rules.map((n) => n.to).join(', ')}.`, rules.flatMap((n) => n.evidence));
  return verdict('unprovable', `抓取中没有源地址为 ${source} 的 SNAT 规则。`, `No SNAT rule for source ${source} in the captures.`);
}

function reachOutside({ topology }: ClaimContext): Verdict {
  for (const rule of topology.nat.filter((n) => n.kind === 'snat' || n.kind === 'masquerade')) {
    const route = topology.routes.find((r) => r.host === rule.host && r.netns === rule.netns && r.destination === 'default');
    if (route) return verdict('confirmed', `${rule.netns ?? rule.host} 有 SNAT（${rule.source ?? '*'} → ${rule.to}）和经 ${route.via ?? route.dev} 的默认路由，虚拟机的包由此出去。`, `${rule.netns ?? rule.host} has SNAT (${rule.source ?? '*'} → ${rule.to}) and a default route via ${route.via ?? route.dev}, the way the VMs' packets leave.`, evidence(rule.evidence, route.evidence));
  }
  return verdict('unprovable', '抓取中没有同时看到 SNAT 规则和路由器的默认路由。', 'The captures do not show both an SNAT rule and the router\'s default route.');
}

function metadataPort({ topology }: ClaimContext, [port]: string[]): Verdict {
  const service = topology.services.find((s) => s.kind === 'metadata' && s.port === Number(port));
  const socket = topology.sockets.find((s) => s.port === Number(port));
  if (service) return verdict('confirmed', `监听 ${port} 的进程 ${service.pid ?? '?'} 是 ${service.process ?? '?'}${service.router_id ? `（router_id=${service.router_id}）` : ''}，即 Neutron 的 metadata 代理，它把请求交给 metadata agent。`, `Process ${service.pid ?? '?'} listening on ${port} is ${service.process ?? '?'}${service.router_id ? ` (router_id=${service.router_id})` : ''}, Neutron's metadata proxy, which hands requests to the metadata agent.`, evidence(socket?.evidence, service.evidence));
  if (socket) return verdict('unprovable', `有进程 ${socket.pid ?? '?'} 监听 ${port}，但抓取看不出它是 metadata 服务。`, `Process ${socket.pid ?? '?'} listens on ${port}, but the captures do not show it is the metadata service.`, socket.evidence);
  return verdict('unprovable', `抓取中没有监听 ${port} 的进程。`, `No captured process listens on ${port}.`);
}

function routed({ topology }: ClaimContext, [x, y]: string[]): Verdict {
  const xs = resolveName(topology, x!);
  const ys = resolveName(topology, y!);
  for (const ns of new Set(topology.routes.map((r) => `${r.host}\u0000${r.netns ?? ''}`))) {
    const routes = topology.routes.filter((r) => `${r.host}\u0000${r.netns ?? ''}` === ns);
    const rx = routes.find((r) => r.dev && xs.includes(r.dev));
    const ry = routes.find((r) => r.dev && ys.includes(r.dev));
    if (rx && ry) return verdict('confirmed', `${rx.netns ?? rx.host} 的路由表同时有经 ${rx.dev}（${rx.destination}）和 ${ry.dev}（${ry.destination}）的路由，两个接口之间由它路由。`, `The routing table of ${rx.netns ?? rx.host} has routes out of both ${rx.dev} (${rx.destination}) and ${ry.dev} (${ry.destination}), so it routes between them.`, evidence(rx.evidence, ry.evidence));
  }
  if (!xs.length || !ys.length) return verdict('unprovable', `抓取中找不到 ${!xs.length ? x : y}。`, `No capture shows ${!xs.length ? x : y}.`);
  return verdict('unprovable', `抓取中没有一个路由表同时经过 ${xs.join('/')} 和 ${ys.join('/')}。`, `No captured routing table uses both ${xs.join('/')} and ${ys.join('/')}.`);
}

function routesTo(context: ClaimContext, [from, x, y, to]: string[]): Verdict {
  const { topology } = context;
  const a = inBridge(context, [x!, from!]);
  const b = inBridge(context, [y!, to!]);
  const r = routed(context, [x!, y!]);
  const all = [a, b, r];
  const ev = evidence(...all.map((v) => v.evidence));
  if (all.every((v) => v.kind === 'confirmed')) {
    return verdict('confirmed', `${a.message.zh}${b.message.zh}${r.message.zh}所以 ${from} 经路由器到达 ${to}。`, `${a.message.en} ${b.message.en} ${r.message.en} So ${from} reaches ${to} through the router.`, ev);
  }
  const bad = all.find((v) => v.kind === 'contradicted');
  if (bad) return { ...bad, evidence: ev };
  void topology;
  return verdict('unprovable', all.filter((v) => v.kind !== 'confirmed').map((v) => v.message.zh).join(''), all.filter((v) => v.kind !== 'confirmed').map((v) => v.message.en).join(' '), ev);
}

function noFlow({ topology, file, line, since }: ClaimContext): Verdict {
  // the flow dumps the claim is about: those of the same guide between the previous claim and this one
  let flows = topology.flows.filter((f) => f.evidence.some((e) => e.file === file && e.line > since && e.line < line));
  if (!flows.length) flows = topology.flows;
  if (!flows.length) return verdict('unprovable', '抓取中没有 ovs-ofctl dump-flows。', 'No ovs-ofctl dump-flows in the captures.');
  const bridges = [...new Set(flows.map((f) => `${f.host}\u0000${f.bridge}`))];
  const busy = bridges.filter((k) => !isPlainSwitch(flows.filter((f) => `${f.host}\u0000${f.bridge}` === k)));
  const names = bridges.map((k) => k.split('\u0000')[1]).join('、');
  const ev = evidence(...flows.map((f) => f.evidence));
  if (!busy.length) return verdict('confirmed', `${names} ${bridges.length > 1 ? '都' : ''}只有一条 actions=NORMAL 的流，相当于普通二层交换机，不做 flow 处理。`, bridges.length > 1 ? `${names.replace(/、/g, ', ')} each have a single actions=NORMAL flow: plain learning switches, no flow processing.` : `${names} has a single actions=NORMAL flow: a plain learning switch, no flow processing.`, ev);
  const busyNames = busy.map((k) => k.split('\u0000')[1]).join('、');
  return verdict('contradicted', `${busyNames} 有 NORMAL 以外的流（多表、匹配或改写），确实在做 flow 处理。`, `${busyNames.replace(/、/g, ', ')} ${busy.length > 1 ? 'have' : 'has'} flows beyond NORMAL (tables, matches or rewrites): they do process flows.`, ev);
}

export const CHECKERS = { veth, inBridge, vmUses, dhcpOn, forward, snat, reachOutside, metadataPort, routed, routesTo, noFlow } satisfies Record<string, (c: ClaimContext, args: string[]) => Verdict>;
