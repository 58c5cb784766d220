// The guides of a content folder (`<content>/<name>/<name>.rst`, or `.md`) and the
// segments of each, read as the site reads them: the guide parsed with its
// includes, never leaving the content folder; a Markdown guide by the
// Markdown reader, into the same tree.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseMarkdown } from '../markdown/index.js';
import { parseRst } from '../rst/index.js';
import { segmentsOf, type GuideMarkup, type Segment } from './segments.js';

/** A guide's file names, in the order they are looked for in its folder: `<name>.rst`, then `<name>.md`. */
export const GUIDE_EXTENSIONS = ['.rst', '.md'] as const;

/** The markup of a guide file, by its extension (`.md`, `.markdown`: Markdown). */
export function markupOf(file: string): GuideMarkup {
  return ['.md', '.markdown'].includes(extname(file).toLowerCase()) ? 'markdown' : 'rst';
}

/** The guide file of a folder named `name`: `<folder>/<name>.rst` or `.md`, the first that exists. */
export function guideFileIn(folder: string, name: string): string | undefined {
  return GUIDE_EXTENSIONS.map((ext) => join(folder, name + ext)).find((f) => existsSync(f));
}

export interface GuideFile {
  /** The guide's name: its folder's. */
  name: string;
  /** Its reStructuredText or Markdown file. */
  file: string;
}

export interface GuideSegments extends GuideFile {
  segments: Segment[];
}

/** `<content>/<name>/<name>.rst` (or `.md`) for every folder that has one (not `_data` and the like), sorted by name. */
export function findGuides(contentDir: string): GuideFile[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => ({ name: d.name, file: guideFileIn(join(contentDir, d.name), d.name) ?? '' }))
    .filter((g) => g.file !== '')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The guides a command names: a guide's name (a folder of the content
 * folder), its folder or its .rst or .md file; all of them when none is named.
 * A name that is none of these is returned in `unknown`.
 */
export function selectGuides(contentDir: string, names: string[]): { guides: GuideFile[]; unknown: string[] } {
  if (names.length === 0) return { guides: findGuides(contentDir), unknown: [] };
  const guides: GuideFile[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const asFile = ['.rst', '.md', '.markdown'].includes(extname(name).toLowerCase()) && existsSync(name) ? name : undefined;
    const folder = asFile ? undefined : existsSync(name) && statSync(name).isDirectory() ? name : join(contentDir, name);
    const file = asFile ?? guideFileIn(folder!, basename(resolve(folder!)));
    if (file !== undefined) guides.push({ name: basename(dirname(resolve(file))), file });
    else unknown.push(name);
  }
  return { guides, unknown };
}

/** A guide's segments, its includes read from inside `contentRoot` (default: the guide's folder's parent). */
export function readGuideSegments(guide: GuideFile, contentRoot = dirname(dirname(resolve(guide.file)))): GuideSegments {
  const text = readFileSync(guide.file, 'utf8');
  return { ...guide, segments: segmentsOfText(text, guide.file, contentRoot) };
}

/** The segments of a guide's text (Markdown when the file's name says so). */
export function segmentsOfText(text: string, file: string, contentRoot: string): Segment[] {
  if (markupOf(file) === 'markdown') return segmentsOf(parseMarkdown(text, { sourceName: file }).tree, { file, text, format: 'markdown' });
  const { tree, document } = parseRst(text, { sourceName: file, baseDir: dirname(file), contentRoot, reportLevel: 5 });
  return segmentsOf(tree, { file, text, includes: document.dependencies });
}
