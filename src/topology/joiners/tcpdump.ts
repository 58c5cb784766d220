// `tcpdump -n -e -v -i IF`: packets seen on an interface. They add no
// interface or link of their own; they are kept (with the interface the
// command listened on) until every link is known, then packets.ts reads them
// as proof: encapsulated packets confirm a tunnel (its type, VNI or key, outer
// endpoints, UDP port), VLAN-tagged frames what travels on a wire.

import type { EvidenceRef } from '../model.js';
import type { TcpdumpPacket } from '../../captures/tcpdump.js';
import { readTcpdumpOptions } from '../../captures/tcpdump.js';
import { parseCommandLine } from '../../captures/command-line.js';
import { joiner } from './joiner.js';

/** A packet as the topology keeps it until the links are known. */
export interface SeenPacket { host: string; netns?: string; interface?: string; packet: TcpdumpPacket; evidence: EvidenceRef[] }

export default joiner({
  parsers: ['tcpdump'],
  add({ records, host, netns, capture, ev }, state) {
    const argv = parseCommandLine(capture.command).argv;
    const listenedOn = readTcpdumpOptions(argv).interface;
    for (const packet of records) {
      const on = packet.interface ?? listenedOn;
      state.packets.push({ host, ...(netns ? { netns } : {}), ...(on && on !== 'any' ? { interface: on } : {}), packet, evidence: ev(packet.evidence) });
    }
  },
});
