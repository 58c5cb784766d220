// The seam where a guide's translation plugs into the site. The site asks two
// things of a guide in a language it was not written in: how to translate its
// text (unified plugins on the rst tree, handed to the pipeline's guidePage),
// and how much of it is translated (the build summary's coverage line). Until
// translations exist the answers are "not at all" and "not known" (n/a): the
// page shows the guide as written, marked with its own language.

import type { PluggableList } from 'unified';
import type { GuideSource } from './guides.js';
import type { Language } from './languages.js';
import type { TranslationCoverage } from './report.js';

export interface GuideTranslation {
  /** Plugins on the guide's rst tree (after parsing, before the transforms) that say it in the page's language. */
  plugins: PluggableList;
  /** Segments translated; `undefined` when not known. */
  coverage?: TranslationCoverage;
  /** Files the translation was read from (a change rebuilds the guide's pages). */
  files?: string[];
}

/**
 * HOOK (translation): how `guide`, written in `source`, is said in `lang`;
 * `undefined` when it is not translated into `lang`. Never asked for the
 * guide's own language.
 */
export function guideTranslation(guide: GuideSource, source: Language, lang: Language): GuideTranslation | undefined {
  void guide;
  void source;
  void lang;
  return undefined;
}
