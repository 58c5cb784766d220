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
//   withTexts          the model                  → its JSON, every message with its texts
//   guideCaptures      a guide file               → `.. capture::`'s resolver: its captures folder

import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Element } from 'hast';
import type { PluggableList } from 'unified';
import type { Diagnostic } from './diagnostics.js';
import type { Message } from './message.js';
import { bilingual, missingMessages, say } from './i18n/messages.js';
import { localesDir } from './i18n/catalog.js';
import { explainTopology } from './explain/index.js';
import { guideCatalog } from './i18n/guide-catalog.js';
import { guideCoverage, type GuideCoverage } from './i18n/guide-status.js';
import { readGuideSegments } from './i18n/guides.js';
import { SEGMENT_LANGUAGES } from './i18n/segments.js';
import { rehypeUntranslated, rstTranslate, type GuideTranslation } from './i18n/translate-tree.js';
import type { DrawOptions } from './render/diagram/draw.js';
import { diagramPanel, type PanelOptions } from './render/diagram/panel.js';
import { rehypeShikiLiterals } from './render/highlight/index.js';
import { rstToHtml, type RstHtmlResult, type RstToHtmlOptions } from './rst/html.js';
import type { RstRehypeOptions } from './rst/to-hast/index.js';
import { buildTopology } from './topology/build.js';
import type { Explanation, Finding, Link, Service, Topology, Walk, WalkStep } from './topology/model.js';
import { readSources, type Sources } from './topology/sources.js';
// Markdown guides: the markdown reader, then rst's transforms and hast step
import { extname } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { toDiagnostic } from './diagnostics.js';
import { markdownParse } from './markdown/index.js';
import { Document } from './rst/document.js';
import type { RstParseOptions } from './rst/index.js';
import { isElement, type RstElement } from './rst/nodes.js';
import { rstRehype } from './rst/to-hast/index.js';
import { expandSlices, rehypeSliceDeep, stringifyOptions } from './rst/to-hast/stringify.js';
import { rstTransforms } from './rst/transforms/index.js';
import { readInputs } from './topology/read-inputs.js';
import { captureLookup } from './captures/capture-lookup.js';
import { translate } from './i18n/catalog.js';
import type { CaptureResolver } from './rst/directives/capture.js';

export { readSources, readInputs, buildTopology, explainTopology, guideCatalog };
export type { Sources, Topology, GuideTranslation, GuideCoverage };

/** How much of a guide (`<content>/<name>/<name>.rst`) is translated into each of `langs`: for a build's summary. */
export function translationCoverage(guideFile: string, langs: readonly string[], contentRoot?: string): GuideCoverage {
  const name = basename(dirname(resolve(guideFile)));
  return guideCoverage(readGuideSegments({ name, file: guideFile }, contentRoot), langs);
}

/**
 * What `.. capture::` in `guideFile` takes its output from: the guide's
 * captures folder (`<guide folder>/captures/<host>/NN-slug.txt`); a missing
 * capture's placeholder is worded in `lang` (the UI string `capture:missing`).
 */
export function guideCaptures(guideFile: string, lang = 'en'): CaptureResolver {
  const lookup = captureLookup(join(dirname(guideFile), 'captures'), ({ command, host, folder }) =>
    translate(host ? 'capture:missing-on-host' : 'capture:missing', lang).replace('{command}', command).replace('{host}', host).replace('{folder}', folder));
  return (request) => lookup(request);
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
  const sources = readInputs(paths, { guideSettings: (file) => ({ captureResolver: guideCaptures(file) }) });
  return { sources, topology: buildTopology(sources) };
}

/**
 * Read, join and explain `paths` (guides and capture bundles). `prose: true`
 * (the site): a guide with no captures is prose, not a problem; the CLI, asked
 * to explain, says when a path gave nothing to explain.
 */
export function understand(paths: string[], lang: 'zh' | 'en' = 'en', options: { prose?: boolean } = {}): Understood {
  const { sources, topology } = joinedTopology(paths);
  explainTopology(topology, sources.guides);
  const diagnostics = [...sources.problems, ...(options.prose ? [] : nothingFound(sources)), ...captureNoteDiagnostics(sources), ...topologyDiagnostics(topology, paths, lang)];
  return { sources, topology, diagnostics };
}

/**
 * A path that gave no capture (an empty folder, a guide without command
 * output) is reported; when no path gave any, there is nothing to explain: an error.
 */
export function nothingFound(sources: Sources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const readable = sources.paths.filter((p) => !sources.problems.some((d) => d.file === p && d.severity === 'error'));
  const none = sources.captures.length === 0;
  const files = sources.captures.map((c) => [resolve(c.file), c.shownAt ? resolve(c.shownAt.guide) : undefined]);
  for (const path of readable) {
    const at = resolve(path);
    const own = files.some(([file, guide]) => file === at || file!.startsWith(at + sep) || guide === at);
    if (own) continue;
    const what = sources.guides.some((g) => g.file === path)
      ? 'no captures in this guide (command output in literal blocks: a `$ command` first line, or a paragraph naming the command before `::`)'
      : 'no captures in this folder (capture files `<host>/NN-command.txt` whose first line is `$ command`, or a sosreport)';
    diagnostics.push({ file: path, severity: none ? 'error' : 'warning', message: `${none ? 'nothing to explain: ' : ''}${what}`, source: 'topology' });
  }
  return diagnostics;
}

