// OpenFlow pipelines narrated table by table: each table's flows in words and
// where resubmit/goto_table lead; a bridge whose only flow is `actions=NORMAL`
// acts as a normal learning switch, with no flow processing.

import type { Explanation, Flow, Topology } from '../../topology/model.js';
import { evidence } from '../facts.js';
import { flowWords } from '../openflow/flow-words.js';
import { isPlainSwitch } from '../openflow/plain-switch.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const openflowRule: Rule = {
  id: 'openflow',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    const keys = [...new Set(topology.flows.map((f) => `${f.host}\u0000${f.bridge}`))];
    for (const key of keys) {
      const [host, bridge] = key.split('\u0000') as [string, string];
      const flows = topology.flows.filter((f) => f.host === host && f.bridge === bridge);
      const onHost = topology.hosts.length > 1 ? `（${host}）` : '';
      const onHostEn = topology.hosts.length > 1 ? ` on ${host}` : '';
      if (isPlainSwitch(flows)) {
        out.push({
          id: `openflow:${host}/${bridge}`,
          rule: 'openflow',
          subjects: [{ host, name: bridge }],
          message: legacyText({
            zh: `${bridge}${onHost} 只有一条流（优先级 ${flows.map((f) => f.priority).join('/')}，actions=NORMAL）：它就是一个普通的自学习二层交换机，不做 flow 处理。`,
            en: `${bridge}${onHostEn} has a single flow (priority ${flows.map((f) => f.priority).join('/')}, actions=NORMAL): it acts as a normal learning switch, no flow processing.`,
          }),
          evidence: evidence(...flows.map((f) => f.evidence)),
        });
        continue;
      }
      const tables = [...new Set(flows.map((f) => f.table))].sort((a, b) => a - b);
      for (const table of tables) {
        const here = flows.filter((f) => f.table === table).sort((a, b) => b.priority - a.priority);
        const words = here.map((f) => flowWords(topology, f));
        const next = [...new Set(here.flatMap((f) => f.actions.filter((a) => a.type === 'resubmit' || a.type === 'goto_table').map((a) => (a as { table?: number }).table).filter((t): t is number => t !== undefined)))];
        const lead = next.length ? { zh: `；从这里可转到表 ${next.join('、')}`, en: `; from here packets go on to table ${next.join(', ')}` } : { zh: '', en: '' };
        out.push({
          id: `openflow:${host}/${bridge}/${table}`,
          rule: 'openflow',
          subjects: [{ host, name: bridge }],
          message: legacyText({
            zh: `${bridge}${onHost} 表 ${table}（${here.length} 条流）：${words.map((w, i) => `(${i + 1}) ${w.zh}`).join('；')}${lead.zh}。`,
            en: `${bridge}${onHostEn} table ${table} (${here.length} flow${here.length > 1 ? 's' : ''}): ${words.map((w, i) => `(${i + 1}) ${w.en}`).join('; ')}${lead.en}.`,
          }),
          evidence: evidence(...here.map((f) => f.evidence)),
        });
      }
    }
    return out;
  },
};
