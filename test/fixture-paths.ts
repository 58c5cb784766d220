// Where tests find their inputs. A fresh clone has only this repository, so
// every input a test reads lives under test/fixtures (the seed guide, the
// capture-lab samples, the docutils comparer); tests never read content/,
// where a user's own unfinished guide may be. `../shared` (the full docutils
// corpus) is optional: suites that need it are skipped, saying why, without it.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from test/ or dist/test/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('fixture-paths: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot();
export const fixturesDir = join(repoRoot, 'test/fixtures');
/** The capture lab's bundles (local, gre, vxlan and their -tty variants), vendored. */
export const labSamples = join(fixturesDir, 'lab-samples');
/** A content folder holding the seed guide only: `seed/local/local.rst` and its scripts. */
export const seedContent = join(fixturesDir, 'seed');
export const seedDir = join(seedContent, 'local');
export const seedGuide = join(seedDir, 'local.rst');
/** The docutils XML comparer (`compare.mjs` of the rst corpus), vendored. */
export const xmlComparer = join(fixturesDir, 'rst-corpus-compare/compare.mjs');
/** `../shared` beside the repository (CI lays it out so; a fresh clone has none), or $NETGUIDE_SHARED. */
export const sharedDir = resolve(process.env['NETGUIDE_SHARED'] || join(repoRoot, '..', 'shared'));

/**
 * A node:test `skip` option for a suite that needs `../shared/<path>`: false
 * when it is there, else the reason the spec reporter prints.
 */
export function needsShared(path: string, what: string): false | string {
  return existsSync(join(sharedDir, path))
    ? false
    : `skipped: ${what} needs ${join(sharedDir, path)}, which is not beside this checkout (CI has it)`;
}
