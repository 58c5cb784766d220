// The words of every language: one gettext PO catalog per language in
// src/i18n/locales/<lang>.po, holding the site's UI strings (msgid = the
// English words) and the generated prose's messages (msgid = a message id such
// as `veth:pair`, see src/message.ts), so translators use their usual tools.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { po } from 'gettext-parser';

/** src/i18n/locales, found from both src/ and the compiled dist/src/. */
export const localesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..', 'src/i18n/locales');

/** msgid → its forms: one, or one per plural form when the entry has msgid_plural. */
export type Catalog = Map<string, string[]>;

/** msgid → msgstr forms for one language; untranslated (empty) and fuzzy entries are left out. */
export function readCatalog(lang: string, dir = localesDir): Catalog {
  const parsed = po.parse(readFileSync(join(dir, `${lang}.po`)));
  const catalog: Catalog = new Map();
  for (const context of Object.values(parsed.translations)) {
    for (const [msgid, entry] of Object.entries(context)) {
      if (msgid === '' || /\bfuzzy\b/.test(entry.comments?.flag ?? '')) continue;
      if (entry.msgstr.length > 0 && entry.msgstr.every((s) => s !== '')) catalog.set(msgid, entry.msgstr);
    }
  }
  return catalog;
}

/** Languages with a catalog. */
export function catalogLanguages(dir = localesDir): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.po')).map((f) => f.slice(0, -3)).sort();
}

const cache = new Map<string, Catalog>();

/** The catalog of `lang` (empty for a language without one), read once. */
export function catalogOf(lang: string): Catalog {
  let catalog = cache.get(lang);
  if (!catalog) {
    catalog = typeof lang === 'string' && catalogLanguages().includes(lang) ? readCatalog(lang) : new Map();
    cache.set(lang, catalog);
  }
  return catalog;
}

/** Forget the catalogs read (a rebuild in --watch, a test that edits a catalog). */
export function forgetCatalogs(): void {
  cache.clear();
}

/** Translate a UI string; a missing translation shows the msgid (and is caught by test/i18n). */
export function translate(msgid: string, lang: string): string {
  return catalogOf(lang).get(msgid)?.[0] ?? msgid;
}
