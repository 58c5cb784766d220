// Every name the captures show (interfaces, bridges, ports, namespaces, VMs,
// link ends), for telling which names in the prose no capture backs.

import type { Topology } from '../topology/model.js';

export function namesInTopology(topology: Topology): Set<string> {
  const names = new Set<string>();
  for (const i of topology.interfaces) names.add(i.name);
  for (const b of topology.bridges) {
    names.add(b.name);
    for (const p of b.ports) names.add(p.name);
  }
  for (const n of topology.namespaces) names.add(n.name);
  for (const l of topology.links) {
    names.add(l.a.name);
    names.add(l.b.name);
  }
  for (const v of topology.vms) {
    names.add(v.name);
    for (const nic of v.interfaces) names.add(nic.tap);
  }
  for (const s of topology.services) if (s.interface) names.add(s.interface);
  for (const f of topology.flows) names.add(f.bridge);
  return names;
}
