// The site the browser tests read: the seed's copy (test/fixtures/seed/local:
// the guide and its scripts, never content/) with the catalogs in
// test/fixtures/browser/local/locales, copied outside the project and built by
// `netguide build` in its own process
// (test/site/helpers.ts), as a user builds a content folder of their own.

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { seedDir } from '../fixture-paths.js';
import { build, repo, temporary } from '../site/helpers.js';

export { repo };
export const fixtureContent = join(repo, 'test/fixtures/browser');

export interface FixtureSite {
  /** The folder the build ran in (the content folder is `content/` there). */
  root: string;
  /** The content folder built (guides copied from the fixture). */
  content: string;
  /** The published site. */
  out: string;
}

export async function buildFixtureSite(): Promise<FixtureSite> {
  const root = temporary('browser');
  const content = join(root, 'content');
  cpSync(seedDir, join(content, 'local'), { recursive: true });
  cpSync(fixtureContent, content, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  const out = join(root, 'site');
  const run = await build(root, ['--content', 'content', '--out', 'site']);
  if (run.code !== 0) throw new Error(`netguide build failed (exit ${run.code}):\n${run.stderr}`);
  return { root, content, out };
}
