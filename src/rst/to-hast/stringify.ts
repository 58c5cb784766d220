// HTML for hast trees of any depth. rehype-stringify (hast-util-to-html)
// recurses once per level, so a 5,000-deep tree (nested block quotes are legal
// rst) overflows the call stack. `rehypeSliceDeep` runs just before
// rehype-stringify: bottom-up, every element whose subtree reaches SLICE_HEIGHT
// levels is written by hast-util-to-html itself and replaced by a `raw` node,
// so no single call recurses deeper than SLICE_HEIGHT. Shallow trees (every real
// page) are left alone. rehype-stringify must then run with
// `allowDangerousHtml: true` (see stringifyOptions), and its output go through
// `expandSlices`.
//
// The raw node holds a marker, not the slice's HTML: hast-util-to-html joins
// every level's content into a new string, so a slice holding all the HTML
// below it would be copied once per level above it — quadratic time and
// gigabytes of garbage for a 10,000-deep list. The slices are stitched once,
// at the end.

import { randomBytes } from 'node:crypto';
import type { Element, Nodes, Parents, Root, RootContent } from 'hast';
import { toHtml, type Options } from 'hast-util-to-html';
import type { VFile } from 'vfile';

/** Levels serialized by one toHtml call: far below V8's default stack (~10,000 frames of toHtml's 3-4 functions). */
const SLICE_HEIGHT = 400;

/** The HTML of the slices of one tree, and the marker that stands for slice `i` in the HTML around it. */
export interface HtmlSlices {
  slices: string[];
  /** `\uE000<nonce>:<i>\uE000`: private-use characters and a random nonce, which no document holds. */
  pattern: RegExp;
  marker(i: number): string;
}

declare module 'vfile' {
  interface DataMap {
    /** Set by rehypeSliceDeep when the tree was deep: pass the stringified HTML through expandSlices. */
    htmlSlices: HtmlSlices;
  }
}

/**
 * The options for both rehypeSliceDeep and rehype-stringify. Raw nodes are
 * written as they are: the slices hold HTML toHtml itself wrote (already
 * escaped), and the rst → hast step only makes a raw node for a `raw`
 * directive when the caller enabled raw output.
 */
export function stringifyOptions(options: Options = {}): Options {
  return { ...options, allowDangerousHtml: true };
}

/** unified plugin (before rehype-stringify): deep subtrees become raw HTML slices (then `expandSlices` the output). */
export function rehypeSliceDeep(options: Options = {}) {
  const settings = stringifyOptions(options);
  return function transformer(tree: Root, file?: VFile): Root {
    if (height(tree) < SLICE_HEIGHT) return tree;
    const slices = newSlices();
    if (file) file.data.htmlSlices = slices;
    return sliceDeep(tree, settings, slices);
  };
}

/** HTML of `tree`, as rehype-stringify writes it, without deep recursion. */
export function stringifyDeep(tree: Root, options: Options = {}): string {
  const settings = stringifyOptions(options);
  if (height(tree) < SLICE_HEIGHT) return toHtml(tree, settings);
  const slices = newSlices();
  return expandSlices(toHtml(sliceDeep(tree, settings, slices), settings), slices);
}

function newSlices(): HtmlSlices {
  const nonce = randomBytes(6).toString('hex');
  return {
    slices: [],
    pattern: new RegExp(`\uE000${nonce}:(\\d+)\uE000`, 'g'),
    marker: (i) => `\uE000${nonce}:${i}\uE000`,
  };
}

/** The whole HTML: every marker replaced by its slice (slices hold markers of deeper slices), in one pass, iteratively. */
export function expandSlices(html: string, slices: HtmlSlices | undefined): string {
  if (!slices || slices.slices.length === 0) return html;
  const out: string[] = [];
  const stack: { text: string; at: number }[] = [{ text: html, at: 0 }];
  const pattern = slices.pattern;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    pattern.lastIndex = frame.at;
    const m = pattern.exec(frame.text);
    if (!m) {
      out.push(frame.text.slice(frame.at));
      stack.pop();
      continue;
    }
    out.push(frame.text.slice(frame.at, m.index));
    frame.at = m.index + m[0].length;
    stack.push({ text: slices.slices[Number(m[1])]!, at: 0 });
  }
  return out.join('');
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
 * SLICE_HEIGHT high is serialized into `slices` and replaced in its parent by
 * a raw node holding its marker.
 */
function sliceDeep(tree: Root, options: Options, slices: HtmlSlices): Root {
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
      slices.slices.push(toHtml(node as Element, options));
      const raw = { type: 'raw', value: slices.marker(slices.slices.length - 1) } as unknown as RootContent;
      frame.parent.children[frame.index] = raw as never;
      heights.set(raw as unknown as Nodes, 1);
    } else heights.set(node, own);
  }
  return tree;
}
