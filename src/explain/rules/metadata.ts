// The metadata path: 169.254.169.254:80 → REDIRECT (or DNAT) → a port → the
// process listening on it in that namespace and the router or network it serves;
// on a network without a router, the DHCP namespace that serves metadata.

import type { Explanation, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';

const METADATA_IP = '169.254.169.254';

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
      const listener = service
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
        text: {
          zh: `虚拟机访问 ${METADATA_IP}:${nat.port ?? 80} 取 metadata：${ns}链 ${nat.chain} 把它${nat.kind === 'redirect' ? '重定向（REDIRECT）' : '转换（DNAT）'}到本机 ${port} 端口，即 ${METADATA_IP}:${port}。${listener.zh}`,
          en: `A VM asks ${METADATA_IP}:${nat.port ?? 80} for its metadata: the chain ${nat.chain}${nsEn} ${nat.kind === 'redirect' ? 'redirects (REDIRECT)' : 'translates (DNAT)'} it to local port ${port}, i.e. ${METADATA_IP}:${port}. ${listener.en}`,
        },
        evidence: evidence(nat.evidence, socket?.evidence, service?.evidence),
      });
    }
    // No redirect: a metadata service in a DHCP namespace (isolated or flat network).
    for (const service of topology.services.filter((s) => s.kind === 'metadata' && s.netns?.startsWith('qdhcp-'))) {
      if (redirects.some((n) => n.host === service.host && n.netns === service.netns)) continue;
      out.push({
        id: `metadata:${service.host}/${service.netns}`,
        rule: 'metadata',
        subjects: [{ host: service.host, netns: service.netns!, name: service.process ?? 'metadata' }],
        text: {
          zh: `DHCP 命名空间 ${service.netns} 里的进程 ${service.pid ?? '?'}（${service.process ?? '?'}）监听 ${service.port ?? '?'} 端口提供 metadata：没有路由器的网络（flat 或隔离网络）由 DHCP 服务器通过路由把 ${METADATA_IP} 指向自己。`,
          en: `Process ${service.pid ?? '?'} (${service.process ?? '?'}) in the DHCP namespace ${service.netns} serves metadata on port ${service.port ?? '?'}: on a network without a router (flat or isolated), the DHCP server routes ${METADATA_IP} to itself.`,
        },
        evidence: service.evidence,
      });
    }
    return out;
  },
};
