// `ip route`: the routes of a host or namespace.

import type { Route } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ip-route'],
  add({ records, host, netns, ev }, state) {
    for (const r of records) {
      const route: Route = { host, ...(netns ? { netns } : {}), destination: r.destination, evidence: ev(r.evidence) };
      if (r.via) route.via = r.via;
      if (r.dev) route.dev = r.dev;
      if (r.src) route.src = r.src;
      if (r.proto) route.proto = r.proto;
      if (r.scope) route.scope = r.scope;
      if (r.metric !== undefined) route.metric = r.metric;
      state.topology.routes.push(route);
    }
  },
});
