// Packet walks in the manner of the OpenStack Networking Guide: numbered steps
// with the real names, VLAN ids and addresses, found by a path search over the
// typed links (path-search.ts). Steps the captures cannot prove say so. Every
// step is a message (walk:*), or several said one after another.

import type { EvidenceRef, Flow, Link, Topology, Walk } from '../topology/model.js';
import { msg, type Message, type MessageValue } from '../message.js';
import { evidence, place } from './facts.js';
import type { TraceLine } from './openflow/trace-words.js';
import { DHCP_FRAME, IP_FRAME, METADATA_FRAME, type WalkFrame, destinationMac, traceEntering, traceWords, vmMac } from './walk-trace.js';
import { describeRanges } from './rules/dhcp.js';
import { keyOf, nsKey, TopologyGraph, vmKey, type Hop, type Segment } from './path-search.js';
import { isDhcpNamespace, METADATA_IP, metadataAddress, serviceSocket, socketCovers } from './rules/metadata.js';

/** A step while the walk is written: its sentences (a hop taken on no proof adds one later). */
interface WalkStep { at: Walk['steps'][number]['at']; sentences: Message[]; evidence: EvidenceRef[]; tables?: TraceLine[] }

export function buildWalks(topology: Topology): Walk[] {
  const graph = new TopologyGraph(topology);
  // each walk with where it ends (router or DHCP namespace), to tell apart two walks of one VM to the same kind of place
  const walks: { walk: Walk; place?: string }[] = [];
  for (const vm of topology.vms) {
    const from = vmKey(vm.host, vm.name);
    for (const nat of topology.nat.filter((n) => n.kind === 'snat' || n.kind === 'masquerade')) {
      const route = topology.routes.find((r) => r.host === nat.host && r.netns === nat.netns && r.destination === 'default' && r.dev);
      if (!route) continue;
      const path = tracedPath(topology, graph, from, keyOf(nat.host, route.dev!), IP_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { snat: nat, route, frame: IP_FRAME });
      // out of the router: the bridge holding the gateway port, then its physical NIC
      const bridge = topology.bridges.find((b) => b.host === nat.host && b.ports.some((p) => p.name === route.dev));
      if (bridge) {
        const nic = bridge.ports.find((p) => !p.type && p.name !== bridge.name);
        steps.push(step({ host: bridge.host, name: bridge.name },
          nic ? msg('walk:leaves-host-by-nic', { bridge: bridge.name, nic: nic.name }) : msg('walk:enters-bridge-no-nic', { bridge: bridge.name }),
          evidence(bridge.evidence.slice(0, 1), nic?.evidence)));
      }
      steps.push(step({ host: nat.host, name: route.via ?? route.dev! }, msg('walk:reaches-gateway', { gateway: route.via ?? '?' }), route.evidence));
      walks.push({ walk: { id: `walk:snat:${vm.host}/${vm.name}`, title: msg('walk:title-snat', { vm: vm.name }), steps: number(steps) }, place: nat.netns ?? nat.host });
    }
    for (const nat of topology.nat.filter((n) => (n.kind === 'redirect' || n.kind === 'dnat') && n.destination?.startsWith(METADATA_IP) && n.netns)) {
      const path = tracedPath(topology, graph, from, nsKey(nat.host, nat.netns!), METADATA_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: METADATA_FRAME });
      const port = Number(nat.to.split(':').pop());
      const service = topology.services.find((s) => s.kind === 'metadata' && s.host === nat.host && s.netns === nat.netns && s.port === port);
      steps.push(step({ host: nat.host, netns: nat.netns!, name: nat.chain },
        msg('walk:nat-hit', { address: METADATA_IP, port: nat.port ?? 80, chain: nat.chain, how: msg(nat.kind === 'redirect' ? 'walk:redirected' : 'walk:dnated'), local: port }),
        nat.evidence));
      steps.push(step({ host: nat.host, netns: nat.netns!, name: service?.process ?? String(port) },
        service
          ? msg('walk:proxy-takes-request', {
            pid: service.pid ?? '?',
            process: service.process ?? '?',
            router: service.router_id ? msg('walk:router-id', { router: service.router_id }) : '',
            port,
            likely: likelyWords(service),
          })
          : msg('walk:no-listener', { port }),
        service?.evidence ?? []));
      walks.push({ walk: { id: `walk:metadata:${vm.host}/${vm.name}`, title: msg('walk:title-metadata', { vm: vm.name, address: METADATA_IP }), steps: number(steps) }, place: nat.netns! });
    }
    // isolated metadata: the DHCP namespace holds 169.254.169.254 and its proxy answers there, no NAT
    for (const service of topology.services.filter((s) => s.kind === 'metadata' && isDhcpNamespace(topology, s.host, s.netns))) {
      const path = tracedPath(topology, graph, from, nsKey(service.host, service.netns!), METADATA_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: METADATA_FRAME });
      const holder = metadataAddress(topology, service.host, service.netns);
      const socket = serviceSocket(topology, service);
      steps.push(step({ host: service.host, netns: service.netns!, name: holder?.itf.name ?? service.netns! },
        holder
          ? msg('walk:metadata-address-here', { address: METADATA_IP, interface: holder.itf.name, cidr: holder.address.cidr })
          : msg('walk:metadata-address-not-captured', { address: METADATA_IP }),
        holder?.address.evidence ?? []));
      steps.push(step({ host: service.host, netns: service.netns!, name: service.process ?? String(service.port ?? '?') },
        msg('walk:isolated-proxy-takes-request', {
          pid: service.pid ?? '?',
          process: service.process ?? '?',
          network: service.network_id ? msg('walk:network-id', { network: service.network_id }) : '',
          covers: socketCovers(socket, service.port),
          likely: likelyWords(service),
        }),
        evidence(socket?.evidence, service.evidence)));
      walks.push({ walk: { id: `walk:metadata:${vm.host}/${vm.name}/${service.netns}`, title: msg('walk:title-metadata-dhcp', { vm: vm.name, address: METADATA_IP }), steps: number(steps) } });
    }
    for (const dhcp of topology.services.filter((s) => s.kind === 'dhcp' && s.interface)) {
      const path = tracedPath(topology, graph, from, keyOf(dhcp.host, dhcp.interface!), DHCP_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: DHCP_FRAME });
      const ranges = describeRanges(dhcp.ranges ?? []);
      steps.push(step({ host: dhcp.host, ...(dhcp.netns ? { netns: dhcp.netns } : {}), name: dhcp.interface! },
        msg('walk:dhcp-answers', {
          interface: dhcp.interface!,
          space: dhcp.netns ?? dhcp.host,
          process: dhcp.process ?? 'dnsmasq',
          pid: dhcp.pid ?? '?',
          ranges: ranges ? msg('walk:dhcp-range', { ranges }) : msg('walk:dhcp-no-range'),
        }),
        dhcp.evidence));
      walks.push({ walk: { id: `walk:dhcp:${vm.host}/${vm.name}`, title: msg('walk:title-dhcp', { vm: vm.name }), steps: number(steps) }, place: dhcp.netns ?? dhcp.interface! });
    }
    for (const other of topology.vms.filter((v) => v.host !== vm.host && `${v.host}/${v.name}` > `${vm.host}/${vm.name}`)) {
      const path = tracedPath(topology, graph, from, vmKey(other.host, other.name), IP_FRAME);
      if (!path) continue;
      walks.push({ walk: { id: `walk:vm:${vm.host}/${vm.name}:${other.host}/${other.name}`, title: msg('walk:title-vm-to-vm', { vm: vm.name, other: other.name }), steps: number(describe(topology, graph, path, { frame: IP_FRAME })) } });
    }
  }
  return distinctIds(walks);
}

