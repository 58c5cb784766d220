// How complete the catalogs of generated prose and UI strings are
// (src/i18n/locales/<lang>.po): per language, the ids it translates and those
// another language has but it lacks or leaves empty or fuzzy. A stand-in: the
// "messages" work owns these catalogs and may replace this with its own
// status function of the same shape.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import { catalogLanguages, localesDir } from './catalog.js';

export interface MessageCatalogStatus {
  lang: string;
  path: string;
  /** Ids with a translation (not empty, not fuzzy). */
  translated: number;
  fuzzy: number;
  /** Ids some other catalog has that this one lacks or leaves empty, sorted. */
  missing: string[];
  /** Every id any catalog has. */
  total: number;
}

/** The status of every catalog in `dir` (default src/i18n/locales). */
export function messageCatalogStatus(dir = localesDir): MessageCatalogStatus[] {
  const catalogs = catalogLanguages(dir).map((lang) => {
    const path = join(dir, `${lang}.po`);
    const parsed = po.parse(readFileSync(path));
    const translated = new Set<string>();
    const fuzzy = new Set<string>();
    const ids = new Set<string>();
    for (const context of Object.values(parsed.translations)) {
      for (const [id, entry] of Object.entries(context)) {
        if (id === '') continue;
        ids.add(id);
        if (/\bfuzzy\b/.test(entry.comments?.flag ?? '')) fuzzy.add(id);
        else if (entry.msgstr.length > 0 && entry.msgstr.every((s) => s !== '')) translated.add(id);
      }
    }
    return { lang, path, ids, translated, fuzzy };
  });
  const all = new Set(catalogs.flatMap((c) => [...c.ids]));
  return catalogs.map((c) => ({
    lang: c.lang,
    path: c.path,
    translated: c.translated.size,
    fuzzy: c.fuzzy.size,
    missing: [...all].filter((id) => !c.translated.has(id) && !c.fuzzy.has(id)).sort(),
    total: all.size,
  }));
}
