// Joins the parsed captures of a guide or bundle into one Topology: every
// command adds what it proves (interfaces, bridges, links, NAT, services …)
// with the lines that prove it. Facts about the same thing from different
// commands are merged; links only the naming convention suggests, and wires
// between hosts (physical-wires.ts), are marked `likely` with the reason.

import { isCaptureOf } from '../captures/registry.js';
import { parseCommandLine } from '../captures/command-line.js';
import type { Evidence } from '../captures/types.js';
import type { SourcedCapture, Sources } from './sources.js';
import type {
  Bilingual, Bridge, Endpoint, EvidenceRef, Flow, Host, Interface, Namespace, NatRule, Route, Service, Socket, Topology, Vm,
} from './model.js';
import { inferLinks } from './infer-links.js';
import { inferPhysicalWires } from './physical-wires.js';
import { checkConsistency } from './consistency.js';
import { endpointKey } from './refs.js';

/** The address Neutron's metadata proxies answer on (EC2's link-local metadata address). */
const METADATA_IP = '169.254.169.254';

export function buildTopology(sources: Sources): Topology {
  const topology: Topology = {
    sources: sources.paths,
    hosts: [], namespaces: [], interfaces: [], bridges: [], links: [], nat: [], services: [], vms: [],
    routes: [], sockets: [], flows: [], explanations: [], walks: [], findings: [],
    coverage: { lines: 0, fact: 0, header: 0, blank: 0, noise: 0, unparsed: 0 },
    unparsed: [],
  };
  const joiner = new Joiner(topology);
  for (const capture of sources.captures) joiner.add(capture);
  joiner.finish();
  inferLinks(topology);
  inferPhysicalWires(topology);
  checkConsistency(topology, sources);
  return topology;
}


class Joiner {
  private readonly interfaces = new Map<string, Interface>();
  private readonly processes: { capture: SourcedCapture; pid: number; role: unknown; evidence: EvidenceRef[]; argv: string[] }[] = [];
  private readonly hosts = new Map<string, Host>();

  constructor(private readonly topology: Topology) {}

