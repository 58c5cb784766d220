// The data a plain-text table parser hands to the table builder (docutils'
// "tabledata"): column widths, head rows and body rows, each row a list of
// cells, `null` where a cell spanning from the left or from above covers
// the place. Each cell's text is a list of SourceLines with exact origins.

import type { SourceLine } from '../source-lines.js';

export interface TableCell {
  /** Extra rows the cell spans (docutils' morerows). */
  morerows: number;
  /** Extra columns the cell spans (docutils' morecols). */
  morecols: number;
  /** Index in the table block of the cell's first text line. */
  offset: number;
  /** The cell's text, cut out of the table and dedented. */
  lines: SourceLine[];
}

export type TableRow = (TableCell | null)[];

export interface TableStructure {
  /** Width of each column in characters (East Asian wide characters count two). */
  colwidths: number[];
  headRows: TableRow[];
  bodyRows: TableRow[];
}

/**
 * The table markup is broken. `offset` is the index in the table block of the
 * line to report (docutils' TableMarkupError).
 */
export class TableMarkupError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
    this.name = 'TableMarkupError';
  }
}
