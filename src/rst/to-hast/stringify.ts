// HTML for hast trees of any depth. rehype-stringify (hast-util-to-html)
// recurses once per level, so a 5,000-deep tree (nested block quotes are legal
// rst) overflows the call stack. `rehypeSliceDeep` runs just before
// rehype-stringify: bottom-up, every element whose subtree reaches SLICE_HEIGHT
// levels is written by hast-util-to-html itself and replaced by a `raw` node
// holding that HTML, so no single call recurses deeper than SLICE_HEIGHT.
// Shallow trees (every real page) are left alone. rehype-stringify must then
// run with `allowDangerousHtml: true` (see stringifyOptions).

import type { Element, Nodes, Parents, Root, RootContent } from 'hast';
import { toHtml, type Options } from 'hast-util-to-html';

/** Levels serialized by one toHtml call: far below V8's default stack (~10,000 frames of toHtml's 3-4 functions). */
const SLICE_HEIGHT = 400;

/**
 * The options for both rehypeSliceDeep and rehype-stringify. Raw nodes are
 * written as they are: the slices hold HTML toHtml itself wrote (already
 * escaped), and the rst → hast step only makes a raw node for a `raw`
 * directive when the caller enabled raw output.
 */
export function stringifyOptions(options: Options = {}): Options {
  return { ...options, allowDangerousHtml: true };
}

/** unified plugin (before rehype-stringify): deep subtrees become raw HTML slices. */
export function rehypeSliceDeep(options: Options = {}) {
  const settings = stringifyOptions(options);
  return function transformer(tree: Root): Root {
    return height(tree) < SLICE_HEIGHT ? tree : sliceDeep(tree, settings);
  };
}

/** HTML of `tree`, as rehype-stringify writes it, without deep recursion. */
export function stringifyDeep(tree: Root, options: Options = {}): string {
  const settings = stringifyOptions(options);
  return toHtml(rehypeSliceDeep(settings)(tree), settings);
}

/** Height of the tree, iteratively. */
function height(tree: Root): number {
  let max = 0;
  const stack: [Nodes, number][] = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Post-order walk (explicit stack): an element whose remaining subtree is
 * SLICE_HEIGHT high is serialized and replaced in its parent by a raw node.
 */
function sliceDeep(tree: Root, options: Options): Root {
  const heights = new Map<Nodes, number>();
  const stack: { node: Nodes; parent: Parents | undefined; index: number; visited: boolean }[] = [
    { node: tree, parent: undefined, index: 0, visited: false },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.node;
    if (!frame.visited) {
      frame.visited = true;
      if ('children' in node) {
        node.children.forEach((child, index) => stack.push({ node: child, parent: node, index, visited: false }));
      }
      continue;
    }
    stack.pop();
    let own = 1;
    if ('children' in node) for (const child of node.children) own = Math.max(own, 1 + (heights.get(child) ?? 1));
    if (own >= SLICE_HEIGHT && node.type === 'element' && frame.parent) {
      const html = toHtml(node as Element, options);
      const raw = { type: 'raw', value: html } as unknown as RootContent;
      frame.parent.children[frame.index] = raw as never;
      heights.set(raw as unknown as Nodes, 1);
    } else heights.set(node, own);
  }
  return tree;
}
