// VLAN translation in flows: `dl_vlan=A actions=mod_vlan_vid:B` rewrites one
// VLAN into another (provider VLAN ↔ local VLAN, in both directions on the
// physical bridge and br-int), and `tun_id=K … mod_vlan_vid:L` / `dl_vlan=L …
// set_tunnel:K` map a tunnel id to a local VLAN and back. On a flat network
// `dl_vlan=L actions=strip_vlan` takes the local VLAN off on the way out and
// `vlan_tci=0x0000 actions=mod_vlan_vid:L` puts it back on the way in.

import type { Explanation, Flow, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { evidence } from '../facts.js';
import type { Rule } from '../rule.js';
import { matchesUntagged, untagsBy } from '../../topology/flow-vlans.js';

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

/** What a flow matches or makes: a VLAN, untagged frames (flat network), a tunnel id. */
function label(kind: Kind, value: string): Message {
  if (kind === 'vlan') return msg('vlan-translation:vlan', { vlan: value });
  if (kind === 'untagged') return msg('vlan-translation:untagged');
  return msg('vlan-translation:tunnel', { id: value });
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
      const local = t.toKind === 'vlan' ? t.to : t.from;
      const flat = t.fromKind === 'untagged' || t.toKind === 'untagged';
      out.push({
        id: `vlan-translation:${t.flow.host}/${t.flow.bridge}/${t.from || 'untagged'}-${t.to || 'untagged'}`,
        rule: 'vlan-translation',
        subjects: [{ host: t.flow.host, name: t.flow.bridge }],
        message: msg('vlan-translation:turns', {
          host: topology.hosts.length > 1 ? msg('vlan-translation:on-host', { host: t.flow.host }) : '',
          bridge: t.flow.bridge,
          table: t.flow.table,
          from: label(t.fromKind, t.from),
          to: label(t.toKind, t.to),
          back: back
            ? msg('vlan-translation:back', { bridge: back.flow.bridge, table: back.flow.table, from: label(back.fromKind, back.from), to: label(back.toKind, back.to) })
            : msg('vlan-translation:no-back'),
          why: msg(flat ? 'vlan-translation:why-flat' : 'vlan-translation:why', { vlan: local }),
        }),
        evidence: evidence(t.flow.evidence, back?.flow.evidence),
      });
    }
    return out;
  },
};
