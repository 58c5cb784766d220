// mdast → the docutils document tree: `mdastToRst(tree, text, options)`. A
// pass before the conversion collects the link definitions (Markdown resolves
// references by label, wherever the definition is) and numbers the footnotes
// as GFM does (by first call); calls stay by name, as RST's do, for
// docutils' footnote transform.

import type { Definition, Nodes, Root } from 'mdast';
import type { LeveledMessage } from '../diagnostics.js';
import type { RstElement, RstNode } from '../rst/nodes.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { DEFERRED, State, type MarkdownOptions } from './state.js';

export interface MarkdownTree {
  /** The docutils `document`, positions on every node. */
  tree: RstElement;
  /** Every problem the reader reported (also in the tree as system_message). */
  messages: LeveledMessage[];
}

export function mdastToRst(mdast: Root, text: string, options: MarkdownOptions = {}): MarkdownTree {
  const state = new State({ ...defaultHandlers, ...options.handlers }, text, options);
  const notes = state.footnoteDefinitions;
  const calls: string[] = [];
  for (const node of preorder(mdast)) {
    if (node.type === 'definition' && !state.definitions.has(node.identifier)) state.definitions.set(node.identifier, node as Definition);
    if (node.type === 'footnoteDefinition' && !notes.has(node.identifier)) notes.set(node.identifier, node);
    if (node.type === 'footnoteReference') calls.push(node.identifier);
  }
  for (const identifier of [...calls, ...notes.keys()]) {
    if (notes.has(identifier) && !state.footnoteNumbers.has(identifier)) state.footnoteNumbers.set(identifier, state.footnoteNumbers.size + 1);
  }
  const tree = state.one(mdast, undefined)[0] as RstElement;
  state.convertDeferred();
  if (state.deferred.length > 0) splicePlaceholders(tree);
  // messages of deferred inline content that no block took
  tree.children.push(...state.takePending());
  fillPositions(tree);
  return { tree, messages: state.messages };
}

/** Every node of the mdast tree in document order, without recursion. */
function* preorder(root: Root): Generator<Nodes> {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

/** Put each placeholder's nodes in its place, iteratively (placeholders nest). */
function splicePlaceholders(root: RstElement): void {
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children.some((c) => c.type === DEFERRED)) {
      const out: RstNode[] = [];
      const queue = [...node.children];
      while (queue.length > 0) {
        const child = queue.shift()!;
        if (child.type === DEFERRED) queue.unshift(...(child as RstElement).children);
        else out.push(child);
      }
      node.children = out;
    }
    for (const child of node.children) if (child.type !== 'text') stack.push(child as RstElement);
  }
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
