// The guides of a content folder: `<content>/<guide>/<guide>.rst` (or `.md`), one folder
// per guide (beside it its scripts, captures and translations). Folders whose
// name starts with `_` or `.` are not guides.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GUIDE_EXTENSIONS } from '../i18n/guides.js';
import { slugOf } from './urls.js';

/** The file names a guide may have in its folder, in the order they are looked for (the i18n commands find the same). */
export { GUIDE_EXTENSIONS };

export interface GuideSource {
  /** The folder's name. */
  name: string;
  /** The name as a URL segment. */
  slug: string;
  /** The guide's file: `<content>/<name>/<name>.rst` or `.md`. */
  file: string;
  /** The guide's folder. */
  folder: string;
}

/** Every guide of `contentRoot`, sorted by name. */
export function findGuides(contentRoot: string): GuideSource[] {
  if (!existsSync(contentRoot)) return [];
  const guides: GuideSource[] = [];
  for (const entry of readdirSync(contentRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const folder = join(contentRoot, entry.name);
    const file = GUIDE_EXTENSIONS.map((ext) => join(folder, entry.name + ext)).find((f) => existsSync(f));
    if (file) guides.push({ name: entry.name, slug: slugOf(entry.name), file, folder });
  }
  return guides.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
