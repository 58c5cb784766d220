// Small look-ups over a Topology that every rule, walk and claim checker needs:
// where an interface lives, which bridge holds a port, evidence merging.

import type { Bridge, BridgePort, Endpoint, EvidenceRef, Interface, Link, Topology } from '../topology/model.js';
import { mergeEvidence } from '../topology/refs.js';
import { msg, type MessageValue } from '../message.js';

/** An endpoint as a message value: its name, or `name (host, netns)` (place:qualified) where the name alone is ambiguous. */
export function place(topology: Topology, e: Endpoint): MessageValue {
  const parts: string[] = [];
  if (topology.hosts.length > 1) parts.push(e.host);
  if (e.netns) parts.push(e.netns);
  return parts.length ? msg('place:qualified', { name: e.name, where: parts }) : e.name;
}

export function endpoint(host: string, name: string, netns?: string): Endpoint {
  return netns ? { host, netns, name } : { host, name };
}

/** Evidence without repeats, in order of first appearance (the topology's mergeEvidence). */
export const evidence = mergeEvidence;

export function interfacesNamed(topology: Topology, name: string, host?: string): Interface[] {
  return topology.interfaces.filter((i) => i.name === name && (host === undefined || i.host === host));
}

export function bridgeHolding(topology: Topology, host: string, port: string): { bridge: Bridge; port: BridgePort } | undefined {
  for (const bridge of topology.bridges) {
    if (bridge.host !== host || bridge.name === port) continue;
    const found = bridge.ports.find((p) => p.name === port);
    if (found) return { bridge, port: found };
  }
  return undefined;
}

export function linksOf(topology: Topology, kind: Link['kind'], name: string, host?: string): Link[] {
  return topology.links.filter(
    (l) => l.kind === kind && (l.a.name === name || l.b.name === name) && (host === undefined || l.a.host === host || l.b.host === host),
  );
}

export function otherEnd(link: Link, name: string): Endpoint {
  return link.a.name === name ? link.b : link.a;
}

/** An IPv4 address in dotted form from 8 hex digits (`c6336415` → `198.51.100.21`). */
export function hexToIpv4(hex: string): string | undefined {
  if (!/^[0-9a-f]{8}$/i.test(hex)) return undefined;
  return [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** Commands of a fact's evidence, lower-cased, to tell how it was proven. */
export function commandsOf(refs: EvidenceRef[]): string[] {
  return refs.map((r) => (r.command ?? '').toLowerCase());
}
