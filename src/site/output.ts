// The output folder after a build: the site owns `/<lang>/…` and `/assets/…`
// (and `/pagefind/`, which the search index rewrites whole); a file there that
// this build did not write belongs to a page that no longer exists (a guide
// removed from the content folder) and is removed, so it is neither served nor
// indexed. Anything else in the output folder (a CNAME, a README) is left alone.

import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Remove the files under `owned` folders of `outDir` that are not in `written`; returns them, relative to `outDir`. */
export function removeStale(outDir: string, written: Iterable<string>, owned: readonly string[]): string[] {
  const keep = new Set([...written].map((f) => resolve(f)));
  const removed: string[] = [];
  for (const folder of owned) {
    const dir = join(outDir, folder);
    if (!existsSync(dir)) continue;
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[];
    for (const e of entries) {
      const file = join(e.parentPath, e.name);
      if (e.isFile() && !keep.has(resolve(file))) {
        rmSync(file);
        removed.push(file.slice(outDir.length + 1));
      }
    }
    removeEmptyFolders(dir);
  }
  return removed.sort();
}

function removeEmptyFolders(dir: string): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() ? !removeEmptyFolders(join(dir, e.name)) : true) empty = false;
  }
  if (empty) rmdirSync(dir);
  return empty;
}

/** Every file under `dir`, relative to it (the assets a build copies). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}
