// Runs every explanation rule in a fixed order (the order a reader follows a
// packet: VM, its bridge, the veth, br-int tags, patches, tunnels, wires
// between hosts, VLANs, DHCP, router, NAT, metadata, flows), then the packet
// walks and the claim checks, filling topology.explanations, .walks and .findings.

import type { Explanation, Topology } from '../topology/model.js';
import type { GuideText } from '../topology/sources.js';
import type { Rule } from './rule.js';
import { vmTapRule } from './rules/vm-tap.js';
import { linuxBridgeRule } from './rules/linux-bridge.js';
import { vethRule } from './rules/veth.js';
import { localVlanRule } from './rules/local-vlan.js';
import { patchRule } from './rules/patch.js';
import { tunnelRule } from './rules/tunnel.js';
import { physicalWireRule } from './rules/physical-wire.js';
import { providerVlanRule } from './rules/provider-vlan.js';
import { dhcpRule } from './rules/dhcp.js';
import { defaultRouteRule } from './rules/default-route.js';
import { snatRule } from './rules/snat.js';
import { metadataRule } from './rules/metadata.js';
import { openflowRule } from './rules/openflow.js';
import { buildWalks } from './walks.js';
import { checkClaims } from './claims.js';
import { evidence } from './facts.js';

export const rules: Rule[] = [
  vmTapRule,
  linuxBridgeRule,
  vethRule,
  localVlanRule,
  patchRule,
  tunnelRule,
  physicalWireRule,
  providerVlanRule,
  dhcpRule,
  defaultRouteRule,
  snatRule,
  metadataRule,
  openflowRule,
];

export function explainTopology(topology: Topology, guides: GuideText[] = []): Topology {
  topology.explanations = onePerId(rules.flatMap((rule) => rule.explain(topology)));
  topology.walks = onePerId(buildWalks(topology));
  topology.findings = [...topology.findings.filter((f) => f.kind === 'inconsistent'), ...checkClaims(topology, guides)];
  return topology;
}

/**
 * The same fact captured twice (`iptables -S` and `iptables-save` in one
 * bundle) yields the same explanation or walk id: keep the first, with the
 * evidence of all.
 */
function onePerId<T extends { id: string; evidence?: Explanation['evidence'] }>(items: T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const first = byId.get(item.id);
    if (!first) byId.set(item.id, item);
    else if (first.evidence && item.evidence) first.evidence = evidence(first.evidence, item.evidence);
  }
  return [...byId.values()];
}
