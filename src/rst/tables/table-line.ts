// One line of a plain-text table as the table parsers index it: by Python
// characters (code points), with every East Asian wide or full-width character
// followed by a pad column, so that a column index is a display column. Each
// column remembers the UTF-16 offset in the original line where it starts, so
// a cell cut out of the padded grid maps back to an exact SourceLine slice.
// (docutils pads the block with NUL characters and strips them again; keeping
// the offsets instead keeps positions exact.)

import { eastAsianWidthType } from 'get-east-asian-width';
import type { SourceLine } from '../source-lines.js';
import { sliceLine } from '../source-lines.js';

/** Marks the pad column after a wide character. Never part of the text. */
export const PAD = '\0';

export interface TableLine {
  /** The source line this table line was read from. */
  source: SourceLine;
  /** One entry per display column: a code point, or PAD after a wide one. */
  chars: string[];
  /** `offsets[k]`: UTF-16 index in `source.text` where column k starts; `offsets[chars.length]` is the end. */
  offsets: number[];
  /** Whether some character is a combining one (column indices then skip it). */
  hasCombining: boolean;
}

function isWide(char: string): boolean {
  const type = eastAsianWidthType(char.codePointAt(0)!);
  return type === 'wide' || type === 'fullwidth';
}

/** A combining character (docutils: `unicodedata.combining(c) != 0`). */
export function isCombining(char: string): boolean {
  return /^\p{Mn}$/u.test(char);
}

/**
 * Only the SourceLine fields: lines handed in may be richer objects (the block
 * parser's lines carry their indentation), and cells cut from them must not
 * carry stale extras into a nested parse.
 */
export function plainLine(line: SourceLine): SourceLine {
  return { text: line.text, source: line.source, line: line.line, column: line.column, offset: line.offset };
}

export function toTableLine(line: SourceLine): TableLine {
  const source = plainLine(line);
  const chars: string[] = [];
  const offsets: number[] = [];
  let index = 0;
  for (const char of source.text) {
    chars.push(char);
    offsets.push(index);
    index += char.length;
    if (isWide(char)) {
      chars.push(PAD);
      offsets.push(index);
    }
  }
  offsets.push(index);
  return { source, chars, offsets, hasCombining: chars.some(isCombining) };
}

/** The columns `[start, end)` as text, pads dropped. */
export function columnsText(line: TableLine, start = 0, end = line.chars.length): string {
  const from = Math.min(Math.max(start, 0), line.chars.length);
  const to = Math.min(Math.max(end, from), line.chars.length);
  return line.source.text.slice(line.offsets[from], line.offsets[to]);
}

/** The columns `[start, end)` as a SourceLine with an exact origin. */
export function columnsSlice(line: TableLine, start: number, end = line.chars.length): SourceLine {
  const from = Math.min(Math.max(start, 0), line.chars.length);
  const to = Math.min(Math.max(end, from), line.chars.length);
  return sliceLine(line.source, line.offsets[from]!, line.offsets[to]!);
}

/** The table line without `count` leading columns and without trailing whitespace columns. */
export function stripColumns(line: TableLine): TableLine {
  let start = 0;
  let end = line.chars.length;
  while (start < end && isPySpace(line.chars[start]!)) start++;
  while (end > start && isPySpace(line.chars[end - 1]!)) end--;
  return subLine(line, start, end);
}

/** The columns `[start, end)` as a table line of their own. */
export function subLine(line: TableLine, start: number, end: number): TableLine {
  const source = columnsSlice(line, start, end);
  const base = line.offsets[start]!;
  const chars = line.chars.slice(start, end);
  return {
    source,
    chars,
    offsets: line.offsets.slice(start, end + 1).map((offset) => offset - base),
    hasCombining: line.hasCombining && chars.some(isCombining),
  };
}

/** Python's str.isspace() for one character. */
export function isPySpace(char: string): boolean {
  return /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(char);
}

/** Whether columns `[start, end)` hold only whitespace (Python `not s[start:end].strip()`). */
export function isBlankColumns(chars: readonly string[], start = 0, end = chars.length): boolean {
  const to = Math.min(end, chars.length);
  for (let i = Math.max(start, 0); i < to; i++) {
    if (!isPySpace(chars[i]!)) return false;
  }
  return true;
}

/** Remove the pad marks of a padded string. */
export function unpad(value: string): string {
  return value.split(PAD).join('');
}
