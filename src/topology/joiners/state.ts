// The topology while captures join it, and the look-ups every joiner shares
// (the `state` of mdast-util-to-hast's handlers): one record per interface,
// bridge, namespace, VM and host, found or made by its name, with the
// evidence of every capture that names it.

import type { Bridge, Endpoint, EvidenceRef, Host, Interface, Namespace, Topology, Vm } from '../model.js';
import type { SourcedCapture } from '../sources.js';
import { endpointKey } from '../refs.js';

/** A process a capture shows with a Neutron role (dnsmasq, a metadata proxy), placed once every capture is in. */
export interface SeenProcess { capture: SourcedCapture; pid: number; role: unknown; evidence: EvidenceRef[]; argv: string[] }

export class JoinState {
  private readonly interfaceMap = new Map<string, Interface>();
  private readonly hostMap = new Map<string, Host>();
  /** Processes with a role, in capture order (ps-ef). */
  readonly processes: SeenProcess[] = [];
  /** `host\0tap` → the line of `virsh dumpxml` naming the tap (virsh-dumpxml). */
  readonly vmTapEvidence = new Map<string, EvidenceRef[]>();

  constructor(readonly topology: Topology) {}

  /** Interfaces and hosts in the order first seen, into the topology. */
  settle(): void {
    this.topology.interfaces = [...this.interfaceMap.values()];
    this.topology.hosts = [...this.hostMap.values()];
  }

  host(name: string, evidence: EvidenceRef[]): Host {
    let host = this.hostMap.get(name);
    if (!host) {
      host = { name, evidence: [] };
      const role = /^(compute|network|controller|allinone|storage)/.exec(name)?.[1];
      if (role) host.role = role;
      this.hostMap.set(name, host);
    }
    if (host.evidence.length === 0) host.evidence.push(...evidence);
    return host;
  }

  iface(e: Endpoint, evidence: EvidenceRef[]): Interface {
    const key = endpointKey(e);
    let itf = this.interfaceMap.get(key);
    if (!itf) {
      itf = { host: e.host, ...(e.netns ? { netns: e.netns } : {}), name: e.name, addresses: [], evidence: [] };
      this.interfaceMap.set(key, itf);
    }
    itf.evidence.push(...evidence);
    return itf;
  }

  /** Interfaces seen so far (before settle). */
  interfaces(): Interface[] {
    return [...this.interfaceMap.values()];
  }

  namespace(host: string, name: string, evidence: EvidenceRef[], id?: number, listed = true): void {
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

  bridge(host: string, netns: string | undefined, name: string, kind: 'ovs' | 'linux', evidence: EvidenceRef[]): Bridge {
    let bridge = this.topology.bridges.find((b) => b.host === host && b.name === name && b.kind === kind);
    if (!bridge) {
      bridge = { host, ...(netns ? { netns } : {}), name, kind, ports: [], evidence: [] };
      this.topology.bridges.push(bridge);
    }
    bridge.evidence.push(...evidence);
    return bridge;
  }

  /** Port `port` of OVS bridge `bridgeName` has OpenFlow number `number` (the line saying so joins its evidence). */
  ofport(host: string, netns: string | undefined, bridgeName: string, port: string, number: number, evidence: EvidenceRef[]): void {
    const bridge = this.bridge(host, netns, bridgeName, 'ovs', []);
    let found = bridge.ports.find((p) => p.name === port);
    if (!found) bridge.ports.push((found = { name: port, evidence: [] }));
    found.ofport = number;
    found.evidence.push(...evidence);
  }

  vm(host: string, name: string, evidence: EvidenceRef[]): Vm {
    let vm = this.topology.vms.find((v) => v.host === host && v.name === name);
    if (!vm) {
      vm = { host, name, interfaces: [], evidence: [] };
      this.topology.vms.push(vm);
    }
    vm.evidence.push(...evidence);
    return vm;
  }
}
