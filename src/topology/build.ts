// Joins the parsed captures of a guide or bundle into one Topology: every
// command's joiner (joiners/<parser>.ts) adds what its records prove
// (interfaces, bridges, links, NAT, services …) with the lines that prove it.
// Facts about the same thing from different commands are merged (joiners/state.ts);
// links only the naming convention suggests, and wires between hosts
// (physical-wires.ts), are marked `likely` with the reason.

import type { Evidence } from '../captures/types.js';
import type { SourcedCapture, Sources } from './sources.js';
import type { EvidenceRef, Topology } from './model.js';
import { inferLinks } from './infer-links.js';
import { inferPhysicalWires } from './physical-wires.js';
import { checkConsistency } from './consistency.js';
import { JoinState } from './joiners/state.js';
import { joinerOf, joiners } from './joiners/index.js';

export function buildTopology(sources: Sources): Topology {
  const topology: Topology = {
    sources: sources.paths,
    hosts: [], namespaces: [], interfaces: [], bridges: [], links: [], nat: [], services: [], vms: [],
    routes: [], sockets: [], flows: [], explanations: [], walks: [], findings: [],
    coverage: { lines: 0, fact: 0, header: 0, blank: 0, noise: 0, unparsed: 0 },
    unparsed: [],
  };
  const state = new JoinState(topology);
  for (const capture of sources.captures) join(state, capture);
  state.settle();
  for (const j of joiners) j.finish?.(state);
  inferLinks(topology);
  inferPhysicalWires(topology);
  checkConsistency(topology, sources);
  return topology;
}

/** One capture: its host, its lines counted, its records given to their parser's joiner, the namespace it ran in. */
function join(state: JoinState, capture: SourcedCapture): void {
  const { result, host } = capture;
  const netns = result.netns;
  const ev = (e: Evidence | undefined): EvidenceRef[] =>
    e ? [{ file: capture.file, line: e.line + capture.lineOffset, ...(e.endLine ? { endLine: e.endLine + capture.lineOffset } : {}), command: capture.command }] : [];
  state.host(host, ev(result.records.length > 0 ? { line: 1 } : undefined));
  count(state.topology, capture);
  joinerOf(result.parser)?.add({ records: result.records as never[], host, netns, capture, ev }, state);
  if (netns) state.namespace(host, netns, [], undefined, false);
}

/** Every line's role into the coverage, and the lines no parser understood, with the reason. */
function count(topology: Topology, capture: SourcedCapture): void {
  const c = topology.coverage;
  for (const role of capture.result.lineRoles) {
    c.lines++;
    c[role]++;
  }
  for (const u of capture.result.unparsed) {
    topology.unparsed.push({ file: capture.file, line: u.line + capture.lineOffset, text: u.text, reason: u.reason });
  }
}
