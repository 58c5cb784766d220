// The DHCP server: dnsmasq, its interface, namespace, ranges, lease time and network.

import type { Bilingual, Explanation, Topology } from '../../topology/model.js';
import { bridgeHolding, evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

/** `set:tag0,10.0.1.0,static,86400s` → subnet start, mode and lease time. */
export function readRange(range: string): { start?: string; mode?: string; lease?: string } {
  const words = range.split(/[,\s]+/).filter((w) => w && !w.startsWith('set:') && !w.startsWith('tag:'));
  const start = words.find((w) => /^[0-9a-f.:]+$/i.test(w) && /[.:]/.test(w));
  const mode = words.find((w) => w === 'static' || w === 'proxy' || w === 'ra-only' || w === 'slaac');
  const lease = words.find((w) => /^\d+[smhd]?$/.test(w) || w === 'infinite');
  return { ...(start ? { start } : {}), ...(mode ? { mode } : {}), ...(lease ? { lease } : {}) };
}

/** dnsmasq's `--dhcp-range`s in words: `subnet 10.0.1.0 (static: …), lease 86400s`; empty when there are none. */
export function describeRanges(ranges: readonly string[]): Bilingual {
  const read = ranges.map(readRange);
  return {
    zh: read.map((r) => `子网 ${r.start ?? '?'}${r.mode === 'static' ? '（static：只给 Neutron 预先登记的端口分配固定地址）' : ''}，租期 ${r.lease ?? '?'}`).join('；'),
    en: read.map((r) => `subnet ${r.start ?? '?'}${r.mode === 'static' ? ' (static: only the fixed addresses Neutron registered for its ports)' : ''}, lease ${r.lease ?? '?'}`).join('; '),
  };
}

export const dhcpRule: Rule = {
  id: 'dhcp',
  explain(topology: Topology): Explanation[] {
    return topology.services
      .filter((s) => s.kind === 'dhcp')
      .map((service) => {
        const itf = service.interface;
        const port = itf ? bridgeHolding(topology, service.host, itf) : undefined;
        const addr = itf ? topology.interfaces.find((i) => i.host === service.host && i.name === itf && i.netns === service.netns)?.addresses.find((a) => a.family === 'inet') : undefined;
        const { zh: rangeZh, en: rangeEn } = describeRanges(service.ranges ?? []);
        const onBr = port ? { zh: `，${itf} 在 ${port.bridge.name} 上${port.port.tag !== undefined ? `（tag ${port.port.tag}，与同 tag 的虚拟机端口同一网络）` : ''}`, en: `; ${itf} is on ${port.bridge.name}${port.port.tag !== undefined ? ` (tag ${port.port.tag}, one network with the VM ports of that tag)` : ''}` } : { zh: '', en: '' };
        return {
          id: `dhcp:${service.host}/${service.netns ?? ''}/${itf ?? ''}`,
          rule: 'dhcp',
          subjects: [{ host: service.host, ...(service.netns ? { netns: service.netns } : {}), name: itf ?? service.process ?? 'dhcp' }],
          message: legacyText({
            zh: `DHCP 服务由 ${service.process ?? 'dnsmasq'}（进程 ${service.pid ?? '?'}）提供，${service.netns ? `运行在命名空间 ${service.netns} 里，` : ''}监听接口 ${itf ?? '?'}${addr ? `（${addr.cidr}）` : ''}${onBr.zh}。${rangeZh ? `地址范围：${rangeZh}。` : '抓取中没有 --dhcp-range。'}${service.network_id ? `它属于网络 ${service.network_id}。` : ''}`,
            en: `DHCP is served by ${service.process ?? 'dnsmasq'} (pid ${service.pid ?? '?'})${service.netns ? ` in namespace ${service.netns}` : ''}, listening on ${itf ?? '?'}${addr ? ` (${addr.cidr})` : ''}${onBr.en}. ${rangeEn ? `Range: ${rangeEn}.` : 'No --dhcp-range in the captures.'}${service.network_id ? ` It belongs to network ${service.network_id}.` : ''}`,
          }),
          evidence: evidence(service.evidence, port?.port.evidence, addr?.evidence),
        };
      });
  },
};