  add(capture: SourcedCapture): void {
    const { result, host } = capture;
    const netns = result.netns;
    const ev = (e: Evidence | undefined): EvidenceRef[] =>
      e ? [{ file: capture.file, line: e.line + capture.lineOffset, ...(e.endLine ? { endLine: e.endLine + capture.lineOffset } : {}), command: capture.command }] : [];
    this.host(host, ev(result.records.length > 0 ? { line: 1 } : undefined));
    this.count(capture);

    if (isCaptureOf(result, 'ip-link') || isCaptureOf(result, 'ip-addr')) {
      for (const r of result.records) {
        const itf = this.iface({ host, netns, name: r.name }, ev(r.evidence));
        itf.ifindex ??= r.ifindex;
        itf.mtu ??= r.mtu;
        itf.state ??= r.state;
        itf.flags ??= r.flags;
        if (r.master) itf.master ??= r.master;
        if (r.linkLayer?.address) itf.mac ??= r.linkLayer.address;
        if (r.kind?.name) itf.kind ??= r.kind.name;
        if (r.linkedTo) (itf as Interface & { peerRef?: unknown }).peerRef ??= r.linkedTo;
        const netnsId = r.linkLayer?.linkNetnsId;
        if (netnsId !== undefined) (itf as Interface & { peerNetnsId?: unknown }).peerNetnsId = netnsId;
        for (const a of r.addresses) {
          const cidr = a.prefixLength !== undefined ? `${a.address}/${a.prefixLength}` : a.address;
          if (!itf.addresses.some((x) => x.cidr === cidr)) {
            itf.addresses.push({ family: a.family === 'inet6' ? 'inet6' : 'inet', cidr, ...(a.scope ? { scope: a.scope } : {}), evidence: ev(a.evidence) });
          }
        }
      }
    } else if (isCaptureOf(result, 'ip-brief')) {
      for (const r of result.records) {
        const itf = this.iface({ host, netns, name: r.name }, ev(r.evidence));
        if (r.state) itf.state ??= r.state;
        for (const a of r.addresses ?? []) {
          if (!itf.addresses.some((x) => x.cidr === a.cidr)) itf.addresses.push({ family: a.cidr.includes(':') ? 'inet6' : 'inet', cidr: a.cidr, evidence: ev(r.evidence) });
        }
      }
    } else if (isCaptureOf(result, 'ip-netns')) {
      for (const r of result.records) this.namespace(host, r.name, ev(r.evidence), r.id);
    } else if (isCaptureOf(result, 'ip-route')) {
      for (const r of result.records) {
        const route: Route = { host, ...(netns ? { netns } : {}), destination: r.destination, evidence: ev(r.evidence) };
        if (r.via) route.via = r.via;
        if (r.dev) route.dev = r.dev;
        if (r.src) route.src = r.src;
        if (r.proto) route.proto = r.proto;
        if (r.scope) route.scope = r.scope;
        if (r.metric !== undefined) route.metric = r.metric;
        this.topology.routes.push(route);
      }
    } else if (isCaptureOf(result, 'brctl-show')) {
      for (const r of result.records) {
        const bridge = this.bridge(host, netns, r.bridge, 'linux', ev(r.evidence));
        for (const m of r.interfaces) {
          if (!bridge.ports.some((p) => p.name === m.name)) bridge.ports.push({ name: m.name, evidence: ev(m.evidence) });
        }
      }
    } else if (isCaptureOf(result, 'bridge-link')) {
      for (const r of result.records as { name?: string; master?: string; evidence: Evidence }[]) {
        if (!r.name || !r.master) continue;
        const bridge = this.bridge(host, netns, r.master, 'linux', []);
        if (!bridge.ports.some((p) => p.name === r.name)) bridge.ports.push({ name: r.name, evidence: ev(r.evidence) });
      }
    } else if (isCaptureOf(result, 'ethtool-stats')) {
      for (const r of result.records) {
        const name = r.interface ?? ethtoolInterface(capture.command);
        if (!name || r.peerIfindex === undefined) continue;
        const itf = this.iface({ host, netns, name }, []);
        (itf as Interface & { peerIfindex?: { index: number; evidence: EvidenceRef[] } }).peerIfindex = {
          index: r.peerIfindex,
          evidence: ev(r.peerIfindexEvidence ?? r.evidence),
        };
      }
    } else if (isCaptureOf(result, 'ovs-vsctl-show')) {
      for (const show of result.records) {
        for (const b of show.bridges) {
          const bridge = this.bridge(host, netns, b.name, 'ovs', ev(b.evidence));
          for (const p of b.ports) {
            const first = p.interfaces[0];
            const port = bridge.ports.find((x) => x.name === p.name) ?? { name: p.name, evidence: ev(p.evidence) };
            if (p.tag !== undefined) port.tag = p.tag;
            if (p.trunks) port.trunks = p.trunks;
            if (first?.type) port.type = first.type;
            if (first && Object.keys(first.options).length > 0) port.options = { ...first.options };
            if (!bridge.ports.includes(port)) bridge.ports.push(port);
            for (const i of p.interfaces) {
              const itf = this.iface({ host, name: i.name }, ev(i.evidence));
              if (i.type) itf.kind ??= i.type;
            }
          }
        }
      }
    } else if (isCaptureOf(result, 'ovs-ofctl-show')) {
      // OpenFlow port numbers, so flows that name ports by number can be read.
      const name = ofctlBridge(capture.command, 'show');
      if (name) {
        for (const r of result.records) if (r.kind === 'port') this.ofport(host, netns, name, r.name, r.number, ev(r.evidence));
      }
    } else if (isCaptureOf(result, 'ovs-appctl-dpif-show')) {
      for (const r of result.records) if (r.kind === 'port') this.ofport(host, netns, r.bridge, r.name, r.ofport, ev(r.evidence));
    } else if (isCaptureOf(result, 'ovs-ofctl-dump-flows')) {
      const bridge = ofctlBridge(capture.command, 'dump-flows') ?? '?';
      for (const f of result.records) {
        const flow: Flow = {
          host, bridge, table: f.table, priority: f.priority,
          match: Object.fromEntries(f.match.map((m) => [m.name, m.mask ? `${m.value ?? ''}/${m.mask}` : (m.value ?? '')])),
          actions: f.actions.map((a) => ({ ...(a as unknown as Record<string, unknown>), type: (a as { type: string }).type, text: (a as { text: string }).text })),
          text: f.text,
          evidence: ev(f.evidence),
        };
        if (f.cookie) flow.cookie = f.cookie;
        if (f.nPackets !== undefined) flow.n_packets = f.nPackets;
        if (f.inPort) flow.match.in_port = f.inPort.name ?? String(f.inPort.number ?? f.inPort.reserved ?? '');
        if (f.protocol) flow.match[f.protocol] = '';
        this.topology.flows.push(flow);
      }
    } else if (isCaptureOf(result, 'virsh-list')) {
      for (const d of result.records) {
        const vm = this.vm(host, d.name, ev(d.evidence));
        if (d.id !== null) vm.id = String(d.id);
        vm.state = d.state;
      }
    } else if (isCaptureOf(result, 'virsh-dumpxml')) {
      for (const r of result.records) {
        if (r.kind === 'domain') {
          if (!r.name) continue;
          const vm = this.vm(host, r.name, ev(r.evidence));
          if (r.uuid) vm.uuid = r.uuid;
          for (const i of r.interfaces) {
            if (i.targetDev && !vm.interfaces.some((x) => x.tap === i.targetDev)) {
              vm.interfaces.push({ tap: i.targetDev, ...(i.mac ? { mac: i.mac } : {}), ...(i.sourceBridge ? { bridge: i.sourceBridge } : {}) });
              this.vmTapEvidence.set(`${host}\u0000${i.targetDev}`, ev(i.evidence));
            }
          }
        } else if (r.element === 'target' && r.attributes.dev && r.domain) {
          const vm = this.vm(host, r.domain, ev(r.evidence));
          if (!vm.interfaces.some((x) => x.tap === r.attributes.dev)) vm.interfaces.push({ tap: r.attributes.dev });
          this.vmTapEvidence.set(`${host}\u0000${r.attributes.dev}`, ev(r.evidence));
        }
      }
    } else if (isCaptureOf(result, 'ps-ef')) {
      for (const p of result.records) {
        if (p.role) this.processes.push({ capture, pid: p.pid, role: p.role, evidence: ev(p.evidence), argv: p.argv });
      }
    } else if (isCaptureOf(result, 'netstat-tunlp')) {
      for (const s of result.records) {
        const socket: Socket = {
          host, ...(netns ? { netns } : {}), protocol: s.proto, local: s.local.address, port: Number(s.local.port),
          ...(s.state ? { state: s.state } : {}), ...(s.pid !== undefined ? { pid: s.pid } : {}), ...(s.program ? { process: s.program } : {}),
          evidence: ev(s.evidence),
        };
        this.topology.sockets.push(socket);
      }
    } else if (isCaptureOf(result, 'ss-tunlp')) {
      for (const s of result.records) {
        const owner = s.processes[0];
        this.topology.sockets.push({
          host, ...(netns ? { netns } : {}), protocol: s.netid, local: s.local.address, port: Number(s.local.port), state: s.state,
          ...(owner ? { pid: owner.pid, process: owner.name } : {}), evidence: ev(s.evidence),
        });
      }
    } else if (isCaptureOf(result, 'iptables')) {
      for (const r of result.records) {
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
        // The same rule read from `iptables -t nat -S` and from `iptables-save`: one rule, both lines as evidence.
        const same = this.topology.nat.find((n) =>
          n.host === rule.host && n.netns === rule.netns && n.kind === rule.kind && n.chain === rule.chain && n.to === rule.to &&
          n.source === rule.source && n.destination === rule.destination && n.port === rule.port &&
          n.in_interface === rule.in_interface && n.out_interface === rule.out_interface);
        if (same) same.evidence.push(...rule.evidence);
        else this.topology.nat.push(rule);
      }
    }
    if (netns) this.namespace(host, netns, [], undefined, false);
  }

