// Simple table structure (docutils' SimpleTableParser semantics):
//
//   =====  =====     The top border fixes the columns (runs of `=`).
//   col 1  col 2     An optional `=` border ends the head rows.
//   =====  =====     A row starts at a line with text in the first column;
//   1      first     lines with a blank first column continue it.
//   2      second    A `-` underline ends a row and may join columns
//   ------------     (column spans); the last column may run on to the right.
//   3      third     Text between columns is an error.
//   =====  =====
//
// Hand-written: no npm package parses reStructuredText simple tables.

import { cellBlock } from './cell-block.js';
import { TableMarkupError, type TableCell, type TableStructure } from './structure.js';
import { isBlankColumns, isCombining, type TableLine } from './table-line.js';

/** A column as [start, end) display columns. */
type Column = [number, number];

/** `=` runs separated by blanks: the head/body border. */
const BORDER = /^=[ =]*$/;
/** `-` runs separated by blanks: a row end / column-span underline. */
const SPAN_UNDERLINE = /^-[ -]*$/;

function text(chars: readonly string[]): string {
  return chars.join('');
}

function rstrip(chars: readonly string[]): string[] {
  let end = chars.length;
  while (end > 0 && /\s/.test(chars[end - 1]!)) end--;
  return chars.slice(0, end);
}

class SimpleTableParser {
  /** The block as columns of characters; borders rewritten from `=` to `-`. */
  private readonly grid: string[][];
  private columns: Column[] = [];
  private borderEnd = 0;
  private headBodySeparator: number | undefined;
  private readonly rows: TableCell[][] = [];

  constructor(private readonly lines: readonly TableLine[]) {
    this.grid = lines.map((line) => [...line.chars]);
    const dashes = (chars: string[]) => chars.map((char) => (char === '=' ? '-' : char));
    this.grid[0] = dashes(this.grid[0]!);
    this.grid[this.grid.length - 1] = dashes(this.grid[this.grid.length - 1]!);
  }

  parse(): TableStructure {
    this.findHeadBodySeparator();
    this.parseRows();
    const colwidths = this.columns.map(([start, end]) => end - start);
    let firstBodyRow = 0;
    if (this.headBodySeparator) {
      const index = this.rows.findIndex((row) => row[0]!.offset > this.headBodySeparator!);
      if (index >= 0) firstBodyRow = index;
    }
    return {
      colwidths,
      headRows: this.rows.slice(0, firstBodyRow),
      bodyRows: this.rows.slice(firstBodyRow),
    };
  }

  private findHeadBodySeparator(): void {
    let index = 0;
    for (; index < this.grid.length; index++) {
      if (!BORDER.test(text(this.grid[index]!))) continue;
      if (this.headBodySeparator) {
        throw new TableMarkupError(
          `Multiple head/body row separators (table lines ${this.headBodySeparator + 1} and ${index + 1}); only one allowed.`,
          index,
        );
      }
      this.headBodySeparator = index;
      this.grid[index] = this.grid[index]!.map((char) => (char === '=' ? '-' : char));
    }
    if (this.headBodySeparator === 0 || this.headBodySeparator === this.grid.length - 1) {
      throw new TableMarkupError(
        'The head/body row separator may not be the first or last line of the table.',
        index - 1,
      );
    }
  }

  private parseRows(): void {
    this.columns = this.parseColumns(this.grid[0]!, 0);
    this.borderEnd = this.columns[this.columns.length - 1]![1];
    const [firstStart, firstEnd] = this.columns[0]!;
    let start = 1;
    let textFound = false;
    for (let offset = 1; offset < this.grid.length; offset++) {
      const chars = this.grid[offset]!;
      if (SPAN_UNDERLINE.test(text(chars))) {
        // An underline (or the bottom border) completes the row above it.
        this.parseRow(start, offset, { chars: rstrip(chars), offset });
        start = offset + 1;
        textFound = false;
      } else if (!isBlankColumns(chars, firstStart, firstEnd)) {
        // Text in the first column starts a new row.
        if (textFound && offset !== start) this.parseRow(start, offset);
        start = offset;
        textFound = true;
      } else if (!textFound) {
        start = offset + 1;
      }
    }
  }

