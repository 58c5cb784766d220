// Finding where a table block ends in the body text, as docutils' Body state
// does before it parses a table: a grid table is a text block flush left
// with `+`/`|` edges and a border as its last line; a simple table runs from
// its top border to the second border (or the first one followed by a blank
// line or the end of input). What is not a table becomes "Malformed table."

import type { Document } from '../document.js';
import { element, text, type RstElement } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';
import { isBlankColumns, stripColumns, toTableLine, unpad, type TableLine } from './table-line.js';

/** `+--+---+`: top (and bottom) border of a grid table. */
export const GRID_TABLE_TOP = /^\+-[-+]+-\+ *$/;
/** `===  ===`: top border of a simple table (at least two columns). */
export const SIMPLE_TABLE_TOP = /^=+( +=+)+ *$/;
/** `=====` runs: a simple table's bottom or head/body border. */
const SIMPLE_TABLE_BORDER = /^=+[ =]*$/;

export interface IsolatedTable {
  /** The table's lines, or undefined when they do not make a table. */
  block?: TableLine[];
  /** Errors found while isolating (unexpected indentation, malformed table). */
  messages: RstElement[];
  /** Whether the table is followed by a blank line or the end of input. */
  blankFinish: boolean;
  /** Lines used from the start of the input; parsing resumes after them. */
  consumed: number;
}

function isBlank(line: SourceLine): boolean {
  return isBlankColumns([...line.text]);
}

/** The "Malformed table." error with the table text (docutils' malformed_table). */
export function malformedTable(
  document: Document,
  block: readonly TableLine[],
  detail = '',
  offset = 0,
): RstElement {
  const data = block.map((line) => unpad(line.source.text)).join('\n');
  const first = block[Math.min(offset, block.length - 1)]?.source;
  return document.reporter.error(detail ? `Malformed table.\n${detail}` : 'Malformed table.', {
    source: first?.source,
    line: first?.line,
    column: first?.column,
    children: [element('literal_block', {}, [text(data)])],
  });
}

/**
 * Grid table: `lines` start at the top border and run to the end of the
 * current input.
 */
export function isolateGridTable(document: Document, lines: readonly SourceLine[]): IsolatedTable {
  const messages: RstElement[] = [];
  let blankFinish = true;
  // The text block: up to a blank line; an indented line ends it with an error.
  let end = 0;
  while (end < lines.length && !isBlank(lines[end]!)) {
    const line = lines[end]!;
    if (line.text.startsWith(' ')) {
      messages.push(
        document.reporter.error('Unexpected indentation.', { source: line.source, line: line.line, column: line.column }),
      );
      blankFinish = false;
      break;
    }
    end++;
  }
  let block = lines.slice(0, end).map((line) => stripColumns(toTableLine(line)));
  let consumed = block.length;
  const width = block[0]!.chars.length;

  // The left edge: a line not starting with `+` or `|` ends the table.
  const leftBreak = block.findIndex((line) => line.chars[0] !== '+' && line.chars[0] !== '|');
  if (leftBreak >= 0) {
    blankFinish = false;
    block = block.slice(0, leftBreak);
    consumed = leftBreak;
  }

  // The bottom border; failing that, the last border line from the third line on.
  if (!GRID_TABLE_TOP.test(block[block.length - 1]!.chars.join(''))) {
    blankFinish = false;
    let bottom = -1;
    for (let i = block.length - 2; i > 1; i--) {
      if (GRID_TABLE_TOP.test(block[i]!.chars.join(''))) {
        bottom = i;
        break;
      }
    }
    if (bottom < 0) {
      messages.push(malformedTable(document, block));
      return { messages, blankFinish, consumed };
    }
    // docutils 0.19 backs up one line too far here: the two lines before the
    // found border are read again after the table. Kept for conformance.
    consumed = bottom - 1;
    block = block.slice(0, bottom + 1);
  }

  // The right edge: every line as wide as the top, ending in `+` or `|`.
  for (const line of block) {
    const last = line.chars[line.chars.length - 1];
    if (line.chars.length !== width || (last !== '+' && last !== '|')) {
      messages.push(malformedTable(document, block));
      return { messages, blankFinish, consumed };
    }
  }
  return { block, messages, blankFinish, consumed };
}

/**
 * Simple table: `lines` start at the top border and run to the end of the
 * current input.
 */
export function isolateSimpleTable(document: Document, lines: readonly SourceLine[]): IsolatedTable {
  const limit = lines.length - 1;
  const topLength = stripColumns(toTableLine(lines[0]!)).chars.length;
  const followedByBlank = (i: number) => i === limit || isBlank(lines[i + 1]!);
  let found = 0;
  let foundAt = -1;
  let end = -1;
  for (let i = 1; i <= limit; i++) {
    const line = lines[i]!;
    if (!SIMPLE_TABLE_BORDER.test(line.text)) continue;
    if (stripColumns(toTableLine(line)).chars.length !== topLength) {
      const block = lines.slice(0, i + 1).map(toTableLine);
      return {
        messages: [malformedTable(document, block, 'Bottom/header table border does not match top border.')],
        blankFinish: followedByBlank(i),
        consumed: i + 1,
      };
    }
    found++;
    foundAt = i;
    if (found === 2 || followedByBlank(i)) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    const extra = found ? ' or no blank line after table bottom' : '';
    const block = (found ? lines.slice(0, foundAt + 1) : lines).map(toTableLine);
    return {
      messages: [malformedTable(document, block, `No bottom table border found${extra}.`)],
      blankFinish: !found,
      consumed: block.length,
    };
  }
  return {
    block: lines.slice(0, end + 1).map(toTableLine),
    messages: [],
    blankFinish: followedByBlank(end),
    consumed: end + 1,
  };
}
