// The metadata path: 169.254.169.254:80 → REDIRECT (or DNAT) → a port → the
// process listening on it in that namespace and the router or network it serves;
// on a network without a router, the DHCP namespace that serves metadata.

import type { Address, Explanation, Interface, Service, Socket, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';

export const METADATA_IP = '169.254.169.254';

/** The interface of a namespace that holds 169.254.169.254 (isolated metadata puts it on the DHCP port). */
export function metadataAddress(topology: Topology, host: string, netns: string | undefined): { itf: Interface; address: Address } | undefined {
  for (const itf of topology.interfaces) {
    if (itf.host !== host || itf.netns !== netns) continue;
    const address = itf.addresses.find((a) => a.cidr.split('/')[0] === METADATA_IP);
    if (address) return { itf, address };
  }
  return undefined;
}

/** The listening socket of a metadata service: its pid and port, else its port alone. */
export function serviceSocket(topology: Topology, service: Service): Socket | undefined {
  const here = topology.sockets.filter((s) => s.host === service.host && s.netns === service.netns && s.port === service.port);
  return here.find((s) => s.pid === service.pid) ?? here[0];
}

/**
 * How a socket's local address covers 169.254.169.254: `0.0.0.0` is every
 * address of the namespace, 169.254.169.254 included.
 */
export function socketCovers(socket: Socket | undefined, port: number | undefined): Message {
  if (!socket) return msg('metadata:no-socket', { port: port ?? '?' });
  const owner = socket.pid !== undefined || socket.process ? msg('metadata:socket-of', { process: socket.process ?? '?', pid: socket.pid ?? '?' }) : '';
  const at = `${socket.local}:${socket.port}`;
  if (socket.local === '0.0.0.0' || socket.local === '*' || socket.local === '::' || socket.local === '[::]') {
    return msg('metadata:listens-on-every-address', { at, owner, address: METADATA_IP });
  }
  return socket.local === METADATA_IP
    ? msg('metadata:listens-on-it', { at, owner })
    : msg('metadata:listens-elsewhere', { at, owner, address: METADATA_IP });
}

export const metadataRule: Rule = {
  id: 'metadata',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    const redirects = topology.nat.filter((n) => (n.kind === 'redirect' || n.kind === 'dnat') && n.destination?.startsWith(METADATA_IP));
    for (const nat of redirects) {
      const port = Number(nat.to.split(':').pop());
      const socket = topology.sockets.find((s) => s.host === nat.host && s.netns === nat.netns && s.port === port);
      const service = topology.services.find((s) => s.kind === 'metadata' && s.host === nat.host && s.netns === nat.netns && (s.port === port || s.pid === socket?.pid));
      const owner = service?.router_id
        ? msg('metadata:serving-router', { router: service.router_id })
        : service?.network_id
          ? msg('metadata:serving-network', { network: service.network_id })
          : '';
      const listener = service?.certainty === 'likely'
        ? msg('metadata:likely-listener', { port, pid: service.pid ?? '?', process: service.process ?? '?', owner, reason: service.reason ?? '' })
        : service
          ? msg('metadata:listener', { port, pid: service.pid ?? '?', process: service.process ?? '?', owner })
          : socket
            ? msg('metadata:listener-without-command', { port, pid: socket.pid ?? '?', process: socket.process ?? '?' })
            : msg('metadata:no-listener', { port });
      const redirected = msg('metadata:redirected', {
        address: METADATA_IP,
        port: nat.port ?? 80,
        netns: nat.netns ? msg('common:in-namespace', { netns: nat.netns }) : '',
        chain: nat.chain,
        how: msg(nat.kind === 'redirect' ? 'metadata:by-redirect' : 'metadata:by-dnat'),
        local: port,
      });
      out.push({
        id: `metadata:${nat.host}/${nat.netns ?? ''}`,
        rule: 'metadata',
        subjects: [{ host: nat.host, ...(nat.netns ? { netns: nat.netns } : {}), name: nat.chain }],
        message: msg('common:sentences', { sentences: [redirected, listener] }),
        evidence: evidence(nat.evidence, socket?.evidence, service?.evidence),
      });
    }
    // No redirect: a metadata service in a DHCP namespace (Neutron's isolated metadata, flat or router-less networks).
    for (const service of topology.services.filter((s) => s.kind === 'metadata' && isDhcpNamespace(topology, s.host, s.netns))) {
      if (redirects.some((n) => n.host === service.host && n.netns === service.netns)) continue;
      const holder = metadataAddress(topology, service.host, service.netns);
      const socket = serviceSocket(topology, service);
      out.push({
        id: `metadata:${service.host}/${service.netns}`,
        rule: 'metadata',
        subjects: [{ host: service.host, netns: service.netns!, name: service.process ?? 'metadata' }],
        message: msg('metadata:isolated', {
          netns: service.netns!,
          held: holder
            ? msg('metadata:held-here', { interface: holder.itf.name, cidr: holder.address.cidr, address: METADATA_IP })
            : msg('metadata:held-nowhere-captured', { address: METADATA_IP }),
          pid: service.pid ?? '?',
          process: service.process ?? '?',
          covers: socketCovers(socket, service.port),
          network: service.network_id ? msg('metadata:serves-network', { network: service.network_id }) : '',
          likely: service.certainty === 'likely' && service.reason ? msg('metadata:likely-here', { reason: service.reason }) : '',
          redirect: redirects.length === 0 ? msg('metadata:no-redirect', { address: METADATA_IP }) : msg('metadata:no-redirect-here'),
          address: METADATA_IP,
        }),
        evidence: evidence(holder?.address.evidence, socket?.evidence, service.evidence),
      });
    }
    return out;
  },
};

/** A namespace Neutron's DHCP agent made (`qdhcp-<network>`), by its recorded role or its name. */
export function isDhcpNamespace(topology: Topology, host: string, netns: string | undefined): boolean {
  if (!netns) return false;
  const ns = topology.namespaces.find((n) => n.host === host && n.name === netns);
  return ns?.role === 'dhcp' || netns.startsWith('qdhcp-');
}
