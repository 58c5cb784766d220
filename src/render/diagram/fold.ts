// The folded drawing: each VM's chain of devices between the VM and the
// switch it plugs into — its tap, the Linux bridge holding the tap (where
// iptables filters), that bridge's other ports and their veth peers on the next
// bridge (Neutron's tap–qbr–qvb–qvo) — becomes one box, so a reader sees
// "VM → chain → br-int" first and the parts on the unfolded drawing. Found by
// links and bridge membership, never by names.

import type { Endpoint, Topology } from '../../topology/model.js';
import { endpointAttr } from '../anchors.js';

export interface VmChain {
  host: string;
  /** The VM's attribute key. */
  vm: string;
  /** Attribute keys of the devices folded, tap first. */
  keys: string[];
  names: string[];
  /** The box's label. */
  label: string;
}

const sameScope = (a: { host: string; netns?: string | undefined }, b: { host: string; netns?: string | undefined }) =>
  a.host === b.host && (a.netns ?? '') === (b.netns ?? '');

/** The attribute keys of every VM's chain: tap, its Linux bridge and ports, their veth peers. */
export function vmChains(topology: Topology): VmChain[] {
  const chains: VmChain[] = [];
  const taken = new Set<string>();
  const isVm = (e: Endpoint) => !e.netns && topology.vms.some((v) => v.host === e.host && v.name === e.name);
  for (const link of topology.links) {
    if (link.kind !== 'vm') continue;
    const [vm, tap] = isVm(link.a) ? [link.a, link.b] : [link.b, link.a];
    const bridge = topology.bridges.find((b) => b.kind === 'linux' && sameScope(b, tap) && b.ports.some((p) => p.name === tap.name));
    if (!bridge) continue; // the tap is on the switch itself: nothing between to fold
    const names = [tap.name, bridge.name];
    const keys = [endpointAttr(tap), endpointAttr(bridge)];
    for (const port of bridge.ports) {
      if (port.name === tap.name) continue;
      const at = { host: bridge.host, netns: bridge.netns, name: port.name };
      names.push(port.name);
      keys.push(endpointAttr(at));
      for (const veth of topology.links) {
        if (veth.kind !== 'veth') continue;
        const peer = endpointAttr(veth.a) === endpointAttr(at) ? veth.b : endpointAttr(veth.b) === endpointAttr(at) ? veth.a : undefined;
        if (peer && !keys.includes(endpointAttr(peer))) {
          names.push(peer.name);
          keys.push(endpointAttr(peer));
        }
      }
    }
    if (keys.some((k) => taken.has(k))) continue; // two VMs on one bridge: leave it drawn as it is
    keys.forEach((k) => taken.add(k));
    chains.push({ host: vm.host, vm: endpointAttr(vm), keys, names, label: chainLabel(names) });
  }
  return chains;
}

/** The shared ending of the names after their short beginnings (`tap·qbr·qvb·qvo 7bfa2daa-66`), else `first … last`. */
function chainLabel(names: string[]): string {
  let suffix = names[0] ?? '';
  for (const n of names) while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  const heads = names.map((n) => n.slice(0, n.length - suffix.length));
  if (suffix.replace(/^[^A-Za-z0-9]+/, '').length >= 4 && heads.every((h) => h.length > 0 && h.length <= 4)) return `${heads.join('·')} ${suffix}`;
  return `${names[0]} … ${names[names.length - 1]}`;
}
