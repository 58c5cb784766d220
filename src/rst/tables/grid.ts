// Grid table structure (docutils' GridTableParser semantics):
//
//   +------------+----------+      Cells are traced from their top-left `+`:
//   | head 1     | head 2   |      right along `-` to a `+`, down along `|`
//   +============+==========+      to a `+`, left back along `-`, up along
//   | spans two  | cell     |      `|` to the start. Every `+` met on the way
//   + rows       +----------+      is a row or column boundary. Corners found
//   |            | cell     |      queue further cells, top to bottom.
//   +------------+----------+
//
// Hand-written: no npm package parses reStructuredText grid tables.

import { cellBlock } from './cell-block.js';
import { TableMarkupError, type TableCell, type TableRow, type TableStructure } from './structure.js';
import type { TableLine } from './table-line.js';

/** `+===+===+` (a line of `=` between `+`): the head/body separator. */
const HEAD_BODY_SEPARATOR = /^\+=[=+]+=\+ *$/;

interface TracedCell {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

class GridScanner {
  private readonly grid: string[][];
  private readonly bottom: number;
  private readonly right: number;
  /** For each text column, the last row index traced so far. */
  private readonly done: number[];
  readonly rowBoundaries = new Set<number>([0]);
  readonly colBoundaries = new Set<number>([0]);
  readonly cells: TracedCell[] = [];

  constructor(grid: string[][]) {
    this.grid = grid;
    this.bottom = grid.length - 1;
    this.right = grid[0]!.length - 1;
    this.done = new Array<number>(grid[0]!.length).fill(-1);
  }

  private at(row: number, col: number): string | undefined {
    return this.grid[row]?.[col];
  }

  scan(): void {
    const corners: [number, number][] = [[0, 0]];
    while (corners.length > 0) {
      const [top, left] = corners.shift()!;
      if (top === this.bottom || left === this.right || top <= this.done[left]!) continue;
      const traced = this.traceCell(top, left);
      if (!traced) continue;
      const { bottom, right, rows, cols } = traced;
      for (const row of rows) this.rowBoundaries.add(row);
      for (const col of cols) this.colBoundaries.add(col);
      for (let col = left; col < right; col++) this.done[col] = bottom - 1;
      this.cells.push({ top, left, bottom, right });
      corners.push([top, right], [bottom, left]);
      corners.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    }
    const last = this.bottom - 1;
    for (let col = 0; col < this.right; col++) {
      if (this.done[col] !== last) throw new TableMarkupError('Malformed table; parse incomplete.');
    }
  }

  /** Trace a cell clockwise from its top-left corner; undefined when it does not close. */
  private traceCell(top: number, left: number) {
    const cols: number[] = [];
    for (let right = left + 1; right <= this.right; right++) {
      const char = this.at(top, right);
      if (char === '+') {
        cols.push(right);
        const down = this.scanDown(top, left, right);
        if (down) return { bottom: down.bottom, right, rows: down.rows, cols: [...cols, ...down.cols] };
      } else if (char !== '-') {
        return undefined;
      }
    }
    return undefined;
  }

  private scanDown(top: number, left: number, right: number) {
    const rows: number[] = [];
    for (let bottom = top + 1; bottom <= this.bottom; bottom++) {
      const char = this.at(bottom, right);
      if (char === '+') {
        rows.push(bottom);
        const back = this.scanLeft(top, left, bottom, right);
        if (back) return { bottom, rows: [...rows, ...back.rows], cols: back.cols };
      } else if (char !== '|') {
        return undefined;
      }
    }
    return undefined;
  }

  private scanLeft(top: number, left: number, bottom: number, right: number) {
    const cols: number[] = [];
    for (let col = right - 1; col > left; col--) {
      const char = this.at(bottom, col);
      if (char === '+') cols.push(col);
      else if (char !== '-') return undefined;
    }
    if (this.at(bottom, left) !== '+') return undefined;
    const rows: number[] = [];
    for (let row = bottom - 1; row > top; row--) {
      const char = this.at(row, left);
      if (char === '+') rows.push(row);
      else if (char !== '|') return undefined;
    }
    return { rows, cols };
  }
}

/** Index of the head/body separator line, checked as docutils does. */
function findHeadBodySeparator(grid: string[][]): number | undefined {
  let separator: number | undefined;
  let index = 0;
  for (; index < grid.length; index++) {
    const line = grid[index]!.join('');
    if (!HEAD_BODY_SEPARATOR.test(line)) continue;
    if (separator) {
      throw new TableMarkupError(
        `Multiple head/body row separators (table lines ${separator + 1} and ${index + 1}); only one allowed.`,
        index,
      );
    }
    separator = index;
    grid[index] = grid[index]!.map((char) => (char === '=' ? '-' : char));
  }
  if (separator === 0 || separator === grid.length - 1) {
    throw new TableMarkupError(
      'The head/body row separator may not be the first or last line of the table.',
      index - 1,
    );
  }
  return separator;
}

/**
 * Parse a grid table block (lines stripped, all of equal width, first and last
 * lines borders). Throws TableMarkupError when the grid does not make a table.
 */
export function parseGridStructure(lines: readonly TableLine[]): TableStructure {
  const grid = lines.map((line) => [...line.chars]);
  const separator = findHeadBodySeparator(grid);
  const scanner = new GridScanner(grid);
  scanner.scan();

  const rowBoundaries = [...scanner.rowBoundaries].sort((a, b) => a - b);
  const colBoundaries = [...scanner.colBoundaries].sort((a, b) => a - b);
  const rowIndex = new Map(rowBoundaries.map((boundary, index) => [boundary, index]));
  const colIndex = new Map(colBoundaries.map((boundary, index) => [boundary, index]));
  const colwidths = colBoundaries.slice(1).map((boundary, index) => boundary - colBoundaries[index]! - 1);
  const rows: TableRow[] = rowBoundaries.slice(1).map(() => colwidths.map(() => null));

  for (const { top, left, bottom, right } of scanner.cells) {
    const row = rowIndex.get(top)!;
    const col = colIndex.get(left)!;
    if (rows[row]![col] !== null) {
      throw new TableMarkupError(`Malformed table; cell (row ${row + 1}, column ${col + 1}) already used.`);
    }
    const cell: TableCell = {
      morerows: rowIndex.get(bottom)! - row - 1,
      morecols: colIndex.get(right)! - col - 1,
      offset: top + 1,
      lines: cellBlock(lines.slice(top + 1, bottom), left + 1, right),
    };
    rows[row]![col] = cell;
  }

  if (separator) {
    const headCount = rowIndex.get(separator) ?? 0;
    return { colwidths, headRows: rows.slice(0, headCount), bodyRows: rows.slice(headCount) };
  }
  return { colwidths, headRows: [], bodyRows: rows };
}
