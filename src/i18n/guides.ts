// The guides of a content folder (`<content>/<name>/<name>.rst`) and the
// segments of each, read as the site reads them: the guide parsed with its
// includes, never leaving the content folder.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseRst } from '../rst/index.js';
import { segmentsOf, type Segment } from './segments.js';

export interface GuideFile {
  /** The guide's name: its folder's. */
  name: string;
  /** Its reStructuredText file. */
  file: string;
}

export interface GuideSegments extends GuideFile {
  segments: Segment[];
}

/** `<content>/<name>/<name>.rst` for every folder that has one (not `_data` and the like), sorted by name. */
export function findGuides(contentDir: string): GuideFile[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => ({ name: d.name, file: join(contentDir, d.name, `${d.name}.rst`) }))
    .filter((g) => existsSync(g.file))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The guides a command names: a guide's name (a folder of the content
 * folder), its folder or its .rst file; all of them when none is named.
 * A name that is none of these is returned in `unknown`.
 */
export function selectGuides(contentDir: string, names: string[]): { guides: GuideFile[]; unknown: string[] } {
  if (names.length === 0) return { guides: findGuides(contentDir), unknown: [] };
  const guides: GuideFile[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const asFile = extname(name) === '.rst' && existsSync(name) ? name : undefined;
    const folder = asFile ? undefined : existsSync(name) && statSync(name).isDirectory() ? name : join(contentDir, name);
    const file = asFile ?? join(folder!, `${basename(resolve(folder!))}.rst`);
    if (existsSync(file)) guides.push({ name: basename(dirname(resolve(file))), file });
    else unknown.push(name);
  }
  return { guides, unknown };
}

/** A guide's segments, its includes read from inside `contentRoot` (default: the guide's folder's parent). */
export function readGuideSegments(guide: GuideFile, contentRoot = dirname(dirname(resolve(guide.file)))): GuideSegments {
  const text = readFileSync(guide.file, 'utf8');
  return { ...guide, segments: segmentsOfText(text, guide.file, contentRoot) };
}

/** The segments of a guide's text. */
export function segmentsOfText(text: string, file: string, contentRoot: string): Segment[] {
  const { tree, document } = parseRst(text, { sourceName: file, baseDir: dirname(file), contentRoot, reportLevel: 5 });
  return segmentsOf(tree, { file, text, includes: document.dependencies });
}
