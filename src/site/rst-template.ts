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
import { guideCatalog } from '../i18n/guide-catalog.js';
import { renderGuide } from '../pipeline.js';
import { guideDiagram, guideTopology } from './guide-topology.js';
import { rehypeCaptureLinks, type CaptureLinkTarget } from './capture-links.js';
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
}

async function guideContext(inputPath: string, data: PageData, report: (line: string) => void): Promise<GuideContext> {
  const source = relative(process.cwd(), resolve(inputPath));
  const { sources } = await guideTopology(source, report);
  const lang = data.lang ?? 'en';
  const name = data.page?.fileSlug ?? basename(inputPath, extname(inputPath));
  return { source, lang, name, topologyUrl: `/${lang}/${name}/topology/`, sources };
}

/**
 * A guide's figures often draw the topology its captures show, and the image
 * file does not always come with the guide (the seed's local.png did not). A
 * missing figure image becomes the diagram netguide drew from the captures,
 * with a note saying so and a link to the topology page; the missing-file
 * warning stays. A guide without captures keeps the broken image.
 */
async function missingFigure(guide: GuideContext, report: (line: string) => void) {
  if (guide.sources.captures.length === 0) return undefined;
  const svg = await guideDiagram(guide.name, guide.source, guide.lang, report);
  return (uri: string): ElementContent =>
    h('div', { className: ['generated-figure'] }, [
      { type: 'raw', value: svg } as unknown as ElementContent,
      h('p', { className: ['generated-figure-note'] }, [
        translate('figure:missing', guide.lang).replace('{file}', uri) + ' ',
        h('a', { href: guide.topologyUrl }, translate('Topology of the guide', guide.lang)),
      ]),
    ]);
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Where each capture of the guide is shown on its topology page: the row of
 * its first output line (the guide page links each capture block there).
 */
function captureLinkTargets(guide: GuideContext, text: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const linesOf = fileLines();
  // every capture of this guide: written in it, brought in as `:literal:` text, or in an included rst file
  const targets: CaptureLinkTarget[] = guide.sources.captures
    .filter((c) => c.result.lineRoles.length > 0)
    .map((c) => {
      const href = `${guide.topologyUrl}#${lineAnchor(c.file, c.lineOffset + 1)}`;
      if (c.file === guide.source) return { line: c.lineOffset + 1, text: lines[c.lineOffset] ?? '', href };
      // a `:literal:` block shows at its include directive; its lines are the file's
      const shownAt = c.shownAt;
      if (shownAt) return { line: shownAt.guideLine, index: c.lineOffset + 1 - shownAt.firstLine, text: linesOf(c.file)[c.lineOffset] ?? '', href };
      // a block of an included rst file is positioned on that file's lines
      return { line: c.lineOffset + 1, text: linesOf(c.file)[c.lineOffset] ?? '', href };
    });
  return { targets, label: translate('capture:explained', guide.lang) };
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
    getData: async () => ({ layout: 'guide.njk', stylesheets: ['/assets/topology.css'] }),
    compile(this: EleventyCompileContext, inputContent: string, inputPath: string) {
      const addDependencies = this.addDependencies?.bind(this);
      return async (data: PageData = {}) => {
        const path = resolve(inputPath);
        const base = dirname(path);
        let result: Awaited<ReturnType<typeof renderGuide>>;
        try {
          const guide = await guideContext(inputPath, data, report);
          const missingImage = await missingFigure(guide, report);
          const captureLinks = captureLinkTargets(guide, inputContent);
          result = await renderGuide(inputContent, {
            path: inputPath,
            parse: { sourceName: inputPath, baseDir: base, contentRoot: resolve(options.contentRoot) },
            html: { imageBase: base, ...(missingImage ? { missingImage } : {}) },
            ...(captureLinks.targets.length > 0 ? { rehypePlugins: [[rehypeCaptureLinks, captureLinks]] } : {}),
            // The page's language: the guide's catalog for it (content/<guide>/locales/<lang>.po).
            translation: { lang: guide.lang, catalog: guideCatalog(inputPath, guide.lang) },
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
