// The topology as a tree of boxes and a list of wires, before any layout:
// host ⊃ namespace ⊃ bridge ⊃ port, VMs and free interfaces as leaves, links
// as wires between them. Every box knows its name and the lines that prove it.

import type { Endpoint, EvidenceRef, LinkKind, Topology } from '../../topology/model.js';
import { say } from '../../i18n/messages.js';

export type BoxKind = 'host' | 'namespace' | 'bridge' | 'port' | 'interface' | 'vm';

export interface Box {
  id: string;
  kind: BoxKind;
  label: string;
  /** Extra words for the tooltip (bridge kind, VLAN tag, addresses). */
  detail: string[];
  evidence: EvidenceRef[];
  children: Box[];
}

export interface Wire {
  id: string;
  kind: LinkKind;
  likely: boolean;
  source: string;
  target: string;
  label: string;
  reason?: string;
  evidence: EvidenceRef[];
}

export interface DiagramGraph {
  roots: Box[];
  wires: Wire[];
}

const key = (host: string, netns: string | undefined, name: string) => `${host}\u0000${netns ?? ''}\u0000${name}`;
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Ids safe in XML attributes and ELK, stable for the same input. */
function idOf(...parts: (string | undefined)[]): string {
  return parts.map((p) => (p ?? '').replace(/[^A-Za-z0-9_.-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)).join('--');
}

export function diagramGraph(topology: Topology): DiagramGraph {
  const boxes = new Map<string, Box>();
  const hosts = new Map<string, Box>();
  const namespaces = new Map<string, Box>();

  const host = (name: string): Box => {
    let box = hosts.get(name);
    if (!box) {
      const known = topology.hosts.find((h) => h.name === name);
      box = { id: idOf('host', name), kind: 'host', label: name, detail: known?.role ? [known.role] : [], evidence: known?.evidence ?? [], children: [] };
      hosts.set(name, box);
    }
    return box;
  };
  const scope = (hostName: string, netns: string | undefined): Box => {
    if (!netns) return host(hostName);
    const k = key(hostName, undefined, netns);
    let box = namespaces.get(k);
    if (!box) {
      const known = topology.namespaces.find((n) => n.host === hostName && n.name === netns);
      box = { id: idOf('ns', hostName, netns), kind: 'namespace', label: netns, detail: known?.role ? [known.role] : [], evidence: known?.evidence ?? [], children: [] };
      namespaces.set(k, box);
      host(hostName).children.push(box);
    }
    return box;
  };

  for (const h of [...topology.hosts].sort(byName)) host(h.name);
  for (const n of [...topology.namespaces].sort(byName)) scope(n.host, n.name);

  // Bridges and their ports first: an interface that is a port is drawn as the port.
  const portOf = new Map<string, string>();
  for (const b of [...topology.bridges].sort(byName)) {
    const box: Box = { id: idOf('br', b.host, b.netns, b.name), kind: 'bridge', label: b.name, detail: [b.kind === 'ovs' ? 'Open vSwitch' : 'Linux bridge'], evidence: b.evidence, children: [] };
    boxes.set(key(b.host, b.netns, b.name), box);
    for (const p of [...b.ports].sort(byName)) {
      const detail = [p.type, p.tag !== undefined ? `tag ${p.tag}` : undefined, ...Object.entries(p.options ?? {}).map(([k, v]) => `${k}=${v}`)].filter((x): x is string => !!x);
      const port: Box = { id: idOf('port', b.host, b.netns, b.name, p.name), kind: 'port', label: p.name, detail, evidence: p.evidence, children: [] };
      box.children.push(port);
      portOf.set(key(b.host, b.netns, p.name), port.id);
    }
    scope(b.host, b.netns).children.push(box);
  }

  const ids = new Map<string, string>(portOf);
  for (const i of [...topology.interfaces].sort((a, b) => (key(a.host, a.netns, a.name) < key(b.host, b.netns, b.name) ? -1 : 1))) {
    const k = key(i.host, i.netns, i.name);
    if (ids.has(k)) continue;
    // A Linux bridge is also an interface (`ip link` lists it): draw it once, as the bridge.
    const bridge = boxes.get(k);
    if (bridge) {
      bridge.evidence = [...bridge.evidence, ...i.evidence];
      continue;
    }
    const detail = [i.kind, i.mac, ...i.addresses.map((a) => a.cidr)].filter((x): x is string => !!x);
    const box: Box = { id: idOf('if', i.host, i.netns, i.name), kind: 'interface', label: i.name, detail, evidence: i.evidence, children: [] };
    scope(i.host, i.netns).children.push(box);
    ids.set(k, box.id);
  }
  for (const v of [...topology.vms].sort(byName)) {
    const detail = [v.state, v.uuid].filter((x): x is string => !!x);
    const box: Box = { id: idOf('vm', v.host, v.name), kind: 'vm', label: v.name, detail, evidence: v.evidence, children: [] };
    host(v.host).children.push(box);
    ids.set(key(v.host, undefined, v.name), box.id);
  }

  const resolve = (e: Endpoint): string | undefined =>
    ids.get(key(e.host, e.netns, e.name)) ?? boxes.get(key(e.host, e.netns, e.name))?.id;

  const wires: Wire[] = [];
  const seen = new Set<string>();
  const add = (w: Wire) => {
    if (seen.has(w.id) || w.source === w.target) return;
    seen.add(w.id);
    wires.push(w);
  };
  for (const link of topology.links) {
    const a = resolve(link.a);
    const b = resolve(link.b);
    if (!a || !b) continue;
    // A member link to a port drawn inside its bridge is shown by containment.
    const bridge = boxes.get(key(link.a.host, link.a.netns, link.a.name));
    if (link.kind === 'member' && bridge?.children.some((c) => c.id === b)) continue;
    add({
      id: idOf('link', link.kind, a, b), kind: link.kind, likely: link.certainty === 'likely', source: a, target: b,
      label: `${link.a.name} — ${link.b.name}`, ...(link.reason ? { reason: say(link.reason, 'en') } : {}), evidence: link.evidence,
    });
  }
  // An OVS internal port moved into a namespace: the port on the bridge and the
  // interface inside the namespace are the same device, joined by a member wire.
  for (const b of topology.bridges) {
    for (const p of b.ports) {
      for (const i of topology.interfaces) {
        if (i.host !== b.host || i.name !== p.name || (i.netns ?? '') === (b.netns ?? '')) continue;
        const source = portOf.get(key(b.host, b.netns, p.name));
        const target = ids.get(key(i.host, i.netns, i.name));
        if (!source || !target) continue;
        add({ id: idOf('link', 'member', source, target), kind: 'member', likely: false, source, target, label: `${b.name}:${p.name} — ${i.netns}:${i.name}`, evidence: [...p.evidence, ...i.evidence] });
      }
    }
  }
  wires.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { roots: [...hosts.values()], wires };
}
