// Cutting one cell's text out of a table block: a rectangle of columns
// [left, right) over some lines, each line right-stripped, the common
// indentation of the non-blank lines removed (docutils' `get_2D_block`).
// Combining characters take no column, so column indices skip them.

import type { SourceLine } from '../source-lines.js';
import { trimStart } from '../source-lines.js';
import { columnsSlice, isCombining, isPySpace, type TableLine } from './table-line.js';

/** Indices into `line.chars` of the characters that take a column (combining characters skipped). */
function columnIndices(line: TableLine): number[] {
  const indices: number[] = [];
  line.chars.forEach((char, index) => {
    if (!isCombining(char)) indices.push(index);
  });
  return indices;
}

export function cellBlock(lines: readonly TableLine[], left: number, right: number): SourceLine[] {
  const cut: SourceLine[] = [];
  let indent = right;
  // docutils maps the column bounds to string indices line by line and keeps
  // the mapped values for the next line; with combining characters that
  // shifts the cut on later lines. Reproduced for conformance.
  let from = left;
  let to = right;
  for (const line of lines) {
    if (line.hasCombining) {
      const indices = columnIndices(line);
      const missing = line.chars.length - indices.length;
      from = indices[from] ?? from + missing;
      to = indices[to] ?? to + missing;
    }
    let end = Math.min(to, line.chars.length);
    const start = Math.min(from, line.chars.length);
    while (end > start && isPySpace(line.chars[end - 1]!)) end--;
    const slice = columnsSlice(line, start, Math.max(start, end));
    if (slice.text) {
      let lead = 0;
      while (lead < slice.text.length && isPySpace(slice.text[lead]!)) lead++;
      indent = Math.min(indent, lead);
    }
    cut.push(slice);
  }
  if (indent > 0 && indent < to) return cut.map((line) => trimStart(line, Math.min(indent, line.text.length)));
  return cut;
}
