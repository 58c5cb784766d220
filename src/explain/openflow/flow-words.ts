// One OpenFlow flow in words (zh/en): its match fields and its actions, with
// port numbers turned into names where `ovs-ofctl show` gave them.

import type { Bilingual, Flow, Topology } from '../../topology/model.js';
import { vlanOfTci } from '../../topology/flow-vlans.js';

type Action = Flow['actions'][number];
interface PortRefLike { number?: number; name?: string; reserved?: string }

export function portName(topology: Topology, flow: Pick<Flow, 'host' | 'bridge'>, ref: PortRefLike | string | undefined): string {
  if (ref === undefined) return '?';
  if (typeof ref === 'string') ref = /^\d+$/.test(ref) ? { number: Number(ref) } : { name: ref };
  if (ref.reserved) return ref.reserved;
  if (ref.name) return ref.name;
  const bridge = topology.bridges.find((b) => b.host === flow.host && b.name === flow.bridge);
  const named = bridge?.ports.find((p) => p.ofport === ref.number);
  return named ? `${named.name} (port ${ref.number})` : `port ${ref.number}`;
}

const FIELD_WORDS: Record<string, Bilingual> = {
  in_port: { zh: '入端口', en: 'in_port' },
  dl_vlan: { zh: 'VLAN', en: 'VLAN' },
  dl_dst: { zh: '目的 MAC', en: 'destination MAC' },
  dl_src: { zh: '源 MAC', en: 'source MAC' },
  tun_id: { zh: '隧道 id', en: 'tunnel id' },
  dl_type: { zh: '以太类型', en: 'ethertype' },
};

function matchValue(field: string, value: string): Bilingual | undefined {
  const vlan = field === 'vlan_tci' ? vlanOfTci(value) : undefined;
  if (vlan !== undefined) return { zh: `VLAN ${vlan}（vlan_tci=${value}）`, en: `VLAN ${vlan} (vlan_tci=${value})` };
  if (field === 'dl_dst' && value === '00:00:00:00:00:00/01:00:00:00:00:00') return { zh: '单播帧', en: 'unicast frames' };
  if (field === 'dl_dst' && value === '01:00:00:00:00:00/01:00:00:00:00:00') return { zh: '广播/组播帧', en: 'broadcast and multicast frames' };
  return undefined;
}

export function matchWords(topology: Topology, flow: Flow): Bilingual {
  const entries = Object.entries(flow.match);
  if (entries.length === 0) return { zh: '匹配所有包', en: 'matches every packet' };
  const zh: string[] = [];
  const en: string[] = [];
  for (const [field, value] of entries) {
    const special = matchValue(field, value);
    if (special) {
      zh.push(special.zh);
      en.push(special.en);
      continue;
    }
    const shown = field === 'in_port' ? portName(topology, flow, value) : value;
    const words = FIELD_WORDS[field] ?? { zh: field, en: field };
    zh.push(`${words.zh}=${shown}`);
    en.push(`${words.en}=${shown}`);
  }
  return { zh: `匹配 ${zh.join('、')}`, en: `matches ${en.join(', ')}` };
}

export function actionWords(topology: Topology, flow: Pick<Flow, 'host' | 'bridge'>, action: Action): Bilingual {
  const a = action as Action & Record<string, unknown>;
  switch (action.type) {
    case 'output': {
      const port = a.port as PortRefLike | undefined;
      if (port?.reserved === 'NORMAL') return { zh: '按普通二层交换机转发（NORMAL）', en: 'forward as a normal learning switch (NORMAL)' };
      if (!port) return { zh: `输出到字段 ${action.text}`, en: `output to the port in ${action.text}` };
      return { zh: `从 ${portName(topology, flow, port)} 发出`, en: `send out of ${portName(topology, flow, port)}` };
    }
    case 'drop':
      return { zh: '丢弃', en: 'drop' };
    case 'resubmit':
    case 'goto_table':
      return a.table !== undefined
        ? { zh: `转到表 ${a.table}`, en: `continue in table ${a.table}` }
        : { zh: `以 ${portName(topology, flow, a.port as PortRefLike)} 为入端口重新查表`, en: `look up again as if from ${portName(topology, flow, a.port as PortRefLike)}` };
    case 'mod_vlan_vid':
      return { zh: `把 VLAN 改为 ${a.vlan}`, en: `set the VLAN to ${a.vlan}` };
    case 'strip_vlan':
      return { zh: '去掉 VLAN 标签', en: 'strip the VLAN tag' };
    case 'set_tunnel':
      return { zh: `设置隧道 id ${a.id}`, en: `set tunnel id ${a.id}` };
    case 'set_field':
      return { zh: `把 ${a.field} 设为 ${a.value}`, en: `set ${a.field} to ${a.value}` };
    case 'load': {
      // what learned br-tun flows do: `load:0->NXM_OF_VLAN_TCI[]` (untag), `load:0x2a->NXM_NX_TUN_ID[]` (tunnel id)
      const dst = a.dst as { field?: string; start?: number } | undefined;
      const whole = dst?.start === undefined;
      if (dst?.field === 'NXM_NX_TUN_ID' && whole) return { zh: `设置隧道 id ${a.value}`, en: `set tunnel id ${a.value}` };
      if (dst?.field === 'NXM_OF_VLAN_TCI' && whole && Number(a.value) === 0) return { zh: '去掉 VLAN 标签', en: 'strip the VLAN tag' };
      return { zh: action.text, en: action.text };
    }
    case 'learn':
      return { zh: `学习：在表 ${a.table} 中为来源 MAC 添加一条回程流（${action.text.length > 60 ? 'learn(...)' : action.text}）`, en: `learn: add a flow in table ${a.table} for the source MAC, so replies go back the way this came (${action.text.length > 60 ? 'learn(...)' : action.text})` };
    default:
      return { zh: action.text, en: action.text };
  }
}

export function flowWords(topology: Topology, flow: Flow): Bilingual {
  const m = matchWords(topology, flow);
  const acts = flow.actions.map((a) => actionWords(topology, flow, a));
  return {
    zh: `优先级 ${flow.priority}，${m.zh}，动作：${acts.map((x) => x.zh).join('，') || '丢弃'}`,
    en: `priority ${flow.priority}, ${m.en}; actions: ${acts.map((x) => x.en).join(', ') || 'drop'}`,
  };
}