  private readonly vmTapEvidence = new Map<string, EvidenceRef[]>();

  finish(): void {
    this.topology.interfaces = [...this.interfaces.values()];
    this.topology.hosts = [...this.hosts.values()];
    // VM ↔ tap links
    for (const vm of this.topology.vms) {
      for (const i of vm.interfaces) {
        this.topology.links.push({
          kind: 'vm', a: { host: vm.host, name: vm.name }, b: { host: vm.host, name: i.tap }, certainty: 'confirmed',
          evidence: [...vm.evidence.slice(0, 1), ...(this.vmTapEvidence.get(`${vm.host}\u0000${i.tap}`) ?? [])],
        });
      }
    }
    this.services();
  }

  /** dnsmasq and metadata proxies, placed in the namespace that holds their interface or socket. */
  private services(): void {
    for (const p of this.processes) {
      const role = p.role as { kind: string; interfaces?: string[]; dhcpRanges?: { raw: string; start: string; mode?: string; lease?: string }[]; networkId?: string; routerId?: string; metadataPort?: number; port?: number; implementation?: string };
      const host = p.capture.host;
      const socket = this.topology.sockets.find((s) => s.host === host && s.pid === p.pid);
      if (role.kind === 'dnsmasq') {
        const name = role.interfaces?.[0];
        // The interface inside a namespace (qdhcp-…) wins over its OVS port record in the root namespace.
        const candidates = name ? this.topology.interfaces.filter((i) => i.host === host && i.name === name) : [];
        const itf = candidates.find((i) => i.netns) ?? candidates[0];
        const service: Service = { kind: 'dhcp', host, pid: p.pid, process: 'dnsmasq', evidence: p.evidence };
        if (itf?.netns) service.netns = itf.netns;
        if (name) service.interface = name;
        if (role.dhcpRanges?.length) service.ranges = role.dhcpRanges.map((r) => r.raw);
        if (role.networkId) service.network_id = role.networkId;
        // no interface capture inside the namespace: its own socket there places it, else its network id (likely)
        if (!service.netns && socket?.netns) service.netns = socket.netns;
        if (!service.netns && !socket) this.placeByOwner(service, { networkId: role.networkId });
        this.topology.services.push(service);
      } else if (role.kind === 'metadata-proxy' || (role.kind === 'http-server' && socket)) {
        const service: Service = { kind: 'metadata', host, pid: p.pid, process: role.implementation ?? p.argv[0] ?? role.kind, evidence: [...p.evidence, ...(socket?.evidence ?? [])] };
        const port = role.metadataPort ?? role.port ?? socket?.port;
        if (port !== undefined) service.port = port;
        if (socket?.netns) service.netns = socket.netns;
        if (role.routerId) service.router_id = role.routerId;
        if (role.networkId) service.network_id = role.networkId;
        if (!service.netns && !socket) this.placeByOwner(service, { routerId: role.routerId, networkId: role.networkId, resourceId: (role as { resourceId?: string }).resourceId });
        if (!service.router_id && service.netns?.startsWith('qrouter-')) service.router_id = service.netns.slice('qrouter-'.length);
        // isolated metadata: the proxy in qdhcp-<network> serves that network, on the port holding 169.254.169.254
        if (!service.network_id && service.netns?.startsWith('qdhcp-')) service.network_id = service.netns.slice('qdhcp-'.length);
        const holder = service.netns ? this.topology.interfaces.find((i) => i.host === host && i.netns === service.netns && i.addresses.some((a) => a.cidr.split('/')[0] === METADATA_IP)) : undefined;
        if (holder) service.interface = holder.name;
        this.topology.services.push(service);
      }
    }
  }

