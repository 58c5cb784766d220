// `virsh list`: the host's VMs, their ids and states.

import { joiner } from './joiner.js';

export default joiner({
  parsers: ['virsh-list'],
  add({ records, host, ev }, state) {
    for (const d of records) {
      const vm = state.vm(host, d.name, ev(d.evidence));
      if (d.id !== null) vm.id = String(d.id);
      vm.state = d.state;
    }
  },
});
