// Cutting one cell's text out of a table block: a rectangle of columns
// [left, right) over some lines, each line right-stripped, the common
// indentation of the non-blank lines removed (docutils' `get_2D_block`).
// Combining characters take no column, so column indices skip them.

import type { SourceLine } from '../source-lines.js';
import { trimStart } from '../source-lines.js';
import { columnsSlice, isCombining, isPySpace, type TableLine } from './table-line.js';

/** Index into `line.chars` of display column `column` (combining characters skipped). */
function charIndex(line: TableLine, column: number): number {
  let seen = 0;
  for (let i = 0; i < line.chars.length; i++) {
    if (isCombining(line.chars[i]!)) continue;
    if (seen === column) return i;
    seen++;
  }
  // Past the last character: keep counting columns beyond the end.
  return column + (line.chars.length - seen);
}

export function cellBlock(lines: readonly TableLine[], left: number, right: number): SourceLine[] {
  const cut: SourceLine[] = [];
  let indent = right;
  for (const line of lines) {
    const from = charIndex(line, left);
    let to = Math.min(charIndex(line, right), line.chars.length);
    while (to > from && isPySpace(line.chars[to - 1]!)) to--;
    const slice = columnsSlice(line, from, Math.max(from, to));
    if (slice.text) {
      let lead = 0;
      while (lead < slice.text.length && isPySpace(slice.text[lead]!)) lead++;
      indent = Math.min(indent, lead);
    }
    cut.push(slice);
  }
  if (indent > 0 && indent < right) return cut.map((line) => trimStart(line, Math.min(indent, line.text.length)));
  return cut;
}
