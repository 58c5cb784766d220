// Packet walks in the manner of the OpenStack Networking Guide: numbered steps
// with the real names, VLAN ids and addresses, found by a path search over the
// typed links (path-search.ts). Steps the captures cannot prove say so.

import type { Bilingual, EvidenceRef, Flow, Link, Topology, Walk } from '../topology/model.js';
import { legacyText, type Message } from '../message.js';
import { pair } from './legacy.js';
import type { TraceLine } from './openflow/trace-words.js';

/** A step while the walk is written (TEMPORARY: its words as a zh/en pair). */
interface WalkStep { at: Walk['steps'][number]['at']; text: Bilingual; evidence: EvidenceRef[]; tables?: TraceLine[] }
import { evidence, where } from './facts.js';
import { DHCP_FRAME, IP_FRAME, METADATA_FRAME, type WalkFrame, destinationMac, traceEntering, traceWords, vmMac } from './walk-trace.js';
import { describeRanges } from './rules/dhcp.js';
import { keyOf, nsKey, TopologyGraph, vmKey, type Hop, type Segment } from './path-search.js';
import { isDhcpNamespace, METADATA_IP, metadataAddress, serviceSocket, socketCovers } from './rules/metadata.js';


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
        steps.push(step(topology, { host: bridge.host, name: bridge.name },
          { zh: `进入 ${bridge.name}${nic ? `，从物理网卡 ${nic.name} 离开主机` : '（抓取中看不到它的物理网卡）'}。`, en: `It enters ${bridge.name}${nic ? ` and leaves the host by the physical NIC ${nic.name}` : ' (no capture shows its physical NIC)'}.` },
          evidence(bridge.evidence.slice(0, 1), nic?.evidence)));
      }
      steps.push(step(topology, { host: nat.host, name: route.via ?? route.dev! },
        { zh: `到达网关 ${route.via ?? '?'}，再去往外网；网关之外的路径不在抓取中。`, en: `It reaches the gateway ${route.via ?? '?'} and goes on to the outside; nothing beyond the gateway is captured.` }, route.evidence));
      walks.push({ walk: { id: `walk:snat:${vm.host}/${vm.name}`, title: legacyText({ zh: `虚拟机 ${vm.name} 经 SNAT 访问外网`, en: `VM ${vm.name} to the Internet through SNAT` }), steps: number(steps) }, place: nat.netns ?? nat.host });
    }
    for (const nat of topology.nat.filter((n) => (n.kind === 'redirect' || n.kind === 'dnat') && n.destination?.startsWith(METADATA_IP) && n.netns)) {
      const path = tracedPath(topology, graph, from, nsKey(nat.host, nat.netns!), METADATA_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: METADATA_FRAME });
      const port = Number(nat.to.split(':').pop());
      const service = topology.services.find((s) => s.kind === 'metadata' && s.host === nat.host && s.netns === nat.netns && s.port === port);
      steps.push(step(topology, { host: nat.host, netns: nat.netns!, name: nat.chain },
        { zh: `目的 ${METADATA_IP}:${nat.port ?? 80} 命中 ${nat.chain}，被${nat.kind === 'redirect' ? '重定向' : 'DNAT'} 到本机端口 ${port}。`, en: `Destination ${METADATA_IP}:${nat.port ?? 80} hits ${nat.chain} and is ${nat.kind === 'redirect' ? 'redirected' : 'DNATed'} to local port ${port}.` }, nat.evidence));
      steps.push(step(topology, { host: nat.host, netns: nat.netns!, name: service?.process ?? String(port) },
        service
          ? { zh: `进程 ${service.pid ?? '?'}（${service.process ?? '?'}${service.router_id ? `，router_id=${service.router_id}` : ''}）在 ${port} 端口接收请求，转交 metadata agent${likelyWords(service).zh}。`, en: `Process ${service.pid ?? '?'} (${service.process ?? '?'}${service.router_id ? `, router_id=${service.router_id}` : ''}) takes the request on port ${port} and hands it to the metadata agent${likelyWords(service).en}.` }
          : { zh: `抓取中看不到监听 ${port} 端口的进程。`, en: `No capture shows the process listening on port ${port}.` },
        service?.evidence ?? []));
      walks.push({ walk: { id: `walk:metadata:${vm.host}/${vm.name}`, title: legacyText({ zh: `虚拟机 ${vm.name} 访问 metadata（${METADATA_IP}）`, en: `VM ${vm.name} to the metadata service (${METADATA_IP})` }), steps: number(steps) }, place: nat.netns! });
    }
    // isolated metadata: the DHCP namespace holds 169.254.169.254 and its proxy answers there, no NAT
    for (const service of topology.services.filter((s) => s.kind === 'metadata' && isDhcpNamespace(topology, s.host, s.netns))) {
      const path = tracedPath(topology, graph, from, nsKey(service.host, service.netns!), METADATA_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: METADATA_FRAME });
      const holder = metadataAddress(topology, service.host, service.netns);
      const socket = serviceSocket(topology, service);
      const covers = pair(socketCovers(socket, service.port))!;
      steps.push(step(topology, { host: service.host, netns: service.netns!, name: holder?.itf.name ?? service.netns! },
        holder
          ? { zh: `${METADATA_IP} 是这里 ${holder.itf.name} 的地址（${holder.address.cidr}），发往 ${METADATA_IP}:80 的请求就在这个命名空间里交付，不经过 NAT。`, en: `${METADATA_IP} is an address of ${holder.itf.name} here (${holder.address.cidr}), so the request to ${METADATA_IP}:80 is delivered inside this namespace, with no NAT.` }
          : { zh: `抓取中看不到这个命名空间的哪个接口持有 ${METADATA_IP}。`, en: `No capture shows which interface of this namespace holds ${METADATA_IP}.` },
        holder?.address.evidence ?? []));
      steps.push(step(topology, { host: service.host, netns: service.netns!, name: service.process ?? String(service.port ?? '?') },
        { zh: `进程 ${service.pid ?? '?'}（${service.process ?? '?'}${service.network_id ? `，network_id=${service.network_id}` : ''}）接收请求：${covers.zh}；它把请求转交 metadata agent${likelyWords(service).zh}。`, en: `Process ${service.pid ?? '?'} (${service.process ?? '?'}${service.network_id ? `, network_id=${service.network_id}` : ''}) takes the request: ${covers.en}; it hands the request to the metadata agent${likelyWords(service).en}.` },
        evidence(socket?.evidence, service.evidence)));
      walks.push({ walk: { id: `walk:metadata:${vm.host}/${vm.name}/${service.netns}`, title: legacyText({ zh: `虚拟机 ${vm.name} 访问 metadata（${METADATA_IP}，由 DHCP 命名空间提供）`, en: `VM ${vm.name} to the metadata service (${METADATA_IP}, served by the DHCP namespace)` }), steps: number(steps) } });
    }
    for (const dhcp of topology.services.filter((s) => s.kind === 'dhcp' && s.interface)) {
      const path = tracedPath(topology, graph, from, keyOf(dhcp.host, dhcp.interface!), DHCP_FRAME);
      if (!path) continue;
      const steps = describe(topology, graph, path, { frame: DHCP_FRAME });
      const ranges = pair(describeRanges(dhcp.ranges ?? [])) ?? { zh: '', en: '' };
      steps.push(step(topology, { host: dhcp.host, ...(dhcp.netns ? { netns: dhcp.netns } : {}), name: dhcp.interface! },
        { zh: `DHCP 广播到达 ${dhcp.netns ?? dhcp.host} 中的 ${dhcp.interface}，${dhcp.process ?? 'dnsmasq'}（进程 ${dhcp.pid ?? '?'}）应答${ranges.zh ? `，地址范围：${ranges.zh}` : '（抓取中没有 --dhcp-range）'}。`, en: `The DHCP broadcast reaches ${dhcp.interface} in ${dhcp.netns ?? dhcp.host}; ${dhcp.process ?? 'dnsmasq'} (pid ${dhcp.pid ?? '?'}) answers${ranges.en ? ` from its range: ${ranges.en}` : ' (no --dhcp-range in the captures)'}.` },
        dhcp.evidence));
      walks.push({ walk: { id: `walk:dhcp:${vm.host}/${vm.name}`, title: legacyText({ zh: `虚拟机 ${vm.name} 通过 DHCP 取得地址`, en: `VM ${vm.name} gets its address by DHCP` }), steps: number(steps) }, place: dhcp.netns ?? dhcp.interface! });
    }
    for (const other of topology.vms.filter((v) => v.host !== vm.host && `${v.host}/${v.name}` > `${vm.host}/${vm.name}`)) {
      const path = tracedPath(topology, graph, from, vmKey(other.host, other.name), IP_FRAME);
      if (!path) continue;
      walks.push({ walk: { id: `walk:vm:${vm.host}/${vm.name}:${other.host}/${other.name}`, title: legacyText({ zh: `虚拟机 ${vm.name} 到 ${other.name}（跨主机）`, en: `VM ${vm.name} to VM ${other.name} across hosts` }), steps: number(describe(topology, graph, path, { frame: IP_FRAME })) } });
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
function tunnelKey(link: Link, segment: Segment | undefined): Bilingual {
  if (segment?.kind === 'key') {
    if (segment.proof?.kind === 'port-option') return { zh: `，隧道 key ${segment.key}（端口的 key 选项）`, en: ` with key ${segment.key} (the port's key option)` };
    return link.key === 'flow'
      ? { zh: `，隧道 key ${segment.key}（发送端流表的 set_tunnel 设置；端口是 key=flow）`, en: ` with key ${segment.key} (set by the sending side's set_tunnel flow; the port has key=flow)` }
      : { zh: `，隧道 key ${segment.key}`, en: ` with key ${segment.key}` };
  }
  if (segment?.kind === 'unknown') return { zh: `（隧道 key 无法从抓取中证明：${segment.reason.zh}）`, en: ` (its key is not provable from the captures: ${segment.reason.en})` };
  if (link.key === 'flow') return { zh: '（key 由流表设置，抓取的流表中没有这个网络的 set_tunnel）', en: ' (key=flow: the flows set the key, and no captured set_tunnel flow is for this network)' };
  if (link.key) return { zh: `，隧道 key ${link.key}`, en: ` with key ${link.key}` };
  return { zh: '（抓取中没有隧道 key）', en: ' (no key in the captures)' };
}

/** The sentence a step gets when the frame took it on no captured proof. */
function unprovenWords(reason: Bilingual): Bilingual {
  return { zh: `这个端口是否属于帧所在的网络无法核对：${reason.zh}。`, en: `Whether this port is in the frame's network cannot be checked: ${reason.en}.` };
}

/** What a `likely` service placement adds to a step or explanation. */
export function likelyWords(service: { certainty?: string; reason?: Message } | undefined): Bilingual {
  if (service?.certainty !== 'likely' || !service.reason) return { zh: '', en: '' };
  return { zh: `（只是推断（likely）：${pair(service.reason)!.zh}）`, en: ` (likely: ${pair(service.reason)!.en})` };
}

function step(topology: Topology, at: WalkStep['at'], text: Bilingual, ev: EvidenceRef[]): WalkStep {
  void topology;
  return { at, text, evidence: ev };
}

function number(steps: WalkStep[]): Walk['steps'] {
  return steps.map((s, i) => ({
    at: s.at,
    message: legacyText({ zh: `${i + 1}. ${s.text.zh}`, en: `${i + 1}. ${s.text.en}` }),
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
  let pending: Bilingual | undefined;
  for (let i = 0; i < path.length; i++) {
    const written = steps.length;
    describeHop(i);
    if (path[i]!.unproven) pending = unprovenWords(path[i]!.unproven!);
    if (pending && steps.length > written) {
      const last = steps[steps.length - 1]!;
      last.text = { zh: `${last.text.zh}${pending.zh}`, en: `${last.text.en} ${pending.en}` };
      pending = undefined;
    }
  }
  return steps;

  function describeHop(i: number): void {
    const { node, via, segment } = path[i]!;
    const link = via?.link;
    const at = { host: node.host, ...(node.netns ? { netns: node.netns } : {}), name: node.name };
    const w = where(topology, at);
    const ev = link?.evidence ?? [];
    if (node.kind === 'vm') {
      const vmEvidence = topology.vms.find((v) => v.name === node.name && v.host === node.host)?.evidence ?? [];
      steps.push(step(topology, at, i === 0
        ? { zh: `虚拟机 ${node.name} 从它的网卡（虚拟机里的 eth0）发出包；虚拟机内部的接口不在抓取中。`, en: `VM ${node.name} sends the packet from its NIC (eth0 inside the VM); the VM's own interfaces are not captured.` }
        : { zh: `虚拟机 ${node.name} 在它的网卡（虚拟机里的 eth0）上收到这个帧；虚拟机内部的接口不在抓取中。`, en: `VM ${node.name} receives the frame on its NIC (eth0 inside the VM); the VM's own interfaces are not captured.` }, vmEvidence));
      return;
    }
    if (via?.kind === 'vm') {
      steps.push(step(topology, at, { zh: `帧出现在宿主机的 tap 设备 ${w} 上。`, en: `The frame appears on the host's tap device ${w}.` }, ev));
      return;
    }
    if (node.kind === 'bridge') {
      const bridge = topology.bridges.find((b) => b.host === node.host && b.name === node.name)!;
      const prev = path[i - 1]?.node.name ?? '?';
      if (bridge.kind === 'linux') {
        steps.push(step(topology, at, { zh: `进入 Linux 桥 ${w}：安全组的 iptables 规则在这里过滤。`, en: `It enters the Linux bridge ${w}, where the security-group iptables rules filter it.` }, ev));
        return;
      }
      const portTag = graph.tagOf(node.host, prev);
      const flows = topology.flows.filter((f) => f.host === node.host && f.bridge === node.name);
      const before = path[i - 1]?.segment;
      const arriving = path[i - 1]?.via?.kind === 'tunnel';
      // a VLAN (or an untagged frame) that came over a wire from another host, not yet made a local VLAN by this host's flows
      const wired = (before?.kind === 'vlan' || before?.kind === 'untagged') && before.proof?.kind === 'wire' && portTag === undefined;
      let text: Bilingual = portTag !== undefined
        ? { zh: `经端口 ${prev} 进入 OVS 桥 ${w}，打上本地 VLAN ${portTag}。`, en: `It enters the OVS bridge ${w} by ${prev}, which tags it with local VLAN ${portTag}.` }
        : { zh: `经 ${prev} 进入 OVS 桥 ${w}${carriedVlan(before, node.name).zh}。`, en: `It enters the OVS bridge ${w} by ${prev}${carriedVlan(before, node.name).en}.` };
      // a bridge with real flow processing is traced table by table; a plain NORMAL switch (or none captured) as before
      const trace = traceEntering(topology, bridge, prev, frame, { portTag, before, tunnelled: arriving });
      const traced = trace && traceWords(topology, trace, path[i + 1]?.node.name);
      const narration = traced ? { text: pair(traced.message)!, evidence: traced.evidence } : flows.length ? plainSwitchWords(flows) : undefined;
      if (!flows.length) {
        text = arriving || wired || before?.kind === 'unknown'
          ? { zh: `${text.zh}抓取中没有它的流表。`, en: `${text.en} Its flows are not captured.` }
          : { zh: `${text.zh}抓取中没有它的流表，按 tag 转发是推断。`, en: `${text.en} Its flows are not captured; forwarding by tag is inferred.` };
      } else if (narration) text = { zh: `${text.zh}${narration.text.zh}`, en: `${text.en} ${narration.text.en}` };
      // a VLAN this bridge's flows rewrote into another VLAN (provider VLAN ↔ local VLAN)
      if (!arriving && before?.kind === 'vlan' && segment?.kind === 'vlan' && portTag === undefined && segment.vlan !== before.vlan) {
        text = { zh: `${text.zh}流表把 VLAN ${before.vlan} 换成 VLAN ${segment.vlan}。`, en: `${text.en} Its flows turn VLAN ${before.vlan} into VLAN ${segment.vlan}.` };
      }
      // a flat network: the flows strip the local VLAN towards the wire, or tag what comes untagged from it
      if (!arriving && portTag === undefined && before?.kind === 'vlan' && segment?.kind === 'untagged') {
        text = { zh: `${text.zh}流表去掉 VLAN ${before.vlan} 标签：帧不带 VLAN 标签（flat 网络）继续。`, en: `${text.en} Its flows strip VLAN ${before.vlan}: the frame goes on untagged (flat network).` };
      }
      if (!arriving && portTag === undefined && before?.kind === 'untagged' && segment?.kind === 'vlan') {
        text = { zh: `${text.zh}流表给不带 VLAN 标签（flat 网络）的帧打上 VLAN ${segment.vlan}。`, en: `${text.en} Its flows tag the untagged (flat network) frame with VLAN ${segment.vlan}.` };
      }
      if (segment?.kind === 'unknown' && before?.kind !== 'unknown') {
        text = { zh: `${text.zh}${segment.reason.zh}。`, en: `${text.en} ${segment.reason.en.charAt(0).toUpperCase()}${segment.reason.en.slice(1)}.` };
      }
      // the flows that set what the frame carries here (VLAN or key) are evidence of this step too
      const proof = segment && segment.kind !== 'unknown' && segment.proof?.kind === 'flow' && segment.proof.bridge === node.name && segment.proof.host === node.host ? segment.proof.flows : [];
      const bridgeStep = step(topology, at, text, evidence(ev, narration?.evidence, proof.flatMap((f) => f.evidence)));
      if (traced) bridgeStep.tables = traced.tables;
      steps.push(bridgeStep);
      return;
    }
    if (node.kind === 'namespace') {
      const addrs = topology.interfaces.filter((x) => x.host === node.host && x.netns === node.name && x.name === path[i - 1]?.node.name).flatMap((x) => x.addresses.map((a) => a.cidr));
      let text: Bilingual = { zh: `经 ${path[i - 1]?.node.name}${addrs.length ? `（${addrs.join(', ')}）` : ''} 进入命名空间 ${node.name}。`, en: `It enters namespace ${node.name} by ${path[i - 1]?.node.name}${addrs.length ? ` (${addrs.join(', ')})` : ''}.` };
      // the entering interface's record inside the namespace (its `ip addr`/`ip link` line)
      const extra: EvidenceRef[] = topology.interfaces.filter((x) => x.host === node.host && x.netns === node.name && x.name === path[i - 1]?.node.name).flatMap((x) => x.evidence.slice(0, 1));
      if (ctx.route && ctx.route.netns === node.name) {
        text = { zh: `${text.zh}路由器查路由表：默认路由经 ${ctx.route.via ?? '?'} 从 ${ctx.route.dev} 出去。`, en: `${text.en} The router looks up its table: the default route goes via ${ctx.route.via ?? '?'} out of ${ctx.route.dev}.` };
        extra.push(...ctx.route.evidence);
      }
      if (ctx.snat && ctx.snat.netns === node.name) {
        text = { zh: `${text.zh}${ctx.snat.chain} 把源地址 ${ctx.snat.source ?? '*'} 改成 ${ctx.snat.to}（SNAT）。`, en: `${text.en} ${ctx.snat.chain} rewrites the source ${ctx.snat.source ?? '*'} to ${ctx.snat.to} (SNAT).` };
        extra.push(...ctx.snat.evidence);
      }
      steps.push(step(topology, at, text, extra));
      return;
    }
    switch (via?.kind) {
      case 'veth':
        steps.push(step(topology, at, { zh: `经 veth 对 ${path[i - 1]!.node.name} ↔ ${node.name} 到达 ${w}${link?.certainty === 'likely' ? '（配对只是推断：' + (pair(link.reason)?.zh ?? '') + '）' : ''}。`, en: `Through the veth pair ${path[i - 1]!.node.name} ↔ ${node.name} it reaches ${w}${link?.certainty === 'likely' ? ` (the pairing is only likely: ${pair(link.reason)?.en ?? ''})` : ''}.` }, ev));
        break;
      case 'patch':
        steps.push(step(topology, at, { zh: `经 patch 端口 ${path[i - 1]!.node.name} → ${node.name} 跨到另一个桥。`, en: `Through the patch ports ${path[i - 1]!.node.name} → ${node.name} it crosses to the other bridge.` }, ev));
        break;
      case 'tunnel': {
        const t = link!;
        const known = node.kind !== 'remote';
        const key = tunnelKey(t, segment);
        const type = (t.tunnel_type ?? '').toUpperCase();
        // the link is stored once, from the side found first: walk it either way
        const prev = path[i - 1]!.node;
        const forward = prev.host === t.a.host && prev.name === t.a.name;
        const [fromIp, toIp, fromEnd] = forward ? [t.local_ip, t.remote_ip, t.a] : [t.remote_ip, t.local_ip, t.b];
        steps.push(step(topology, at, known
          ? { zh: `封装进 ${type} 隧道${key.zh}：外层 IP 从 ${fromIp ?? '?'}（${fromEnd.host} 上的 ${fromEnd.name}）到 ${toIp ?? '?'}（${node.host}），在 ${node.host} 上由 ${node.name} 解封装。`, en: `It is encapsulated in the ${type} tunnel${key.en}: outer IP from ${fromIp ?? '?'} (${fromEnd.name} on ${fromEnd.host}) to ${toIp ?? '?'} (${node.host}), where ${node.name} decapsulates it.` }
          : { zh: `封装进隧道${key.zh}发往 ${t.remote_ip ?? '?'}；对端主机不在抓取中。`, en: `It is tunnelled${key.en} to ${t.remote_ip ?? '?'}; no capture covers the far host.` }, ev));
        break;
      }
      case 'physical': {
        // a wire no capture can prove: say what the frame carries on it, and why the wire is only likely
        const prev = path[i - 1]!.node;
        const before = path[i - 1]!.segment;
        const setter = (before?.kind === 'vlan' || before?.kind === 'untagged') && before.proof?.kind === 'flow' ? before.proof : undefined;
        const carried: Bilingual = segment?.kind === 'vlan'
          ? { zh: `，带 VLAN ${segment.vlan}${setter ? `（由 ${setter.host} 上 ${setter.bridge} 的流表设置）` : ''}`, en: ` tagged VLAN ${segment.vlan}${setter ? ` (set by the flows of ${setter.bridge} on ${setter.host})` : ''}` }
          : segment?.kind === 'untagged'
            ? { zh: `，不带 VLAN 标签（flat 网络）${setter ? `（VLAN 由 ${setter.host} 上 ${setter.bridge} 的流表去掉）` : ''}`, en: ` untagged (flat network)${setter ? ` (the VLAN stripped by the flows of ${setter.bridge} on ${setter.host})` : ''}` }
          : segment?.kind === 'unknown'
            ? before?.kind === 'unknown'
              ? { zh: '（它在线路上带的 VLAN 无法从抓取中证明）', en: ' (its VLAN on the wire is not provable from the captures)' }
              : { zh: `（${segment.reason.zh}）`, en: ` (${segment.reason.en})` }
            : { zh: '，不带 VLAN 标签', en: ' untagged' };
        steps.push(step(topology, at, {
          zh: `帧从 ${prev.host} 上的 ${prev.name} 进入物理线路${carried.zh}，到达 ${w}。这两块网卡在同一条线路上只是推断（likely），并未证实：${pair(link?.reason)?.zh ?? '抓取中没有直接证据'}。`,
          en: `It goes out on the physical wire from ${prev.name} on ${prev.host} and arrives at ${w}${carried.en}. That the two NICs share a wire is likely, not proven: ${pair(link?.reason)?.en ?? 'no capture proves it'}.`,
        }, ev));
        break;
      }
      case 'member': {
        const next = path[i + 1];
        // a port we only pass through on the way out of a bridge is said with the next step
        if (next?.via?.kind === 'vm') {
          steps.push(step(topology, at, { zh: `从 ${path[i - 1]!.node.name} 经 tap 设备 ${w} 离开：它的另一侧就是虚拟机 ${next.node.name} 的网卡。`, en: `It leaves ${path[i - 1]!.node.name} by the tap device ${w}, whose other side is the NIC of VM ${next.node.name}.` }, evidence(ev, next.via.link?.evidence)));
        } else if (next && (next.via?.kind === 'veth' || next.via?.kind === 'patch' || next.via?.kind === 'tunnel' || next.via?.kind === 'physical')) {
          const own = graph.tagOf(node.host, node.name);
          steps.push(step(topology, at, { zh: `从端口 ${w}${own !== undefined ? `（tag ${own}）` : ''} 离开 ${path[i - 1]!.node.name}。`, en: `It leaves ${path[i - 1]!.node.name} by the port ${w}${own !== undefined ? ` (tag ${own})` : ''}.` }, ev));
        } else if (next?.via?.kind !== 'netns') {
          // the port a walk ends at: say why it is in the frame's network (its tag is the frame's VLAN)
          const own = graph.tagOf(node.host, node.name);
          const carried = path[i - 1]?.segment;
          steps.push(step(topology, at, own !== undefined && carried?.kind === 'vlan' && carried.vlan === own
            ? { zh: `从端口 ${w}（tag ${own}，正是帧的本地 VLAN，所以它在同一网络）离开 ${path[i - 1]!.node.name}。`, en: `It leaves ${path[i - 1]!.node.name} by the port ${w} (tag ${own}, the frame's local VLAN, so the port is in its network).` }
            : { zh: `到达 ${w}。`, en: `It reaches ${w}.` }, ev));
        }
        break;
      }
      case 'netns': {
        const inside = topology.interfaces.filter((x) => x.host === node.host && x.name === node.name && x.netns);
        const addrs = inside.flatMap((x) => x.addresses.map((a) => a.cidr));
        steps.push(step(topology, at, { zh: `从 ${w}${addrs.length ? `（${addrs.join(', ')}）` : ''} 离开命名空间。`, en: `It leaves the namespace by ${w}${addrs.length ? ` (${addrs.join(', ')})` : ''}.` }, evidence(ev, ...inside.map((x) => x.evidence.slice(0, 1)))));
        break;
      }
      default:
        steps.push(step(topology, at, { zh: `到达 ${w}。`, en: `It reaches ${w}.` }, ev));
    }
  }
}

/** How the VLAN a frame carries into a bridge by an untagged port was set, for the bridge's step. */
function carriedVlan(before: Segment | undefined, bridge: string): Bilingual {
  if (before?.kind === 'unknown') return { zh: '（VLAN 无法从抓取中证明）', en: ' (its VLAN is not provable from the captures)' };
  if (before?.kind === 'untagged') {
    if (before.proof?.kind === 'wire') return { zh: `（不带 VLAN 标签（flat 网络），从 ${before.proof.from} 经线路带来）`, en: ` (untagged (flat network), as it came over the wire from ${before.proof.from})` };
    if (before.proof?.kind === 'flow' && before.proof.bridge !== bridge) return { zh: `（不带 VLAN 标签（flat 网络），VLAN 由 ${before.proof.bridge} 的 strip_vlan 去掉）`, en: ` (untagged (flat network), its VLAN stripped by ${before.proof.bridge}'s flows)` };
    return { zh: '（不带 VLAN 标签（flat 网络））', en: ' (untagged (flat network))' };
  }
  if (before?.kind !== 'vlan') return { zh: '', en: '' };
  if (before.proof?.kind === 'wire') return { zh: `（VLAN ${before.vlan}，从 ${before.proof.from} 经线路带来）`, en: ` (VLAN ${before.vlan}, as it came over the wire from ${before.proof.from})` };
  if (before.proof?.kind === 'flow' && before.proof.bridge !== bridge) {
    const setter = before.proof.bridge;
    const tunnelBridge = before.proof.flows.some((f) => f.match.tun_id !== undefined);
    return {
      zh: `（本地 VLAN ${before.vlan}，由 ${setter} 的 mod_vlan_vid 设置）`,
      en: ` (local VLAN ${before.vlan}, set by ${tunnelBridge ? 'the tunnel bridge' : setter}'s mod_vlan_vid)`,
    };
  }
  return { zh: `（本地 VLAN ${before.vlan}）`, en: ` (local VLAN ${before.vlan})` };
}

/** A bridge whose only flows are `actions=NORMAL`: a learning switch, nothing to trace. */
function plainSwitchWords(flows: Flow[]): { text: Bilingual; evidence: EvidenceRef[] } {
  return { text: { zh: '这个桥只有 actions=NORMAL，按普通二层交换机转发。', en: 'The bridge has only actions=NORMAL and forwards as a learning switch.' }, evidence: flows.flatMap((f) => f.evidence) };
}
