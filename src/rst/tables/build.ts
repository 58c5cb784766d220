// Table structure → docutils nodes: table > tgroup(cols) > colspec(colwidth)…
// thead? > row > entry(morerows, morecols), tbody > row > entry. Each cell's
// text is parsed as body elements into its entry (docutils' build_table).

import type { ParserState } from '../directives/types.js';
import { element, span, type Position, type RstElement } from '../nodes.js';
import { linesPosition } from '../source-lines.js';
import type { TableRow, TableStructure } from './structure.js';

/** What building a table needs from the block parser (a ParserState will do). */
export type TableContext = Pick<ParserState, 'document' | 'nestedParse'>;

export interface BuildTableOptions {
  /** The first N columns are stub (row-header) columns. */
  stubColumns?: number;
  /** `auto`, `grid` or explicit widths: adds the colwidths-auto / colwidths-given class. */
  widths?: 'auto' | 'grid' | number[] | '';
  /** Position of the whole table (the block it was read from). */
  position?: Position;
}

function buildRow(cells: TableRow, state: TableContext, fallback: Position | undefined): RstElement {
  const row = element('row');
  for (const cell of cells) {
    if (!cell) continue;
    const attributes: Record<string, number> = {};
    if (cell.morerows) attributes.morerows = cell.morerows;
    if (cell.morecols) attributes.morecols = cell.morecols;
    const first = cell.lines[0];
    const last = cell.lines[cell.lines.length - 1];
    const entry = element('entry', attributes, [], first && last ? linesPosition(first, last) : fallback);
    row.children.push(entry);
    // An empty cell stays an empty entry; anything else is parsed as body elements.
    if (cell.lines.some((line) => line.text !== '')) state.nestedParse(cell.lines, entry);
  }
  const entries = row.children as RstElement[];
  row.position = span(entries[0]?.position, entries[entries.length - 1]?.position) ?? fallback;
  return row;
}

function group(type: string, rows: RstElement[], fallback: Position | undefined): RstElement {
  return element(type, {}, rows, span(rows[0]?.position, rows[rows.length - 1]?.position) ?? fallback);
}

export function buildTable(structure: TableStructure, state: TableContext, options: BuildTableOptions = {}): RstElement {
  const { position } = options;
  const table = element('table', {}, [], position);
  if (options.widths === 'auto') table.attributes.classes = ['colwidths-auto'];
  else if (options.widths) table.attributes.classes = ['colwidths-given'];
  const tgroup = element('tgroup', { cols: structure.colwidths.length }, [], position);
  table.children.push(tgroup);
  let stubs = options.stubColumns ?? 0;
  for (const width of structure.colwidths) {
    const colspec = element('colspec', { colwidth: width }, [], position);
    if (stubs > 0) {
      colspec.attributes.stub = 1;
      stubs--;
    }
    tgroup.children.push(colspec);
  }
  if (structure.headRows.length > 0) {
    const rows = structure.headRows.map((cells) => buildRow(cells, state, position));
    tgroup.children.push(group('thead', rows, position));
  }
  const rows = structure.bodyRows.map((cells) => buildRow(cells, state, position));
  tgroup.children.push(group('tbody', rows, position));
  return table;
}
