// The packet walks as a page shows them, in the page's language: numbered
// steps, each with its place, its text, the device it is at (the diagram's
// attribute key), its evidence as links and the ids of all its lines, and a
// bridge's OpenFlow trace table by table. The same views feed the ordered
// lists (readable without a script) and the JSON the step-through reads.

import type { Topology } from '../../topology/model.js';
import { endpointAttr, scopeAttr } from '../anchors.js';
import { evidenceLinks, type EvidenceLink, type EvidenceOptions } from '../evidence.js';
import { stepText, traceText, walkTitle } from '../words.js';

export interface TraceLineView {
  depth: number;
  text: string;
  evidence: EvidenceLink[];
}

export interface WalkStepView {
  /** 1-based. */
  n: number;
  /** `compute / qrouter-… / qg-…`. */
  place: string;
  /** The device, as the diagram's `data-key` names it. */
  key: string;
  /** Where it is when the diagram has no box for it (a chain or a process inside a namespace): that namespace's key. */
  near?: string;
  text: string;
  /** The step's own evidence (lines its trace cites are listed there, not again here). */
  evidence: EvidenceLink[];
  /** Ids of every line the step rests on, its trace's included. */
  lines: string[];
  trace: TraceLineView[];
}

export interface WalkView {
  /** The model's id (`walk:snat:compute/vm`). */
  id: string;
  /** An id for the page (`walk-snat-compute-vm`). */
  slug: string;
  title: string;
  steps: WalkStepView[];
}

/** `walk:snat:compute/x` → `walk-snat-compute-x`. */
export const slugOf = (id: string): string => id.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-+|-+$/g, '');

/** `compute / qrouter-… / qg-…`, a namespace named as the step's place once. */
const placeOf = (at: { host: string; netns?: string; name: string }) =>
  [at.host, at.netns, at.name].filter((x, i, all): x is string => !!x && x !== all[i - 1]).join(' / ');

export function walkViews(topology: Topology, lang: string, options: EvidenceOptions = {}): WalkView[] {
  return topology.walks.map((w) => ({
    id: w.id,
    slug: slugOf(w.id),
    title: walkTitle(w, lang),
    steps: w.steps.map((s, i): WalkStepView => {
      const tables = s.tables ?? [];
      const inTables = new Set(tables.flatMap((t) => t.evidence.map((e) => `${e.file}:${e.line}`)));
      const trace = tables.map((t) => ({ depth: t.depth, text: traceText(t, lang), evidence: evidenceLinks(t.evidence, options) }));
      const evidence = evidenceLinks(s.evidence.filter((e) => !inTables.has(`${e.file}:${e.line}`)), options);
      const lines = [...new Set([...evidence, ...trace.flatMap((t) => t.evidence)].flatMap((e) => e.anchors))];
      return {
        n: i + 1, place: placeOf(s.at), key: endpointAttr(s.at), ...(s.at.netns ? { near: scopeAttr(s.at.host, s.at.netns) } : {}),
        text: stepText(s, lang), evidence, lines, trace,
      };
    }),
  }));
}