  /**
   * A service no socket or interface capture places: its command line names the
   * router or network it serves (`--router_id=R`, `--network_id=N`, a UUID in
   * haproxy's config path), and Neutron runs it in that router's or network's
   * namespace (qrouter-R / qdhcp-N). When such a namespace is in the captures
   * of the same host, place it there as `likely`, saying why.
   */
  private placeByOwner(service: Service, ids: { routerId?: string | undefined; networkId?: string | undefined; resourceId?: string | undefined }): void {
    const candidates: { prefix: string; id: string; option: string; what: Bilingual }[] = [];
    if (ids.routerId) candidates.push({ prefix: 'qrouter-', id: ids.routerId, option: '--router_id', what: { zh: '路由器', en: 'router' } });
    if (ids.networkId) candidates.push({ prefix: 'qdhcp-', id: ids.networkId, option: '--network_id', what: { zh: '网络', en: 'network' } });
    if (ids.resourceId) {
      candidates.push({ prefix: 'qrouter-', id: ids.resourceId, option: 'the UUID in its command line', what: { zh: '路由器', en: 'router' } });
      candidates.push({ prefix: 'qdhcp-', id: ids.resourceId, option: 'the UUID in its command line', what: { zh: '网络', en: 'network' } });
    }
    for (const c of candidates) {
      const ns = this.topology.namespaces.find((n) => n.host === service.host && n.name === `${c.prefix}${c.id}`);
      if (!ns) continue;
      const named = c.option.startsWith('--') ? { zh: `它的 ${c.option} `, en: `its ${c.option}` } : { zh: '它命令行中的 UUID', en: c.option };
      const listening = service.kind === 'dhcp'
        ? { zh: '抓取中看不到它的接口在那里', en: 'no capture shows its interface there' }
        : { zh: '抓取中没有套接字显示它在那里监听', en: 'no socket capture shows it listening there' };
      service.netns = ns.name;
      service.evidence = [...service.evidence, ...ns.evidence.slice(0, 1)];
      service.certainty = 'likely';
      service.reason = {
        zh: `${named.zh}指明了${c.what.zh}，它的命名空间是 ${ns.name}；${listening.zh}`,
        en: `${named.en} names the ${c.what.en} whose namespace is ${ns.name}; ${listening.en}`,
      };
      return;
    }
  }

