// A breadth-first search over the topology's typed links (veth, patch, tunnel,
// member, vm) plus namespace membership, so packet walks follow what the
// captures prove instead of assuming names. Inside an OVS bridge a frame only
// leaves by a port with its local VLAN tag (or an untagged trunk/patch).

import type { Endpoint, Link, Topology } from '../topology/model.js';

export type NodeKind = 'vm' | 'interface' | 'bridge' | 'namespace' | 'remote';
export interface PathNode { key: string; kind: NodeKind; host: string; name: string; netns?: string }
export interface Hop { node: PathNode; via?: { kind: Link['kind'] | 'netns'; link?: Link }; tag?: number }

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

  private endpointKey(e: Endpoint, vms: Set<string>, tunnel: boolean): string {
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

  /** Shortest path from one node to another, or undefined when the links do not join them. */
  path(from: string, to: string, avoid: (n: PathNode) => boolean = () => false): Hop[] | undefined {
    const start = this.nodes.get(from);
    if (!start) return undefined;
    type State = { hops: Hop[]; tag?: number };
    const queue: State[] = [{ hops: [{ node: start }] }];
    const seen = new Set<string>([from]);
    while (queue.length) {
      const state = queue.shift()!;
      const here = state.hops[state.hops.length - 1]!.node;
      if (here.key === to) return state.hops;
      for (const edge of this.edges.get(here.key) ?? []) {
        const next = this.nodes.get(edge.to);
        if (!next || seen.has(`${edge.to}#${state.tag ?? ''}`) || (next.key !== to && avoid(next))) continue;
        // namespaces are not transit for anything but routers
        if (here.kind === 'namespace' && !here.name.startsWith('qrouter-') && !here.name.startsWith('snat-')) continue;
        let tag = state.tag;
        if (here.kind === 'bridge' && edge.kind === 'member') {
          const portTag = this.tagOf(next.host, next.name);
          if (tag !== undefined && portTag !== undefined && portTag !== tag) continue;
        }
        if (edge.kind === 'member' && next.kind === 'bridge') tag = this.tagOf(here.host, here.name) ?? tag;
        if (edge.kind === 'tunnel' || edge.kind === 'netns') tag = undefined;
        seen.add(`${edge.to}#${tag ?? ''}`);
        queue.push({ hops: [...state.hops, { node: next, via: { kind: edge.kind, ...(edge.link ? { link: edge.link } : {}) }, ...(tag !== undefined ? { tag } : {}) }], ...(tag !== undefined ? { tag } : {}) });
      }
    }
    return undefined;
  }
}
