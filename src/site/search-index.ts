// The search index: Pagefind (through its Node API) reads the pages written
// and builds one index per `<html lang>`, so a reader searches the pages of
// the language they read in (Pagefind's extended build segments Chinese, so
// "安全组" finds the words inside a sentence). The index is rewritten whole
// after every build: a page removed is no longer found. Only each page's
// `data-pagefind-body` (the text of the guide or topology page) is indexed.

import { rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SearchIndexResult {
  /** Pages indexed per language. */
  languages: Record<string, number>;
  errors: string[];
}

export async function writeSearchIndex(outDir: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({});
    if (!created.index) return { languages: {}, errors: created.errors };
    const added = await created.index.addDirectory({ path: outDir });
    const outputPath = join(outDir, 'pagefind');
    rmSync(outputPath, { recursive: true, force: true });
    const written = await created.index.writeFiles({ outputPath });
    const languages = await languagesOf(outputPath);
    return { languages, errors: [...created.errors, ...added.errors, ...written.errors] };
  } finally {
    await pagefind.close();
  }
}

/** The languages Pagefind made an index for, and the pages of each (`pagefind-entry.json`). */
async function languagesOf(outputPath: string): Promise<Record<string, number>> {
  const { readFile } = await import('node:fs/promises');
  try {
    const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.fromEntries(Object.entries(entry.languages ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([l, v]) => [l, v.page_count ?? 0]));
  } catch {
    return {};
  }
}