/**
 * The path of a walk's frame: found once with what the walk knows of the frame,
 * then, when its destination MAC was not known, again with the MAC of where
 * that path ends (the router's port, the other VM's NIC), so the flows that
 * switch on it (a learned table) are traced too.
 */
function tracedPath(topology: Topology, graph: TopologyGraph, from: string, to: string, frame: WalkFrame): Hop[] | undefined {
  const first = graph.path(from, to, undefined, undefined, frame);
  if (!first || frame.dl_dst !== undefined) return first;
  return graph.path(from, to, undefined, undefined, { dl_dst: destinationMac(topology, first), ...frame });
}

/**
 * A VM that reaches two routers or two DHCP servers (several agents, or flows
 * not captured so the walk cannot tell the networks apart) gets one walk to
 * each: their ids take the namespace they end in, so none hides another.
 */
function distinctIds(walks: { walk: Walk; place?: string }[]): Walk[] {
  const count = new Map<string, number>();
  for (const { walk } of walks) count.set(walk.id, (count.get(walk.id) ?? 0) + 1);
  return walks.map(({ walk, place }) => ((count.get(walk.id) ?? 0) > 1 && place ? { ...walk, id: `${walk.id}/${place}` } : walk));
}

/** The key a tunnelled frame carries: the id the sending br-tun set, the port's fixed key, or why it is not provable. */
function tunnelKey(link: Link, segment: Segment | undefined): Message {
  if (segment?.kind === 'key') {
    if (segment.proof?.kind === 'port-option') return msg('walk:key-port-option', { key: segment.key });
    return link.key === 'flow' ? msg('walk:key-set-by-flow', { key: segment.key }) : msg('walk:key', { key: segment.key });
  }
  if (segment?.kind === 'unknown') return msg('walk:key-unprovable', { reason: segment.reason });
  if (link.key === 'flow') return msg('walk:key-flow-not-captured');
  if (link.key) return msg('walk:key', { key: link.key });
  return msg('walk:no-key');
}

