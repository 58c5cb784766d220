// SNAT in a router namespace: which source network is rewritten to which
// address, on which interface that address lives, and why that lets a VM with
// a private address reach the outside.

import type { Explanation, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const snatRule: Rule = {
  id: 'snat',
  explain(topology: Topology): Explanation[] {
    return topology.nat
      .filter((n) => n.kind === 'snat' || n.kind === 'masquerade')
      .map((rule) => {
        const to = rule.to.split(':')[0]!;
        const owner = topology.interfaces.find((i) => i.host === rule.host && i.netns === rule.netns && i.addresses.some((a) => a.cidr.split('/')[0] === to));
        const route = topology.routes.find((r) => r.host === rule.host && r.netns === rule.netns && r.destination === 'default');
        const src = rule.source ?? (rule.kind === 'masquerade' ? '*' : '?');
        const ns = rule.netns ? `命名空间 ${rule.netns} 中` : '';
        const nsEn = rule.netns ? ` in namespace ${rule.netns}` : '';
        const onItf = owner ? { zh: `（${to} 是 ${owner.name} 的地址）`, en: ` (${to} is ${owner.name}'s address)` } : { zh: '', en: '' };
        const out = rule.out_interface ? { zh: `，从 ${rule.out_interface} 出去`, en: `, leaving by ${rule.out_interface}` } : { zh: '', en: '' };
        const gw = route?.via ? { zh: `路由器的默认路由经 ${route.via}${route.dev ? `（${route.dev}）` : ''} 出去，`, en: ` The router's default route leads via ${route.via}${route.dev ? ` (${route.dev})` : ''}.` } : { zh: '', en: '' };
        return {
          id: `snat:${rule.host}/${rule.netns ?? ''}/${src}`,
          rule: 'snat',
          subjects: [{ host: rule.host, ...(rule.netns ? { netns: rule.netns } : {}), name: rule.chain }],
          message: legacyText({
            zh: `${ns}链 ${rule.chain} 做源地址转换：从 ${src} 出发的包${out.zh}，源地址变成 ${rule.to}${onItf.zh}。${gw.zh}外面的主机只看到 ${to}，回程包发到这个地址，再由连接跟踪还原成虚拟机的私有地址——所以只有私有地址的虚拟机也能访问外网。`,
            en: `The chain ${rule.chain}${nsEn} rewrites source addresses: packets from ${src}${out.en} leave with source ${rule.to}${onItf.en}.${gw.en} Outside hosts see only ${to} and reply to it, and connection tracking maps the reply back to the VM's private address — which is why a VM with a private address can reach the outside.`,
          }),
          evidence: evidence(rule.evidence, owner?.addresses.find((a) => a.cidr.startsWith(`${to}/`))?.evidence, route?.evidence),
        };
      });
  },
};
