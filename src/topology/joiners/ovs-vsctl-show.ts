// `ovs-vsctl show`: OVS bridges, their ports with tag, trunks, type and
// options (patch peers, tunnel endpoints), and the interfaces behind them.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ovs-vsctl-show'],
  add({ records, host, netns, ev }, state) {
    for (const show of records) {
      for (const b of show.bridges) {
        const bridge = state.bridge(host, netns, b.name, 'ovs', ev(b.evidence));
        for (const p of b.ports) {
          const first = p.interfaces[0];
          const port = bridge.ports.find((x) => x.name === p.name) ?? { name: p.name, evidence: ev(p.evidence) };
          if (p.tag !== undefined) port.tag = p.tag;
          if (p.trunks) port.trunks = p.trunks;
          if (first?.type) port.type = first.type;
          if (first && Object.keys(first.options).length > 0) port.options = { ...first.options };
          if (!bridge.ports.includes(port)) bridge.ports.push(port);
          for (const i of p.interfaces) {
            const itf = state.iface({ host, name: i.name }, ev(i.evidence));
            if (i.type) itf.kind ??= i.type;
          }
        }
      }
    }
  },
});
