// Positions in a text that holds tabs. The parser works on lines whose tabs are
// expanded to spaces (docutils' string2lines), so a column it computes counts
// expanded characters: `\t=====` puts the `=` at column 9, past the 6
// characters of the line. This maps every point back to the character it came
// from (its column and offset in the text as written), once, after the parse.
// Hand-written: it is the inverse of our own tab expansion.

import type { Point, RstElement } from '../nodes.js';
import { lineStartOffsets } from './lines.js';

/** For one line: the raw index of each expanded index (its last entry is the line's end). */
function rawIndexOfExpanded(raw: string, tabWidth: number): number[] {
  const map: number[] = [];
  let column = 0; // in code points, as the expansion counts tab stops
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x09) {
      const pad = tabWidth > 0 ? tabWidth - (column % tabWidth) : 0;
      for (let k = 0; k < pad; k++) map.push(i);
      column += pad;
    } else {
      map.push(i);
      // the low half of a surrogate pair does not advance the column
      if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && raw.charCodeAt(i - 1) >= 0xd800 && raw.charCodeAt(i - 1) <= 0xdbff)) column++;
    }
  }
  map.push(raw.length);
  return map;
}

/**
 * Rewrite the points of `root`'s nodes that lie on a line of `text` holding a
 * tab, from expanded columns to the columns and offsets of `text`. Nodes read
 * from another file (an include: `data.source`) are left alone.
 */
export function remapTabPositions(root: RstElement, text: string, tabWidth: number): void {
  const starts = lineStartOffsets(text);
  const maps = new Map<number, number[]>();
  const lengths: number[] = [];
  for (let line = 1; line <= starts.length; line++) {
    const from = starts[line - 1]!;
    const to = line < starts.length ? starts[line]! : text.length;
    const raw = text.slice(from, to).replace(/[\r\n\x1c-\x1e\x85\u2028\u2029]+$/, '');
    lengths.push(raw.length);
    if (raw.includes('\t')) maps.set(line, rawIndexOfExpanded(raw, tabWidth));
  }
  if (maps.size === 0) return;
  // Every point's offset is made again from its line and column: an offset
  // summed across lines (a directive's argument over two lines) may have
  // counted a tab line's expanded width even on a line that has no tab.
  const seen = new WeakSet<Point>();
  const fix = (point: Point): void => {
    if (seen.has(point)) return;
    seen.add(point);
    if (point.line < 1 || point.line > starts.length) return;
    const expanded = Math.max(0, point.column - 1);
    const map = maps.get(point.line);
    const rawIndex = map ? map[Math.min(expanded, map.length - 1)]! : Math.min(expanded, lengths[point.line - 1]!);
    point.column = rawIndex + 1;
    point.offset = starts[point.line - 1]! + rawIndex;
  };
  const stack: RstElement[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && typeof node.data?.['source'] === 'string') continue;
    if (node.position) {
      fix(node.position.start);
      fix(node.position.end);
    }
    for (const child of node.children) {
      if (child.type === 'text') {
        if (child.position) {
          fix(child.position.start);
          fix(child.position.end);
        }
      } else stack.push(child as RstElement);
    }
  }
}
