// Captures that contradict each other: a namespace entered with `ip netns exec`
// that `ip netns` on the same host does not list; a router port (qr-/qg-) that
// sits on no OVS bridge although `ovs-vsctl show` was captured.

import type { Sources } from './sources.js';
import type { Namespace, Topology } from './model.js';

export function checkConsistency(topology: Topology, sources: Sources): void {
  const listedOn = new Set(sources.captures.filter((c) => c.result.parser === 'ip-netns').map((c) => c.host));
  for (const ns of topology.namespaces as (Namespace & { listed?: boolean })[]) {
    if (ns.listed || !listedOn.has(ns.host)) continue;
    const used = sources.captures.find((c) => c.host === ns.host && c.result.netns === ns.name);
    topology.findings.push({
      kind: 'inconsistent',
      message: {
        zh: `命令在命名空间 ${ns.name} 中执行，但同一主机上的 \`ip netns\` 没有列出它。`,
        en: `A command ran in namespace ${ns.name}, but \`ip netns\` on the same host does not list it.`,
      },
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
      message: {
        zh: `路由器端口 ${itf.name}（${itf.netns}）不在任何 OVS 桥上，而 \`ovs-vsctl show\` 已抓取。`,
        en: `Router port ${itf.name} (${itf.netns}) sits on no OVS bridge, although \`ovs-vsctl show\` was captured.`,
      },
      evidence: itf.evidence.slice(0, 1),
    });
  }
  for (const ns of topology.namespaces) delete (ns as Namespace & { listed?: boolean }).listed;
}
