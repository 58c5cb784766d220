// `ps -ef` / `ps aux`: the processes with a Neutron role, and — once every
// capture is in — the services they are: dnsmasq (DHCP) and metadata
// proxies, placed in the namespace that holds their interface or socket, or
// (only likely, saying why) in the one their command line names.

import type { Service } from '../model.js';
import { msg, type Message } from '../../message.js';
import { joiner } from './joiner.js';
import type { JoinState } from './state.js';

/** The address Neutron's metadata proxies answer on (EC2's link-local metadata address). */
const METADATA_IP = '169.254.169.254';

export default joiner({
  parsers: ['ps-ef'],
  add({ records, capture, ev }, state) {
    for (const p of records) {
      if (p.role) state.processes.push({ capture, pid: p.pid, role: p.role, evidence: ev(p.evidence), argv: p.argv });
    }
  },
  finish(state) {
    services(state);
  },
});

/** dnsmasq and metadata proxies, placed in the namespace that holds their interface or socket. */
function services(state: JoinState): void {
  const topology = state.topology;
  for (const p of state.processes) {
    const role = p.role as { kind: string; interfaces?: string[]; dhcpRanges?: { raw: string; start: string; mode?: string; lease?: string }[]; networkId?: string; routerId?: string; metadataPort?: number; port?: number; implementation?: string };
    const host = p.capture.host;
    const socket = topology.sockets.find((s) => s.host === host && s.pid === p.pid);
    if (role.kind === 'dnsmasq') {
      const name = role.interfaces?.[0];
      // The interface inside a namespace (qdhcp-…) wins over its OVS port record in the root namespace.
      const candidates = name ? topology.interfaces.filter((i) => i.host === host && i.name === name) : [];
      const itf = candidates.find((i) => i.netns) ?? candidates[0];
      const service: Service = { kind: 'dhcp', host, pid: p.pid, process: 'dnsmasq', evidence: p.evidence };
      if (itf?.netns) service.netns = itf.netns;
      if (name) service.interface = name;
      if (role.dhcpRanges?.length) service.ranges = role.dhcpRanges.map((r) => r.raw);
      if (role.networkId) service.network_id = role.networkId;
      // no interface capture inside the namespace: its own socket there places it, else its network id (likely)
      if (!service.netns && socket?.netns) service.netns = socket.netns;
      if (!service.netns && !socket) placeByOwner(state, service, { networkId: role.networkId });
      topology.services.push(service);
    } else if (role.kind === 'metadata-proxy' || (role.kind === 'http-server' && socket)) {
      const service: Service = { kind: 'metadata', host, pid: p.pid, process: role.implementation ?? p.argv[0] ?? role.kind, evidence: [...p.evidence, ...(socket?.evidence ?? [])] };
      const port = role.metadataPort ?? role.port ?? socket?.port;
      if (port !== undefined) service.port = port;
      if (socket?.netns) service.netns = socket.netns;
      if (role.routerId) service.router_id = role.routerId;
      if (role.networkId) service.network_id = role.networkId;
      if (!service.netns && !socket) placeByOwner(state, service, { routerId: role.routerId, networkId: role.networkId, resourceId: (role as { resourceId?: string }).resourceId });
      if (!service.router_id && service.netns?.startsWith('qrouter-')) service.router_id = service.netns.slice('qrouter-'.length);
      // isolated metadata: the proxy in qdhcp-<network> serves that network, on the port holding 169.254.169.254
      if (!service.network_id && service.netns?.startsWith('qdhcp-')) service.network_id = service.netns.slice('qdhcp-'.length);
      const holder = service.netns ? topology.interfaces.find((i) => i.host === host && i.netns === service.netns && i.addresses.some((a) => a.cidr.split('/')[0] === METADATA_IP)) : undefined;
      if (holder) service.interface = holder.name;
      topology.services.push(service);
    }
  }
}

/**
 * A service no socket or interface capture places: its command line names the
 * router or network it serves (`--router_id=R`, `--network_id=N`, a UUID in
 * haproxy's config path), and Neutron runs it in that router's or network's
 * namespace (qrouter-R / qdhcp-N). When such a namespace is in the captures
 * of the same host, place it there as `likely`, saying why.
 */
function placeByOwner(state: JoinState, service: Service, ids: { routerId?: string | undefined; networkId?: string | undefined; resourceId?: string | undefined }): void {
  // the option that names the owner; none: a UUID somewhere in the command line
  const candidates: { prefix: string; id: string; option?: string; what: Message }[] = [];
  const router = msg('service:router');
  const network = msg('service:network');
  if (ids.routerId) candidates.push({ prefix: 'qrouter-', id: ids.routerId, option: '--router_id', what: router });
  if (ids.networkId) candidates.push({ prefix: 'qdhcp-', id: ids.networkId, option: '--network_id', what: network });
  if (ids.resourceId) {
    candidates.push({ prefix: 'qrouter-', id: ids.resourceId, what: router });
    candidates.push({ prefix: 'qdhcp-', id: ids.resourceId, what: network });
  }
  for (const c of candidates) {
    const ns = state.topology.namespaces.find((n) => n.host === service.host && n.name === `${c.prefix}${c.id}`);
    if (!ns) continue;
    const listening = service.kind === 'dhcp' ? msg('service:no-interface-there') : msg('service:no-socket-there');
    service.netns = ns.name;
    service.evidence = [...service.evidence, ...ns.evidence.slice(0, 1)];
    service.certainty = 'likely';
    service.reason = c.option
      ? msg('service:namespace-by-option', { option: c.option, what: c.what, netns: ns.name, listening })
      : msg('service:namespace-by-uuid', { what: c.what, netns: ns.name, listening });
    return;
  }
}
