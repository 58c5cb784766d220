// A breadth-first search over the topology's typed links (veth, patch, tunnel,
// member, vm, and the likely physical wires between hosts) plus namespace
// membership, so packet walks follow what the captures prove (or, for a wire,
// make likely, saying why) instead of assuming names. The search carries the
// frame's segment end to end (segment.ts): the local VLAN on a bridge, the
// tunnel key inside a tunnel, the VLAN a flow rewrote it to or a wire carried,
// or no tag at all (a flat network, between the flows that strip and add it).
// A frame leaves an OVS bridge only by a port of its own VLAN (or an untagged
// trunk/patch/tunnel), so a walk never reaches a port of another network; an
// untagged frame reaches no access port until a flow gives it a local VLAN.
// Where the flows that would prove a mapping are not captured, the hop says so
// instead of guessing.

import type { Link, Topology } from '../topology/model.js';
import type { Message } from '../message.js';
import { crossWire, enterBridge, isTunnelPort, leaveByTunnel, type Segment } from './segment.js';
import { surelyNotSentOut } from './openflow/trace.js';
import type { Trace } from './openflow/model.js';
import { traceEntering, type WalkFrame } from './walk-trace.js';

export type NodeKind = 'vm' | 'interface' | 'bridge' | 'namespace' | 'remote';
export interface PathNode { key: string; kind: NodeKind; host: string; name: string; netns?: string }
export interface Hop {
  node: PathNode;
  via?: { kind: Link['kind'] | 'netns'; link?: Link };
  /** The local VLAN the frame carries here, when it carries one. */
  tag?: number;
  /** What the frame carries here (VLAN, tunnel key, no tag on a flat network, or not provable). */
  segment?: Segment;
  /** This hop was taken without proof: the reason. */
  unproven?: Message;
}

export type { Segment } from './segment.js';

export const keyOf = (host: string, name: string): string => `${host}|${name}`;
export const nsKey = (host: string, netns: string): string => `ns:${host}|${netns}`;
export const vmKey = (host: string, name: string): string => `vm:${host}|${name}`;

interface Edge { to: string; kind: Link['kind'] | 'netns'; link?: Link }

export class TopologyGraph {
  readonly nodes = new Map<string, PathNode>();
  readonly edges = new Map<string, Edge[]>();

  constructor(readonly topology: Topology) {
    const vmNames = new Set(topology.vms.map((v) => vmKey(v.host, v.name)));
    for (const b of topology.bridges) this.node({ key: keyOf(b.host, b.name), kind: 'bridge', host: b.host, name: b.name });
    for (const i of topology.interfaces) {
      if (this.nodes.get(keyOf(i.host, i.name))?.kind === 'bridge') continue;
      this.node({ key: keyOf(i.host, i.name), kind: 'interface', host: i.host, name: i.name, ...(i.netns ? { netns: i.netns } : {}) });
      if (i.netns && i.name !== 'lo') {
        this.node({ key: nsKey(i.host, i.netns), kind: 'namespace', host: i.host, name: i.netns, netns: i.netns });
        this.edge(keyOf(i.host, i.name), nsKey(i.host, i.netns), 'netns');
      }
    }
    for (const v of topology.vms) this.node({ key: vmKey(v.host, v.name), kind: 'vm', host: v.host, name: v.name });
    for (const link of topology.links) {
      const a = this.endpointKey(link.a, vmNames, link.kind === 'tunnel');
      const b = this.endpointKey(link.b, vmNames, link.kind === 'tunnel');
      this.edge(a, b, link.kind, link);
    }
  }

  private endpointKey(e: { host: string; name: string }, vms: Set<string>, tunnel: boolean): string {
    if (vms.has(vmKey(e.host, e.name))) return vmKey(e.host, e.name);
    const key = keyOf(e.host, e.name);
    if (!this.nodes.has(key)) this.node({ key, kind: tunnel ? 'remote' : 'interface', host: e.host, name: e.name });
    return key;
  }

  private node(n: PathNode): void {
    if (!this.nodes.has(n.key)) this.nodes.set(n.key, n);
  }

