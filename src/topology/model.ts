// The joined model of one guide or capture bundle: hosts ⊃ namespaces ⊃
// interfaces, bridges and their ports, typed links of the data plane, NAT,
// services, VMs, routes and flows — every fact with the capture lines that
// prove it. This is the JSON `netguide topology --json` prints; its JSON Schema
// is docs/topology.schema.json (kept in step by test/topology/schema.test.ts).
// What netguide says (explanations, walks, findings, why a link is only
// likely) is a Message — an id and its values — said in a language at the
// edge (src/i18n/messages.ts); the JSON adds the texts (pipeline.ts, withTexts).

import type { Message } from '../message.js';

/** A line of a capture (or of the guide) that a fact rests on. */
export interface EvidenceRef {
  /** The guide or capture file, relative to the working directory. */
  file: string;
  /** 1-based line in `file`. */
  line: number;
  endLine?: number;
  /** The command whose output holds the line. */
  command?: string;
}

/** An interface, port or endpoint, named where it lives. */
export interface Endpoint {
  host: string;
  /** Network namespace; absent for the host's root namespace. */
  netns?: string;
  name: string;
}

/** How sure a fact is: `confirmed` by the captures, or only `likely` (say why). */
export type Certainty = 'confirmed' | 'likely';

export interface Address {
  family: 'inet' | 'inet6';
  /** `10.0.1.1/28`. */
  cidr: string;
  scope?: string;
  evidence: EvidenceRef[];
}

export interface Interface extends Endpoint {
  ifindex?: number;
  mac?: string;
  mtu?: number;
  state?: string;
  flags?: string[];
  /** Linux master (`qbr…`, `ovs-system`). */
  master?: string;
  /** Kind from `ip -d link` or inferred (`veth`, `tap`, `internal`, `patch`, `gre`, `vxlan`, `bridge`). */
  kind?: string;
  addresses: Address[];
  evidence: EvidenceRef[];
}

export interface BridgePort {
  name: string;
  tag?: number;
  trunks?: number[];
  type?: string;
  options?: Record<string, string>;
  /** OpenFlow port number, when `ovs-ofctl show` or a flow names it. */
  ofport?: number;
  evidence: EvidenceRef[];
}

export interface Bridge {
  host: string;
  netns?: string;
  name: string;
  kind: 'ovs' | 'linux';
  ports: BridgePort[];
  evidence: EvidenceRef[];
}

/** `physical`: two hosts' NICs the captures suggest share a wire (never proven: always `likely`, with the reason). */
export type LinkKind = 'veth' | 'patch' | 'tunnel' | 'member' | 'vm' | 'physical';

export interface Link {
  kind: LinkKind;
  a: Endpoint;
  b: Endpoint;
  certainty: Certainty;
  /** Why — always present when `certainty` is `likely`. */
  reason?: Message;
  /** Tunnels: the tunnel type and its endpoints. */
  tunnel_type?: string;
  local_ip?: string;
  remote_ip?: string;
  key?: string;
  /** Physical wires: the provider VLAN ids both NICs carry, by the flows next to each. */
  vlans?: number[];
  /** Physical wires: both NICs carry a flat provider network (untagged on the wire), by the flows next to each. */
  flat?: boolean;
  /** Physical wires: the IPv4 subnet both NICs (or the bridges holding them) have addresses in. */
  subnet?: string;
  evidence: EvidenceRef[];
}

export interface NatRule {
  kind: 'snat' | 'dnat' | 'redirect' | 'masquerade';
  host: string;
  netns?: string;
  chain: string;
  source?: string;
  destination?: string;
  protocol?: string;
  port?: number;
  in_interface?: string;
  out_interface?: string;
  /** Translated to: an address, `addr:port`, or a port for REDIRECT. */
  to: string;
  evidence: EvidenceRef[];
}