/** What a `likely` service placement adds to a step: why it is only likely, or nothing. */
export function likelyWords(service: { certainty?: string; reason?: Message } | undefined): MessageValue {
  if (service?.certainty !== 'likely' || !service.reason) return '';
  return msg('walk:likely', { reason: service.reason });
}

function step(at: WalkStep['at'], message: Message, ev: EvidenceRef[]): WalkStep {
  return { at, sentences: [message], evidence: ev };
}

/** The steps numbered (`3. It enters …`), each said as its sentences one after another. */
function number(steps: WalkStep[]): Walk['steps'] {
  return steps.map((s, i) => ({
    at: s.at,
    message: msg('walk:numbered-step', { n: i + 1, step: s.sentences.length === 1 ? s.sentences[0]! : msg('common:sentences', { sentences: s.sentences }) }),
    evidence: s.evidence,
    ...(s.tables ? { tables: s.tables } : {}),
  }));
}

interface RouterContext {
  snat?: Topology['nat'][number];
  route?: Topology['routes'][number];
  /** What kind of packet the walk follows, for the OpenFlow trace of each bridge with flow processing. */
  frame: WalkFrame;
}

function describe(topology: Topology, graph: TopologyGraph, path: Hop[], ctx: RouterContext): WalkStep[] {
  const steps: WalkStep[] = [];
  // the frame the tracer follows: the walk's kind of packet, sent to the MAC where the path ends
  const frame: WalkFrame = { dl_dst: destinationMac(topology, path), ...ctx.frame };
  const sourceMac = path[0]?.node.kind === 'vm' ? vmMac(topology, path[0].node, path[1]?.node.name) : undefined;
  if (sourceMac) frame.dl_src = sourceMac;
  // a hop taken on no captured proof: said with the first step written for it (or the next one)
  let pending: Message | undefined;
  for (let i = 0; i < path.length; i++) {
    const written = steps.length;
    describeHop(i);
    if (path[i]!.unproven) pending = msg('walk:unproven-port', { reason: path[i]!.unproven! });
    if (pending && steps.length > written) {
      steps[steps.length - 1]!.sentences.push(pending);
      pending = undefined;
    }
  }
  return steps;

  function describeHop(i: number): void {
    const { node, via, segment } = path[i]!;
    const link = via?.link;
    const at = { host: node.host, ...(node.netns ? { netns: node.netns } : {}), name: node.name };
    const w = place(topology, at);
    const ev = link?.evidence ?? [];
    const prevName = String(path[i - 1]?.node.name);
    if (node.kind === 'vm') {
      const vmEvidence = topology.vms.find((v) => v.name === node.name && v.host === node.host)?.evidence ?? [];
      steps.push(step(at, msg(i === 0 ? 'walk:vm-sends' : 'walk:vm-receives', { vm: node.name }), vmEvidence));
      return;
    }
    if (via?.kind === 'vm') {
      steps.push(step(at, msg('walk:on-tap', { tap: w }), ev));
      return;
    }
    if (node.kind === 'bridge') {
      const bridge = topology.bridges.find((b) => b.host === node.host && b.name === node.name)!;
      const prev = path[i - 1]?.node.name ?? '?';
      if (bridge.kind === 'linux') {
        steps.push(step(at, msg('walk:enters-linux-bridge', { bridge: w }), ev));
        return;
      }
      const portTag = graph.tagOf(node.host, prev);
      const flows = topology.flows.filter((f) => f.host === node.host && f.bridge === node.name);
      const before = path[i - 1]?.segment;
      const arriving = path[i - 1]?.via?.kind === 'tunnel';
      // a VLAN (or an untagged frame) that came over a wire from another host, not yet made a local VLAN by this host's flows
      const wired = (before?.kind === 'vlan' || before?.kind === 'untagged') && before.proof?.kind === 'wire' && portTag === undefined;
      const sentences: Message[] = [portTag !== undefined
        ? msg('walk:enters-ovs-bridge-tagged', { bridge: w, port: prev, vlan: portTag })
        : msg('walk:enters-ovs-bridge', { bridge: w, port: prev, carrying: carriedVlan(before, node.name) })];
      // a bridge with real flow processing is traced table by table; a plain NORMAL switch (or none captured) as before
      const trace = traceEntering(topology, bridge, prev, frame, { portTag, before, tunnelled: arriving });
      const traced = trace && traceWords(topology, trace, path[i + 1]?.node.name);
      const narration = traced ?? (flows.length ? plainSwitchWords(flows) : undefined);
      if (!flows.length) sentences.push(msg(arriving || wired || before?.kind === 'unknown' ? 'walk:flows-not-captured' : 'walk:flows-not-captured-tag-inferred'));
      else if (narration) sentences.push(narration.message);
      // a VLAN this bridge's flows rewrote into another VLAN (provider VLAN ↔ local VLAN)
      if (!arriving && before?.kind === 'vlan' && segment?.kind === 'vlan' && portTag === undefined && segment.vlan !== before.vlan) {
        sentences.push(msg('walk:flows-turn-vlan', { from: before.vlan, to: segment.vlan }));
      }
      // a flat network: the flows strip the local VLAN towards the wire, or tag what comes untagged from it
      if (!arriving && portTag === undefined && before?.kind === 'vlan' && segment?.kind === 'untagged') {
        sentences.push(msg('walk:flows-strip-vlan', { vlan: before.vlan }));
      }
      if (!arriving && portTag === undefined && before?.kind === 'untagged' && segment?.kind === 'vlan') {
        sentences.push(msg('walk:flows-tag-untagged', { vlan: segment.vlan }));
      }
      if (segment?.kind === 'unknown' && before?.kind !== 'unknown') sentences.push(msg('walk:not-provable', { reason: segment.reason }));
      // the flows that set what the frame carries here (VLAN or key) are evidence of this step too
      const proof = segment && segment.kind !== 'unknown' && segment.proof?.kind === 'flow' && segment.proof.bridge === node.name && segment.proof.host === node.host ? segment.proof.flows : [];
      const bridgeStep: WalkStep = { at, sentences, evidence: evidence(ev, narration?.evidence, proof.flatMap((f) => f.evidence)) };
      if (traced) bridgeStep.tables = traced.tables;
      steps.push(bridgeStep);
      return;
    }
    if (node.kind === 'namespace') {
      const entering = topology.interfaces.filter((x) => x.host === node.host && x.netns === node.name && x.name === path[i - 1]?.node.name);
      const sentences: Message[] = [msg('walk:enters-namespace', { netns: node.name, port: prevName, addresses: addresses(entering.flatMap((x) => x.addresses.map((a) => a.cidr))) })];
      // the entering interface's record inside the namespace (its `ip addr`/`ip link` line)
      const extra: EvidenceRef[] = entering.flatMap((x) => x.evidence.slice(0, 1));
      if (ctx.route && ctx.route.netns === node.name) {
        sentences.push(msg('walk:router-looks-up', { via: ctx.route.via ?? '?', dev: String(ctx.route.dev) }));
        extra.push(...ctx.route.evidence);
      }
      if (ctx.snat && ctx.snat.netns === node.name) {
        sentences.push(msg('walk:snat-rewrites', { chain: ctx.snat.chain, source: ctx.snat.source ?? '*', to: ctx.snat.to }));
        extra.push(...ctx.snat.evidence);
      }
      steps.push({ at, sentences, evidence: extra });
      return;
    }
    switch (via?.kind) {
      case 'veth':
        steps.push(step(at, msg('walk:through-veth', {
          a: prevName, b: node.name, to: w,
          likely: link?.certainty === 'likely' ? msg('walk:pairing-likely', { reason: link.reason ?? '' }) : '',
        }), ev));
        break;
      case 'patch':
        steps.push(step(at, msg('walk:through-patch', { a: prevName, b: node.name }), ev));
        break;
      case 'tunnel': {
        const t = link!;
        const key = tunnelKey(t, segment);
        // the link is stored once, from the side found first: walk it either way
        const prev = path[i - 1]!.node;
        const forward = prev.host === t.a.host && prev.name === t.a.name;
        const [fromIp, toIp, fromEnd] = forward ? [t.local_ip, t.remote_ip, t.a] : [t.remote_ip, t.local_ip, t.b];
        steps.push(step(at, node.kind !== 'remote'
          ? msg('walk:encapsulated', {
            type: (t.tunnel_type ?? '').toUpperCase(), key,
            from: fromIp ?? '?', fromPort: fromEnd.name, fromHost: fromEnd.host,
            to: toIp ?? '?', toHost: node.host, toPort: node.name,
          })
          : msg('walk:tunnelled-to-uncaptured-host', { key, remote: t.remote_ip ?? '?' }), ev));
        break;
      }
      case 'physical': {
        // a wire no capture can prove: say what the frame carries on it, and why the wire is only likely
        const prev = path[i - 1]!.node;
        const before = path[i - 1]!.segment;
        const setter = (before?.kind === 'vlan' || before?.kind === 'untagged') && before.proof?.kind === 'flow' ? before.proof : undefined;
        const carrying = segment?.kind === 'vlan'
          ? msg('walk:wire-tagged', { vlan: segment.vlan, setter: setter ? msg('walk:wire-vlan-set-by', { host: setter.host, bridge: setter.bridge }) : '' })
          : segment?.kind === 'untagged'
            ? msg('walk:wire-untagged', { setter: setter ? msg('walk:wire-vlan-stripped-by', { host: setter.host, bridge: setter.bridge }) : '' })
            : segment?.kind === 'unknown'
              ? before?.kind === 'unknown' ? msg('walk:wire-vlan-unprovable') : msg('common:paren', { text: segment.reason })
              : msg('walk:wire-no-tag');
        steps.push(step(at, msg('walk:on-the-wire', { host: prev.host, port: prev.name, carrying, to: w, reason: link?.reason ?? msg('link:no-proof') }), ev));
        break;
      }
      case 'member': {
        const next = path[i + 1];
        // a port we only pass through on the way out of a bridge is said with the next step
        if (next?.via?.kind === 'vm') {
          steps.push(step(at, msg('walk:leaves-by-tap', { bridge: prevName, tap: w, vm: next.node.name }), evidence(ev, next.via.link?.evidence)));
        } else if (next && (next.via?.kind === 'veth' || next.via?.kind === 'patch' || next.via?.kind === 'tunnel' || next.via?.kind === 'physical')) {
          const own = graph.tagOf(node.host, node.name);
          steps.push(step(at, msg('walk:leaves-by-port', { bridge: prevName, port: w, tag: own !== undefined ? msg('walk:tag', { tag: own }) : '' }), ev));
        } else if (next?.via?.kind !== 'netns') {
          // the port a walk ends at: say why it is in the frame's network (its tag is the frame's VLAN)
          const own = graph.tagOf(node.host, node.name);
          const carried = path[i - 1]?.segment;
          steps.push(step(at, own !== undefined && carried?.kind === 'vlan' && carried.vlan === own
            ? msg('walk:leaves-by-port-in-network', { bridge: prevName, port: w, tag: own })
            : msg('walk:reaches', { to: w }), ev));
        }
        break;
      }
      case 'netns': {
        const inside = topology.interfaces.filter((x) => x.host === node.host && x.name === node.name && x.netns);
        steps.push(step(at, msg('walk:leaves-namespace', { port: w, addresses: addresses(inside.flatMap((x) => x.addresses.map((a) => a.cidr))) }),
          evidence(ev, ...inside.map((x) => x.evidence.slice(0, 1)))));
        break;
      }
      default:
        steps.push(step(at, msg('walk:reaches', { to: w }), ev));
    }
  }
}

