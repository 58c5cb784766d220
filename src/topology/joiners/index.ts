// Every joiner, in the order their `finish` runs, and the parsers declared to
// add no facts (with why): together they cover every parser in
// src/captures/registry.ts (test/topology/joiners.test.ts checks it).

import type { CaptureJoiner, ParserName } from './joiner.js';
import ipLink from './ip-link.js';
import ipBrief from './ip-brief.js';
import ipNetns from './ip-netns.js';
import ipRoute from './ip-route.js';
import brctlShow from './brctl-show.js';
import bridgeLink from './bridge-link.js';
import ethtoolStats from './ethtool-stats.js';
import ovsVsctlShow from './ovs-vsctl-show.js';
import ovsOfctlShow from './ovs-ofctl-show.js';
import ovsAppctlDpifShow from './ovs-appctl-dpif-show.js';
import ovsOfctlDumpFlows from './ovs-ofctl-dump-flows.js';
import virshList from './virsh-list.js';
import virshDumpxml from './virsh-dumpxml.js';
import psEf from './ps-ef.js';
import netstatTunlp from './netstat-tunlp.js';
import ssTunlp from './ss-tunlp.js';
import iptables from './iptables.js';

/** The joiners; `finish` runs in this order (VM links before the services placed by namespace). */
export const joiners: readonly CaptureJoiner<ParserName>[] = [
  ipLink, ipBrief, ipNetns, ipRoute, brctlShow, bridgeLink, ethtoolStats,
  ovsVsctlShow, ovsOfctlShow, ovsAppctlDpifShow, ovsOfctlDumpFlows,
  virshList, virshDumpxml, psEf, netstatTunlp, ssTunlp, iptables,
];

/** Parsers whose records join no fact of the model, and why. */
export const noFacts: Readonly<Record<string, string>> = {
  tcpdump: 'packets seen on a wire are evidence about the tunnels and paths the other captures describe, not topology of their own; the explanations read them from the parsed captures',
  'iptables-list': '`iptables -L` prints matches and targets as free text (`tcp dpt:80 redir ports 9697`); the NAT facts are read from `iptables -S` and `iptables-save`',
};

const byParser = new Map<string, CaptureJoiner<ParserName>>(joiners.flatMap((j) => j.parsers.map((p) => [p, j] as const)));

/** The joiner of a parser's records, if it has one. */
export function joinerOf(parser: string): CaptureJoiner<ParserName> | undefined {
  return byParser.get(parser);
}
