// The metadata path: 169.254.169.254:80 → REDIRECT (or DNAT) → a port → the
// process listening on it in that namespace and the router or network it serves;
// on a network without a router, the DHCP namespace that serves metadata.

import type { Address, Bilingual, Explanation, Interface, Service, Socket, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import { pair } from '../legacy.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

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
export function socketCovers(socket: Socket | undefined, port: number | undefined): Bilingual {
  if (!socket) return { zh: `抓取中没有它监听 ${port ?? '?'} 端口的套接字`, en: `no capture shows its socket on port ${port ?? '?'}` };
  const owner = socket.pid !== undefined || socket.process ? `（套接字属于 ${socket.process ?? '?'}，进程 ${socket.pid ?? '?'}）` : '';
  const ownerEn = socket.pid !== undefined || socket.process ? ` (socket of ${socket.process ?? '?'}, pid ${socket.pid ?? '?'})` : '';
  const at = `${socket.local}:${socket.port}`;
  if (socket.local === '0.0.0.0' || socket.local === '*' || socket.local === '::' || socket.local === '[::]') {
    return { zh: `它监听 ${at}${owner}，即本命名空间的所有地址，包括 ${METADATA_IP}`, en: `it listens on ${at}${ownerEn}, every address of the namespace, ${METADATA_IP} included` };
  }
  return socket.local === METADATA_IP
    ? { zh: `它直接监听 ${at}${owner}`, en: `it listens on ${at}${ownerEn} itself` }
    : { zh: `它监听 ${at}${owner}，不包括 ${METADATA_IP}`, en: `it listens on ${at}${ownerEn}, which does not include ${METADATA_IP}` };
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
        ? { zh: `，它服务于路由器 ${service.router_id}`, en: `, serving router ${service.router_id}` }
        : service?.network_id
          ? { zh: `，它服务于网络 ${service.network_id}`, en: `, serving network ${service.network_id}` }
          : { zh: '', en: '' };
      const listener = service?.certainty === 'likely'
        ? { zh: `在这个命名空间里接收 ${port} 端口请求的可能是进程 ${service.pid ?? '?'}（${service.process ?? '?'}）${owner.zh}（只是推断（likely）：${pair(service.reason)?.zh ?? ''}）；它把请求交给 Neutron metadata agent，再转到 Nova metadata 服务。`, en: `The process taking port ${port} in this namespace is likely ${service.pid ?? '?'} (${service.process ?? '?'})${owner.en} (likely: ${pair(service.reason)?.en ?? ''}); it hands the request to the Neutron metadata agent, which forwards it to Nova's metadata service.` }
        : service
        ? { zh: `在这个命名空间里监听 ${port} 端口的是进程 ${service.pid ?? '?'}（${service.process ?? '?'}）${owner.zh}；它把请求交给 Neutron metadata agent，再转到 Nova metadata 服务。`, en: `The process listening on port ${port} in this namespace is ${service.pid ?? '?'} (${service.process ?? '?'})${owner.en}; it hands the request to the Neutron metadata agent, which forwards it to Nova's metadata service.` }
        : socket
          ? { zh: `在这个命名空间里监听 ${port} 端口的是进程 ${socket.pid ?? '?'}（${socket.process ?? '?'}），但抓取中看不到它的命令行。`, en: `Process ${socket.pid ?? '?'} (${socket.process ?? '?'}) listens on port ${port} in this namespace, but no capture shows its command line.` }
          : { zh: `抓取中看不到谁在监听 ${port} 端口。`, en: `No capture shows what listens on port ${port}.` };
      const ns = nat.netns ? `命名空间 ${nat.netns} 中` : '';
      const nsEn = nat.netns ? ` in namespace ${nat.netns}` : '';
      out.push({
        id: `metadata:${nat.host}/${nat.netns ?? ''}`,
        rule: 'metadata',
        subjects: [{ host: nat.host, ...(nat.netns ? { netns: nat.netns } : {}), name: nat.chain }],
        message: legacyText({
          zh: `虚拟机访问 ${METADATA_IP}:${nat.port ?? 80} 取 metadata：${ns}链 ${nat.chain} 把它${nat.kind === 'redirect' ? '重定向（REDIRECT）' : '转换（DNAT）'}到本机 ${port} 端口，即 ${METADATA_IP}:${port}。${listener.zh}`,
          en: `A VM asks ${METADATA_IP}:${nat.port ?? 80} for its metadata: the chain ${nat.chain}${nsEn} ${nat.kind === 'redirect' ? 'redirects (REDIRECT)' : 'translates (DNAT)'} it to local port ${port}, i.e. ${METADATA_IP}:${port}. ${listener.en}`,
        }),
        evidence: evidence(nat.evidence, socket?.evidence, service?.evidence),
      });
    }
    // No redirect: a metadata service in a DHCP namespace (Neutron's isolated metadata, flat or router-less networks).
    for (const service of topology.services.filter((s) => s.kind === 'metadata' && isDhcpNamespace(topology, s.host, s.netns))) {
      if (redirects.some((n) => n.host === service.host && n.netns === service.netns)) continue;
      const holder = metadataAddress(topology, service.host, service.netns);
      const socket = serviceSocket(topology, service);
      const covers = socketCovers(socket, service.port);
      const likely = service.certainty === 'likely' && service.reason
        ? { zh: `（它在这个命名空间里只是推断（likely）：${pair(service.reason)!.zh}）`, en: ` (that it runs in this namespace is likely: ${pair(service.reason)!.en})` }
        : { zh: '', en: '' };
      const network = service.network_id ? { zh: `，服务于网络 ${service.network_id}`, en: `, serving network ${service.network_id}` } : { zh: '', en: '' };
      const address = holder
        ? { zh: `命名空间里的 ${holder.itf.name} 持有 ${holder.address.cidr}，发往 ${METADATA_IP} 的请求在这里就是本机地址`, en: `${holder.itf.name} in the namespace holds ${holder.address.cidr}, so a request to ${METADATA_IP} is addressed to this namespace itself` }
        : { zh: `抓取中看不到本命名空间哪个接口持有 ${METADATA_IP}`, en: `no capture shows which interface of the namespace holds ${METADATA_IP}` };
      const noRedirect = redirects.length === 0
        ? { zh: `抓取中没有重定向 ${METADATA_IP} 的 NAT 规则（没有路由器的 REDIRECT）`, en: `no captured NAT rule redirects ${METADATA_IP} (there is no router REDIRECT)` }
        : { zh: `这个命名空间里没有重定向它的 NAT 规则（别处的 REDIRECT 属于路由器）`, en: `no NAT rule in this namespace redirects it (the REDIRECT elsewhere belongs to a router)` };
      out.push({
        id: `metadata:${service.host}/${service.netns}`,
        rule: 'metadata',
        subjects: [{ host: service.host, netns: service.netns!, name: service.process ?? 'metadata' }],
        message: legacyText({
          zh: `metadata 由 DHCP 命名空间 ${service.netns} 提供（Neutron 的 isolated metadata，用于没有路由器的 flat 或隔离网络）：${address.zh}；进程 ${service.pid ?? '?'}（${service.process ?? '?'}）接收请求，${covers.zh}${network.zh}${likely.zh}，再交给 Neutron metadata agent。${noRedirect.zh}。虚拟机到 ${METADATA_IP} 的主机路由由 DHCP agent 通过 DHCP（option 121）下发，指向 DHCP 端口的地址；这条路由不在抓取中。`,
          en: `Metadata is served by the DHCP namespace ${service.netns} (Neutron's isolated metadata, for flat or isolated networks without a router): ${address.en}; process ${service.pid ?? '?'} (${service.process ?? '?'}) takes the request — ${covers.en}${network.en}${likely.en} — and hands it to the Neutron metadata agent. ${upper(noRedirect.en)}. The VM's host route to ${METADATA_IP} via the DHCP port's address comes from the DHCP agent by DHCP (option 121); that route is not in the captures.`,
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

function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
