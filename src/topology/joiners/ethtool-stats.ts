// `ethtool -S IFACE`: a veth end's peer_ifindex, which infer-links.ts pairs with the peer's ifindex.

import { parseCommandLine } from '../../captures/command-line.js';
import type { EvidenceRef, Interface } from '../model.js';
import { joiner } from './joiner.js';

export default joiner({
  parsers: ['ethtool-stats'],
  add({ records, host, netns, capture, ev }, state) {
    for (const r of records) {
      const name = r.interface ?? ethtoolInterface(capture.command);
      if (!name || r.peerIfindex === undefined) continue;
      const itf = state.iface({ host, netns, name }, []);
      (itf as Interface & { peerIfindex?: { index: number; evidence: EvidenceRef[] } }).peerIfindex = {
        index: r.peerIfindex,
        evidence: ev(r.peerIfindexEvidence ?? r.evidence),
      };
    }
  },
});

function ethtoolInterface(command: string): string | undefined {
  const argv = parseCommandLine(command).argv;
  const i = argv.findIndex((a) => a === '-S' || a === '--statistics');
  return i >= 0 ? argv[i + 1] : undefined;
}
