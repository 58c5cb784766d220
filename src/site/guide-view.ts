// What a guide's page shows in one language: the guide's text (translated when
// a translation exists, else as written, marked with its own language) made by
// the pipeline's guidePage, with the site's additions — each capture block
// explained where it stands (the render stage's capture notes: lines marked,
// names linked to the diagram, notes under or beside the block, a link to its
// rows on the topology page), the author's checked bullets with their verdict,
// the diagram panel (where a figure's image did not come with the guide, else
// before the first capture block), a copy button's labels on every block —
// and its outline (title, section ids, table of contents) for the page's frame.

import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { PluggableList } from 'unified';
import type { Diagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { guidePage } from '../pipeline.js';
import { capturePositions, rehypeCaptureNotes, type CaptureNotesOptions } from '../render/capture-notes/index.js';
import { rehypeCaptureLinks, type CaptureLinkTarget } from './capture-links.js';
import type { Topology } from '../topology/model.js';
import type { Sources } from '../topology/sources.js';
import type { GuideSource } from './guides.js';
import type { Language } from './languages.js';
import { rehypePageOutline, type PageOutline } from './page-outline.js';
import { anchorIn, fileLines } from './topology-view.js';
import type { GuideTranslation } from './translation.js';
import { topologyUrl } from './urls.js';

export interface GuideView {
  lang: Language;
  /** The language the text is in: the page's, or the guide's own when not translated. */
  textLang: Language;
  /** The page's language is not the text's: the guide is shown as written until it is translated. */
  untranslated: boolean;
  title: string;
  html: string;
  /** The page shows the diagram panel (its script is loaded). */
  panel: boolean;
  /** The table of contents, beside the text. */
  toc: string;
  sectionIds: string[];
  diagnostics: Diagnostic[];
  dependencies: string[];
}

export interface GuideViewInput {
  guide: GuideSource;
  /** The language the guide is written in. */
  source: Language;
  lang: Language;
  contentRoot: string;
  sources: Sources;
  /** The guide's explained topology (the capture notes say what it shows). */
  topology: Topology;
  /** The diagram panel in `lang` (src/render/diagram/panel.ts); none for a guide without captures. */
  panel?: Element;
  translation?: GuideTranslation;
  /** More plugins on the page's HTML tree (capture notes). */
  rehypePlugins?: PluggableList;
}

/**
 * A guide's figures often draw the topology its captures show, and the image
 * file does not always come with the guide (the seed's local.png did not). A
 * missing figure image becomes a note saying so, with a link to the topology
 * page, and the slot where the capture notes plugin puts the diagram panel
 * netguide drew from the captures; the missing-file warning stays. A guide
 * without captures keeps the broken image.
 */
function missingFigure(input: GuideViewInput) {
  if (!input.panel) return undefined;
  return (uri: string): ElementContent =>
    h('div', { className: ['generated-figure'] }, [
      h('p', { className: ['generated-figure-note'] }, [
        translate('figure:missing', input.lang).replace('{file}', uri) + ' ',
        h('a', { href: topologyUrl(input.lang, input.guide.slug) }, translate('Topology of the guide', input.lang)),
      ]),
      h('div', { dataDiagramSlot: '' }),
    ]);
}

/**
 * What the page shows at each capture block (src/render/capture-notes): its
 * lines addressable and marked, the names in it linked to the diagram, the
 * explanations, walk steps and findings whose evidence lies in it, a link to
 * its rows on the topology page; the verdicts beside the author's bullets; the
 * diagram panel; copy labels on every code block. Line ids are relative to the
 * guide's folder, as the topology page's rows and the panel's are.
 */
function captureAdditions(input: GuideViewInput): PluggableList {
  const anchor = anchorIn(input.guide.folder);
  const topologyPage = topologyUrl(input.lang, input.guide.slug);
  const options: CaptureNotesOptions = {
    topology: input.topology,
    lang: input.lang,
    captures: capturePositions(input.sources.captures, fileLines()),
    folder: input.guide.folder,
    anchor,
    rolesHref: (file, line) => `${topologyPage}#${anchor(file, line)}`,
    ...(input.panel ? { panel: input.panel } : {}),
  };
  const problems = captureProblemTargets(input);
  return [[rehypeCaptureNotes, options], ...(problems.targets.length > 0 ? [[rehypeCaptureLinks, problems] as const] : [])] as PluggableList;
}

/**
 * The captures stage's notes on whole captures (empty, cut short, control
 * characters, failed, mislabelled), shown under their block: an empty capture
 * has no output lines for the notes above to place, so it is found by its
 * `$ command` line.
 */
function captureProblemTargets(input: GuideViewInput) {
  const linesOf = fileLines();
  const guideLines = linesOf(input.guide.file);
  const targets: CaptureLinkTarget[] = input.sources.captures
    .filter((c) => (c.result.notes?.length ?? 0) > 0)
    .map((c) => {
      const notes = (c.result.notes ?? []).map((n) => `${n.kind}: ${n.message}`);
      const empty = c.result.lineRoles.length === 0;
      const first = empty ? Math.max(1, c.lineOffset) : c.lineOffset + 1;
      if (c.file === input.guide.file) return { line: first, text: guideLines[first - 1] ?? '', notes };
      const shownAt = c.shownAt;
      if (shownAt) return { line: shownAt.guideLine, index: first - shownAt.firstLine, text: linesOf(c.file)[first - 1] ?? '', notes };
      return { line: first, text: linesOf(c.file)[first - 1] ?? '', notes };
    });
  return { targets, label: translate('capture:explained', input.lang) };
}

/** The guide's page in `input.lang`. */
export async function guideView(input: GuideViewInput): Promise<GuideView> {
  const outline: PageOutline = { sectionIds: [] };
  const missingImage = missingFigure(input);
  const result = await guidePage(input.guide.file, {
    contentRoot: input.contentRoot,
    ...(input.translation ? { translation: input.translation.translation } : {}),
    ...(missingImage ? { missingImage } : {}),
    rehypePlugins: [
      ...captureAdditions(input),
      ...(input.rehypePlugins ?? []),
      [rehypePageOutline, { label: translate('Contents', input.lang), into: outline }],
    ] as PluggableList,
  });
  return {
    lang: input.lang,
    // the page is in its language once any of the guide's words are; until then it is the guide as written
    textLang: input.lang === input.source || (input.translation && input.translation.coverage.translated > 0) ? input.lang : input.source,
    // the page-wide note is for a language the guide was not written in; in its own, stray segments carry their own mark
    untranslated: input.lang !== input.source && (input.translation === undefined || input.translation.coverage.translated < input.translation.coverage.total),
    title: outline.title ?? input.guide.name,
    html: result.html,
    panel: input.panel !== undefined,
    toc: outline.toc ? toHtml(outline.toc) : '',
    sectionIds: outline.sectionIds,
    diagnostics: result.diagnostics,
    dependencies: [...result.dependencies, ...(input.translation?.files ?? [])],
  };
}
