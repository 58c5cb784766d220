// GRE/VXLAN tunnels: which hosts they join, the key, and Neutron's naming of the
// port after the remote IP in hex (gre-c6336415 = 198.51.100.21), checked
// against the port's remote_ip (newer Neutron hashes the address instead).

import type { Explanation, Link, Topology } from '../../topology/model.js';
import { evidence, hexToIpv4, where } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

/** What the name says about the remote address, in both languages. */
export function decodeTunnelName(name: string, remoteIp?: string): { zh: string; en: string; decoded?: string; matches?: boolean } {
  const m = /^([a-z]+)-([0-9a-f]{8})$/i.exec(name);
  const decoded = m ? hexToIpv4(m[2]!) : undefined;
  if (!decoded) return { zh: '', en: '' };
  const hex = m![2]!;
  const pairs = hex.match(/../g)!.map((h) => `${h}=${parseInt(h, 16)}`).join(' ');
  if (remoteIp === undefined) {
    return {
      decoded,
      zh: `Neutron 用远端 IP 的十六进制给隧道端口命名：${hex}（${pairs}）即 ${decoded}；抓取里没有 remote_ip 可以核对。`,
      en: `Neutron names a tunnel port after the remote IP in hex: ${hex} (${pairs}) is ${decoded}; no remote_ip in the captures to check it against.`,
    };
  }
  const matches = decoded === remoteIp;
  return {
    decoded,
    matches,
    zh: matches
      ? `Neutron 用远端 IP 的十六进制给隧道端口命名：${hex}（${pairs}）即 ${decoded}，与 remote_ip 一致。`
      : `端口名中的 ${hex} 按十六进制解码是 ${decoded}，但 remote_ip 是 ${remoteIp}：名字不是远端 IP（新版 Neutron 用地址的哈希命名）。`,
    en: matches
      ? `Neutron names a tunnel port after the remote IP in hex: ${hex} (${pairs}) is ${decoded}, which matches remote_ip.`
      : `${hex} in the port name decodes to ${decoded}, but remote_ip is ${remoteIp}: the name is not the remote IP (newer Neutron names tunnels after a hash of it).`,
  };
}

export const tunnelRule: Rule = {
  id: 'tunnel',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    const seen = new Set<Link>();
    for (const link of topology.links.filter((l) => l.kind === 'tunnel')) {
      if (seen.has(link)) continue;
      seen.add(link);
      const type = (link.tunnel_type ?? 'tunnel').toUpperCase();
      const key =
        link.key === 'flow'
          ? { zh: '隧道 key 由流表设置（key=flow，每个网络一个 tunnel id）', en: 'the tunnel key is set by the flows (key=flow, one tunnel id per network)' }
          : link.key
            ? { zh: `隧道 key 是 ${link.key}`, en: `the tunnel key is ${link.key}` }
            : { zh: '抓取里没有隧道 key', en: 'no key in the captures' };
      const far = link.b.name && link.b.host !== link.a.host
        ? { zh: `对端是 ${where(topology, link.b)}`, en: `its far end is ${where(topology, link.b)}` }
        : { zh: '对端主机不在抓取中', en: 'no capture covers the far host' };
      const nameA = decodeTunnelName(link.a.name, link.remote_ip);
      const nameB = link.b.host !== link.a.host ? decodeTunnelName(link.b.name, link.local_ip) : { zh: '', en: '' };
      out.push({
        id: `tunnel:${link.a.host}/${link.a.name}`,
        rule: 'tunnel',
        subjects: [link.a, link.b],
        message: legacyText({
          zh: `${where(topology, link.a)} 是 ${type} 隧道端口，从本机 ${link.local_ip ?? '?'} 到远端 ${link.remote_ip ?? '?'}，${far.zh}；${key.zh}。${nameA.zh}${nameB.zh}`,
          en: `${where(topology, link.a)} is a ${type} tunnel port from ${link.local_ip ?? '?'} to ${link.remote_ip ?? '?'}; ${far.en}; ${key.en}. ${nameA.en} ${nameB.en}`.trim(),
        }),
        evidence: evidence(link.evidence),
      });
    }
    return out;
  },
};
