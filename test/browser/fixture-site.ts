// The site the browser tests read: the guides of test/fixtures/browser (a copy
// of the seed guide and its scripts, never content/) built by the project's
// Eleventy config, templates and data into a temporary folder, as
// `npm run build` builds content/. The site's own machinery (the data files and
// page templates that still live beside the guides in content/) is linked from
// the project; the guides come from the fixture only.

import { cpSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';

const run = promisify(execFile);
export const repo = resolve(import.meta.dirname, '../../..');
export const fixtureContent = join(repo, 'test/fixtures/browser');

export interface FixtureSite {
  /** The content folder built (guides copied from the fixture). */
  content: string;
  /** The published site. */
  out: string;
}

export async function buildFixtureSite(): Promise<FixtureSite> {
  const root = mkdtempSync(join(tmpdir(), 'netguide-browser-'));
  const content = join(root, 'content');
  cpSync(fixtureContent, content, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  // templates and data files, not guides
  for (const entry of readdirSync(join(repo, 'content'), { withFileTypes: true })) {
    if (entry.name === '_data' || (entry.isFile() && entry.name.endsWith('.njk'))) symlinkSync(join(repo, 'content', entry.name), join(content, entry.name));
  }
  symlinkSync(join(repo, '_includes'), join(root, '_includes'));
  const out = join(root, 'site');
  const cli = join(repo, 'node_modules/@11ty/eleventy/cmd.cjs');
  await run(process.execPath, [cli, '--quiet'], { cwd: repo, env: { ...process.env, NETGUIDE_CONTENT: content, NETGUIDE_SITE: out }, maxBuffer: 1 << 24 });
  return { content, out };
}
