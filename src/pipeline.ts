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
import { topologyDiagram } from './render/diagram/index.js';
import type { DrawOptions } from './render/diagram/draw.js';
import { rehypeShikiLiterals } from './render/highlight/index.js';
import { rstToHtml, type RstHtmlResult, type RstToHtmlOptions } from './rst/html.js';
import { buildTopology } from './topology/build.js';
import type { Topology } from './topology/model.js';
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
import { rehypeSliceDeep, stringifyOptions } from './rst/to-hast/stringify.js';
import { rstTransforms } from './rst/transforms/index.js';

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

/** The format of a guide file, by its extension: `.md` and `.markdown` are Markdown. */
export function guideFormat(path: string | undefined): 'rst' | 'markdown' {
  return path !== undefined && ['.md', '.markdown'].includes(extname(path).toLowerCase()) ? 'markdown' : 'rst';
}

export interface MarkdownHtmlOptions extends RstToHtmlOptions {
  /** unified plugins run on the document tree before the transforms (a translation of its text). */
  treePlugins?: PluggableList;
}

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
  return { html: String(result.value ?? ''), diagnostics: result.messages.map((m) => toDiagnostic(m, sourceName)), document };
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

export interface RenderGuideOptions extends RstToHtmlOptions {
  /** Highlight literal blocks that name a language with shiki (default true). */
  highlight?: boolean;
}

/** A guide's reStructuredText (or Markdown, by its path) as HTML: the rst stage's output with shiki's highlighting, then the caller's plugins. */
export function renderGuide(text: string, options: RenderGuideOptions = {}): Promise<RstHtmlResult> {
  const { highlight, rehypePlugins, ...rest } = options;
  const plugins: PluggableList = [...(highlight === false ? [] : [rehypeShikiLiterals as never]), ...(rehypePlugins ?? [])];
  return (guideFormat(options.path) === 'markdown' ? renderMarkdownGuide : rstToHtml)(text, { ...rest, rehypePlugins: plugins });
}

/** The topology diagram as SVG text, its labels in the caller's words. */
export function drawTopology(topology: Topology, options: DrawOptions): Promise<string> {
  return topologyDiagram(topology, options);
}
