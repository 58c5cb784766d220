// A guest's own view: commands typed inside a VM (a section titled after it,
// or one whose `ip addr` shows a VM's own MAC) are that VM's addresses and
// routes, not a hypervisor's. Before joining, sections that name no host but
// show a VM's MAC are marked as the guest's; after joining, every guest host is
// tied to its VM — by the MAC `virsh dumpxml` gives the VM's NIC, by its tap's
// MAC (libvirt gives the tap the guest's MAC with the first byte fe), or as the
// only VM in the captures — and a guest never holds bridges or flows.

import type { SourcedCapture } from './sources.js';
import type { Host, Topology } from './model.js';
import { isCaptureOf } from '../captures/registry.js';

/** A guest's MAC as libvirt's tap shows it: `fa:16:3e:…` → `fe:16:3e:…`. */
export const tapMacOf = (guestMac: string): string => `fe${guestMac.toLowerCase().slice(2)}`;

/** Every MAC a VM's NIC has by `virsh dumpxml`, and every tap's MAC turned back into its guest's, with the VM when known. */
function vmMacs(captures: SourcedCapture[]): Set<string> {
  const macs = new Set<string>();
  const taps = new Set<string>();
  for (const c of captures) {
    if (isCaptureOf(c.result, 'virsh-dumpxml')) {
      for (const r of c.result.records) {
        if (r.kind === 'domain') for (const i of r.interfaces) {
          if (i.mac) macs.add(i.mac.toLowerCase());
          if (i.targetDev) taps.add(i.targetDev);
        } else if (r.element === 'target' && r.attributes.dev) taps.add(r.attributes.dev);
      }
    }
  }
  for (const c of captures) {
    if (!isCaptureOf(c.result, 'ip-addr') && !isCaptureOf(c.result, 'ip-link')) continue;
    for (const r of (c.result.records as { name: string; linkLayer?: { address?: string } }[])) {
      const mac = r.linkLayer?.address?.toLowerCase();
      if (mac && taps.has(r.name) && mac.startsWith('fe:')) macs.add(`fa${mac.slice(2)}`);
    }
  }
  return macs;
}

/**
 * Sections that name no host of their own (their captures took the host of a
 * section before them) but whose `ip addr`/`ip link` shows a VM's own MAC on a
 * NIC, and no tap, bridge or OVS port: the guest's view. Their captures become
 * the guest's (named `vm`, or the section's first word with a digit).
 */
export function markGuestSections(captures: SourcedCapture[]): void {
  const macs = vmMacs(captures);
  if (macs.size === 0) return;
  const sections = new Map<string, SourcedCapture[]>();
  for (const c of captures) {
    if (c.section === undefined || c.guest || c.hostFrom === 'title') continue;
    const key = `${c.shownAt?.guide ?? c.file}\u0000${c.section}`;
    sections.set(key, [...(sections.get(key) ?? []), c]);
  }
  for (const list of sections.values()) {
    const names: string[] = [];
    let showsVmMac = false;
    for (const c of list) {
      if (!isCaptureOf(c.result, 'ip-addr') && !isCaptureOf(c.result, 'ip-link')) continue;
      for (const r of (c.result.records as { name: string; linkLayer?: { address?: string } }[])) {
        names.push(r.name);
        if (r.linkLayer?.address && macs.has(r.linkLayer.address.toLowerCase())) showsVmMac = true;
      }
    }
    const hypervisorish = names.some((n) => /^(tap|qvo|qvb|qbr|br-|vnet|virbr|ovs-system|int-|phy-)/.test(n));
    if (!showsVmMac || hypervisorish) continue;
    const named = /[A-Za-z][A-Za-z0-9_.-]*\d[A-Za-z0-9_.-]*/.exec(list[0]!.section ?? '')?.[0];
    for (const c of list) {
      c.guest = true;
      c.host = named ?? 'vm';
    }
  }
}

/** Each guest host tied to its VM (role `guest`, `guest_of`; the VM's `guest`). */
export function joinGuests(topology: Topology, captures: SourcedCapture[]): void {
  const guestHosts = new Set(captures.filter((c) => c.guest).map((c) => c.host));
  for (const host of topology.hosts) {
    if (!guestHosts.has(host.name)) continue;
    host.role = 'guest';
    const tie = vmOfGuest(topology, host);
    if (!tie) continue;
    host.guest_of = tie;
    const vm = topology.vms.find((v) => v.host === tie.host && v.name === tie.vm)!;
    vm.guest = host.name;
  }
}

function vmOfGuest(topology: Topology, guest: Host): Host['guest_of'] {
  const nics = topology.interfaces.filter((i) => i.host === guest.name && !i.netns && i.mac && !i.flags?.includes('LOOPBACK') && i.name !== 'lo');
  for (const vm of topology.vms) {
    for (const nic of nics) {
      const mac = nic.mac!.toLowerCase();
      const byXml = vm.interfaces.find((i) => i.mac?.toLowerCase() === mac);
      if (byXml) return { host: vm.host, vm: vm.name, by: 'mac', interface: nic.name, mac, evidence: [...nic.evidence.slice(0, 1), ...vm.evidence.slice(0, 1)] };
      const tap = topology.interfaces.find((i) => i.host === vm.host && vm.interfaces.some((x) => x.tap === i.name) && i.mac?.toLowerCase() === tapMacOf(mac));
      if (tap) return { host: vm.host, vm: vm.name, by: 'tap-mac', interface: nic.name, mac, tap: tap.name, evidence: [...nic.evidence.slice(0, 1), ...tap.evidence.slice(0, 1)] };
    }
  }
  // by name: the guest section is titled after the VM
  const named = topology.vms.find((v) => v.name === guest.name);
  if (named) return { host: named.host, vm: named.name, by: 'name', evidence: named.evidence.slice(0, 1) };
  if (topology.vms.length === 1) {
    const only = topology.vms[0]!;
    return { host: only.host, vm: only.name, by: 'only-vm', evidence: only.evidence.slice(0, 1) };
  }
  return undefined;
}

/** Whether a host is a guest's view (its routes and addresses are the VM's own). */
export const isGuest = (topology: Topology, host: string): boolean => topology.hosts.some((h) => h.name === host && h.role === 'guest');
