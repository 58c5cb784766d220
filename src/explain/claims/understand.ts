// Reads the claims of one sentence by relation, not by sentence shape: the
// sentence is cut into clauses, each clause's mentions are resolved against
// the topology (mentions.ts) and its relation is told by the words of the
// language module (lexicon/). Each claim carries the checker that judges it;
// a clause with names and no relation the engine knows is not understood.

import type { Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { CHECKERS, type ClaimContext } from '../claim-checkers.js';
import type { Lexicon } from './lexicon/index.js';
import { type Mention, type Thing } from './mentions.js';
import * as check from './checks.js';
import { verdict, type Verdict } from './verdict.js';

export interface Claim {
  family: string;
  /** The mentions the claim consumed (the rest of the clause may be another claim, or not understood). */
  used: Mention[];
  judge(): Verdict;
}

export interface Clause {
  text: string;
  /** The clause lower-cased, with the mentioned names blanked out (so words inside names are not read as words). */
  bare: string;
  mentions: Mention[];
}

export interface Reading {
  topology: Topology;
  lex: Lexicon;
  context: ClaimContext;
  /** The host of the guide section the sentence is in, when known. */
  host?: string;
  /** Subjects the previous clause named ("qvo… 在 br-int 里，tag 是 1"). */
  carried: Mention[];
  /** The addresses the previous clauses named ("默认网关是 X，就是 qr-XXX"). */
  carriedIps?: Extract<Mention, { kind: 'ip' }>[];
}

type NameMention = Extract<Mention, { kind: 'name' }>;
const has = (bare: string, words: string[]) => words.some((w) => bare.includes(w));
const names = (c: Clause) => c.mentions.filter((m): m is NameMention => m.kind === 'name');
const of = <K extends Mention['kind']>(c: Clause, kind: K) => c.mentions.filter((m): m is Extract<Mention, { kind: K }> => m.kind === kind);
const first = <K extends Mention['kind']>(c: Clause, kind: K) => of(c, kind)[0];

/** Narrows things to the host the clause names by role right before them ("网络节点 br-int"), else the one host it names, else the section's host, when that leaves any. */
function placed(r: Reading, c: Clause, things: Thing[], at?: number): Thing[] {
  const hostMentions = of(c, 'host');
  const before = at === undefined ? undefined : hostMentions.filter((h) => h.index < at).pop();
  const candidates = [before?.hosts ?? [], hostMentions.length === 1 ? hostMentions[0]!.hosts : [], r.host ? [r.host] : []];
  for (const hosts of candidates) {
    if (!hosts.length) continue;
    const narrowed = things.filter((t) => hosts.includes(t.host));
    if (narrowed.length) return narrowed;
  }
  return things;
}
const placedM = (r: Reading, c: Clause, m: { things: Thing[]; index: number }) => placed(r, c, m.things, m.index);

const unknownBridge = (m: NameMention) => !m.things.length && /^br-/.test(m.text);
const bridgesOf = (ms: NameMention[]) => ms.filter((m) => m.things.some((t) => t.kind === 'bridge') || unknownBridge(m));
const portsOf = (ms: NameMention[]) => ms.filter((m) => (!m.things.length && !m.placeholder && !unknownBridge(m) && !/^q(?:dhcp|router)-/.test(m.text)) || m.things.some((t) => t.kind !== 'bridge' && t.kind !== 'namespace' && t.kind !== 'host' && t.kind !== 'vm'));
const namespacesOf = (ms: NameMention[]) => ms.filter((m) => m.things.length && m.things.every((t) => t.kind === 'namespace'));

const claim = (family: string, used: Mention[], judge: () => Verdict): Claim => ({ family, used, judge });
const legacy = (r: Reading, name: keyof typeof CHECKERS, args: string[]) => () => CHECKERS[name](r.context, args) as Verdict;

/** Family readers, most specific first: the first that reads the clause wins. */
const READERS: ((r: Reading, c: Clause, sentence: Clause) => Claim[] | undefined)[] = [
  // absence: "不做 flow 处理", "br-tun 里没有 flow 处理", "no router on this network"
  (r, c) => {
    const negated = has(` ${c.bare} `, r.lex.negation);
    if (!negated) return undefined;
    if (has(c.bare, r.lex.relations.flowProcessing)) {
      const bridges = bridgesOf(names(c));
      if (!bridges.length) return [claim('absence', [], legacy(r, 'noFlow', []))];
      return bridges.map((b) => claim('absence', [b], () => check.noFlowOn(r.topology, placed(r, c, b.things.filter((t) => t.kind === 'bridge')), b.text)));
    }
    if (has(c.bare, r.lex.relations.router) && !names(c).length) return [claim('absence', [], () => check.noRouter(r.topology))];
    return undefined;
  },
  // pairing: veth
  (r, c) => {
    const ns = portsOf(names(c));
    if (!has(c.bare, r.lex.relations.veth) || ns.length < 2) return undefined;
    return [claim('veth', ns.slice(0, 2), legacy(r, 'veth', [ns[0]!.text, ns[1]!.text]))];
  },
  // the seed's "X 通过 A, B 路由到 Y" / "X is routed to Y through A and B"
  (r, c) => {
    const ns = names(c);
    if (!has(c.bare, r.lex.relations.routedTo) || ns.length !== 4) return undefined;
    const [a, b, x, y] = ns;
    const args = r.lex.lang === 'zh' ? [a!.text, b!.text, x!.text, y!.text] : [a!.text, x!.text, y!.text, b!.text];
    return [claim('reach', ns, legacy(r, 'routesTo', args))];
  },
  // routed between two interfaces
  (r, c) => {
    const ns = names(c);
    if (!has(c.bare, r.lex.relations.routed) || ns.length !== 2) return undefined;
    return [claim('routes', ns, legacy(r, 'routed', [ns[0]!.text, ns[1]!.text]))];
  },
  // NAT: SNAT
  (r, c) => {
    const ips = of(c, 'ip');
    if (!has(c.bare, r.lex.relations.snatSource) || ips.length < 2) return undefined;
    return [claim('nat', ips, legacy(r, 'snat', [ips[0]!.text, ips[1]!.ip]))];
  },
  // the VM's request to an address through a namespace: where the VM's own route sends it
  (r, c) => {
    const through = names(c).filter((m) => m.things.some((t) => t.kind === 'namespace'));
    const ip = of(c, 'ip')[0];
    if (!first(c, 'vm') || !ip || !through.length || !has(c.bare, r.lex.relations.via)) return undefined;
    return [claim('reach', [...through, ...of(c, 'ip'), ...of(c, 'l4port')], () => check.metadataPath(r.topology, through.flatMap((m) => m.things), through[0]!.text, ip.ip))];
  },
  // NAT: DNAT / REDIRECT of addr:port to addr:port; the VM's metadata request through a namespace
  (r, c) => {
    if (!has(c.bare, r.lex.relations.forwarded)) return undefined;
    const ips = of(c, 'ip').filter((m) => m.port !== undefined);
    if (ips.length >= 2) return [claim('nat', ips, legacy(r, 'forward', [ips[0]!.ip, String(ips[0]!.port), ips[1]!.ip, String(ips[1]!.port)]))];
    const through = names(c).filter((m) => m.things.some((t) => t.kind === 'namespace'));
    
    return undefined;
  },
  (r, c) => (has(c.bare, r.lex.relations.reachOutside) ? [claim('nat', [], legacy(r, 'reachOutside', []))] : undefined),
  // what travels on a wire: VXLAN/GRE between endpoints, UDP port, VNI
  (r, c) => {
    const encap = first(c, 'encap');
    const udp = of(c, 'l4port').find((p) => p.protocol === 'udp');
    const key = first(c, 'key');
    const onWire = has(c.bare, r.lex.relations.onWire) || has(c.bare, r.lex.relations.encapsulated);
    const tunnelWord = has(c.bare, r.lex.relations.tunnel);
    const port = udp ?? (encap || tunnelWord ? of(c, 'l4port')[0] : undefined);
    if (!((encap || tunnelWord) && (port || (onWire && encap) || (key && !first(c, 'table'))) && !has(c.bare, r.lex.relations.change) && !first(c, 'vlan'))) return undefined;
    const ports = names(c).filter((m) => m.things.some((t) => t.kind === 'port'));
    return [claim('wire', [...(encap ? [encap] : []), ...(port ? [port] : []), ...(key ? [key] : []), ...ports, ...of(c, 'ip')], () => check.encapsulation(r.topology, { ...(encap ? { type: encap.encap } : {}), ...(port ? { udp: port.port } : {}), ...(key ? { key: key.key } : {}), ports: ports.flatMap((p) => p.things) }))];
  },
  // VLAN on a wire: "eth1 上的包都带 VLAN 101 的 tag", "frames on eth1 are untagged"
  (r, c) => {
    const onWire = has(c.bare, r.lex.relations.onWire);
    const untagged = has(c.text.toLowerCase(), r.lex.relations.untagged);
    const vlan = first(c, 'vlan');
    const itfs = portsOf(names(c));
    if (!onWire || !itfs.length || (!vlan && !untagged)) return undefined;
    const itf = itfs[0]!;
    return [claim('wire', [itf, ...(vlan ? [vlan] : [])], () => check.wireVlan(r.topology, { itfs: placed(r, c, itf.things), written: itf.text, ...(untagged ? { untagged: true } : vlan ? { vlan: vlan.vlan } : {}) }))];
  },
  // tunnel ends: "vxlan-… 是 VXLAN 隧道，从 A 到 B", "隧道的另一端是 X", "the far end of the tunnel is X"
  (r, c) => {
    const ips = of(c, 'ip');
    const ports = names(c).filter((m) => m.things.some((t) => t.kind === 'port' && r.topology.bridges.some((b) => b.ports.some((p) => p.name === t.name && (p.type === 'gre' || p.type === 'vxlan' || p.type === 'geneve')))));
    const tunnelWords = has(c.bare, r.lex.relations.tunnel) || has(c.bare, r.lex.relations.remoteEnd) || !!first(c, 'encap');
    if (!tunnelWords || (!ips.length && !ports.length) || first(c, 'table') || first(c, 'vlan')) return undefined;
    if (has(c.bare, r.lex.relations.address) && ips.length && !ports.length && !has(c.bare, r.lex.relations.remoteEnd)) return undefined;
    const endpoints = new Set(r.topology.bridges.flatMap((b) => b.ports.flatMap((p) => [p.options?.['local_ip'], p.options?.['remote_ip']])).filter((x): x is string => !!x));
    if (!ports.length && !ips.some((ip) => endpoints.has(ip.ip)) && !has(c.bare, r.lex.relations.remoteEnd)) return undefined;
    const remoteOnly = has(c.bare, r.lex.relations.remoteEnd);
    const tc: check.TunnelClaim = { ports: ports.flatMap((p) => p.things) };
    const encap = first(c, 'encap');
    if (encap) tc.type = encap.encap;
    if (remoteOnly && ips[0]) tc.remote = ips[0].ip;
    else if (ips.length >= 2) Object.assign(tc, { local: ips[0]!.ip, remote: ips[1]!.ip });
    else if (ips[0]) tc.remote = ips[0].ip;
    if (r.host) tc.hosts = [r.host];
    return [claim('pairing', [...ports, ...ips], () => check.tunnel(r.topology, tc))];
  },
  // patch: "patch-tun 和 patch-int 把 br-int 和 br-tun 连在一起", "patch-int and patch-tun are a patch pair"
  (r, c) => {
    const ns = names(c);
    const bridges = bridgesOf(ns).filter((m) => m.things.every((t) => t.kind === 'bridge'));
    const ports = ns.filter((m) => !bridges.includes(m));
    const patchy = has(c.bare, r.lex.relations.patch) || ports.some((p) => /^patch-/.test(p.text));
    const joined = has(c.bare, r.lex.relations.join);
    if (bridges.length >= 2 && (joined || patchy)) {
      const [x, y] = bridges;
      return [claim('pairing', ns, () => check.bridgesJoined(r.topology, placed(r, c, x!.things), placed(r, c, y!.things), x!.text, y!.text))];
    }
    if (ports.length === 2 && patchy && (joined || has(c.bare, r.lex.relations.patch))) {
      const [a, b] = ports;
      return [claim('pairing', ports, () => check.patchPair(r.topology, placed(r, c, a!.things), placed(r, c, b!.things), a!.text, b!.text))];
    }
    return undefined;
  },
  // routes: "VM 的默认网关是 X", "去 169.254.169.254 的路由经过 X，是 DHCP 下发的", "DHCP 给 VM 下发一条去 … 的路由，下一跳是 …"
  (r, c, s) => {
    const ips = of(c, 'ip');
    const dflt = has(c.bare, r.lex.relations.defaultGateway);
    const isRoute = dflt || (has(c.bare, r.lex.relations.route) && !has(c.bare, r.lex.relations.routed));
    if (!isRoute || !ips.length) return undefined;
    const byDhcp = has(s.bare, r.lex.relations.handedOut) || (has(s.bare, ['dhcp']) && has(s.bare, r.lex.relations.handedOut.concat(['下发', 'dhcp'])) && !!first(s, 'service'));
    const destination = dflt ? 'default' : ips[0]!.text;
    const via = dflt ? ips[0]!.ip : ips[1]?.ip ?? of(s, 'ip').find((m) => m.ip !== ips[0]!.ip)?.ip;
    const where = namespacesOf(names(c))[0];
    const view = check.guestView(r.topology);
    const space = where ? { host: where.things[0]!.host, netns: where.things[0]!.name, written: where.text } : view ? { host: view.host, ...(view.netns ? { netns: view.netns } : {}), written: 'VM' } : undefined;
    return [claim('route', [...ips, ...(where ? [where] : [])], () => check.route(r.topology, space, destination, via, byDhcp && has(s.bare, ['dhcp'])))];
  },
  // DNS server of the VM
  (r, c) => {
    const ip = first(c, 'ip');
    if (!ip || !has(c.bare, r.lex.relations.dnsServer)) return undefined;
    return [claim('service', [ip], () => check.dnsServer(r.topology, ip.ip))];
  },
  // services: DHCP on an interface / answered by an address; DNS/metadata on a port; a service in a namespace
  (r, c) => {
    const service = first(c, 'service');
    const port = of(c, 'l4port')[0];
    const ip = first(c, 'ip');
    const process = first(c, 'process');
    const itfs = portsOf(names(c));
    const spaces = namespacesOf(names(c));
    if (!service && !(process && port)) return undefined;
    const kind = service?.service;
    if (port && (kind === 'metadata' || /metadata|元数据/i.test(c.text)) && !spaces.length && !ip) return [claim('service', [port], legacy(r, 'metadataPort', [String(port.port)]))];
    if (port) return [claim('service', [port, ...(ip ? [ip] : []), ...spaces], () => check.listener(r.topology, { port: port.port, ...(ip ? { ip: ip.ip } : {}), ...(process ? { process: process.process } : {}), ...(spaces.length ? { netns: spaces.flatMap((m) => m.things) } : {}), ...(kind ? { service: kind } : {}) }))];
    if (kind === 'dhcp' && itfs.length && !ip) return itfs.map((m) => claim('service', [m], legacy(r, 'dhcpOn', [m.text])));
    if (kind === 'dhcp' && ip && has(c.bare, r.lex.relations.answer)) return [claim('service', [ip], () => check.dhcpAnsweredBy(r.topology, ip.ip))];
    if (kind && spaces.length) return [claim('service', spaces, () => check.serviceIn(r.topology, kind, placed(r, c, spaces.flatMap((m) => m.things)), spaces[0]!.text))];
    if (kind === 'metadata' && (itfs.length || r.carried.length)) {
      const on = itfs[0] ?? (r.carried.find((m) => m.kind === 'name') as NameMention | undefined);
      if (!on) return undefined;
      const found = check.interfacesOf(r.topology, on.things);
      const itf = found.find((i) => i.netns) ?? found[0];
      const netns = itf?.netns ? r.topology.namespaces.filter((n) => n.name === itf.netns).map((n): Thing => ({ kind: 'namespace', host: n.host, name: n.name })) : [];
      return [claim('service', itfs, () => (netns.length ? check.listener(r.topology, { port: 80, netns, service: 'metadata' }) : verdict('unprovable', msg('claim:service-not-captured', { service: 'metadata', capture: 'netstat -tunlp' }))))];
    }
    return undefined;
  },
  // flow behaviour: what a bridge does to a VLAN id or tunnel key, where it sends, what it drops, which tables
  (r, c) => {
    const words = r.lex.relations;
    const tables = of(c, 'table');
    const changes = has(c.bare, words.change) || has(c.bare, words.stripVlan) || has(c.bare, words.drop) || has(c.bare, words.sendBack);
    const enters = has(c.bare, words.enter) && (of(c, 'vlan').length > 0 || tables.length > 0 || has(c.bare, ['包', 'packet', 'frame']));
    if (!(changes || tables.length || (enters && of(c, 'vlan').length))) return undefined;
    if (!changes && !tables.length && !enters) return undefined;
    const ns = names(c);
    const text = c.text;
    const enterAt = (m: Mention) => /(?:从|from|by|via)\s*$/i.test(text.slice(Math.max(0, m.index - 6), m.index)) && (has(text.slice(m.index, m.index + m.text.length + 12).toLowerCase(), words.enter) || r.lex.lang === 'en');
    const inPort = ns.find((m) => enterAt(m) && !m.things.every((t) => t.kind === 'bridge'));
    const inType = !inPort ? (/(?:从|from)\s*(vxlan|gre)\s*(?:端口|port)/i.exec(text)?.[1]?.toLowerCase()) : undefined;
    const bridge = bridgesOf(ns).find((m) => m !== inPort && m.things.some((t) => t.kind === 'bridge'));
    const changeIdx = Math.min(...[...words.change, ...words.setKey, ...words.stripVlan].map((w) => c.bare.indexOf(w)).filter((i) => i >= 0), Infinity);
    const vlans = of(c, 'vlan');
    const before = vlans.filter((v) => v.index + v.text.length <= changeIdx);
    const after = vlans.filter((v) => v.index + v.text.length > changeIdx);
    const keys = of(c, 'key');
    const strip = has(c.bare, words.stripVlan);
    const drop = has(c.bare, words.drop);
    const outPort = ns.find((m) => m !== inPort && m !== bridge && /(?:从|out of|out by|to)\s*$/i.test(text.slice(Math.max(0, m.index - 8), m.index)) && !enterAt(m));
    const back = has(c.bare, words.sendBack) ? bridgesOf(ns).find((m) => m !== bridge) ?? bridge : undefined;
    const fc: check.FlowClaim = {
      bridges: bridge && bridge !== back ? placed(r, c, bridge.things) : [],
      expect: {},
      ...(r.host || of(c, 'host').length ? { hosts: of(c, 'host').length ? of(c, 'host').flatMap((h) => h.hosts) : [r.host!] } : {}),
    };
    if (inPort) Object.assign(fc, { inPort: placed(r, c, inPort.things), inPortWritten: inPort.text });
    if (inType) fc.inPortType = inType;
    const firstField = Math.min(...[...of(c, 'vlan'), ...of(c, 'key')].map((m) => m.index), Infinity);
    const startTable = !inPort && !inType ? tables.find((t) => t.index < firstField) : undefined;
    if (startTable) fc.table = startTable.table;
    const tablesExpected = tables.filter((t) => t !== startTable).map((t) => t.table);
    if (tablesExpected.length) fc.expect.tables = tablesExpected;
    if (before[0]) fc.vlan = before[0].vlan;
    else if (/其它|其他|other|any other|else/i.test(text) && drop) fc.vlan = 'other';
    const keyBefore = keys.find((k) => k.index < changeIdx);
    const keyAfter = keys.find((k) => k.index > changeIdx);
    if (keyBefore && !keyAfter) fc.key = keyBefore.key;
    if (keyAfter) fc.expect.key = keyAfter.key;
    if (drop) fc.expect.drop = true;
    if (after[0]) fc.expect.vlan = after[0].vlan;
    if (strip) fc.expect.vlan = null;
    if (outPort) Object.assign(fc.expect, { outPort: placed(r, c, outPort.things), outWritten: outPort.text });
    if (back) fc.expect.toBridge = placed(r, c, back.things);
    if (/单播|unicast/i.test(text) && !/广播|broadcast/i.test(text)) fc.dlDst = 'unicast';
    if (/广播|broadcast/i.test(text) && !/单播|unicast/i.test(text)) fc.dlDst = 'broadcast';
    if (!fc.bridges.length && !fc.inPort && !fc.inPortType && !fc.expect.outPort && fc.table === undefined) return undefined;
    return [claim('flow', c.mentions, () => check.flowBehaviour(r.topology, fc))];
  },
  // the VM uses an interface
  (r, c) => {
    const ns = portsOf(names(c));
    if (!first(c, 'vm') || !has(c.bare, r.lex.relations.uses) || !ns.length) return undefined;
    return ns.map((m) => claim('membership', [m], legacy(r, 'vmUses', [m.text])));
  },
  // addresses and MACs on an interface (or the VM's NIC)
  (r, c) => {
    const apposition = has(c.bare, r.lex.relations.isAlso) && !of(c, 'ip').length ? r.carriedIps?.slice(-1)[0] : undefined;
    const ip = of(c, 'ip').find((m) => m.port === undefined) ?? apposition;
    const mac = first(c, 'mac');
    const ns = names(c);
    const vm = first(c, 'vm');
    const subject = ns.find((m) => !m.things.every((t) => t.kind === 'namespace')) ?? (r.carried.find((m) => m.kind === 'name') as NameMention | undefined);
    const addressWords = has(c.bare, r.lex.relations.address) || has(c.bare, r.lex.relations.isAlso) || (ip?.prefix !== undefined);
    if (!(ip || mac) || !(subject || vm) || (!addressWords && !mac && !has(c.bare, r.lex.relations.member))) return undefined;
    const view = vm ? check.guestView(r.topology) : undefined;
    const itfs = subject ? check.interfacesOf(r.topology, placed(r, c, subject.things).flatMap((t) => (t.kind === 'bridge' ? [{ ...t, kind: 'interface' as const }] : [t]))).filter((i) => !view || (i.host === view.host && (i.netns ?? '') === (view.netns ?? ''))) : view ? [view.itf] : [];
    const written = subject?.text ?? 'VM';
    const out: Claim[] = [];
    if (ip) out.push(claim('address', [ip, ...(subject ? [subject] : [])], () => check.address(r.topology, itfs, written, ip.ip, ip.prefix)));
    if (mac) out.push(claim('address', [mac], () => check.mac(r.topology, itfs, written, mac.mac, vm ? r.topology.vms.flatMap((v) => v.interfaces.map((n) => n.mac?.toLowerCase() ?? '')).filter(Boolean) : [])));
    return out;
  },
  // a bridge's role
  (r, c) => {
    const bridges = bridgesOf(names(c));
    if (bridges.length !== 1) return undefined;
    const role = (Object.entries(r.lex.bridgeRoles) as [check.BridgeRole, string[]][]).find(([, ws]) => has(c.text.toLowerCase(), ws))?.[0];
    if (!role) return undefined;
    return [claim('role', bridges, () => check.role(r.topology, placed(r, c, bridges[0]!.things), bridges[0]!.text, role))];
  },
  // VLAN tags: of ports ("qvo… 的 tag 是 1", carried from the clause before), or of a bridge's ports ("网络节点 br-int 里的 VLAN 也是 1")
  (r, c) => {
    const vlan = first(c, 'vlan');
    if (!vlan) return undefined;
    const ns = names(c);
    let ports = portsOf(ns);
    const bridges = bridgesOf(ns).filter((m) => m.things.every((t) => t.kind === 'bridge'));
    if (!ports.length && !bridges.length) ports = r.carried.filter((m): m is NameMention => m.kind === 'name' && portsOf([m as NameMention]).length > 0);
    const nic = (p: NameMention) => /^(?:eth|ens|enp|eno|em|bond)\d/.test(p.text) && !r.topology.bridges.some((b) => b.ports.some((q) => q.name === p.text && q.tag !== undefined));
    if (ports.length) return ports.map((p) => claim(nic(p) ? 'wire' : 'tag', [p, vlan], () => (nic(p) ? check.wireVlan(r.topology, { itfs: p.things, written: p.text, vlan: vlan.vlan }) : check.portTag(r.topology, placedM(r, c, p), p.text, vlan.vlan))));
    if (bridges.length) return [claim('tag', [bridges[0]!, vlan], () => check.bridgeVlan(r.topology, placedM(r, c, bridges[0]!), bridges[0]!.text, vlan.vlan))];
    return undefined;
  },
  // reachability through named hops: "X 经 A、B 连到 Y", "X reaches Y through A and B", "计算节点和网络节点通过 br-eth1、eth1 连到一起"
  (r, c) => {
    const words = r.lex.relations;
    if (!has(c.bare, words.reach) && !(has(c.bare, words.via) && has(c.bare, words.join))) return undefined;
    const ends = c.mentions.filter((m): m is NameMention | Extract<Mention, { kind: 'host' }> => m.kind === 'name' || m.kind === 'host');
    if (ends.length < 2) return undefined;
    const hostThings = (h: Extract<Mention, { kind: 'host' }>): Thing[] => h.hosts.map((name) => ({ kind: 'host', host: name, name }));
    const chainOf = (list: typeof ends) => list.map((m) => ({ written: m.text, things: m.kind === 'host' ? hostThings(m) : m.things }));
    const viaIdx = Math.min(...words.via.map((w) => c.bare.indexOf(w)).filter((i) => i >= 0), Infinity);
    const reachIdx = Math.min(...[...words.reach, ...words.join].map((w) => c.bare.indexOf(w)).filter((i) => i >= 0), Infinity);
    // order: from, hops (after the "via" word), to (after the "reach" word); two hosts joined "through" hops: host A, hops both sides, host B
    const before = ends.filter((m) => m.index < Math.min(viaIdx, reachIdx));
    const hops = ends.filter((m) => m.index > viaIdx && (m.index < reachIdx || reachIdx < viaIdx));
    const after = ends.filter((m) => m.index > reachIdx && !hops.includes(m));
    let chain = [...before.slice(0, 1), ...hops, ...after, ...before.slice(1)];
    if (before.length === 2 && before.every((m) => m.kind === 'host') && hops.length) {
      const [a, b] = before as Extract<Mention, { kind: 'host' }>[];
      const side = (h: Extract<Mention, { kind: 'host' }>) => hops.map((m) => ({ written: m.text, things: m.kind === 'name' ? m.things.filter((t) => h.hosts.includes(t.host)) : hostThings(m as Extract<Mention, { kind: 'host' }>) }));
      const full = [{ written: a!.text, things: hostThings(a!) }, ...side(a!), ...side(b!).reverse(), { written: b!.text, things: hostThings(b!) }];
      return [claim('reach', ends, () => check.reach(r.topology, full))];
    }
    if (chain.length < 2) chain = ends;
    return [claim('reach', ends, () => check.reach(r.topology, chainOf(chain)))];
  },
  // membership: a port on a bridge, an interface in a namespace
  (r, c) => {
    const ns = names(c);
    if (!has(` ${c.bare} `, r.lex.relations.member) && !/[里中上内]/.test(c.bare)) return undefined;
    const containers = ns.filter((m) => (m.things.length && m.things.every((t) => t.kind === 'bridge' || t.kind === 'namespace')) || unknownBridge(m));
    const container = containers[containers.length - 1] ?? bridgesOf(ns).slice(-1)[0];
    if (!container) return undefined;
    const members = ns.filter((m) => !containers.includes(m) && m !== container && !m.things.every((t) => t.kind === 'host') || (m.things.length === 0 && !containers.includes(m) && m !== container));
    if (!members.length) return undefined;
    const containerOf = (m: NameMention) => containers.find((x) => x.index > m.index) ?? container;
    return members.map((m) => {
      const box = containerOf(m);
      if (box.things.every((t) => t.kind === 'namespace')) return claim('membership', [m, box], () => check.inNamespace(r.topology, placedM(r, c, m), m.text, box.things));
      return claim('membership', [m, box], legacy(r, 'inBridge', [m.text, box.text]));
    });
  },
];

export function readClause(r: Reading, c: Clause, sentence: Clause): Claim[] {
  for (const reader of READERS) {
    const claims = reader(r, c, sentence);
    if (claims?.length) return claims;
  }
  return [];
}
