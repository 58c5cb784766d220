// Default routes: where a host or namespace sends what it has no route for.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import type { Rule } from '../rule.js';

export const defaultRouteRule: Rule = {
  id: 'default-route',
  explain(topology: Topology): Explanation[] {
    return topology.routes
      .filter((r) => r.destination === 'default' || r.destination === '0.0.0.0/0')
      .map((route) => {
        const others = topology.routes.filter((r) => r !== route && r.host === route.host && r.netns === route.netns && r.dev);
        const devs = [...new Set([route.dev, ...others.map((r) => r.dev)].filter((d): d is string => Boolean(d)))];
        const sentences: Message[] = [msg('default-route:of', {
          space: route.netns ? msg('default-route:namespace', { netns: route.netns }) : msg('default-route:host', { host: route.host }),
          via: route.via ? msg('default-route:via', { via: route.via }) : '',
          dev: route.dev ? msg('default-route:out-of', { dev: route.dev }) : '',
        })];
        if (route.netns?.startsWith('qrouter-') && devs.length > 1) sentences.push(msg('default-route:router-forwards', { devs }));
        return {
          id: `default-route:${route.host}/${route.netns ?? ''}`,
          rule: 'default-route',
          subjects: [{ host: route.host, ...(route.netns ? { netns: route.netns } : {}), name: route.dev ?? 'default' }],
          message: msg('common:sentences', { sentences }),
          evidence: [...route.evidence, ...others.flatMap((r) => r.evidence)],
        };
      });
  },
};
