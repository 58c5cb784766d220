// The seam where a guide's translation plugs into the site. The site asks two
// things of a guide in a language it was not written in: how to say its text
// (the guide's catalog for that language, handed to the pipeline's guidePage),
// and how much of it is translated (the build summary's coverage line). A
// guide without a catalog for the language is shown as written, each segment
// marked with its own language.

import { catalogPath } from '../i18n/guide-catalog.js';
import { readCatalogReporting } from '../i18n/guide-status.js';
import type { GuideTranslation as PageTranslation } from '../i18n/translate-tree.js';
import type { Diagnostic } from '../diagnostics.js';
import { translationCoverage } from '../pipeline.js';
import type { GuideSource } from './guides.js';
import type { Language } from './languages.js';
import type { TranslationCoverage } from './report.js';

export interface GuideTranslation {
  /** The page's language and the guide's catalog for it. */
  translation: PageTranslation;
  /** Segments translated into the language, of those that need it. */
  coverage: TranslationCoverage;
  /** Files the translation was read from (a change rebuilds the guide's pages). */
  files: string[];
  /** An unreadable catalog, translations that are not clean reStructuredText. */
  diagnostics: Diagnostic[];
}

/** How `guide`, written in `source`, is said in `lang`. Never asked for the guide's own language. */
export function guideTranslation(guide: GuideSource, source: Language, lang: Language, contentRoot: string): GuideTranslation {
  void source;
  const path = catalogPath(guide.file, lang);
  const diagnostics: Diagnostic[] = [];
  const catalog = readCatalogReporting(path, diagnostics);
  const coverage = translationCoverage(guide.file, [lang], contentRoot);
  const language = coverage.languages[0]!;
  diagnostics.push(...coverage.diagnostics);
  return {
    translation: { lang, ...(catalog ? { catalog } : {}) },
    coverage: { translated: language.translated, total: language.needed, fuzzy: language.fuzzy },
    files: [path],
    diagnostics,
  };
}
