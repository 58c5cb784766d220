// Grid and simple tables of reStructuredText, as docutils 0.19 reads them.
//
// API for the block parser (stable):
//
//   GRID_TABLE_TOP, SIMPLE_TABLE_TOP
//       The patterns of a table's first line (test them on the line as the
//       body state sees it, i.e. after the block's indentation is removed).
//       docutils tries them after line blocks and before explicit markup.
//
//   parseGridTable(lines, context)  /  parseSimpleTable(lines, context)
//       `lines`: the input from the table's top border to the END of the
//       current input block (not just the text block: a simple table may
//       contain blank lines). `context`: { document, nestedParse } — a
//       ParserState will do; each non-empty cell is handed to
//       `context.nestedParse(cellLines, entry)` (titles off). The call may
//       just record (cellLines, entry) and parse them later: the entry
//       elements are already in the returned tree. Returns
//         { nodes, consumed, blankFinish }
//       `nodes`: what to append to the parent, in docutils' order: the
//       `table` (or a "Malformed table." error), any isolation errors
//       ("Unexpected indentation."), and the WARNING "Blank line required
//       after table." when the table is not followed by a blank line
//       (`blankFinish` false; the caller adds nothing itself).
//       `consumed`: how many lines of `lines` the table used; continue
//       parsing at lines[consumed] (docutils' quirks included: after a grid
//       table whose bottom was found early, lines inside it are read again).
//
//   buildTable(structure, state, options)
//       Builds table > tgroup > colspec… thead/tbody > row > entry from a
//       TableStructure (used by csv-table too).
//
//   parseGridStructure(tableLines) / parseSimpleStructure(tableLines)
//       The pure parsers (TableLine[] from toTableLine) returning a
//       TableStructure or throwing TableMarkupError; handy for tests.

import type { RstElement } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';
import { linesPosition } from '../source-lines.js';
import { buildTable, type TableContext } from './build.js';
import { parseGridStructure } from './grid.js';
import { isolateGridTable, isolateSimpleTable, malformedTable, type IsolatedTable } from './isolate.js';
import { parseSimpleStructure } from './simple.js';
import { TableMarkupError, type TableStructure } from './structure.js';
import type { TableLine } from './table-line.js';

export { GRID_TABLE_TOP, SIMPLE_TABLE_TOP } from './isolate.js';
export { buildTable, type BuildTableOptions } from './build.js';
export { parseGridStructure } from './grid.js';
export { parseSimpleStructure } from './simple.js';
export { TableMarkupError, type TableCell, type TableRow, type TableStructure } from './structure.js';
export { toTableLine, type TableLine } from './table-line.js';

export type { TableContext } from './build.js';

export interface TableBlockResult {
  nodes: RstElement[];
  consumed: number;
  blankFinish: boolean;
}

function parseTable(
  lines: readonly SourceLine[],
  state: TableContext,
  isolate: (document: TableContext['document'], lines: readonly SourceLine[]) => IsolatedTable,
  parse: (block: readonly TableLine[]) => TableStructure,
): TableBlockResult {
  const { document } = state;
  const isolated = isolate(document, lines);
  const nodes: RstElement[] = [];
  if (isolated.block) {
    const block = isolated.block;
    try {
      const structure = parse(block);
      const position = linesPosition(block[0]!.source, block[block.length - 1]!.source);
      nodes.push(buildTable(structure, state, { position }));
    } catch (error) {
      if (!(error instanceof TableMarkupError)) throw error;
      nodes.push(malformedTable(document, block, error.message, error.offset));
    }
  }
  nodes.push(...isolated.messages);
  if (!isolated.blankFinish) {
    const last = lines[Math.max(isolated.consumed, 1) - 1]!;
    nodes.push(
      document.reporter.warning('Blank line required after table.', { source: last.source, line: last.line + 1 }),
    );
  }
  return { nodes, consumed: isolated.consumed, blankFinish: isolated.blankFinish };
}

/** A grid table (`+---+` borders) starting at lines[0]. */
export function parseGridTable(lines: readonly SourceLine[], state: TableContext): TableBlockResult {
  return parseTable(lines, state, isolateGridTable, parseGridStructure);
}

/** A simple table (`===  ===` borders) starting at lines[0]. */
export function parseSimpleTable(lines: readonly SourceLine[], state: TableContext): TableBlockResult {
  return parseTable(lines, state, isolateSimpleTable, parseSimpleStructure);
}
