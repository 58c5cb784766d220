// Input lines for the block parser, and cheap views of indented blocks.
// Hand-written: this is docutils' StringList/get_indented behaviour, kept
// linear-time. A nested block (a block quote inside a block quote …) is a view
// (`Block`) over the same line array with a left shift, so 5,000 levels of
// nesting never copy or re-scan the text of a line more than once per level.

import type { SourceLine } from '../source-lines.js';

/** A source line after tab expansion and right-strip, with its indentation counted once. */
export interface BlockLine extends SourceLine {
  /** Leading spaces of `text` (equal to `text.length` only for the empty, blank line). */
  indent: number;
}

/** Python's str.isspace() characters: what `rstrip()` removes. */
const PY_TRAILING_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
/** Python's str.splitlines() boundaries (after \v and \f became spaces). */
const LINE_BREAK = /\r\n|[\n\r\x1c-\x1e\x85\u2028\u2029]/g;

/** Python's `str.expandtabs(width)`. */
export function expandTabs(text: string, width: number): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const char of text) {
    if (char === '\t') {
      const pad = width > 0 ? width - (column % width) : 0;
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += char;
      column = char === '\n' || char === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

function countIndent(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}

export function makeLine(text: string, origin: Omit<SourceLine, 'text'>): BlockLine {
  return { ...origin, text, indent: countIndent(text) };
}

/**
 * docutils' string2lines: \v and \f become spaces, tabs are expanded, every
 * line is right-stripped. Positions stay those of the original text.
 */
export function toBlockLines(value: string, source: string, tabWidth: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let start = 0;
  let line = 1;
  const push = (end: number) => {
    const raw = value.slice(start, end).replace(/[\v\f]/g, ' ');
    const text = expandTabs(raw, tabWidth).replace(PY_TRAILING_SPACE, '');
    lines.push(makeLine(text, { source, line, column: 1, offset: start }));
  };
  LINE_BREAK.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINE_BREAK.exec(value)) !== null) {
    push(match.index);
    start = match.index + match[0].length;
    line++;
  }
  if (start < value.length) push(value.length);
  return lines;
}

/** Lines given by someone else (a directive's content, an included file) as BlockLines. */
export function fromSourceLines(lines: readonly SourceLine[]): BlockLine[] {
  return lines.map((l) => ('indent' in l ? (l as BlockLine) : makeLine(l.text, l)));
}

/** `line` with its first `count` characters removed (positions kept exact). */
export function shiftLine(line: BlockLine, count: number): BlockLine {
  if (count <= 0) return line;
  if (line.text.length === 0) return line;
  const text = line.text.slice(count);
  return {
    source: line.source,
    line: line.line,
    column: line.column + count,
    offset: line.offset + count,
    text,
    indent: line.indent >= count ? line.indent - count : countIndent(text),
  };
}

/**
 * A window `[start, end)` of a shared line array, every line shifted left by
 * `shift` columns, and optionally a replacement for the first line (a list
 * item's text after its bullet).
 */
