// The names in a capture block — interfaces, bridges, ports, namespaces, VMs
// and the processes of services — as links to the diagram's box for that
// device (`<a class="name" href="#box" data-node="box">qvo…</a>`), and for each
// block the list of names it shows with the other blocks that show them. A name
// is resolved in the capture's own place first (its host, and the namespace an
// `ip netns exec` ran in), then in the host's root namespace, then anywhere on
// the host, then anywhere: `lo` in a router namespace's `ip link` is that
// namespace's `lo`.

import type { Element, ElementContent } from 'hast';
import { parseCommandLine } from '../../captures/command-line.js';
import type { Topology } from '../../topology/model.js';
import type { Box, DiagramGraph } from '../diagram/graph.js';

export interface NamedDevice {
  name: string;
  host: string;
  netns: string;
  /** The diagram box's id. */
  node: string;
}

export type NameIndex = Map<string, NamedDevice[]>;

/** Every name a box shows (its label, or each device a folded box stands for), and each service's process. */
export function nameIndex(graph: DiagramGraph, topology: Topology): NameIndex {
  const index: NameIndex = new Map();
  const add = (d: NamedDevice) => {
    if (d.name.length < 2 || /^\d+$/.test(d.name)) return;
    const list = index.get(d.name) ?? [];
    if (!list.some((x) => x.node === d.node)) list.push(d);
    index.set(d.name, list);
  };
  const visit = (b: Box) => {
    for (const key of b.keys) {
      const device = /^([^/:]*)\/([^/]*)\/(.+)$/.exec(key); // host/netns/name
      const scope = /^ns:([^/]*)\/(.+)$/.exec(key);
      if (device) add({ name: device[3]!, host: device[1]!, netns: device[2]!, node: b.id });
      else if (scope) add({ name: scope[2]!, host: scope[1]!, netns: '', node: b.id });
    }
    b.children.forEach(visit);
  };
  graph.roots.forEach(visit);
  for (const s of topology.services) {
    if (!s.process) continue;
    const at = s.interface ? index.get(s.interface)?.find((d) => d.host === s.host && d.netns === (s.netns ?? '')) : undefined;
    const ns = s.netns ? index.get(s.netns)?.find((d) => d.host === s.host) : undefined;
    const node = at?.node ?? ns?.node;
    if (node) add({ name: s.process, host: s.host, netns: s.netns ?? '', node });
  }
  return index;
}

/** The device a name in a capture of `host` run in `netns` stands for. */
export function resolveName(index: NameIndex, name: string, host: string, netns: string): NamedDevice | undefined {
  const all = index.get(name);
  if (!all) return undefined;
  return all.find((d) => d.host === host && d.netns === netns)
    ?? all.find((d) => d.host === host && d.netns === '')
    ?? all.find((d) => d.host === host)
    ?? all[0];
}

/** The namespace a captured command ran in (`ip netns exec X …`), '' for the root one. */
export const netnsOf = (command: string): string => parseCommandLine(command).netns ?? '';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for every name, longest first, not inside a longer word (`eth0` is not in `eth0.100` or `veth0`). */
export function namePattern(index: NameIndex): RegExp | undefined {
  const names = [...index.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (names.length === 0) return undefined;
  return new RegExp(`(?<![A-Za-z0-9_.-])(?:${names.map(escape).join('|')})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'g');
}

/**
 * Link the names in one line's content (text nodes outside links); returns
 * the devices linked, in order.
 */
export function linkNames(line: Element, pattern: RegExp, resolve: (name: string) => NamedDevice | undefined): NamedDevice[] {
  const found: NamedDevice[] = [];
  const visit = (parent: Element) => {
    const out: ElementContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'element') {
        if (child.tagName !== 'a') visit(child);
        out.push(child);
        continue;
      }
      if (child.type !== 'text') {
        out.push(child);
        continue;
      }
      let last = 0;
      for (const m of child.value.matchAll(pattern)) {
        const device = resolve(m[0]);
        if (!device) continue;
        if (m.index! > last) out.push({ type: 'text', value: child.value.slice(last, m.index) });
        out.push({ type: 'element', tagName: 'a', properties: { className: ['name'], href: `#${device.node}`, dataNode: device.node }, children: [{ type: 'text', value: m[0] }] });
        found.push(device);
        last = m.index! + m[0].length;
      }
      if (last === 0) out.push(child);
      else if (last < child.value.length) out.push({ type: 'text', value: child.value.slice(last) });
    }
    parent.children = out;
  };
  visit(line);
  return found;
}
