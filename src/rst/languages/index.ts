// Docutils' language modules: the words a document shows in its own language
// (docinfo labels, admonition titles, the contents title) and the
// bibliographic field names it recognises, chosen by the `languageCode`
// setting as docutils' `get_language` does: the tag, normalised
// (`zh-CN` → `zh_cn`), then its shorter forms, then English. One addition:
// `zh` alone means Simplified Chinese (`zh_cn`) and `zh-Hant`, `zh-HK` mean
// Traditional (`zh_tw`), as Sphinx reads them; docutils would fall back to English.

import { LANGUAGE_MODULES } from './all.js';
import { language_en } from './en.js';
import type { LanguageModule } from './types.js';

export type { LanguageModule } from './types.js';

const ALIASES: Record<string, string> = {
  zh: 'zh_cn',
  zh_hans: 'zh_cn',
  zh_sg: 'zh_cn',
  zh_hant: 'zh_tw',
  zh_hk: 'zh_tw',
  zh_mo: 'zh_tw',
};

/** `zh-Hans-CN` → [`zh_hans_cn`, `zh_hans`, `zh`] (docutils' normalize_language_tag, most specific first). */
function candidates(code: string): string[] {
  const parts = code.toLowerCase().replace(/-/g, '_').split('_').filter(Boolean);
  const out: string[] = [];
  for (let n = parts.length; n > 0; n--) out.push(parts.slice(0, n).join('_'));
  // `zh_hant_tw` also tries `zh_tw`: the region without the script.
  if (parts.length === 3) out.splice(1, 0, `${parts[0]}_${parts[2]}`);
  return out;
}

/** The module name `languageCode` resolves to (`en` when docutils has none for it). */
export function languageModuleName(languageCode: string): string {
  for (const candidate of candidates(languageCode)) {
    if (LANGUAGE_MODULES[candidate]) return candidate;
    const alias = ALIASES[candidate];
    if (alias && LANGUAGE_MODULES[alias]) return alias;
  }
  return 'en';
}

/** The language module for a `languageCode` setting (English when there is none). */
export function getLanguage(languageCode: string | undefined): LanguageModule {
  return LANGUAGE_MODULES[languageModuleName(languageCode ?? 'en')] ?? language_en;
}

/** A label (`contents`, `author`, `note` …) in the language, or English's when the module lacks it. */
export function label(languageCode: string | undefined, name: string): string | undefined {
  return getLanguage(languageCode).labels[name] ?? language_en.labels[name];
}
