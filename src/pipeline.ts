// The one pipeline: text → trees → facts → explanations → pages, composed here
// and only here, for the CLI, the site and the benchmarks alike. Each stage
// knows nothing of the ones above it; this module knows them all.
//
//   readInputs         guides (.rst), bundles and tarballs → parsed captures, rst trees
//   buildTopology      parsed captures            → the joined model (facts)
//   explainTopology    the model                  → explanations, walks, findings
//   renderGuide        rst text                   → HTML (shiki added here; translated
//                                                    into a page's language with the guide's catalog)
//   guidePage          a guide file               → a page of it as HTML (translation, notes plugged in)
//   drawTopology       the model                  → SVG diagram
//   topologyPanel      the model                  → the diagram, its devices and the walks (hast)

import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Element } from 'hast';
import type { PluggableList } from 'unified';
import type { Diagnostic } from './diagnostics.js';
import { explainTopology } from './explain/index.js';
import { guideCatalog } from './i18n/guide-catalog.js';
import { guideCoverage, type GuideCoverage } from './i18n/guide-status.js';
import { readGuideSegments } from './i18n/guides.js';
import { SEGMENT_LANGUAGES } from './i18n/segments.js';
import { rehypeUntranslated, rstTranslate, type GuideTranslation } from './i18n/translate-tree.js';
import { topologyDiagram } from './render/diagram/index.js';
import type { DrawOptions } from './render/diagram/draw.js';
import { diagramPanel, type PanelOptions } from './render/diagram/panel.js';
import { rehypeShikiLiterals } from './render/highlight/index.js';
import { rstToHtml, type RstHtmlResult, type RstToHtmlOptions } from './rst/html.js';
import type { RstRehypeOptions } from './rst/to-hast/index.js';
import { buildTopology } from './topology/build.js';
import type { Topology } from './topology/model.js';
import { readSources, type Sources } from './topology/sources.js';
import { readInputs } from './topology/read-inputs.js';

export { readSources, readInputs, buildTopology, explainTopology, guideCatalog };
export type { Sources, Topology, GuideTranslation, GuideCoverage };

/** How much of a guide (`<content>/<name>/<name>.rst`) is translated into each of `langs`: for a build's summary. */
export function translationCoverage(guideFile: string, langs: readonly string[], contentRoot?: string): GuideCoverage {
  const name = basename(dirname(resolve(guideFile)));
  return guideCoverage(readGuideSegments({ name, file: guideFile }, contentRoot), langs);
}

/** What the pipeline understood of some guides and bundles. */
export interface Understood {
  sources: Sources;
  topology: Topology;
  /** Problems reading the paths, capture lines not understood, claims the captures contradict. */
  diagnostics: Diagnostic[];
}

/** The joined model only (no explanations, walks or claim checks): what `netguide trace` needs. Paths: guides, bundle folders, tarballs. */
export function joinedTopology(paths: string[]): { sources: Sources; topology: Topology } {
  const sources = readInputs(paths);
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
  /**
   * The page's language and the guide's catalog for it (`guideCatalog(file, lang)`):
   * every segment written in another language takes its translation before
   * the transforms run (contents and numbering show translated titles, section
   * ids stay the source's); one without a translation, or a fuzzy one, stays as
   * written with its own `lang` and the class `untranslated`. The document's
   * language (labels such as 作者, 版权, 目录) becomes `lang` unless
   * `parse.languageCode` says otherwise.
   */
  translation?: GuideTranslation;
}

/** A guide's reStructuredText as HTML: the rst stage's output (translated when asked) with shiki's highlighting, then the caller's plugins. */
export function renderGuide(text: string, options: RenderGuideOptions = {}): Promise<RstHtmlResult> {
  const { highlight, rehypePlugins, translation, treePlugins, parse, ...rest } = options;
  const plugins: PluggableList = [
    ...(translation ? [[rehypeUntranslated, { lang: translation.lang }] as never] : []),
    ...(highlight === false ? [] : [rehypeShikiLiterals as never]),
    ...(rehypePlugins ?? []),
  ];
  return rstToHtml(text, {
    ...rest,
    parse: translation ? { languageCode: translation.lang, ...parse } : parse,
    // The guide's own field names (`:作者:`) stay its docinfo whatever the page's language.
    transforms: translation ? { bibliographicLanguages: [...SEGMENT_LANGUAGES], ...rest.transforms } : rest.transforms,
    treePlugins: [...(translation ? [[rstTranslate, translation] as never] : []), ...(treePlugins ?? [])],
    rehypePlugins: plugins,
  });
}

/** The topology diagram as SVG text, its labels in the caller's words. */
export function drawTopology(topology: Topology, options: DrawOptions): Promise<string> {
  return topologyDiagram(topology, options);
}

export interface GuidePageOptions {
  /** Nothing is read from outside this folder (includes, images): the content folder. */
  contentRoot: string;
  /** The page's language and the guide's catalog for it (none: the guide as written). */
  translation?: GuideTranslation;
  /** Plugins on the page's HTML tree after highlighting: capture notes, the site's additions. */
  rehypePlugins?: PluggableList;
  /** What a figure whose image file is missing shows instead. */
  missingImage?: RstRehypeOptions['missingImage'];
}

export interface GuidePageResult extends RstHtmlResult {
  /** Every file the page was made from: the guide and every file it included (a rebuild watches them). */
  dependencies: string[];
}

/** One page of a guide: its text (translated when `translation` says how) as HTML, highlighted, with the caller's additions. */
export async function guidePage(file: string, options: GuidePageOptions): Promise<GuidePageResult> {
  const text = readFileSync(file, 'utf8');
  const result = await renderGuide(text, {
    path: file,
    parse: { sourceName: file, baseDir: dirname(resolve(file)), contentRoot: resolve(options.contentRoot) },
    html: { imageBase: dirname(resolve(file)), ...(options.missingImage ? { missingImage: options.missingImage } : {}) },
    ...(options.translation ? { translation: options.translation } : {}),
    ...(options.rehypePlugins ? { rehypePlugins: options.rehypePlugins } : {}),
  });
  return { ...result, dependencies: [file, ...(result.document?.dependencies ?? [])] };
}

/** The diagram panel a page shows: the drawings, the device list and the packet walks, in the page's language. */
export function topologyPanel(topology: Topology, options: PanelOptions): Promise<Element> {
  return diagramPanel(topology, options);
}
