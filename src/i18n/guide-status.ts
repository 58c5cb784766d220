// How much of a guide is translated, per language: the segments that need a
// translation into it (those written in another language), how many have
// one, how many are fuzzy (their source changed since) or missing, and the
// catalog entries no segment needs any more. The CLI's `netguide i18n status`
// and the site's build summary print it.

import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { Document } from '../rst/document.js';
import { neededFor, wantedEntries, type WantedEntry } from './catalog-merge.js';
import { CatalogError, catalogPath, parseCatalog, type GuideCatalog } from './guide-catalog.js';
import { markupOf, type GuideSegments } from './guides.js';
import { translationProblems } from './translate-tree.js';

export interface LanguageCoverage {
  lang: string;
  /** The catalog's file. */
  path: string;
  exists: boolean;
  /** Segments written in another language (one per msgid). */
  needed: number;
  translated: number;
  fuzzy: number;
  missing: number;
  /** Catalog entries no segment needs (the text changed: `netguide i18n update`). */
  stale: number;
  /** translated / needed, in per cent, rounded down (100 when nothing is needed). */
  percent: number;
  /** The segments still in their own language, with why. */
  untranslated: Array<WantedEntry & { state: 'fuzzy' | 'missing' }>;
}

export interface GuideCoverage {
  name: string;
  file: string;
  /** Segments of the guide (one per msgid), in any language. */
  segments: number;
  languages: LanguageCoverage[];
  /** Unreadable catalogs, translations that are not clean reStructuredText. */
  diagnostics: Diagnostic[];
}

/** The coverage of a guide in each of `langs`. */
export function guideCoverage(guide: GuideSegments, langs: readonly string[]): GuideCoverage {
  const wanted = wantedEntries(guide.segments, guide.file);
  const diagnostics: Diagnostic[] = [];
  const languages = langs.map((lang) => {
    const path = catalogPath(guide.file, lang);
    const catalog = readCatalogReporting(path, diagnostics);
    if (catalog) diagnostics.push(...checkTranslations(catalog, markupOf(guide.file) === 'markdown'));
    return languageCoverage(lang, path, neededFor(wanted, lang), catalog);
  });
  return { name: guide.name, file: guide.file, segments: wanted.length, languages, diagnostics };
}

function languageCoverage(lang: string, path: string, needed: WantedEntry[], catalog: GuideCatalog | undefined): LanguageCoverage {
  const untranslated: LanguageCoverage['untranslated'] = [];
  let translated = 0;
  for (const want of needed) {
    const entry = catalog?.entries.get(want.msgid);
    if (entry && entry.msgstr.trim() !== '' && !entry.fuzzy) translated++;
    else untranslated.push({ ...want, state: entry?.fuzzy && entry.msgstr !== '' ? 'fuzzy' : 'missing' });
  }
  const ids = new Set(needed.map((w) => w.msgid));
  const stale = catalog ? [...catalog.entries.keys()].filter((id) => !ids.has(id)).length : 0;
  const fuzzy = untranslated.filter((u) => u.state === 'fuzzy').length;
  return {
    lang,
    path,
    exists: catalog !== undefined,
    needed: needed.length,
    translated,
    fuzzy,
    missing: untranslated.length - fuzzy,
    stale,
    percent: needed.length === 0 ? 100 : Math.floor((100 * translated) / needed.length),
    untranslated,
  };
}

/** The catalog at `path`, or undefined (absent, or unreadable: then an error at its line). */
export function readCatalogReporting(path: string, diagnostics: Diagnostic[]): GuideCatalog | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return parseCatalog(readFileSync(path, 'utf8'), path);
  } catch (error) {
    const line = error instanceof CatalogError ? error.line : undefined;
    diagnostics.push({ file: path, ...(line !== undefined ? { line } : {}), severity: 'error', message: `not a readable PO catalog: ${error instanceof Error ? error.message : String(error)}`, source: 'i18n' });
    return undefined;
  }
}

/** Each translation parsed as reStructuredText (or Markdown) inline text: what it would warn about on the page, at its line. */
function checkTranslations(catalog: GuideCatalog, markdown: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const document = new Document({ sourceName: catalog.path, reportLevel: 5 });
  for (const entry of catalog.entries.values()) {
    if (entry.msgstr.trim() === '' || entry.fuzzy) continue;
    for (const problem of translationProblems(entry.msgstr, document, markdown)) {
      out.push({ file: catalog.path, ...(entry.line !== undefined ? { line: entry.line } : {}), severity: problem.level >= 3 ? 'error' : 'warning', message: `translation: ${problem.message}`, source: 'i18n' });
    }
  }
  return out;
}
