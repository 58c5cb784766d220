// How complete each language's catalog is, as gettext's `msgfmt --statistics`
// counts it: of every msgid any catalog has (plus the message ids the caller
// knows the code uses), how many each language translates, how many are
// fuzzy, how many are missing. `netguide i18n status` prints it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import { catalogLanguages, localesDir } from './catalog.js';

export interface CatalogStatus {
  lang: string;
  /** msgids expected in every catalog: those of any catalog, and the ids the code uses. */
  ids: number;
  /** Entries with every form translated and not fuzzy (what `say` uses). */
  translated: number;
  /** Entries flagged `#, fuzzy` (not used: the message falls back to another language). */
  fuzzy: number;
  /** Expected msgids this catalog lacks or leaves empty. */
  missing: number;
  missingIds: string[];
  fuzzyIds: string[];
}

interface Entry { forms: string[]; fuzzy: boolean; /** Translator and extracted comments. */ comment: string }

/** Every entry of one catalog (the header left out), fuzzy and empty ones too. */
export function catalogEntries(lang: string, dir = localesDir): Map<string, Entry> {
  const parsed = po.parse(readFileSync(join(dir, `${lang}.po`)));
  const entries = new Map<string, Entry>();
  for (const context of Object.values(parsed.translations)) {
    for (const [msgid, entry] of Object.entries(context)) {
      if (msgid === '') continue;
      const comments = entry.comments as { translator?: string; extracted?: string; flag?: string } | undefined;
      entries.set(msgid, { forms: entry.msgstr, fuzzy: /\bfuzzy\b/.test(comments?.flag ?? ''), comment: [comments?.translator, comments?.extracted].filter(Boolean).join('\n') });
    }
  }
  return entries;
}

/** Per language: expected ids, translated, fuzzy and missing entries. */
export function messageCatalogStatus(options: { usedIds?: Iterable<string>; dir?: string } = {}): CatalogStatus[] {
  const dir = options.dir ?? localesDir;
  const langs = catalogLanguages(dir);
  const catalogs = new Map(langs.map((lang) => [lang, catalogEntries(lang, dir)]));
  const expected = new Set<string>(options.usedIds ?? []);
  for (const entries of catalogs.values()) for (const id of entries.keys()) expected.add(id);
  return langs.map((lang) => {
    const entries = catalogs.get(lang)!;
    const missingIds: string[] = [];
    const fuzzyIds: string[] = [];
    let translated = 0;
    for (const id of [...expected].sort()) {
      const entry = entries.get(id);
      if (entry?.fuzzy) fuzzyIds.push(id);
      else if (entry && entry.forms.length > 0 && entry.forms.every((f) => f !== '')) translated++;
      else missingIds.push(id);
    }
    return { lang, ids: expected.size, translated, fuzzy: fuzzyIds.length, missing: missingIds.length, missingIds, fuzzyIds };
  });
}
