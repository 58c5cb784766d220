// Where the guide's captures are, as the capture notes need them: the file and
// line of each capture's first output line, how many lines it has, that line's
// text (to recognise its block), and for a block a `:literal:` include shows at
// its directive, the guide line it shows at and the file line it starts at.

import type { SourcedCapture } from '../../topology/sources.js';

export interface CapturePosition {
  host: string;
  command: string;
  /** The file evidence points into: the guide, an included rst file, or an included capture file. */
  file: string;
  /** Line of `file` holding the first output line. */
  firstLine: number;
  /** Output lines. */
  lineCount: number;
  /** The first output line as the file has it. */
  text: string;
  /** A `:literal:` include: the guide line the block shows at (the directive's) and the line of `file` its text starts at. */
  shownAt?: { guideLine: number; firstLine: number };
}

/** Positions of a guide's captures; `read` gives a file's lines (the caller reads files, render does not). */
export function capturePositions(captures: readonly SourcedCapture[], read: (file: string) => readonly string[]): CapturePosition[] {
  return captures
    .filter((c) => c.result.lineRoles.length > 0)
    .map((c) => ({
      host: c.host,
      command: c.command,
      file: c.file,
      firstLine: c.lineOffset + 1,
      lineCount: c.result.lineRoles.length,
      text: read(c.file)[c.lineOffset] ?? '',
      ...(c.shownAt ? { shownAt: { guideLine: c.shownAt.guideLine, firstLine: c.shownAt.firstLine } } : {}),
    }));
}