export class Block {
  constructor(
    readonly lines: readonly BlockLine[],
    readonly start: number,
    readonly end: number,
    readonly shift = 0,
    readonly first: BlockLine | null = null,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  /** Line at absolute index `i` of the shared array, as this block sees it. */
  at(i: number): BlockLine {
    if (i === this.start && this.first) return this.first;
    return shiftLine(this.lines[i]!, this.shift);
  }

  text(i: number): string {
    if (i === this.start && this.first) return this.first.text;
    const line = this.lines[i]!;
    return this.shift && line.text.length ? line.text.slice(this.shift) : line.text;
  }

  isBlank(i: number): boolean {
    if (i === this.start && this.first) return this.first.text.length === 0 || this.first.indent === this.first.text.length;
    return this.lines[i]!.text.length === 0;
  }

  indentAt(i: number): number {
    if (i === this.start && this.first) return this.first.indent;
    const line = this.lines[i]!;
    return line.text.length === 0 ? 0 : line.indent - this.shift;
  }

  /** A sub-window with an extra left shift (first line handled separately by `first`). */
  sub(start: number, end: number, extraShift = 0, first: BlockLine | null = null): Block {
    let head = first;
    if (!head && start === this.start && this.first && start < end) head = shiftLine(this.first, extraShift);
    return new Block(this.lines, start, end, this.shift + extraShift, head);
  }

  /** The block's lines, materialized (for directive content and messages). */
  toArray(from = this.start, to = this.end): BlockLine[] {
    const out: BlockLine[] = [];
    for (let i = from; i < to; i++) out.push(this.at(i));
    return out;
  }

  joined(from = this.start, to = this.end): string {
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(this.text(i));
    return out.join('\n');
  }
}

export interface Indented {
  /** The block (leading blank lines removed). */
  block: Block;
  /** The common indentation that was removed. */
  indent: number;
  /** Absolute index of the last line taken (the caller continues after it). */
  last: number;
  /** Whether the block ended with a blank line or at the end of the input. */
  blankFinish: boolean;
}

export interface IndentOptions {
  untilBlank?: boolean;
  stripIndent?: boolean;
  /** Known indentation of every line after the first (docutils' block_indent). */
  blockIndent?: number;
  /** Characters to drop from the first line (docutils' first_indent). */
  firstIndent?: number;
  /** Drop leading blank lines (default true). */
  stripTop?: boolean;
}

/**
 * docutils' StringList.get_indented plus the state machine's wrapper: the
 * indented block starting at absolute index `start` of `block`.
 *
 *     - item text        <- first line (firstIndent = 2)
 *       more text        <- indented lines, common indent removed
 *     next               <- first unindented line: the block ends before it
 */
export function getIndented(block: Block, start: number, options: IndentOptions = {}): Indented {
  const { untilBlank = false, stripIndent = true, blockIndent } = options;
  let firstIndent = options.firstIndent;
  if (blockIndent !== undefined && firstIndent === undefined) firstIndent = blockIndent;
  let indent: number | undefined = blockIndent;
  let end = start;
  if (firstIndent !== undefined) end++;
  let blankFinish = true;
  while (end < block.end) {
    const blank = block.isBlank(end);
    if (!blank) {
      const lineIndent = block.indentAt(end);
      if (lineIndent === 0 || (blockIndent !== undefined && lineIndent < blockIndent)) {
        blankFinish = end > start && block.isBlank(end - 1);
        break;
      }
      if (blockIndent === undefined) indent = indent === undefined ? lineIndent : Math.min(indent, lineIndent);
    } else if (untilBlank) {
      blankFinish = true;
      break;
    }
    end++;
  }
  const strip = stripIndent && indent ? indent : 0;
  let first: BlockLine | null = null;
  if (end > start) {
    const head = block.at(start);
    first = firstIndent !== undefined ? shiftLine(head, firstIndent) : shiftLine(head, strip);
    if (firstIndent !== undefined && head.text.length < firstIndent) first = { ...first, text: '', indent: 0 };
  }
  let result = block.sub(start, end, strip, first);
  const last = end > start ? end - 1 : start;
  if (options.stripTop !== false) {
    let s = result.start;
    while (s < result.end && result.isBlank(s)) s++;
    if (s !== result.start) result = result.sub(s, result.end);
  }
  return { block: result, indent: indent ?? 0, last, blankFinish };
}

/** Drop trailing blank lines. */
export function trimEnd(block: Block): Block {
  let e = block.end;
  while (e > block.start && block.isBlank(e - 1)) e--;
  return e === block.end ? block : block.sub(block.start, e);
}

/** Drop leading blank lines. */
export function trimStartBlank(block: Block): Block {
  let s = block.start;
  while (s < block.end && block.isBlank(s)) s++;
  return s === block.start ? block : block.sub(s, block.end);
}
