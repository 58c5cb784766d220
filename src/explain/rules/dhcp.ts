// The DHCP server: dnsmasq, its interface, namespace, ranges, lease time and network.

import type { Explanation, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { bridgeHolding, evidence } from '../facts.js';
import type { Rule } from '../rule.js';

/** `set:tag0,10.0.1.0,static,86400s` → subnet start, mode and lease time. */
export function readRange(range: string): { start?: string; mode?: string; lease?: string } {
  const words = range.split(/[,\s]+/).filter((w) => w && !w.startsWith('set:') && !w.startsWith('tag:'));
  const start = words.find((w) => /^[0-9a-f.:]+$/i.test(w) && /[.:]/.test(w));
  const mode = words.find((w) => w === 'static' || w === 'proxy' || w === 'ra-only' || w === 'slaac');
  const lease = words.find((w) => /^\d+[smhd]?$/.test(w) || w === 'infinite');
  return { ...(start ? { start } : {}), ...(mode ? { mode } : {}), ...(lease ? { lease } : {}) };
}

/** dnsmasq's `--dhcp-range`s in words (`subnet 10.0.1.0 (static: …), lease 86400s`); undefined when there are none. */
export function describeRanges(ranges: readonly string[]): Message | undefined {
  if (!ranges.length) return undefined;
  return msg('dhcp:ranges', {
    ranges: ranges.map(readRange).map((r) => msg('dhcp:range', { start: r.start ?? '?', mode: r.mode === 'static' ? msg('dhcp:static') : '', lease: r.lease ?? '?' })),
  });
}

export const dhcpRule: Rule = {
  id: 'dhcp',
  explain(topology: Topology): Explanation[] {
    return topology.services
      .filter((s) => s.kind === 'dhcp')
      .map((service) => {
        const itf = service.interface;
        const port = itf ? bridgeHolding(topology, service.host, itf) : undefined;
        const addr = itf ? topology.interfaces.find((i) => i.host === service.host && i.name === itf && i.netns === service.netns)?.addresses.find((a) => a.family === 'inet') : undefined;
        const ranges = describeRanges(service.ranges ?? []);
        const sentences: Message[] = [
          msg('dhcp:served', {
            process: service.process ?? 'dnsmasq',
            pid: service.pid ?? '?',
            netns: service.netns ? msg('dhcp:in-namespace', { netns: service.netns }) : '',
            interface: itf ?? '?',
            address: addr ? msg('common:paren', { text: addr.cidr }) : '',
            bridge: port ? msg('dhcp:on-bridge', { interface: itf!, bridge: port.bridge.name, tag: port.port.tag !== undefined ? msg('dhcp:tag', { tag: port.port.tag }) : '' }) : '',
          }),
          ranges ? msg('dhcp:range-is', { ranges }) : msg('dhcp:no-range'),
        ];
        if (service.network_id) sentences.push(msg('dhcp:network', { network: service.network_id }));
        return {
          id: `dhcp:${service.host}/${service.netns ?? ''}/${itf ?? ''}`,
          rule: 'dhcp',
          subjects: [{ host: service.host, ...(service.netns ? { netns: service.netns } : {}), name: itf ?? service.process ?? 'dhcp' }],
          message: msg('common:sentences', { sentences }),
          evidence: evidence(service.evidence, port?.port.evidence, addr?.evidence),
        };
      });
  },
};
