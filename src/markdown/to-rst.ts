// mdast → the docutils document tree: `mdastToRst(tree, text, options)`. One
// pass before the conversion collects what Markdown resolves by name (link
// definitions, footnote definitions and the order footnotes are called in);
// one after it points each footnote call at its footnote's id.

import type { Definition, FootnoteDefinition, Nodes, Root } from 'mdast';
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
  collect(state, mdast);
  const tree = state.one(mdast, undefined)[0] as RstElement;
  for (const footnote of state.footnotes.values()) {
    for (const reference of footnote.references) if (footnote.id) reference.attributes.refid = footnote.id;
  }
  fillPositions(tree);
  return { tree, messages: state.messages };
}

/** Definitions (the first of a label wins) and footnotes, numbered by their first call. */
function collect(state: State, mdast: Root): void {
  const footnotes = new Map<string, FootnoteDefinition>();
  visit(mdast, (node: Nodes) => {
    if (node.type === 'definition' && !state.definitions.has(node.identifier)) state.definitions.set(node.identifier, node as Definition);
    if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
  });
  const number = (identifier: string) => {
    const definition = footnotes.get(identifier);
    if (!definition || state.footnotes.has(identifier)) return;
    state.footnotes.set(identifier, { number: state.footnotes.size + 1, definition, references: [], backrefs: [] });
  };
  visit(mdast, 'footnoteReference', (node) => number(node.identifier));
  for (const identifier of footnotes.keys()) number(identifier);
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
