// Default routes: where a host or namespace sends what it has no route for.

import type { Explanation, Topology } from '../../topology/model.js';
import type { Rule } from '../rule.js';
import { legacyText } from '../../message.js';

export const defaultRouteRule: Rule = {
  id: 'default-route',
  explain(topology: Topology): Explanation[] {
    return topology.routes
      .filter((r) => r.destination === 'default' || r.destination === '0.0.0.0/0')
      .map((route) => {
        const space = route.netns ? `命名空间 ${route.netns} ` : `主机 ${route.host} `;
        const spaceEn = route.netns ? `namespace ${route.netns}` : `host ${route.host}`;
        const others = topology.routes.filter((r) => r !== route && r.host === route.host && r.netns === route.netns && r.dev);
        const devs = [...new Set([route.dev, ...others.map((r) => r.dev)].filter(Boolean))];
        const routed = route.netns?.startsWith('qrouter-') && devs.length > 1
          ? { zh: `这个路由器在 ${devs.join('、')} 之间转发。`, en: ` The router forwards between ${devs.join(' and ')}.` }
          : { zh: '', en: '' };
        return {
          id: `default-route:${route.host}/${route.netns ?? ''}`,
          rule: 'default-route',
          subjects: [{ host: route.host, ...(route.netns ? { netns: route.netns } : {}), name: route.dev ?? 'default' }],
          message: legacyText({
            zh: `${space}的默认路由${route.via ? `经网关 ${route.via} ` : ''}${route.dev ? `从 ${route.dev} 出去` : ''}：没有更具体路由的包都走这里。${routed.zh}`,
            en: `The default route of ${spaceEn} goes${route.via ? ` via the gateway ${route.via}` : ''}${route.dev ? ` out of ${route.dev}` : ''}: every packet with no more specific route takes it.${routed.en}`,
          }),
          evidence: [...route.evidence, ...others.flatMap((r) => r.evidence)],
        };
      });
  },
};
