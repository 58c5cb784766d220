// The catalog files of a guide, made and refreshed: `extract` writes the
// template (locales/<guide>.pot) and creates each language's catalog that
// does not exist yet; `update` rewrites the template and merges every
// language's catalog with the guide's current text (catalog-merge.ts).
// Files whose text would not change are not touched.

import { existsSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import { mergeCatalog, neededFor, templateCatalog, wantedEntries, type MergeCounts, type WantedEntry } from './catalog-merge.js';
import { catalogPath, emptyCatalog, formatCatalog, templatePath, writeIfChanged } from './guide-catalog.js';
import { readCatalogReporting } from './guide-status.js';
import type { GuideSegments } from './guides.js';

export interface FileReport {
  path: string;
  lang?: string;
  /** `created`, `updated`, `unchanged`, or `kept` (exists; extract leaves it to update). */
  action: 'created' | 'updated' | 'unchanged' | 'kept';
  /** Entries the catalog holds for the guide's segments. */
  entries: number;
  counts?: MergeCounts;
}

export interface CatalogRun {
  files: FileReport[];
  diagnostics: Diagnostic[];
}

/** The template, and a catalog for each language in `langs` that has none (an existing one is kept). */
export function extractCatalogs(guide: GuideSegments, langs: readonly string[]): CatalogRun {
  return writeCatalogs(guide, langs, false);
}

/** The template, and every language's catalog merged with the guide's current text (created when absent). */
export function updateCatalogs(guide: GuideSegments, langs: readonly string[]): CatalogRun {
  return writeCatalogs(guide, langs, true);
}

function writeCatalogs(guide: GuideSegments, langs: readonly string[], merge: boolean): CatalogRun {
  const wanted = wantedEntries(guide.segments, guide.file);
  const diagnostics: Diagnostic[] = [];
  const files: FileReport[] = [];
  const pot = templatePath(guide.file);
  const potExisted = existsSync(pot);
  const potChanged = writeIfChanged(pot, formatCatalog(templateCatalog(wanted, pot, guide.name)));
  files.push({ path: pot, action: !potExisted ? 'created' : potChanged ? 'updated' : 'unchanged', entries: wanted.length });
  for (const lang of langs) files.push(...languageFile(guide, lang, neededFor(wanted, lang), merge, diagnostics));
  return { files, diagnostics };
}

function languageFile(guide: GuideSegments, lang: string, needed: WantedEntry[], merge: boolean, diagnostics: Diagnostic[]): FileReport[] {
  const path = catalogPath(guide.file, lang);
  const exists = existsSync(path);
  if (exists && !merge) return [{ path, lang, action: 'kept', entries: needed.length }];
  const old = exists ? readCatalogReporting(path, diagnostics) : emptyCatalog(path, lang, guide.name);
  // An unreadable catalog is never overwritten: its translations would be lost.
  if (!old) return [];
  if (!exists && needed.length === 0) return [];
  const { catalog, counts } = mergeCatalog(old, needed);
  const changed = writeIfChanged(path, formatCatalog(catalog));
  return [{ path, lang, action: !exists ? 'created' : changed ? 'updated' : 'unchanged', entries: needed.length, counts }];
}
