// GRE/VXLAN tunnels: which hosts they join, the key, and Neutron's naming of the
// port after the remote IP in hex (gre-c6336415 = 198.51.100.21), checked
// against the port's remote_ip (newer Neutron hashes the address instead).

import type { Explanation, Link, Topology } from '../../topology/model.js';
import { msg, type Message } from '../../message.js';
import { evidence, hexToIpv4, place } from '../facts.js';
import type { Rule } from '../rule.js';

/** What the name says about the remote address (no message when the name holds no address in hex). */
export function decodeTunnelName(name: string, remoteIp?: string): { message?: Message; decoded?: string; matches?: boolean } {
  const m = /^([a-z]+)-([0-9a-f]{8})$/i.exec(name);
  const decoded = m ? hexToIpv4(m[2]!) : undefined;
  if (!decoded) return {};
  const hex = m![2]!;
  const bytes = hex.match(/../g)!.map((h) => msg('tunnel:hex-byte', { hex: h, value: parseInt(h, 16) }));
  if (remoteIp === undefined) return { decoded, message: msg('tunnel:name-unchecked', { hex, bytes, decoded }) };
  const matches = decoded === remoteIp;
  return {
    decoded,
    matches,
    message: matches ? msg('tunnel:name-is-remote-ip', { hex, bytes, decoded }) : msg('tunnel:name-not-remote-ip', { hex, decoded, remote: remoteIp }),
  };
}

export const tunnelRule: Rule = {
  id: 'tunnel',
  explain(topology: Topology): Explanation[] {
    const out: Explanation[] = [];
    const seen = new Set<Link>();
    for (const link of topology.links.filter((l) => l.kind === 'tunnel')) {
      if (seen.has(link)) continue;
      seen.add(link);
      const key = link.key === 'flow' ? msg('tunnel:key-by-flows') : link.key ? msg('tunnel:key', { key: link.key }) : msg('tunnel:no-key');
      const far = link.b.name && link.b.host !== link.a.host ? msg('tunnel:far-end', { far: place(topology, link.b) }) : msg('tunnel:far-host-not-captured');
      const port = msg('tunnel:port', {
        port: place(topology, link.a),
        type: (link.tunnel_type ?? 'tunnel').toUpperCase(),
        local: link.local_ip ?? '?',
        remote: link.remote_ip ?? '?',
        far,
        key,
      });
      // what each end's name says of the other end's address
      const names = [decodeTunnelName(link.a.name, link.remote_ip).message, link.b.host !== link.a.host ? decodeTunnelName(link.b.name, link.local_ip).message : undefined];
      out.push({
        id: `tunnel:${link.a.host}/${link.a.name}`,
        rule: 'tunnel',
        subjects: [link.a, link.b],
        message: msg('common:sentences', { sentences: [port, ...names.filter((n): n is Message => n !== undefined)] }),
        evidence: evidence(link.evidence),
      });
    }
    return out;
  },
};