/** What the captures stage noted about whole captures (empty, cut short, control characters, failed, mislabelled), at their file:line. */
export function captureNoteDiagnostics(sources: Sources): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const c of sources.captures) {
    for (const note of c.result.notes ?? []) {
      // line 0: the capture as a whole, shown where the guide includes it, else at the line before its output (its `$ command` line)
      const where = note.line !== 0 ? { file: c.file, line: c.lineOffset + note.line }
        : c.shownAt ? { file: c.shownAt.guide, line: c.shownAt.guideLine }
        : { file: c.file, line: Math.max(1, c.lineOffset) };
      diagnostics.push({ ...where, column: 1, severity: 'warning', message: `${note.kind}: ${note.message}`, source: `captures/${c.result.parser}` });
    }
  }
  return diagnostics;
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

/** The format of a guide file, by its extension: `.md` and `.markdown` are Markdown. */
export function guideFormat(path: string | undefined): 'rst' | 'markdown' {
  return path !== undefined && ['.md', '.markdown'].includes(extname(path).toLowerCase()) ? 'markdown' : 'rst';
}

/** renderMarkdownGuide takes rstToHtml's options (`treePlugins` run on the document tree before the transforms). */
export type MarkdownHtmlOptions = RstToHtmlOptions;

/**
 * A Markdown guide as HTML: markdownParse gives the docutils tree, then rst's
 * transforms (doctitle, docinfo from the front matter, comments stripped),
 * its hast step and the caller's rehype plugins (no highlighting here:
 * renderGuide adds it). Messages of every step are diagnostics at their line.
 * It takes rstToHtml's options, and runs `treePlugins` on the tree before the
 * transforms as rstToHtml does.
 */
export async function renderMarkdownGuide(text: string, options: MarkdownHtmlOptions = {}): Promise<RstHtmlResult> {
  const file = new VFile({ value: text, path: options.path });
  const sourceName = options.parse?.sourceName ?? options.path ?? '<stdin>';
  const processor = unified()
    .use(markdownParse, { sourceName })
    .use(markdownDocument, { ...options.parse, sourceName });
  if (options.treePlugins) processor.use(options.treePlugins);
  processor
    .use(rstTransforms as never, { stripComments: true, ...options.transforms })
    .use(rstRehype as never, options.html ?? {});
  if (options.rehypePlugins) processor.use(options.rehypePlugins);
  processor.use(rehypeSliceDeep).use(rehypeStringify as never, stringifyOptions());
  const result = await processor.process(file);
  const document = (result.data as { rst?: Document }).rst;
  const html = expandSlices(String(result.value ?? ''), result.data.htmlSlices);
  return { html, diagnostics: result.messages.map((m) => toDiagnostic(m, sourceName)), document };
}

/**
 * The Document rst's transforms work with, for a tree the markdown reader
 * made: every id and name already in the tree is registered, so an id a
 * transform makes never repeats one.
 */
function markdownDocument(settings: RstParseOptions) {
  return (tree: RstElement, file: VFile): void => {
    const document = new Document(settings);
    (document as { root: RstElement }).root = tree;
    const stack: RstElement[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const ids = node.attributes.ids;
      if (Array.isArray(ids) && ids.length > 0) {
        for (const id of ids) if (!document.ids.has(id)) document.ids.set(id, node);
        const names = node.attributes.names;
        for (const name of Array.isArray(names) ? names : []) if (!document.nameIds.has(name)) document.nameIds.set(name, ids[0]!);
      }
      for (const child of node.children) if (isElement(child)) stack.push(child);
    }
    (file.data as { rst?: Document }).rst = document;
  };
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

/** A guide's reStructuredText (or Markdown, by its path) as HTML: the rst stage's output (translated when asked) with shiki's highlighting, then the caller's plugins. */
export function renderGuide(text: string, options: RenderGuideOptions = {}): Promise<RstHtmlResult> {
  const { highlight, rehypePlugins, translation, treePlugins, parse, ...rest } = options;
  const plugins: PluggableList = [
    ...(translation ? [[rehypeUntranslated, { lang: translation.lang }] as never] : []),
    ...(highlight === false ? [] : [rehypeShikiLiterals as never]),
    ...(rehypePlugins ?? []),
  ];
  return (guideFormat(options.path) === 'markdown' ? renderMarkdownGuide : rstToHtml)(text, {
    ...rest,
    parse: translation ? { languageCode: translation.lang, ...parse } : parse,
    // The guide's own field names (`:作者:`) stay its docinfo whatever the page's language.
    transforms: translation ? { bibliographicLanguages: [...SEGMENT_LANGUAGES], ...rest.transforms } : rest.transforms,
    treePlugins: [...(translation ? [[rstTranslate, translation] as never] : []), ...(treePlugins ?? [])],
    rehypePlugins: plugins,
  });
}

/** The topology diagram as SVG text, its labels in the caller's words. */
export async function drawTopology(topology: Topology, options: DrawOptions): Promise<string> {
  // imported here: the layout engine (elkjs) and d3 are most of what loading the pipeline cost (rst2html never draws)
  const { topologyDiagram } = await import('./render/diagram/index.js');
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
    parse: { sourceName: file, baseDir: dirname(resolve(file)), contentRoot: resolve(options.contentRoot), captureResolver: guideCaptures(file, options.translation?.lang) },
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
