// What a guide's page shows in one language: the guide's text (translated when
// a translation exists, else as written, marked with its own language) made by
// the pipeline's guidePage, with the site's additions — a figure whose image
// did not come with the guide shows the diagram drawn from the captures, each
// capture block links to its rows on the topology page — and its outline
// (title, section ids, table of contents) for the page's frame.

import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { PluggableList } from 'unified';
import type { Diagnostic } from '../diagnostics.js';
import { translate } from '../i18n/catalog.js';
import { guidePage } from '../pipeline.js';
import type { Sources } from '../topology/sources.js';
import { rehypeCaptureLinks, type CaptureLinkTarget } from './capture-links.js';
import type { GuideSource } from './guides.js';
import type { Language } from './languages.js';
import { rehypePageOutline, type PageOutline } from './page-outline.js';
import { fileLines, lineAnchor } from './topology-view.js';
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
  /** The diagram in `lang`, shown where a figure's image file is missing. */
  diagram: string;
  translation?: GuideTranslation;
  /** More plugins on the page's HTML tree (capture notes). */
  rehypePlugins?: PluggableList;
}

/**
 * A guide's figures often draw the topology its captures show, and the image
 * file does not always come with the guide (the seed's local.png did not). A
 * missing figure image becomes the diagram netguide drew from the captures,
 * with a note saying so and a link to the topology page; the missing-file
 * warning stays. A guide without captures keeps the broken image.
 */
function missingFigure(input: GuideViewInput) {
  if (input.sources.captures.length === 0) return undefined;
  return (uri: string): ElementContent =>
    h('div', { className: ['generated-figure'] }, [
      { type: 'raw', value: input.diagram } as unknown as ElementContent,
      h('p', { className: ['generated-figure-note'] }, [
        translate('figure:missing', input.lang).replace('{file}', uri) + ' ',
        h('a', { href: topologyUrl(input.lang, input.guide.slug) }, translate('Topology of the guide', input.lang)),
      ]),
    ]);
}

/**
 * Where each capture of the guide is shown on its topology page: the row of
 * its first output line (the guide page links each capture block there).
 */
function captureLinkTargets(input: GuideViewInput) {
  const linesOf = fileLines();
  const guideLines = linesOf(input.guide.file);
  const href = (file: string, line: number) => `${topologyUrl(input.lang, input.guide.slug)}#${lineAnchor(file, line)}`;
  // every capture of this guide: written in it, brought in as `:literal:` text, or in an included rst file
  const targets: CaptureLinkTarget[] = input.sources.captures
    .filter((c) => c.result.lineRoles.length > 0 || (c.result.notes?.length ?? 0) > 0)
    .map((c) => {
      const notes = (c.result.notes ?? []).map((n) => `${n.kind}: ${n.message}`);
      // a capture without output lines is recognised by its `$ command` line (the line before its output)
      const empty = c.result.lineRoles.length === 0;
      const first = empty ? Math.max(1, c.lineOffset) : c.lineOffset + 1;
      const extra = { ...(empty ? {} : { href: href(c.file, c.lineOffset + 1) }), ...(notes.length > 0 ? { notes } : {}) };
      if (c.file === input.guide.file) return { line: first, text: guideLines[first - 1] ?? '', ...extra };
      // a `:literal:` block shows at its include directive; its lines are the file's
      const shownAt = c.shownAt;
      if (shownAt) return { line: shownAt.guideLine, index: first - shownAt.firstLine, text: linesOf(c.file)[first - 1] ?? '', ...extra };
      // a block of an included rst file is positioned on that file's lines
      return { line: first, text: linesOf(c.file)[first - 1] ?? '', ...extra };
    });
  return { targets, label: translate('capture:explained', input.lang) };
}

/**
 * HOOK (capture notes): what the page shows at each capture block. Today a
 * link to the block's rows on the topology page; the render stage's plugin
 * that puts each capture's explanations under its block goes here.
 */
function captureAdditions(input: GuideViewInput): PluggableList {
  const links = captureLinkTargets(input);
  return links.targets.length > 0 ? [[rehypeCaptureLinks, links]] : [];
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
    toc: outline.toc ? toHtml(outline.toc) : '',
    sectionIds: outline.sectionIds,
    diagnostics: result.diagnostics,
    dependencies: [...result.dependencies, ...(input.translation?.files ?? [])],
  };
}
