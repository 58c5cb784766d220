// The contract between the block parser and the inline parser. The block
// parser hands over the text of one text element (a paragraph, a title, a term
// …) with the source lines it came from; the inline parser returns the inline
// nodes and the system messages to place after the element (docutils'
// `Inliner.parse` returns exactly these two lists).

import type { Document } from '../document.js';
import type { RstElement, RstNode } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';

export interface InlineRequest {
  /** The text to parse: exactly `lines.map(l => l.text).join('\n')`. */
  text: string;
  /** Where each line of `text` came from, for exact node positions. */
  lines: readonly SourceLine[];
  document: Document;
  /** The element the inline nodes will be children of (inline targets register against it). */
  parent: RstElement;
}

export interface InlineResult {
  nodes: RstNode[];
  messages: RstElement[];
}

export type InlineParse = (request: InlineRequest) => InlineResult;
