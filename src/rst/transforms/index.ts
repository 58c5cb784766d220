// The standard transforms of a reStructuredText document, as docutils'
// standalone reader and writers apply them, run in priority order; and the
// unified plugin `rstTransforms()` that runs them on the tree `rstParse` made
// (the Document it made is in `file.data.rst`).

import type { VFile } from 'vfile';
import { Document } from '../document.js';
import type { RstElement } from '../nodes.js';
import { LEVELS } from '../reporter.js';
import { anonymousHyperlinks } from './anonymous-hyperlinks.js';
import { classAttribute } from './class-attribute.js';
import { contents } from './contents.js';
import { danglingReferences } from './dangling-references.js';
import { docInfo } from './docinfo.js';
import { docTitle, sectionSubtitle } from './doctitle.js';
import { footnotes } from './footnotes.js';
import { indirectHyperlinks } from './indirect-hyperlinks.js';
import { transformOptions, type TransformOptions } from './options.js';
import { propagateTargets } from './propagate-targets.js';
import { TransformRun } from './run.js';
import { sectNum } from './sectnum.js';
import { substitutions } from './substitutions.js';
import { externalTargets, internalTargets } from './targets.js';
import { targetNotes } from './target-notes.js';
import {
  decorations,
  filterMessages,
  filterPending,
  messages,
  stripClassesAndElements,
  stripComments,
  transitions,
} from './universal.js';
import type { Transform } from './types.js';

export type { Transform } from './types.js';
export type { TransformOptions } from './options.js';
export { TransformRun } from './run.js';

export const standardTransforms: readonly Transform[] = [
  classAttribute,
  substitutions,
  propagateTargets,
  docTitle,
  docInfo,
  sectionSubtitle,
  stripClassesAndElements,
  anonymousHyperlinks,
  indirectHyperlinks,
  targetNotes,
  footnotes,
  externalTargets,
  internalTargets,
  sectNum,
  contents,
  stripComments,
  filterPending,
  decorations,
  transitions,
  danglingReferences,
  messages,
  filterMessages,
];

export interface ApplyOptions extends Partial<TransformOptions> {
  /** The source text (lets problematic nodes show exactly what was written). */
  sourceText?: string;
  /** Replace or extend the list of transforms. */
  transforms?: readonly Transform[];
}

/** Run the transforms on `document` in priority order (stable for equal priorities). Returns the run (its messages). */
export function applyTransforms(document: Document, options: ApplyOptions = {}): TransformRun {
  const { sourceText, transforms = standardTransforms, ...rest } = options;
  const run = new TransformRun(document, sourceText, transformOptions(rest));
  const ordered = [...transforms].sort((a, b) => a.priority - b.priority);
  for (const transform of ordered) transform.apply(document, run);
  return run;
}

/**
 * unified plugin: `unified().use(rstParse).use(rstTransforms)`. Transform
 * messages at or above the report level also become vfile messages with their place.
 */
export function rstTransforms(options: Partial<TransformOptions> = {}) {
  return function transformer(tree: RstElement, file: VFile): RstElement {
    let document = (file.data as { rst?: Document }).rst;
    if (!document) {
      document = new Document({ sourceName: file.path ?? '<string>' });
      (file.data as { rst?: Document }).rst = document;
    }
    if (document.root !== tree) (document as { root: RstElement }).root = tree;
    const sourceText = file.value === undefined || file.value === null ? undefined : String(file.value);
    const run = applyTransforms(document, { ...options, sourceText });
    const reportLevel = options.reportLevel ?? document.settings.reportLevel;
    for (const msg of run.messages) {
      const level = Number(msg.attributes.level);
      if (level < reportLevel) continue;
      const reason = msg.children[0] && msg.children[0].type === 'paragraph' ? textOf(msg.children[0] as RstElement) : 'problem';
      const message = file.message(reason, {
        place: msg.position?.start.line !== undefined ? { line: msg.position.start.line, column: msg.position.start.column } : undefined,
        ruleId: (LEVELS[level] ?? 'ERROR').toLowerCase(),
        source: 'rst',
      });
      message.fatal = level >= 3 ? true : level === 2 ? false : undefined;
    }
    return tree;
  };
}

function textOf(node: RstElement): string {
  return node.children.map((c) => (c.type === 'text' ? (c as { value: string }).value : textOf(c as RstElement))).join('');
}