/** An interface's addresses in brackets after its name, or nothing. */
function addresses(cidrs: string[]): MessageValue {
  return cidrs.length ? msg('walk:addresses', { addresses: cidrs }) : '';
}

/** How the VLAN a frame carries into a bridge by an untagged port was set, for the bridge's step. */
function carriedVlan(before: Segment | undefined, bridge: string): MessageValue {
  if (before?.kind === 'unknown') return msg('walk:carried-unprovable');
  if (before?.kind === 'untagged') {
    if (before.proof?.kind === 'wire') return msg('walk:carried-untagged-from-wire', { from: before.proof.from });
    if (before.proof?.kind === 'flow' && before.proof.bridge !== bridge) return msg('walk:carried-untagged-stripped-by', { bridge: before.proof.bridge });
    return msg('walk:carried-untagged');
  }
  if (before?.kind !== 'vlan') return '';
  if (before.proof?.kind === 'wire') return msg('walk:carried-vlan-from-wire', { vlan: before.vlan, from: before.proof.from });
  if (before.proof?.kind === 'flow' && before.proof.bridge !== bridge) {
    // br-tun's flows (tun_id → VLAN) are "the tunnel bridge" in English
    const tunnelBridge = before.proof.flows.some((f) => f.match.tun_id !== undefined);
    return msg(tunnelBridge ? 'walk:carried-local-vlan-set-by-tunnel-bridge' : 'walk:carried-local-vlan-set-by', { vlan: before.vlan, bridge: before.proof.bridge });
  }
  return msg('walk:carried-local-vlan', { vlan: before.vlan });
}

/** A bridge whose only flows are `actions=NORMAL`: a learning switch, nothing to trace. */
function plainSwitchWords(flows: Flow[]): { message: Message; evidence: EvidenceRef[] } {
  return { message: msg('walk:plain-switch'), evidence: flows.flatMap((f) => f.evidence) };
}
