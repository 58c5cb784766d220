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
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's `str.rstrip()`, scanning from the end (a `\s+$` regex is quadratic on long indentation). */
export function rstrip(text: string): string {
  let end = text.length;
  if (end === 0 || text.charCodeAt(end - 1) > 32 && text.charCodeAt(end - 1) < 127) return text;
  while (end > 0 && PY_SPACE.test(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}
/** Python's str.splitlines() boundaries (after \v and \f became spaces). */
const LINE_BREAK = /\r\n|[\n\r\x1c-\x1e\x85\u2028\u2029]/g;

/** Where each line starts in `value`, line breaks as the parser counts them (docutils' splitlines). */
export function lineStartOffsets(value: string): number[] {
  const starts = [0];
  const pattern = new RegExp(LINE_BREAK.source, 'g');
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(value)) !== null) starts.push(match.index + match[0].length);
  return starts;
}

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
  return { text, source: origin.source, line: origin.line, column: origin.column, offset: origin.offset, indent: countIndent(text) };
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
    let raw = value.slice(start, end);
    if (/[\v\f]/.test(raw)) raw = raw.replace(/[\v\f]/g, ' ');
    const text = rstrip(expandTabs(raw, tabWidth));
    lines.push({ text, source, line, column: 1, offset: start, indent: countIndent(text) });
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
  /** Set by `insert`: the window grows when lines are spliced into it. */
  end: number;

  constructor(
    readonly lines: readonly BlockLine[],
    readonly start: number,
    end: number,
    readonly shift = 0,
    readonly first: BlockLine | null = null,
    /** The block this one is a window of (docutils' StringList parent): insertions grow it too. */
    readonly parent: Block | null = null,
  ) {
    this.end = end;
  }

  /**
   * Splices `added` into the shared line array before absolute index `at`, as
   * docutils' `insert_input` does for `include`: this block and every block it
   * is a window of grow by `added.length`, so the machines reading them go on
   * into the inserted lines and a section title there closes sections as it
   * would in the including file. Only for blocks without a left shift.
   */
  insert(at: number, added: readonly BlockLine[]): void {
    const lines = this.lines as BlockLine[];
    const tail = lines.splice(at, lines.length - at);
    for (const line of added) lines.push(line);
    for (const line of tail) lines.push(line);
    indexes.delete(this.lines);
    for (let block: Block | null = this; block; block = block.parent) block.end += added.length;
  }

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
    return new Block(this.lines, start, end, this.shift + extraShift, head, this);
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
  let done = false;
  // One line at a time (the block's own first line, or every line of a small block).
  const stepOne = (): boolean => {
    const blank = block.isBlank(end);
    if (!blank) {
      const lineIndent = block.indentAt(end);
      if (lineIndent === 0 || (blockIndent !== undefined && lineIndent < blockIndent)) {
        blankFinish = end > start && block.isBlank(end - 1);
        return true;
      }
      if (blockIndent === undefined) indent = indent === undefined ? lineIndent : Math.min(indent, lineIndent);
    } else if (untilBlank) {
      blankFinish = true;
      return true;
    }
    end++;
    return false;
  };
  if (end < block.end && end === block.start && block.first) done = stepOne();
  const index = done ? null : lineIndex(block.lines);
  if (!done && index && end < block.end) {
    // Large input: find the end with range-minimum queries instead of a scan,
    // so each nesting level costs O(log n), not O(lines below it).
    const shift = block.shift;
    const threshold = shift + Math.max(blockIndent ?? 1, 1);
    let stop = index.firstBelow(end, block.end, threshold);
    let stoppedAtBlank = false;
    if (untilBlank) {
      const blank = index.nextBlank[end]!;
      if (blank < stop) {
        stop = blank;
        stoppedAtBlank = true;
      }
    }
    if (blockIndent === undefined && stop > end) {
      const least = index.min(end, stop);
      if (least < BLANK) indent = indent === undefined ? least - shift : Math.min(indent, least - shift);
    }
    end = stop;
    if (stoppedAtBlank || end >= block.end) blankFinish = true;
    else blankFinish = end > start && block.isBlank(end - 1);
  } else if (!done) {
    while (end < block.end) if (stepOne()) break;
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

/** Indentation of blank lines in a LineIndex: larger than any real indent. */
const BLANK = 0x3fffffff;
/** Below this many lines a plain scan is cheaper than building an index. */
const INDEX_THRESHOLD = 512;

/**
 * Range-minimum index over the indentation of a line array (sparse table),
 * plus the next blank line after each line and the lines of each indent.
 */
export class LineIndex {
  readonly values: Int32Array;
  readonly nextBlank: Int32Array;
  private readonly table: Int32Array[] = [];
  private byIndent?: Map<number, number[]>;

  constructor(private readonly lines: readonly BlockLine[]) {
    const n = lines.length;
    this.values = new Int32Array(n);
    this.nextBlank = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.values[i] = lines[i]!.text.length === 0 ? BLANK : lines[i]!.indent;
    this.nextBlank[n] = n;
    for (let i = n - 1; i >= 0; i--) this.nextBlank[i] = this.values[i] === BLANK ? i : this.nextBlank[i + 1]!;
    this.table.push(this.values);
    for (let width = 1; width * 2 <= n; width *= 2) {
      const previous = this.table[this.table.length - 1]!;
      const next = new Int32Array(n - width * 2 + 1);
      for (let i = 0; i < next.length; i++) next[i] = Math.min(previous[i]!, previous[i + width]!);
      this.table.push(next);
    }
  }

  /** Minimum indentation over lines [from, to) (blank lines count as BLANK). */
  min(from: number, to: number): number {
    const level = 31 - Math.clz32(to - from);
    const row = this.table[level]!;
    return Math.min(row[from]!, row[to - (1 << level)]!);
  }

  /** First line in [from, to) indented less than `threshold` (blank lines never are), or `to`. */
  firstBelow(from: number, to: number, threshold: number): number {
    if (from >= to || this.min(from, to) >= threshold) return to;
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.min(from, mid + 1) < threshold) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Lines in [from, to) whose indentation is exactly `indent`, in order. */
  withIndent(indent: number, from: number, to: number): number[] {
    if (!this.byIndent) {
      this.byIndent = new Map();
      for (let i = 0; i < this.values.length; i++) {
        const value = this.values[i]!;
        if (value === BLANK) continue;
        let list = this.byIndent.get(value);
        if (!list) this.byIndent.set(value, (list = []));
        list.push(i);
      }
    }
    const list = this.byIndent.get(indent);
    if (!list) return [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < list.length && list[k]! < to; k++) out.push(list[k]!);
    return out;
  }
}

const indexes = new WeakMap<readonly BlockLine[], LineIndex>();

/** The LineIndex of a large line array (built once), or null for small ones. */
export function lineIndex(lines: readonly BlockLine[]): LineIndex | null {
  if (lines.length < INDEX_THRESHOLD) return null;
  let index = indexes.get(lines);
  if (!index) indexes.set(lines, (index = new LineIndex(lines)));
  return index;
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
