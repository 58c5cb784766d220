// The bookkeeping every capture parser shares: split the text into lines the
// same way everywhere, give each line exactly one role, and turn any line a
// parser did not claim into an `unparsed` entry, so nothing is dropped silently.
import type { CaptureResult, CommandLine, LineRole, Unparsed } from './types.js';

/**
 * Lines of a capture after normalising CRLF / lone CR. A final newline does not
 * open an extra (empty) line: `"a\nb\n"` has two lines, `"a\n\n"` has two.
 */
export function splitLines(text: string): string[] {
  // most captures have no CR at all: a native search is cheaper than a regex pass over the whole text
  const normalised = text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
  if (normalised === '') return [];
  const lines = normalised.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Blank: empty, or only spaces/tabs (trailing blanks are common in pasted captures). */
export function isBlank(line: string): boolean {
  // a printable ASCII first character settles it without trimming (a copy per line)
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return line.trim() === '';
}

/** A note a person pasted into a capture (`# from ip link`); callers decide whether `#` can be output. */
export function isHashNote(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x7f && first !== 0x23 /* # */) return false; // cheap answer for nearly every line
  return /^\s*#/.test(line);
}

/**
 * Records the role of each line (1-based) while a parser walks its input.
 * Lines never claimed become `unparsed` with a generic reason in `finish()`.
 */
export class LineLedger {
  readonly lines: string[];
  private readonly roles: (LineRole | undefined)[];
  private readonly reasons = new Map<number, string>();

  constructor(text: string) {
    this.lines = splitLines(text);
    this.roles = this.lines.map((line) => (isBlank(line) ? 'blank' : undefined));
  }

  /** Text of 1-based line `n`. */
  text(n: number): string {
    return this.lines[n - 1] ?? '';
  }

  get count(): number {
    return this.lines.length;
  }

  roleOf(n: number): LineRole | undefined {
    return this.roles[n - 1];
  }

  mark(n: number, role: LineRole): void {
    this.roles[n - 1] = role;
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
    this.roles[n - 1] = 'unparsed';
    this.reasons.set(n, reason);
  }

  /** Every line gets a role: unclaimed lines become `unparsed` with `fallbackReason`. */
  finish<T>(parser: string, cmd: CommandLine, records: T[], fallbackReason = 'line not understood'): CaptureResult<T> {
    const unparsed: Unparsed[] = [];
    const lineRoles: LineRole[] = this.roles.map((role, i) => {
      if (role === undefined || role === 'unparsed') {
        unparsed.push({ line: i + 1, text: this.lines[i]!, reason: this.reasons.get(i + 1) ?? fallbackReason });
        return 'unparsed';
      }
      return role;
    });
    const result: CaptureResult<T> = { parser, command: cmd.raw, records, unparsed, lineRoles };
    if (cmd.netns !== undefined) result.netns = cmd.netns;
    return result;
  }
}

/** A prompt with no command after it, pasted after the output: `$`, `#`, `root@network:~#`, `[root@node1 ~]#`. */
export function isBarePrompt(line: string): boolean {
  return /^\s*(?:\[[^\]]*\]|[\w.-]+@[\w.-]+(?::\S*)?)?\s*[#$]\s*$/.test(line);
}

/** File name of a program path: `/usr/sbin/iptables` → `iptables`. */
export function programName(arg: string | undefined): string {
  if (arg === undefined) return '';
  const slash = arg.lastIndexOf('/');
  return slash >= 0 ? arg.slice(slash + 1) : arg;
}
