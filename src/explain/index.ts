// Runs every explanation rule in a fixed order (the order a reader follows a
// packet: VM, its bridge, the veth, br-int tags, patches, tunnels, VLANs,
// DHCP, router, NAT, metadata, flows), then the packet walks and the claim
// checks, filling topology.explanations, .walks and .findings.

import type { Topology } from '../topology/model.js';
import type { GuideText } from '../topology/sources.js';
import type { Rule } from './rule.js';
import { vmTapRule } from './rules/vm-tap.js';
import { linuxBridgeRule } from './rules/linux-bridge.js';
import { vethRule } from './rules/veth.js';
import { localVlanRule } from './rules/local-vlan.js';
import { patchRule } from './rules/patch.js';
import { tunnelRule } from './rules/tunnel.js';
import { providerVlanRule } from './rules/provider-vlan.js';
import { dhcpRule } from './rules/dhcp.js';
import { defaultRouteRule } from './rules/default-route.js';
import { snatRule } from './rules/snat.js';
import { metadataRule } from './rules/metadata.js';
import { openflowRule } from './rules/openflow.js';
import { buildWalks } from './walks.js';
import { checkClaims } from './claims.js';

export const rules: Rule[] = [
  vmTapRule,
  linuxBridgeRule,
  vethRule,
  localVlanRule,
  patchRule,
  tunnelRule,
  providerVlanRule,
  dhcpRule,
  defaultRouteRule,
  snatRule,
  metadataRule,
  openflowRule,
];

export function explainTopology(topology: Topology, guides: GuideText[] = []): Topology {
  topology.explanations = rules.flatMap((rule) => rule.explain(topology));
  topology.walks = buildWalks(topology);
  topology.findings = [...topology.findings.filter((f) => f.kind === 'inconsistent'), ...checkClaims(topology, guides)];
  return topology;
}
