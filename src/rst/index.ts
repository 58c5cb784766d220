// The reStructuredText reader: `parseRst(text, settings)` gives the docutils
// parse tree (no transforms) and its Document; `rstParse` is the same as a
// unified parser plugin (`unified().use(rstParse)`), which also turns system
// messages into vfile messages with their place.

import type { Processor } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { Document } from './document.js';
import { element, type RstElement } from './nodes.js';
import { Level, LEVELS } from './reporter.js';
import type { RstSettings } from './settings.js';
import { ParseContext } from './parser/context.js';
import { parseInline } from './parser/inline-bridge.js';
import { Block, toBlockLines } from './parser/lines.js';
import { createMachine } from './parser/machine.js';
import { lineStartOffsets } from './parser/lines.js';
import { remapTabPositions } from './parser/tab-positions.js';
import { toSourceLines } from './source-lines.js';
import { controlCharacterNames } from '../control-characters.js';

export interface ParseResult {
  tree: RstElement;
  document: Document;
}

/** Parse `text` into a docutils document tree (docutils' Parser.parse, no transforms). */
export function parseRst(text: string, settings: Partial<RstSettings> = {}): ParseResult {
  const document = new Document(settings);
  const { root } = document;
  document.reporter.knowSource(document.settings.sourceName, text);
  reportTextProblems(text, document);
  const lines = toBlockLines(text, document.settings.sourceName, document.settings.tabWidth);
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: endPoint(text),
  };
  const limit = document.settings.lineLengthLimit;
  const tooLong = lines.findIndex((line) => line.text.length > limit);
  if (tooLong >= 0) {
    root.children.push(document.reporter.error(`Line ${tooLong + 1} exceeds the line-length-limit.`, { line: tooLong + 1 }));
    fillPositions(root);
    return { tree: root, document };
  }
  const context = new ParseContext(document, parseInline, createMachine);
  context.run({ block: new Block(lines, 0, lines.length), parent: root, state: 'Body', matchTitles: true });
  fillPositions(root);
  if (text.includes('\t')) remapTabPositions(root, text, document.settings.tabWidth);
  return { tree: root, document };
}

/** Controls the parse keeps in the text (\v, \f become spaces; \x1c–\x1e break lines, as in docutils). */
const KEPT_CONTROL = /[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f]/;

/**
 * Problems of the text as a whole, reported (not put in the tree, which stays
 * docutils'): an empty document, which would make an empty page without a
 * word, and control characters, which the HTML shows as visible symbols.
 */
function reportTextProblems(text: string, document: Document): void {
  if (!/\S/.test(text)) {
    document.reporter.warning('The document is empty: there is nothing to show.', { line: 1 });
    return;
  }
  if (!KEPT_CONTROL.test(text)) return;
  const lines = toSourceLines(text, document.settings.sourceName).filter((l) => KEPT_CONTROL.test(l.text));
  const names = controlCharacterNames(lines.map((l) => l.text).join('\n').replace(/[\v\f\x1c-\x1e]/g, ' '));
  const where = lines.length === 1 ? 'A line holds' : `${lines.length} lines hold`;
  document.reporter.warning(`${where} control characters (${names.join(', ')}): shown as visible symbols (␀, ␛ …).`, { line: lines[0]!.line });
}

/**
 * Every node gets a position: one made without a precise span (a generated
 * text node, a message paragraph) takes the span of the element it is in.
 * Iterative, so deep trees are fine.
 */
function fillPositions(root: RstElement): void {
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.position === undefined) child.position = node.position;
      if (child.type !== 'text') stack.push(child as RstElement);
    }
  }
}

/** The end of the text, lines counted as the parser counts them. */
function endPoint(text: string) {
  const starts = lineStartOffsets(text);
  const last = starts[starts.length - 1]!;
  return { line: starts.length, column: text.length - last + 1, offset: text.length };
}

export interface RstParseOptions extends Partial<RstSettings> {}

declare module 'vfile' {
  interface DataMap {
    /** The Document of the parse: registries (ids, names, substitutions …) and every reported message. */
    rst: Document;
  }
}

/** unified parser plugin: `unified().use(rstParse, settings)`. */
export function rstParse(this: Processor, options: RstParseOptions = {}): void {
  const parser = (text: string, file: VFile): Node => {
    const sourceName = options.sourceName ?? file.path ?? '<string>';
    const { tree, document } = parseRst(text, { ...options, sourceName });
    file.data.rst = document;
    for (const reported of document.reporter.messages) {
      if (reported.level < document.settings.reportLevel) continue;
      const place = reported.line !== undefined ? { line: reported.line, column: reported.column ?? 1 } : undefined;
      const message = file.message(reported.message, { place, source: 'rst', ruleId: LEVELS[reported.level]!.toLowerCase() });
      message.fatal = reported.level >= Level.ERROR ? true : reported.level === Level.WARNING ? false : undefined;
    }
    return tree as unknown as Node;
  };
  (this as unknown as { parser: typeof parser }).parser = parser;
}

export { element };
export type { Document };
