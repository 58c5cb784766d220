// The bundles that get a network report: a folder of the content folder that
// holds captures and no guide (`<content>/<name>/captures/…`, what `netguide
// import` files), and the bundles `netguide build --bundle DIR` names (a
// folder, tarball or sosreport, wherever it lies). Folders whose name starts
// with `_` or `.` are not read, as for guides.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { GUIDE_EXTENSIONS } from './guides.js';
import { slugOf } from './urls.js';

export interface BundleSource {
  /** The report's name: the folder's (or the bundle's, its archive extensions dropped). */
  name: string;
  slug: string;
  /** What is read: the captures folder, or the bundle as given. */
  input: string;
  /** Evidence is shown relative to this folder. */
  folder: string;
  /** Files whose change makes the report again: everything under `folder` (a tarball: itself). */
  watch: string;
}

/** Every folder of `contentRoot` with a `captures/` folder and no guide, sorted by name. */
export function findContentBundles(contentRoot: string): BundleSource[] {
  if (!existsSync(contentRoot)) return [];
  const found: BundleSource[] = [];
  for (const entry of readdirSync(contentRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const folder = join(contentRoot, entry.name);
    if (GUIDE_EXTENSIONS.some((ext) => existsSync(join(folder, entry.name + ext)))) continue;
    const captures = join(folder, 'captures');
    if (!existsSync(captures) || !statSync(captures).isDirectory()) continue;
    found.push({ name: entry.name, slug: slugOf(entry.name), input: captures, folder: captures, watch: folder });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A bundle named on the command line (absolute path), seen from the build's folder `cwd`. */
export function namedBundle(path: string, cwd: string): BundleSource {
  const name = basename(path).replace(/\.(tar\.(gz|xz|bz2)|tgz|tar)$/i, '') || 'bundle';
  // relative to the build's folder when inside it, else as an absolute path (a --bundle build runs in a folder of its own)
  const inside = relative(cwd, path);
  const shown = inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  const isFolder = existsSync(path) && statSync(path).isDirectory();
  return { name, slug: slugOf(name), input: shown, folder: isFolder ? shown : join(shown, '..'), watch: shown };
}