  private count(capture: SourcedCapture): void {
    const c = this.topology.coverage;
    for (const role of capture.result.lineRoles) {
      c.lines++;
      c[role]++;
    }
    for (const u of capture.result.unparsed) {
      this.topology.unparsed.push({ file: capture.file, line: u.line + capture.lineOffset, text: u.text, reason: u.reason });
    }
  }

  private host(name: string, evidence: EvidenceRef[]): Host {
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, evidence: [] };
      const role = /^(compute|network|controller|allinone|storage)/.exec(name)?.[1];
      if (role) host.role = role;
      this.hosts.set(name, host);
    }
    if (host.evidence.length === 0) host.evidence.push(...evidence);
    return host;
  }

  private iface(e: Endpoint, evidence: EvidenceRef[]): Interface {
    const key = endpointKey(e);
    let itf = this.interfaces.get(key);
    if (!itf) {
      itf = { host: e.host, ...(e.netns ? { netns: e.netns } : {}), name: e.name, addresses: [], evidence: [] };
      this.interfaces.set(key, itf);
    }
    itf.evidence.push(...evidence);
    return itf;
  }

  private namespace(host: string, name: string, evidence: EvidenceRef[], id?: number, listed = true): void {
    let ns = this.topology.namespaces.find((n) => n.host === host && n.name === name);
    if (!ns) {
      ns = { host, name, evidence: [] };
      const m = /^(qrouter|qdhcp|snat|fip|qlbaas|qosaas)-(.+)$/.exec(name);
      if (m) {
        ns.role = ({ qrouter: 'router', qdhcp: 'dhcp', snat: 'snat', fip: 'floating-ip', qlbaas: 'load-balancer', qosaas: 'qos' } as Record<string, string>)[m[1]!]!;
        ns.owner_id = m[2]!;
      }
      (ns as Namespace & { listed?: boolean }).listed = false;
      this.topology.namespaces.push(ns);
    }
    if (listed) (ns as Namespace & { listed?: boolean }).listed = true;
    if (id !== undefined) ns.id = id;
    ns.evidence.push(...evidence);
  }

  private bridge(host: string, netns: string | undefined, name: string, kind: 'ovs' | 'linux', evidence: EvidenceRef[]): Bridge {
    let bridge = this.topology.bridges.find((b) => b.host === host && b.name === name && b.kind === kind);
    if (!bridge) {
      bridge = { host, ...(netns ? { netns } : {}), name, kind, ports: [], evidence: [] };
      this.topology.bridges.push(bridge);
    }
    bridge.evidence.push(...evidence);
    return bridge;
  }

  /** Port `port` of OVS bridge `bridgeName` has OpenFlow number `number` (the line saying so joins its evidence). */
  private ofport(host: string, netns: string | undefined, bridgeName: string, port: string, number: number, evidence: EvidenceRef[]): void {
    const bridge = this.bridge(host, netns, bridgeName, 'ovs', []);
    let found = bridge.ports.find((p) => p.name === port);
    if (!found) bridge.ports.push((found = { name: port, evidence: [] }));
    found.ofport = number;
    found.evidence.push(...evidence);
  }

  private vm(host: string, name: string, evidence: EvidenceRef[]): Vm {
    let vm = this.topology.vms.find((v) => v.host === host && v.name === name);
    if (!vm) {
      vm = { host, name, interfaces: [], evidence: [] };
      this.topology.vms.push(vm);
    }
    vm.evidence.push(...evidence);
    return vm;
  }
}

function ethtoolInterface(command: string): string | undefined {
  const argv = parseCommandLine(command).argv;
  const i = argv.findIndex((a) => a === '-S' || a === '--statistics');
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The bridge an `ovs-ofctl SUBCOMMAND BRIDGE` command names. */
function ofctlBridge(command: string, subcommand: string): string | undefined {
  const argv = parseCommandLine(command).argv;
  const i = argv.indexOf(subcommand);
  return i < 0 ? undefined : argv.slice(i + 1).find((a) => !a.startsWith('-'));
}
