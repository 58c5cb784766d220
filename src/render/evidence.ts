// Evidence as a page shows it: `file:line` labels relative to the guide's
// folder (`local.rst:66`, `captures/compute/02-ip-link.txt:3-4`), each linking
// to the element that shows its first line, with the anchors of all its lines.

import { isAbsolute, relative } from 'node:path';
import type { EvidenceRef } from '../topology/model.js';
import { evidenceAnchors, lineAnchor } from './anchors.js';

export interface EvidenceLink {
  /** `local.rst:66` or `local.rst:119-120`. */
  label: string;
  /** The id of the element showing its first line. */
  anchor: string;
  /** The ids of all its lines. */
  anchors: string[];
}

export interface EvidenceOptions {
  /** Labels are relative to this folder when the file lies inside it. */
  folder?: string;
  anchor?: (file: string, line: number) => string;
}

/** `file` relative to `folder` when it lies inside it, else as it is. */
export function shownPath(folder: string | undefined, file: string): string {
  if (folder === undefined) return file;
  const inside = relative(folder, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
}

/** One link per distinct `file:line` (or range), in order. */
export function evidenceLinks(evidence: readonly EvidenceRef[], options: EvidenceOptions = {}): EvidenceLink[] {
  const anchor = options.anchor ?? lineAnchor;
  const seen = new Map<string, EvidenceLink>();
  for (const e of evidence) {
    const file = shownPath(options.folder, e.file);
    const label = e.endLine !== undefined && e.endLine !== e.line ? `${file}:${e.line}-${e.endLine}` : `${file}:${e.line}`;
    if (!seen.has(label)) seen.set(label, { label, anchor: anchor(e.file, e.line), anchors: evidenceAnchors([e], anchor) });
  }
  return [...seen.values()];
}
