// Lines of source text that remember where they came from. Block parsing
// strips indentation and recurses into nested blocks and included files, so a
// line's text no longer starts at column 1 of the file it was read from; each
// line keeps its origin so every node can get an exact unist position.
// (docutils does the same with StringList items of (source, offset).)

import type { Point, Position } from './nodes.js';

export interface SourceLine {
  /** The line's text (no newline), possibly dedented. */
  text: string;
  /** File the line was read from (the including file for most lines). */
  source: string;
  /** 1-based line number in `source`. */
  line: number;
  /** 1-based column in `source` of `text[0]`. */
  column: number;
  /** 0-based offset in `source` of `text[0]`. */
  offset: number;
}

/** Split a whole file into SourceLines (`\r\n` and `\r` become line breaks). */
export function toSourceLines(value: string, source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  let line = 1;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value)) !== null) {
    lines.push({ text: value.slice(start, match.index), source, line, column: 1, offset: start });
    start = match.index + match[0].length;
    line++;
  }
  if (start < value.length) lines.push({ text: value.slice(start), source, line, column: 1, offset: start });
  return lines;
}

/** Drop `count` characters from the start of a line, keeping its origin exact. */
export function trimStart(line: SourceLine, count: number): SourceLine {
  if (count <= 0) return line;
  return { ...line, text: line.text.slice(count), column: line.column + count, offset: line.offset + count };
}

/** Keep `[start, end)` of a line's text. */
export function sliceLine(line: SourceLine, start: number, end = line.text.length): SourceLine {
  return { ...trimStart(line, start), text: line.text.slice(start, end) };
}

/** The point of character `index` of a line. */
export function pointAt(line: SourceLine, index = 0): Point {
  return { line: line.line, column: line.column + index, offset: line.offset + index };
}

/** Position covering whole lines `first` … `last` (inclusive). */
export function linesPosition(first: SourceLine, last: SourceLine = first): Position {
  return { start: pointAt(first, 0), end: pointAt(last, last.text.length) };
}

/**
 * Map an index into `lines.map(l => l.text).join('\n')` back to a source point.
 * Inline parsing works on joined text; this keeps its nodes' positions exact.
 */
export function pointInJoined(lines: readonly SourceLine[], index: number): Point {
  let rest = index;
  for (let i = 0; i < lines.length; i++) {
    const length = lines[i]!.text.length;
    if (rest <= length || i === lines.length - 1) return pointAt(lines[i]!, Math.min(rest, length));
    rest -= length + 1;
  }
  return { line: 1, column: 1, offset: 0 };
}
