// The block parser's single hook into the table parsers (src/rst/tables/):
// hand them the lines from the table's top border on, as far as the table can
// possibly reach, and continue after the lines they used.

import type { RstElement } from '../nodes.js';
import { parseGridTable, parseSimpleTable } from '../tables/index.js';
import { parserState } from './directive.js';
import type { BlockLine } from './lines.js';
import type { Machine } from './machine.js';
import { simpleTableBorder } from './patterns.js';

export interface TableHookResult {
  nodes: RstElement[];
  /** Absolute index of the next line to parse. */
  next: number;
}

/**
 * Lines a table starting at `i` may use. A grid table is one text block (up
 * to a blank line); a simple table runs to its second border, or to a border
 * followed by a blank line. One more line is included so the table parser
 * can tell whether a blank line follows.
 */
function reach(m: Machine, i: number, kind: 'grid' | 'simple'): number {
  const b = m.block;
  if (kind === 'grid') {
    let k = i;
    while (k < b.end && !b.isBlank(k)) k++;
    return Math.min(k + 1, b.end);
  }
  let found = 0;
  for (let k = i + 1; k < b.end; k++) {
    if (b.isBlank(k) || b.indentAt(k) > 0) continue;
    if (simpleTableBorder.test(b.text(k))) {
      found++;
      if (found === 2 || k + 1 >= b.end || b.isBlank(k + 1)) return Math.min(k + 2, b.end);
    }
  }
  return b.end;
}

export function parseTable(m: Machine, i: number, kind: 'grid' | 'simple'): TableHookResult {
  const lines: BlockLine[] = m.block.toArray(i, reach(m, i, kind));
  const state = parserState(m);
  const result = kind === 'grid' ? parseGridTable(lines, state) : parseSimpleTable(lines, state);
  return { nodes: result.nodes, next: i + Math.max(result.consumed, 1) };
}
