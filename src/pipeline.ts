// The one pipeline: text → trees → facts → explanations → pages, composed here
// and only here, for the CLI, the site and the benchmarks alike. Each stage
// knows nothing of the ones above it; this module knows them all.
//
//   readSources        guides (.rst) and bundles  → parsed captures, rst trees
//   buildTopology      parsed captures            → the joined model (facts)
//   explainTopology    the model                  → explanations, walks, findings
//   renderGuide        rst text                   → HTML (shiki added here)
//   drawTopology       the model                  → SVG diagram

import type { PluggableList } from 'unified';
import type { Diagnostic } from './diagnostics.js';
import { explainTopology } from './explain/index.js';
import type { DrawOptions } from './render/diagram/draw.js';
import { rehypeShikiLiterals } from './render/highlight/index.js';
import { rstToHtml, type RstHtmlResult, type RstToHtmlOptions } from './rst/html.js';
import { buildTopology } from './topology/build.js';
import type { Topology } from './topology/model.js';
import { readSources, type Sources } from './topology/sources.js';

export { readSources, buildTopology, explainTopology };
export type { Sources, Topology };

/** What the pipeline understood of some guides and bundles. */
export interface Understood {
  sources: Sources;
  topology: Topology;
  /** Problems reading the paths, capture lines not understood, claims the captures contradict. */
  diagnostics: Diagnostic[];
}

/** The joined model only (no explanations, walks or claim checks): what `netguide trace` needs. */
export function joinedTopology(paths: string[]): { sources: Sources; topology: Topology } {
  const sources = readSources(paths);
  return { sources, topology: buildTopology(sources) };
}

/** Read, join and explain `paths` (guides and capture bundles). */
export function understand(paths: string[], lang: 'zh' | 'en' = 'en'): Understood {
  const { sources, topology } = joinedTopology(paths);
  explainTopology(topology, sources.guides);
  return { sources, topology, diagnostics: [...sources.problems, ...topologyDiagnostics(topology, paths, lang)] };
}

/** Capture lines no parser understood and claims found wrong, as diagnostics pointing at their line. */
export function topologyDiagnostics(topology: Topology, paths: string[], lang: 'zh' | 'en' = 'en'): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const u of topology.unparsed) {
    diagnostics.push({ file: u.file, line: u.line, severity: 'warning', message: `capture line not understood (${u.reason}): ${u.text}`, source: 'captures' });
  }
  for (const f of topology.findings) {
    if (f.kind !== 'contradicted' && f.kind !== 'inconsistent' && f.kind !== 'unknown-name') continue;
    const at = f.claim ?? f.evidence[0];
    diagnostics.push({
      file: at?.file ?? paths[0] ?? '-',
      ...(at ? { line: at.line } : {}),
      severity: 'warning',
      message: `${f.kind}: ${f.message[lang]}`,
      source: 'explain',
    });
  }
  return diagnostics;
}

export interface RenderGuideOptions extends RstToHtmlOptions {
  /** Highlight literal blocks that name a language with shiki (default true). */
  highlight?: boolean;
}

/** A guide's reStructuredText as HTML: the rst stage's output with shiki's highlighting, then the caller's plugins. */
export function renderGuide(text: string, options: RenderGuideOptions = {}): Promise<RstHtmlResult> {
  const { highlight, rehypePlugins, ...rest } = options;
  const plugins: PluggableList = [...(highlight === false ? [] : [rehypeShikiLiterals as never]), ...(rehypePlugins ?? [])];
  return rstToHtml(text, { ...rest, rehypePlugins: plugins });
}

/** The topology diagram as SVG text, its labels in the caller's words. */
export async function drawTopology(topology: Topology, options: DrawOptions): Promise<string> {
  // imported here: the layout engine (elkjs) and d3 are most of what loading the pipeline cost (rst2html never draws)
  const { topologyDiagram } = await import('./render/diagram/index.js');
  return topologyDiagram(topology, options);
}
