// OpenFlow pipelines narrated table by table: each table's flows in words and
// where resubmit/goto_table lead; a bridge whose only flow is `actions=NORMAL`
// acts as a normal learning switch, with no flow processing.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg } from '../../message.js';
import { evidence } from '../facts.js';
import { flowWords } from '../openflow/flow-words.js';
import { isPlainSwitch } from '../openflow/plain-switch.js';
import type { Rule } from '../rule.js';

export const openflowRule: Rule = {
  id: 'openflow',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    const keys = [...new Set(topology.flows.map((f) => `${f.host}\u0000${f.bridge}`))];
    for (const key of keys) {
      const [host, bridge] = key.split('\u0000') as [string, string];
      const flows = topology.flows.filter((f) => f.host === host && f.bridge === bridge);
      const onHost = topology.hosts.length > 1 ? msg('common:on-host', { host }) : '';
      if (isPlainSwitch(flows)) {
        out.push({
          id: `openflow:${host}/${bridge}`,
          rule: 'openflow',
          subjects: [{ host, name: bridge }],
          message: msg('openflow:plain-switch', { bridge, host: onHost, priorities: flows.map((f) => f.priority) }),
          evidence: evidence(...flows.map((f) => f.evidence)),
        });
        continue;
      }
      const tables = [...new Set(flows.map((f) => f.table))].sort((a, b) => a - b);
      for (const table of tables) {
        const here = flows.filter((f) => f.table === table).sort((a, b) => b.priority - a.priority);
        const next = [...new Set(here.flatMap((f) => f.actions.filter((a) => a.type === 'resubmit' || a.type === 'goto_table').map((a) => (a as { table?: number }).table).filter((t): t is number => t !== undefined)))];
        out.push({
          id: `openflow:${host}/${bridge}/${table}`,
          rule: 'openflow',
          subjects: [{ host, name: bridge }],
          message: msg('openflow:table', {
            bridge,
            host: onHost,
            table,
            count: here.length,
            flows: here.map((f, i) => msg('openflow:numbered-flow', { n: i + 1, flow: flowWords(topology, f) })),
            next: next.length ? msg('openflow:goes-on-to', { tables: next }) : '',
          }),
          evidence: evidence(...here.map((f) => f.evidence)),
        });
      }
    }
    return out;
  },
};
