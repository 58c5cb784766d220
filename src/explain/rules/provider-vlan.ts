// VLAN translation in flows: `dl_vlan=A actions=mod_vlan_vid:B` rewrites one
// VLAN into another (provider VLAN ↔ local VLAN, in both directions on the
// physical bridge and br-int), and `tun_id=K … mod_vlan_vid:L` / `dl_vlan=L …
// set_tunnel:K` map a tunnel id to a local VLAN and back. On a flat network
// `dl_vlan=L actions=strip_vlan` takes the local VLAN off on the way out and
// `vlan_tci=0x0000 actions=mod_vlan_vid:L` puts it back on the way in.

import type { Explanation, Flow, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { matchesUntagged, untagsBy } from '../../topology/flow-vlans.js';
import { legacyText } from '../../message.js';

type Kind = 'vlan' | 'tunnel' | 'untagged';
interface Translation { flow: Flow; from: string; fromKind: Kind; to: string; toKind: Kind }

function translations(flows: Flow[]): Translation[] {
  const out: Translation[] = [];
  for (const flow of flows) {
    const vid = flow.actions.find((a) => a.type === 'mod_vlan_vid') as { vlan?: number } | undefined;
    const tun = flow.actions.find((a) => a.type === 'set_tunnel') as { id?: string; key?: number } | undefined;
    const untaggedIn = matchesUntagged(flow);
    if (vid?.vlan !== undefined && untaggedIn) out.push({ flow, from: '', fromKind: 'untagged', to: String(vid.vlan), toKind: 'vlan' });
    else if (vid?.vlan !== undefined && flow.match.dl_vlan !== undefined) out.push({ flow, from: flow.match.dl_vlan, fromKind: 'vlan', to: String(vid.vlan), toKind: 'vlan' });
    if (!untaggedIn && flow.match.dl_vlan !== undefined && untagsBy(flow)) out.push({ flow, from: flow.match.dl_vlan, fromKind: 'vlan', to: '', toKind: 'untagged' });
    if (vid?.vlan !== undefined && flow.match.tun_id !== undefined) out.push({ flow, from: flow.match.tun_id, fromKind: 'tunnel', to: String(vid.vlan), toKind: 'vlan' });
    if (tun && flow.match.dl_vlan !== undefined) out.push({ flow, from: flow.match.dl_vlan, fromKind: 'vlan', to: String(tun.id ?? tun.key), toKind: 'tunnel' });
  }
  return out;
}

export const providerVlanRule: Rule = {
  id: 'vlan-translation',
  explain(topology: Topology): Explanation[] {
    const all = translations(topology.flows);
    const out: Explanation[] = [];
    const used = new Set<Translation>();
    for (const t of all) {
      if (used.has(t)) continue;
      used.add(t);
      const back = all.find((u) => !used.has(u) && u.flow.host === t.flow.host && u.from === t.to && u.to === t.from && u.fromKind === t.toKind);
      if (back) used.add(back);
      const onHost = topology.hosts.length > 1 ? `${t.flow.host} 上 ` : '';
      const onHostEn = topology.hosts.length > 1 ? ` on ${t.flow.host}` : '';
      const label = (kind: Kind, v: string, lang: 'zh' | 'en') => {
        if (kind === 'vlan') return `VLAN ${v}`;
        if (kind === 'untagged') return lang === 'zh' ? '不带 VLAN 标签的帧（flat 网络）' : 'untagged frames (flat network)';
        return lang === 'zh' ? `隧道 id ${v}` : `tunnel id ${v}`;
      };
      const zhOne = `${onHost}${t.flow.bridge} 表 ${t.flow.table} 把 ${label(t.fromKind, t.from, 'zh')} 换成 ${label(t.toKind, t.to, 'zh')}`;
      const enOne = `${t.flow.bridge} table ${t.flow.table}${onHostEn} turns ${label(t.fromKind, t.from, 'en')} into ${label(t.toKind, t.to, 'en')}`;
      const zhBack = back ? `；反方向 ${back.flow.bridge} 表 ${back.flow.table} 把 ${label(back.fromKind, back.from, 'zh')} 换回 ${label(back.toKind, back.to, 'zh')}` : '；抓取中没有看到反方向的转换';
      const enBack = back ? `; the other way, ${back.flow.bridge} table ${back.flow.table} turns ${label(back.fromKind, back.from, 'en')} back into ${label(back.toKind, back.to, 'en')}` : '; the captures show no translation the other way';
      const local = t.toKind === 'vlan' ? t.to : t.from;
      const flat = t.fromKind === 'untagged' || t.toKind === 'untagged';
      const why = flat
        ? { zh: `本机的本地 VLAN ${local} 只在 br-int 内有效；flat 网络在线路上不带 VLAN 标签，所以离开本机时去掉它，进来时再打上。`, en: `Local VLAN ${local} is meaningful only inside this host; a flat network carries no VLAN tag on the wire, so the tag comes off on the way out and goes back on on the way in.` }
        : { zh: `本机的本地 VLAN ${local} 只在 br-int 内有效，离开本机时必须换成网络真正的标识。`, en: `Local VLAN ${local} is meaningful only inside this host, so it is swapped for the network's real identifier on the way out.` };
      out.push({
        id: `vlan-translation:${t.flow.host}/${t.flow.bridge}/${t.from || 'untagged'}-${t.to || 'untagged'}`,
        rule: 'vlan-translation',
        subjects: [{ host: t.flow.host, name: t.flow.bridge }],
        message: legacyText({
          zh: `${zhOne}${zhBack}。${why.zh}`,
          en: `${enOne}${enBack}. ${why.en}`,
        }),
        evidence: evidence(t.flow.evidence, back?.flow.evidence),
      });
    }
    return out;
  },
};
