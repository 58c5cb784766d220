// The UI strings of the site (headings, labels) in every language, read from
// gettext PO files in src/i18n/locales/<lang>.po so translators can use their
// usual tools.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { po } from 'gettext-parser';

/** src/i18n/locales, found from both src/ and the compiled dist/src/. */
export const localesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..', 'src/i18n/locales');

export type Catalog = Map<string, string>;

/** msgid → msgstr for one language; untranslated (empty) entries are left out. */
export function readCatalog(lang: string, dir = localesDir): Catalog {
  const parsed = po.parse(readFileSync(join(dir, `${lang}.po`)));
  const catalog: Catalog = new Map();
  for (const context of Object.values(parsed.translations)) {
    for (const [msgid, entry] of Object.entries(context)) {
      const text = entry.msgstr[0];
      if (msgid !== '' && text) catalog.set(msgid, text);
    }
  }
  return catalog;
}

/** Languages with a catalog. */
export function catalogLanguages(dir = localesDir): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.po')).map((f) => f.slice(0, -3)).sort();
}

const cache = new Map<string, Catalog>();

/** Translate a UI string; a missing translation shows the msgid (and is caught by test/i18n). */
export function translate(msgid: string, lang: string): string {
  let catalog = cache.get(lang);
  if (!catalog) {
    // A page without a known language shows the msgids rather than failing.
    catalog = typeof lang === 'string' && catalogLanguages().includes(lang) ? readCatalog(lang) : new Map();
    cache.set(lang, catalog);
  }
  return catalog.get(msgid) ?? msgid;
}
