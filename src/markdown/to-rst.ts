// mdast → the docutils document tree: `mdastToRst(tree, text, options)`. A
// pass before the conversion collects the link definitions (Markdown resolves
// references by label, wherever the definition is) and numbers the footnotes
// as GFM does (by first call); calls stay by name, as RST's do, for
// docutils' footnote transform.

import type { Definition, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { LeveledMessage } from '../diagnostics.js';
import type { RstElement } from '../rst/nodes.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { State, type MarkdownOptions } from './state.js';

export interface MarkdownTree {
  /** The docutils `document`, positions on every node. */
  tree: RstElement;
  /** Every problem the reader reported (also in the tree as system_message). */
  messages: LeveledMessage[];
}

export function mdastToRst(mdast: Root, text: string, options: MarkdownOptions = {}): MarkdownTree {
  const state = new State({ ...defaultHandlers, ...options.handlers }, text, options);
  const notes = state.footnoteDefinitions;
  visit(mdast, (node: Nodes) => {
    if (node.type === 'definition' && !state.definitions.has(node.identifier)) state.definitions.set(node.identifier, node as Definition);
    if (node.type === 'footnoteDefinition' && !notes.has(node.identifier)) notes.set(node.identifier, node);
  });
  const number = (identifier: string) => {
    if (notes.has(identifier) && !state.footnoteNumbers.has(identifier)) state.footnoteNumbers.set(identifier, state.footnoteNumbers.size + 1);
  };
  visit(mdast, 'footnoteReference', (node) => number(node.identifier));
  for (const identifier of notes.keys()) number(identifier);
  const tree = state.one(mdast, undefined)[0] as RstElement;
  fillPositions(tree);
  return { tree, messages: state.messages };
}

/** A node made without a span of its own takes its parent's: positions everywhere. */
function fillPositions(root: RstElement): void {
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.position === undefined) child.position = node.position;
      if (child.type !== 'text') stack.push(child as RstElement);
    }
  }
}
