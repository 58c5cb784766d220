// A bridge holds its flows: flows captured under a section (or in a bundle
// folder) whose host shows no bridge of that name are placed on the host that
// does — when exactly one host does and the port numbers the flows use agree
// with that bridge's. Where several hosts could hold it, or none shows it, the
// flows stay and a finding says so (the candidates and why), rather than a
// guess. Flows that then meet their own copy (the same bridge dumped twice)
// become one flow with the evidence of both.

import type { Bridge, Flow, Topology } from './model.js';
import { msg } from '../message.js';
import { mergeEvidence } from './refs.js';
import { flowIdentity } from './joiners/ovs-ofctl-dump-flows.js';

export function placeFlows(topology: Topology): void {
  const guests = new Set(topology.hosts.filter((h) => h.role === 'guest').map((h) => h.name));
  const ovs = topology.bridges.filter((b) => b.kind === 'ovs' && !guests.has(b.host));
  if (ovs.length === 0 && guests.size === 0) return;
  const groups = new Map<string, Flow[]>();
  for (const f of topology.flows) {
    if (ovs.some((b) => b.host === f.host && b.name === f.bridge)) continue;
    const key = `${f.host}\u0000${f.bridge}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const flows of groups.values()) {
    const { host, bridge } = flows[0]!;
    const holders = ovs.filter((b) => b.name === bridge);
    const agreeing = holders.filter((b) => portsAgree(b, flows));
    const evidence = flows[0]!.evidence.slice(0, 1);
    if (agreeing.length === 1) {
      const to = agreeing[0]!.host;
      for (const f of flows) f.host = to;
      topology.findings.push({ kind: 'inconsistent', message: msg('flows:placed-on-holder', { bridge, from: host, to, n: flows.length }), evidence: mergeEvidence(evidence, agreeing[0]!.evidence.slice(0, 1)) });
    } else if (agreeing.length > 1) {
      topology.findings.push({ kind: 'inconsistent', message: msg('flows:several-holders', { bridge, from: host, candidates: agreeing.map((b) => b.host) }), evidence: mergeEvidence(evidence, ...agreeing.map((b) => b.evidence.slice(0, 1))) });
    } else {
      topology.findings.push({
        kind: 'inconsistent',
        message: holders.length
          ? msg('flows:ports-disagree', { bridge, from: host, candidates: holders.map((b) => b.host) })
          : msg('flows:no-holder', { bridge, from: host }),
        evidence,
      });
    }
  }
  dedupe(topology);
}

/** Port numbers and names the flows use (in_port, output) are ports of this bridge, as far as its captures number them. */
function portsAgree(bridge: Bridge, flows: Flow[]): boolean {
  const numbers = new Set(bridge.ports.map((p) => p.ofport).filter((n): n is number => n !== undefined));
  const names = new Set(bridge.ports.map((p) => p.name));
  for (const f of flows) {
    const outputs = f.actions.filter((a) => a.type === 'output').map((a) => {
      const port = a.port as { number?: number; name?: string; reserved?: string } | undefined;
      return port?.number !== undefined ? String(port.number) : port?.name ?? port?.reserved;
    });
    const used = [f.match.in_port, ...outputs].filter((p): p is string => !!p);
    for (const p of used) {
      if (/^\d+$/.test(p)) { if (numbers.size && !numbers.has(Number(p))) return false; }
      else if (!/^(LOCAL|IN_PORT|NORMAL|FLOOD|ALL|CONTROLLER|NONE)$/i.test(p) && !names.has(p)) return false;
    }
  }
  return true;
}

/** One flow per identity, with the evidence of every copy. */
function dedupe(topology: Topology): void {
  const byId = new Map<string, Flow>();
  topology.flows = topology.flows.filter((f) => {
    const id = flowIdentity(f);
    const first = byId.get(id);
    if (!first) { byId.set(id, f); return true; }
    first.evidence = mergeEvidence(first.evidence, f.evidence);
    return false;
  });
}
