// The one pipeline: text → trees → facts → explanations → pages, composed here
// and only here, for the CLI, the site and the benchmarks alike. Each stage
// knows nothing of the ones above it; this module knows them all.
//
//   readSources        guides (.rst) and bundles  → parsed captures, rst trees
//   buildTopology      parsed captures            → the joined model (facts)
//   explainTopology    the model                  → explanations, walks, findings
//   renderGuide        rst text                   → HTML (shiki added here)
//   drawTopology       the model                  → SVG diagram
//   withTexts          the model                  → its JSON, every message with its texts

import type { PluggableList } from 'unified';
import type { Diagnostic } from './diagnostics.js';
import type { Message } from './message.js';
import { bilingual, missingMessages, say } from './i18n/messages.js';
import { localesDir } from './i18n/catalog.js';
import { join } from 'node:path';
import { explainTopology } from './explain/index.js';
import { topologyDiagram } from './render/diagram/index.js';
import type { DrawOptions } from './render/diagram/draw.js';
import { rehypeShikiLiterals } from './render/highlight/index.js';
import { rstToHtml, type RstHtmlResult, type RstToHtmlOptions } from './rst/html.js';
import { buildTopology } from './topology/build.js';
import type { Explanation, Finding, Link, Service, Topology, Walk, WalkStep } from './topology/model.js';
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
      message: `${f.kind}: ${say(f.message, lang)}`,
      source: 'explain',
    });
  }
  return diagnostics;
}

/**
 * Messages said since the last `forgetMissingMessages()` that a language's
 * catalog lacks (said in another language instead, never left blank), as
 * warnings pointing at that catalog.
 */
export function missingMessageDiagnostics(): Diagnostic[] {
  return [...missingMessages()].flatMap(([lang, ids]) => [...ids].sort().map((id): Diagnostic => ({
    file: join(localesDir, `${lang}.po`),
    severity: 'warning',
    message: `message ${id} is missing from the ${lang} catalog: said in another language`,
    source: 'i18n',
  })));
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
export function drawTopology(topology: Topology, options: DrawOptions): Promise<string> {
  return topologyDiagram(topology, options);
}

/** A message said in both languages: the JSON contract's `text`. */
export type Texts = { zh: string; en: string };

/**
 * The topology as `netguide topology --json` prints it (docs/topology.schema.json):
 * the model, with every message said in both languages beside it — `text`
 * beside an explanation's, a walk step's, a table line's or a finding's
 * `message`; a walk's `title` and a likely link's or service's `reason` said
 * as before, with the message as `title_message` and `reason_message`.
 */
export interface TopologyJson extends Omit<Topology, 'links' | 'services' | 'explanations' | 'walks' | 'findings'> {
  links: (Omit<Link, 'reason'> & { reason?: Texts; reason_message?: Message })[];
  services: (Omit<Service, 'reason'> & { reason?: Texts; reason_message?: Message })[];
  explanations: (Explanation & { text: Texts })[];
  walks: (Omit<Walk, 'title' | 'steps'> & {
    title: Texts;
    title_message: Message;
    steps: (Omit<WalkStep, 'tables'> & { text: Texts; tables?: (NonNullable<WalkStep['tables']>[number] & { text: Texts })[] })[];
  })[];
  findings: (Finding & { text: Texts })[];
}

/** The topology with its messages said in both languages, for JSON (the model itself is left as it is). */
export function withTexts(topology: Topology): TopologyJson {
  const reasoned = <T extends { reason?: Message }>({ reason, ...rest }: T) =>
    (reason === undefined ? rest : { ...rest, reason: bilingual(reason), reason_message: reason });
  return {
    ...topology,
    links: topology.links.map(reasoned) as TopologyJson['links'],
    services: topology.services.map(reasoned) as TopologyJson['services'],
    explanations: topology.explanations.map((e) => ({ id: e.id, rule: e.rule, subjects: e.subjects, text: bilingual(e.message), message: e.message, evidence: e.evidence })),
    walks: topology.walks.map((w) => ({
      id: w.id,
      title: bilingual(w.title),
      title_message: w.title,
      steps: w.steps.map((s) => ({
        at: s.at,
        text: bilingual(s.message),
        message: s.message,
        evidence: s.evidence,
        ...(s.tables ? { tables: s.tables.map((t) => ({ depth: t.depth, text: bilingual(t.message), message: t.message, evidence: t.evidence })) } : {}),
      })),
    })),
    findings: topology.findings.map((f) => ({ kind: f.kind, ...(f.claim ? { claim: f.claim } : {}), text: bilingual(f.message), message: f.message, evidence: f.evidence })),
  };
}