  private edge(a: string, b: string, kind: Edge['kind'], link?: Link): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = this.edges.get(x) ?? [];
      list.push({ to: y, kind, ...(link ? { link } : {}) });
      this.edges.set(x, list);
    }
  }

  tagOf(host: string, port: string): number | undefined {
    for (const b of this.topology.bridges) if (b.host === host) for (const p of b.ports) if (p.name === port && p.tag !== undefined) return p.tag;
    return undefined;
  }

  /**
   * Shortest path from one node to another, or undefined when the links (and
   * flows) do not join them. With `frame` (what kind of packet it is, in match
   * syntax), a bridge with flow processing is also traced (openflow/trace.ts): a
   * port the trace surely never sends that packet to is not taken.
   */
  path(from: string, to: string, avoid: (n: PathNode) => boolean = () => false, carrying?: Segment, frame?: WalkFrame): Hop[] | undefined {
    const start = this.nodes.get(from);
    if (!start) return undefined;
    // `carrying`: what the frame already has where it starts (a VLAN on a wire into a physical bridge)
    const queue: Hop[][] = [[{ node: start, ...(carrying ? { segment: carrying } : {}), ...(carrying?.kind === 'vlan' ? { tag: carrying.vlan } : {}) }]];
    const seen = new Set<string>([`${from}#${signature(carrying)}`]);
    for (let head = 0; head < queue.length; head++) {
      const hops = queue[head]!;
      const last = hops[hops.length - 1]!;
      const here = last.node;
      if (here.key === to) return hops;
      for (const edge of this.edges.get(here.key) ?? []) {
        const next = this.nodes.get(edge.to);
        if (!next || (next.key !== to && avoid(next))) continue;
        // namespaces are not transit for anything but routers
        if (here.kind === 'namespace' && !here.name.startsWith('qrouter-') && !here.name.startsWith('snat-')) continue;
        const moved = this.move(here, next, edge, last.segment);
        if (moved && frame && here.kind === 'bridge' && next.kind !== 'bridge' && edge.kind === 'member' && this.tracedAway(here, next, hops, frame)) continue;
        if (!moved) continue;
        const mark = `${edge.to}#${signature(moved.segment)}`;
        if (seen.has(mark)) continue;
        seen.add(mark);
        const hop: Hop = { node: next, via: { kind: edge.kind, ...(edge.link ? { link: edge.link } : {}) } };
        if (moved.segment) hop.segment = moved.segment;
        if (moved.segment?.kind === 'vlan') hop.tag = moved.segment.vlan;
        if (moved.unproven) hop.unproven = moved.unproven;
        queue.push([...hops, hop]);
      }
    }
    return undefined;
  }

  private readonly traces = new Map<string, Trace | undefined>();

  /** Whether the flows of the OVS bridge `here` surely never send the frame (which came in by the hop before) out of port `next` (see surelyNotSentOut). */
  private tracedAway(here: PathNode, next: PathNode, hops: Hop[], frame: WalkFrame): boolean {
    const entry = hops[hops.length - 2];
    const bridge = this.topology.bridges.find((b) => b.kind === 'ovs' && b.host === here.host && b.name === here.name);
    if (!entry || !bridge) return false;
    // one trace per bridge, entry port, what the frame carries there, and kind of frame (walks of one graph differ in it)
    const key = `${here.key}\u0000${entry.node.name}\u0000${signature(entry.segment)}\u0000${entry.via?.kind === 'tunnel'}\u0000${JSON.stringify(frame)}`;
    if (!this.traces.has(key)) {
      this.traces.set(key, traceEntering(this.topology, bridge, entry.node.name, frame, { portTag: this.tagOf(here.host, entry.node.name), before: entry.segment, tunnelled: entry.via?.kind === 'tunnel' }));
    }
    const trace = this.traces.get(key);
    return trace !== undefined && surelyNotSentOut(trace, next.name);
  }

  /**
   * One step of a frame: the segment it carries after crossing `edge`, or
   * undefined when the captures show it cannot go that way.
   */
  private move(here: PathNode, next: PathNode, edge: Edge, segment: Segment | undefined): { segment?: Segment | undefined; unproven?: Message } | undefined {
    if (edge.kind === 'netns') return {};
    if (edge.kind === 'tunnel') return { segment: segment ?? fixedKey(edge.link) };
    if (edge.kind === 'physical') return crossWire(this.topology, edge.link!, here.host, here.name, segment);
    if (edge.kind !== 'member') return { segment };
    const bridge = this.topology.bridges.find((b) => b.host === (here.kind === 'bridge' ? here.host : next.host) && b.name === (here.kind === 'bridge' ? here.name : next.name));
    if (!bridge || bridge.kind !== 'ovs') return { segment };
    if (next.kind === 'bridge') return enterBridge(this.topology, bridge, next.name === bridge.name ? here.name : next.name, segment);
    // leaving an OVS bridge by the port `next`
    const port = bridge.ports.find((p) => p.name === next.name);
    if (port?.tag !== undefined) {
      if (segment?.kind === 'key' || segment?.kind === 'untagged') return undefined;
      if (segment?.kind === 'vlan') return segment.vlan === port.tag ? {} : undefined;
      if (segment?.kind === 'unknown') return { unproven: segment.reason };
      return {};
    }
    if (isTunnelPort(this.topology, bridge, next.name)) return leaveByTunnel(this.topology, bridge, next.name, segment);
    // an untagged trunk, patch or physical port: the frame keeps what it carries; a keyed frame only leaves by a tunnel
    return segment?.kind === 'key' ? undefined : { segment };
  }
}

function fixedKey(link: Link | undefined): Segment | undefined {
  return link?.key && link.key !== 'flow' ? { kind: 'key', key: link.key, proof: { kind: 'port-option' } } : undefined;
}

function signature(segment: Segment | undefined): string {
  if (!segment) return '';
  if (segment.kind === 'vlan') return `v${segment.vlan}`;
  if (segment.kind === 'key') return `k${Number(segment.key)}`;
  if (segment.kind === 'untagged') return 'n';
  return 'u';
}