export interface Service {
  kind: 'dhcp' | 'metadata' | 'dns';
  host: string;
  netns?: string;
  pid?: number;
  process?: string;
  interface?: string;
  port?: number;
  /** DHCP ranges (`10.0.1.0 static 86400s`). */
  ranges?: string[];
  network_id?: string;
  router_id?: string;
  /**
   * How sure its namespace is: `likely` when only the process's command line
   * names it (`--router_id=R` → qrouter-R) and no socket capture shows it
   * listening there; absent when a socket or interface capture places it.
   */
  certainty?: Certainty;
  /** Why — present when `certainty` is `likely`. */
  reason?: Message;
  evidence: EvidenceRef[];
}

export interface Vm {
  host: string;
  name: string;
  id?: string;
  uuid?: string;
  state?: string;
  interfaces: { tap: string; mac?: string; bridge?: string }[];
  evidence: EvidenceRef[];
}

export interface Route {
  host: string;
  netns?: string;
  destination: string;
  via?: string;
  dev?: string;
  src?: string;
  proto?: string;
  scope?: string;
  metric?: number;
  evidence: EvidenceRef[];
}

export interface Socket {
  host: string;
  netns?: string;
  protocol: string;
  local: string;
  port: number;
  state?: string;
  pid?: number;
  process?: string;
  evidence: EvidenceRef[];
}

export interface Flow {
  host: string;
  bridge: string;
  table: number;
  priority: number;
  cookie?: string;
  n_packets?: number;
  match: Record<string, string>;
  /** Actions, decoded, in order; each keeps its text as written. */
  actions: { type: string; text: string; [key: string]: unknown }[];
  text: string;
  evidence: EvidenceRef[];
}

export interface Namespace {
  host: string;
  name: string;
  id?: number;
  /** What Neutron uses it for, from its name: `router`, `dhcp`, … */
  role?: string;
  /** The Neutron router or network id in its name. */
  owner_id?: string;
  evidence: EvidenceRef[];
}

export interface Host {
  name: string;
  /** `compute`, `network`, `controller`, `allinone`, … when known. */
  role?: string;
  evidence: EvidenceRef[];
}

export interface Explanation {
  /** Stable id: `<rule>:<subject>`. */
  id: string;
  rule: string;
  subjects: Endpoint[];
  message: Message;
  evidence: EvidenceRef[];
}

export interface WalkStep {
  at: Endpoint;
  message: Message;
  evidence: EvidenceRef[];
  /**
   * How an OVS bridge's flows move the frame, table by table (what
   * `ovs-appctl ofproto/trace` would print): one line per lookup or action,
   * `depth` one more inside each resubmit, each lookup with its flow's line.
   */
  tables?: { depth: number; message: Message; evidence: EvidenceRef[] }[];
}

export interface Walk {
  id: string;
  title: Message;
  steps: WalkStep[];
}

export type FindingKind = 'confirmed' | 'contradicted' | 'unprovable' | 'not-understood' | 'unknown-name' | 'inconsistent';

export interface Finding {
  kind: FindingKind;
  /** The author's claim, as written, when the finding checks one. */
  claim?: { text: string; file: string; line: number };
  message: Message;
  evidence: EvidenceRef[];
}

export interface LineCoverage {
  lines: number;
  fact: number;
  header: number;
  blank: number;
  noise: number;
  unparsed: number;
}

export interface Topology {
  /** The guide or bundle paths the model was built from. */
  sources: string[];
  hosts: Host[];
  namespaces: Namespace[];
  interfaces: Interface[];
  bridges: Bridge[];
  links: Link[];
  nat: NatRule[];
  services: Service[];
  vms: Vm[];
  routes: Route[];
  sockets: Socket[];
  flows: Flow[];
  explanations: Explanation[];
  walks: Walk[];
  findings: Finding[];
  coverage: LineCoverage;
  /** Capture lines no parser understood, with the reason. */
  unparsed: { file: string; line: number; text: string; reason: string }[];
}
