// The bookkeeping every capture parser shares: split the text into lines the
// same way everywhere, give each line exactly one role, and turn any line a
// parser did not claim into an `unparsed` entry, so nothing is dropped silently.
import type { CaptureNote, CaptureResult, CommandLine, LineRole, Unparsed } from './types.js';

/**
 * Lines of a capture after normalising CRLF / lone CR. A final newline does not
 * open an extra (empty) line: `"a\nb\n"` has two lines, `"a\n\n"` has two.
 */
export function splitLines(text: string): string[] {
  const normalised = withoutCr(text);
  if (normalised === '') return [];
  const lines = normalised.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** CRLF and lone CR as LF. Most captures have no CR at all: a native search is cheaper than a regex pass over the whole text. */
function withoutCr(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/** Blank: empty, or only spaces/tabs (trailing blanks are common in pasted captures). */
export function isBlank(line: string): boolean {
  return isBlankRange(line, 0, line.length);
}

/** A note a person pasted into a capture (`# from ip link`); callers decide whether `#` can be output. */
export function isHashNote(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x7f && first !== 0x23 /* # */) return false; // cheap answer for nearly every line
  return /^\s*#/.test(line);
}

/** Roles as small numbers in a typed array: one byte per line instead of one array slot. */
const ROLES: readonly (LineRole | undefined)[] = [undefined, 'fact', 'header', 'blank', 'noise', 'unparsed'];
const ROLE_CODE: Readonly<Record<LineRole, number>> = { fact: 1, header: 2, blank: 3, noise: 4, unparsed: 5 };
const BLANK = ROLE_CODE.blank;

/**
 * Records the role of each line (1-based) while a parser walks its input.
 * Lines never claimed become `unparsed` with a generic reason in `finish()`.
 *
 * Keeps where each line starts and ends, not one string per line: a 100,000-
 * flow dump's lines all live as long as the parse, and every string kept that
 * long is copied by the garbage collector. A line's text is cut when asked for.
 */
export class LineLedger {
  /** The text every line is cut from: the capture with CR normalised. */
  private readonly source: string;
  /** Line n is `source.slice(starts[n - 1], ends[n - 1])`. */
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly roles: Uint8Array;
  private readonly reasons = new Map<number, string>();
  private readonly notes: CaptureNote[] = [];
  private cachedLines: string[] | undefined;
  readonly count: number;

  constructor(text: string) {
    // the same lines as splitLines: CR normalised, no extra line after a final newline
    const source = withoutCr(text);
    let count = 0;
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) count++;
    if (source.length > 0 && source.charCodeAt(source.length - 1) !== 0x0a) count++;
    this.source = source;
    this.count = count;
    this.starts = new Uint32Array(count);
    this.ends = new Uint32Array(count);
    this.roles = new Uint8Array(count);
    let from = 0;
    for (let k = 0; k < count; k++) {
      let to = source.indexOf('\n', from);
      if (to < 0) to = source.length;
      this.starts[k] = from;
      this.ends[k] = to;
      if (isBlankRange(source, from, to)) this.roles[k] = BLANK;
      from = to + 1;
    }
  }

  /** Every line's text (made once, on first use; most parsers read lines one by one with `text`). */
  get lines(): readonly string[] {
    this.cachedLines ??= Array.from({ length: this.count }, (_, k) => this.text(k + 1));
    return this.cachedLines;
  }

  /** Text of 1-based line `n` ('' outside the capture). */
  text(n: number): string {
    if (n < 1 || n > this.count) return '';
    return this.source.slice(this.starts[n - 1], this.ends[n - 1]);
  }

  /** Text of line `n` without its leading and trailing white space: `text(n).trim()`, cut once. */
  trimmed(n: number): string {
    if (n < 1 || n > this.count) return '';
    let from = this.starts[n - 1]!;
    let to = this.ends[n - 1]!;
    const s = this.source;
    while (from < to && isTrimmable(s.charCodeAt(from))) from++;
    while (to > from && isTrimmable(s.charCodeAt(to - 1))) to--;
    return s.slice(from, to);
  }

  /** True when line `n` starts with white space (an indented or wrapped line). */
  isIndented(n: number): boolean {
    if (n < 1 || n > this.count) return false;
    const from = this.starts[n - 1]!;
    return from < this.ends[n - 1]! && isTrimmable(this.source.charCodeAt(from));
  }

  roleOf(n: number): LineRole | undefined {
    return ROLES[this.roles[n - 1] ?? 0];
  }

  mark(n: number, role: LineRole): void {
    this.roles[n - 1] = ROLE_CODE[role];
    if (role !== 'unparsed' && this.reasons.size > 0) this.reasons.delete(n);
  }

  fact(n: number, endLine = n): void {
    for (let i = n; i <= endLine; i++) this.mark(i, 'fact');
  }

  header(n: number): void {
    this.mark(n, 'header');
  }

  noise(n: number): void {
    this.mark(n, 'noise');
  }

  unparsed(n: number, reason: string): void {
    this.roles[n - 1] = ROLE_CODE.unparsed;
    this.reasons.set(n, reason);
  }

  /** Say something about the capture as a whole (line 0) or from line `n` on: it is cut short, … */
  note(n: number, kind: CaptureNote['kind'], message: string): void {
    this.notes.push({ line: n, kind, message });
  }

  /** Every line gets a role: unclaimed lines become `unparsed` with `fallbackReason`. */
  finish<T>(parser: string, cmd: CommandLine, records: T[], fallbackReason = 'line not understood'): CaptureResult<T> {
    const unparsed: Unparsed[] = [];
    const lineRoles: LineRole[] = new Array<LineRole>(this.count);
    for (let k = 0; k < this.count; k++) {
      const role = ROLES[this.roles[k]!];
      if (role === undefined || role === 'unparsed') {
        unparsed.push({ line: k + 1, text: this.text(k + 1), reason: this.reasons.get(k + 1) ?? fallbackReason });
        lineRoles[k] = 'unparsed';
      } else lineRoles[k] = role;
    }
    const result: CaptureResult<T> = { parser, command: cmd.raw, records, unparsed, lineRoles };
    if (cmd.netns !== undefined) result.netns = cmd.netns;
    if (this.notes.length > 0) result.notes = [...this.notes];
    return result;
  }
}

/** A character String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), by its code. */
export function isTrimmable(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** isBlank for `text[from, to)`, read in place: nothing is cut out (a copy per line). */
function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTrimmable(text.charCodeAt(i))) return false;
  return true;
}

/** A prompt with no command after it, pasted after the output: `$`, `#`, `root@network:~#`, `[root@node1 ~]#`. */
export function isBarePrompt(line: string): boolean {
  // the optional part takes its own trailing blanks: `\s*` twice in a row is quadratic on a long blank run
  return /^\s*(?:(?:\[[^\]]*\]|[\w.-]+@[\w.-]+(?::\S*)?)\s*)?[#$]\s*$/.test(line);
}

/** File name of a program path: `/usr/sbin/iptables` → `iptables`. */
export function programName(arg: string | undefined): string {
  if (arg === undefined) return '';
  const slash = arg.lastIndexOf('/');
  return slash >= 0 ? arg.slice(slash + 1) : arg;
}
