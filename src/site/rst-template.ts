// reStructuredText as an Eleventy template language: a guide's .rst file is
// rendered by our own pipeline (parse → transforms → hast → shiki → HTML), its
// problems are printed as `file:line:col: level: message`, and every file it
// read (included scripts) is registered so `--serve` rebuilds the page when one
// changes.

import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { formatDiagnostic, isFailure, type Diagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { renderGuide } from '../pipeline.js';
import { guidePanel, guideTopology } from './guide-topology.js';
import { capturePositions, rehypeCaptureNotes, type CaptureNotesOptions } from '../render/capture-notes/index.js';
import { fileLines, lineAnchor } from './guide-pages.js';

export interface RstTemplateOptions {
  /** Directory no include may leave (the site's content root). */
  contentRoot: string;
  /** Fail the build on warnings too (`NETGUIDE_STRICT=1`). */
  strict: boolean;
  /** Where diagnostics go (stderr by default). */
  report?: (line: string) => void;
}

interface EleventyCompileContext {
  addDependencies?: (from: string, files: string[]) => void;
}

/** The page data the template reads: its language and its slug (the guide's name). */
interface PageData {
  lang?: string;
  page?: { fileSlug?: string };
}

/** What the guide page's additions need to know of its guide, worked out once per page. */
interface GuideContext {
  /** The guide's path as evidence shows it (relative to the working folder). */
  source: string;
  lang: string;
  name: string;
  /** The guide's topology page in the page's language. */
  topologyUrl: string;
  sources: Awaited<ReturnType<typeof guideTopology>>['sources'];
  topology: Awaited<ReturnType<typeof guideTopology>>['topology'];
}

async function guideContext(inputPath: string, data: PageData, report: (line: string) => void): Promise<GuideContext> {
  const source = relative(process.cwd(), resolve(inputPath));
  const { sources, topology } = await guideTopology(source, report);
  const lang = data.lang ?? 'en';
  const name = data.page?.fileSlug ?? basename(inputPath, extname(inputPath));
  return { source, lang, name, topologyUrl: `/${lang}/${name}/topology/`, sources, topology };
}

/**
 * A guide's figures often draw the topology its captures show, and the image
 * file does not always come with the guide (the seed's local.png did not). A
 * missing figure image becomes the place of the diagram panel netguide drew
 * from the captures (the capture-notes plugin puts it there), with a note
 * saying so; the missing-file warning stays. A guide without captures keeps
 * the broken image.
 */
function missingFigure(guide: GuideContext) {
  if (guide.sources.captures.length === 0) return undefined;
  return (uri: string): ElementContent =>
    h('div', { className: ['generated-figure'] }, [
      h('p', { className: ['generated-figure-note'] }, [
        translate('figure:missing', guide.lang).replace('{file}', uri) + ' ',
        h('a', { href: guide.topologyUrl }, translate('Topology of the guide', guide.lang)),
      ]),
      h('div', { dataDiagramSlot: '' }),
    ]);
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The capture notes of the guide page (src/render/capture-notes): every
 * capture block explained where it stands, linked to its rows on the topology
 * page, and the diagram panel.
 */
async function captureNotes(guide: GuideContext, report: (line: string) => void): Promise<CaptureNotesOptions> {
  const captured = guide.sources.captures.length > 0;
  return {
    topology: guide.topology,
    lang: guide.lang,
    captures: capturePositions(guide.sources.captures, fileLines()),
    folder: dirname(guide.source),
    anchor: lineAnchor,
    rolesHref: (file, line) => `${guide.topologyUrl}#${lineAnchor(file, line)}`,
    ...(captured ? { panel: await guidePanel(guide.name, guide.source, guide.lang, report) } : {}),
  };
}

/** The options object for `eleventyConfig.addExtension('rst', …)`. */
export function rstTemplateExtension(options: RstTemplateOptions) {
  const report = options.report ?? ((line: string) => process.stderr.write(line + '\n'));
  const failures: Diagnostic[] = [];
  return {
    outputFileExtension: 'html',
    failures,
    // Every guide is wrapped in the guide layout (Eleventy does not let
    // eleventyComputed choose a layout, so the template language supplies it);
    // the diagram styles are there for a figure drawn from the captures.
    getData: async () => ({ layout: 'guide.njk', stylesheets: ['/assets/topology.css'], scripts: ['/assets/d3.min.js', '/assets/diagram.js', '/assets/copy.js'] }),
    compile(this: EleventyCompileContext, inputContent: string, inputPath: string) {
      const addDependencies = this.addDependencies?.bind(this);
      return async (data: PageData = {}) => {
        const path = resolve(inputPath);
        const base = dirname(path);
        let result: Awaited<ReturnType<typeof renderGuide>>;
        try {
          const guide = await guideContext(inputPath, data, report);
          const missingImage = missingFigure(guide);
          const notes = await captureNotes(guide, report);
          result = await renderGuide(inputContent, {
            path: inputPath,
            parse: { sourceName: inputPath, baseDir: base, contentRoot: resolve(options.contentRoot) },
            html: { imageBase: base, ...(missingImage ? { missingImage } : {}) },
            rehypePlugins: [[rehypeCaptureNotes, notes]],
          });
        } catch (error) {
          // A bug of ours must not take the other pages down: report it, fail the build at the end.
          const message = `internal error while rendering: ${error instanceof Error ? error.message : String(error)}`;
          const diagnostic: Diagnostic = { file: inputPath, line: 1, column: 1, severity: 'severe', message };
          report(formatDiagnostic(diagnostic));
          failures.push(diagnostic);
          return `<p class="system-message">${escapeHtml(message)}</p>`;
        }
        const { html, diagnostics, document } = result;
        for (const diagnostic of diagnostics) {
          report(formatDiagnostic(diagnostic));
          if (isFailure(diagnostic, options.strict)) failures.push(diagnostic);
        }
        if (document && addDependencies) addDependencies(inputPath, [...document.dependencies]);
        return html;
      };
    },
  };
}
