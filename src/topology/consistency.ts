// Captures that contradict each other: a namespace entered with `ip netns exec`
// that `ip netns` on the same host does not list; a router port (qr-/qg-) that
// sits on no OVS bridge although `ovs-vsctl show` was captured.

import type { Sources } from './sources.js';
import type { Namespace, Topology } from './model.js';
import { msg } from '../message.js';

export function checkConsistency(topology: Topology, sources: Sources): void {
  const listedOn = new Set(sources.captures.filter((c) => c.result.parser === 'ip-netns').map((c) => c.host));
  for (const ns of topology.namespaces as (Namespace & { listed?: boolean })[]) {
    if (ns.listed || !listedOn.has(ns.host)) continue;
    const used = sources.captures.find((c) => c.host === ns.host && c.result.netns === ns.name);
    topology.findings.push({
      kind: 'inconsistent',
      message: msg('consistency:netns-not-listed', { netns: ns.name }),
      evidence: used ? [{ file: used.file, line: used.lineOffset, command: used.command }] : [],
    });
  }
  const ovsHosts = new Set(topology.bridges.filter((b) => b.kind === 'ovs').map((b) => b.host));
  for (const itf of topology.interfaces) {
    if (!itf.netns?.startsWith('qrouter-') || !/^(qr|qg)-/.test(itf.name) || !ovsHosts.has(itf.host)) continue;
    const onBridge = topology.bridges.some((b) => b.host === itf.host && b.ports.some((p) => p.name === itf.name));
    if (onBridge) continue;
    topology.findings.push({
      kind: 'inconsistent',
      message: msg('consistency:router-port-off-bridge', { port: itf.name, netns: itf.netns }),
      evidence: itf.evidence.slice(0, 1),
    });
  }
  for (const ns of topology.namespaces) delete (ns as Namespace & { listed?: boolean }).listed;
}