  /** The columns of an underline: runs of `-`. */
  private parseColumns(chars: readonly string[], offset: number): Column[] {
    const line = text(chars);
    const columns: Column[] = [];
    let end = 0;
    for (;;) {
      const begin = line.indexOf('-', end);
      if (begin < 0) break;
      end = line.indexOf(' ', begin);
      if (end < 0) end = line.length;
      columns.push([begin, end]);
    }
    if (this.columns.length > 0) {
      if (columns[columns.length - 1]![1] !== this.borderEnd) {
        throw new TableMarkupError(`Column span incomplete in table line ${offset + 1}.`, offset);
      }
      // The rightmost column stays open to the right.
      columns[columns.length - 1] = [columns[columns.length - 1]![0], this.columns[this.columns.length - 1]![1]];
    }
    return columns;
  }

  private parseRow(start: number, end: number, underline?: { chars: string[]; offset: number }): void {
    if (start >= end && !underline) return; // only blank lines
    const columns = underline ? this.parseColumns(underline.chars, underline.offset) : this.columns.map((c): Column => [...c]);
    this.checkColumns(start, end, columns);
    const cells = this.initRow(columns, start);
    const lines = this.lines.slice(start, end);
    columns.forEach(([left, right], index) => {
      cells[index]!.lines = cellBlock(lines, left, right);
    });
    this.rows.push(cells);
  }

  /**
   * Text between columns is an error; text past the last column widens it
   * (and the table's last column).
   */
  private checkColumns(first: number, end: number, columns: Column[]): void {
    const lastColumn = columns.length - 1;
    const lines = this.grid.slice(first, end).map((chars) => chars.filter((char) => !isCombining(char)));
    for (let i = 0; i < columns.length; i++) {
      const [start, stop] = columns[i]!;
      const nextStart = i < lastColumn ? columns[i + 1]![0] : Number.MAX_SAFE_INTEGER;
      lines.forEach((chars, offset) => {
        if (i === lastColumn && !isBlankColumns(chars, stop)) {
          const newEnd = start + rstrip(chars.slice(start)).length;
          const [mainStart, mainEnd] = this.columns[this.columns.length - 1]!;
          columns[i] = [start, Math.max(mainEnd, newEnd)];
          if (newEnd > mainEnd) this.columns[this.columns.length - 1] = [mainStart, newEnd];
        } else if (!isBlankColumns(chars, stop, nextStart)) {
          throw new TableMarkupError(`Text in column margin in table line ${first + offset + 1}.`, first + offset);
        }
      });
    }
  }

  /** Cells for a row's columns; a column spanning several table columns gets morecols. */
  private initRow(columns: readonly Column[], offset: number): TableCell[] {
    const cells: TableCell[] = [];
    let index = 0;
    for (const [start, end] of columns) {
      let morecols = 0;
      if (this.columns[index]?.[0] !== start) throw this.alignmentError(offset);
      while (end !== this.columns[index]![1]) {
        index++;
        morecols++;
        if (index >= this.columns.length) throw this.alignmentError(offset);
      }
      cells.push({ morerows: 0, morecols, offset, lines: [] });
      index++;
    }
    return cells;
  }

  private alignmentError(offset: number): TableMarkupError {
    return new TableMarkupError(`Column span alignment problem in table line ${offset + 2}.`, offset + 1);
  }
}

/**
 * Parse a simple table block (top border to bottom border). Throws
 * TableMarkupError when the columns do not line up.
 */
export function parseSimpleStructure(lines: readonly TableLine[]): TableStructure {
  return new SimpleTableParser(lines).parse();
}
