// Finds the `<pre>` that shows each capture, and which line of which file each
// of its lines is. A block written in the guide (or in an included rst file,
// whose blocks are positioned on that file's lines) shows line `start + i` at
// its line i; a block a `:literal:` include brought in sits at the directive's
// line and shows the included file from its first line. Line numbers alone can
// match two blocks (the guide's and an included file's), so the block must
// also show the capture's first output line there (blanks aside: a block shows
// tabs expanded, the file has them as written).

import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { CapturePosition } from './positions.js';

export interface CaptureBlock {
  pre: Element;
  /** The element holding `pre`, and where. */
  parent: Root | Element;
  /** The file whose lines the block shows, and the line its first line is. */
  file: string;
  firstLine: number;
  /** The block's lines as shown. */
  lines: string[];
  /** The captures it shows, in order (a block with several `$ command` prompts shows several). */
  captures: CapturePosition[];
}

const words = (s: string | undefined) => (s ?? '').trim().split(/\s+/).join(' ');

/** Every `<pre>` with its parent, in document order. */
export function preBlocks(tree: Root): { pre: Element; parent: Root | Element }[] {
  const found: { pre: Element; parent: Root | Element }[] = [];
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children) if (child.type === 'element' && child.tagName === 'pre') found.push({ pre: child, parent });
    for (let i = parent.children.length - 1; i >= 0; i--) {
      const child = parent.children[i]!;
      if (child.type === 'element' && child.tagName !== 'pre') stack.push(child);
    }
  }
  return found;
}

export function findCaptureBlocks(tree: Root, positions: readonly CapturePosition[]): CaptureBlock[] {
  const blocks: CaptureBlock[] = [];
  const taken = new Set<CapturePosition>();
  for (const { pre, parent } of preBlocks(tree)) {
    const start = pre.position?.start.line;
    const end = pre.position?.end.line;
    if (start === undefined || end === undefined) continue;
    const lines = toString(pre).split('\n');
    let block: CaptureBlock | undefined;
    for (const p of positions) {
      if (taken.has(p)) continue;
      const shownLine = p.shownAt ? p.shownAt.guideLine : p.firstLine;
      if (shownLine < start || shownLine > end) continue;
      const index = p.shownAt ? p.firstLine - p.shownAt.firstLine : p.firstLine - start;
      if (words(lines[index]) !== words(p.text)) continue;
      const firstLine = p.shownAt ? p.shownAt.firstLine : start;
      if (block && (block.file !== p.file || block.firstLine !== firstLine)) continue;
      block ??= { pre, parent, file: p.file, firstLine, lines, captures: [] };
      block.captures.push(p);
      taken.add(p);
    }
    if (block) blocks.push(block);
  }
  return blocks;
}
