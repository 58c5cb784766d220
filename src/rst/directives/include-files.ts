// What the `include` directive (and `raw :file:`) needs from the file system,
// as pure functions: resolve a path beside the including file without ever
// leaving the content root (symlinks followed before the check), decode the
// file, clip it (:start-line:, :end-line:, :start-after:, :end-before:) and
// turn the kept text into source lines that still point into the included file.
// Hand-written: the clipping rules are docutils' (Python slice semantics).

import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { SourceLine } from '../source-lines.js';
import { iconvEncodingName } from './options.js';

export type Resolved = { ok: true; absolute: string; display: string } | { ok: false; reason: string };

/** A path as docutils shows it (utils.relative_path): relative to the working directory. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  return path.relative(cwd, absolute) || '.';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Resolve `target` against `baseDir`, refusing anything whose real location
 * (after following symlinks) is outside `contentRoot`:
 *
 *     baseDir  content/local/      target  ../../etc/passwd   → refused
 *     baseDir  content/local/      target  scripts/a.sh       → content/local/scripts/a.sh
 */
export function resolveInsideRoot(target: string, baseDir: string, contentRoot: string): Resolved {
  const absolute = path.normalize(path.resolve(baseDir, target));
  const display = displayPath(absolute);
  let root: string;
  try {
    root = realpathSync(contentRoot);
  } catch {
    return { ok: false, reason: `The content root "${contentRoot}" does not exist.` };
  }
  // Lexical check first, so that a missing file outside the root is not reported as merely missing.
  if (!isInside(path.resolve(contentRoot), absolute) && !isInside(root, absolute)) {
    return { ok: false, reason: `Path "${display}" is outside the content root; refused.` };
  }
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: `InputError: [Errno 2] No such file or directory: '${display}'.` };
    return { ok: false, reason: `InputError: ${(error as Error).message}.` };
  }
  if (!isInside(root, real)) {
    return { ok: false, reason: `Path "${display}" leads outside the content root (through a symbolic link); refused.` };
  }
  return { ok: true, absolute: real, display };
}

/**
 * Why a file the document names (an image, a csv-table's `:file:`) may not be
 * used: it lies outside the content root, by its path or, where it exists,
 * through a symbolic link. Undefined when it is inside (it need not exist).
 */
export function outsideRootReason(target: string, baseDir: string, contentRoot: string): string | undefined {
  const absolute = path.normalize(path.resolve(baseDir, target));
  const display = displayPath(absolute);
  let root: string;
  try {
    root = realpathSync(contentRoot);
  } catch {
    return `The content root "${contentRoot}" does not exist.`;
  }
  if (!isInside(path.resolve(contentRoot), absolute) && !isInside(root, absolute)) return `Path "${display}" is outside the content root; refused.`;
  // the deepest existing part of the path, followed through its links
  let existing = absolute;
  let rest = '';
  for (;;) {
    try {
      const real = realpathSync(existing);
      return isInside(root, path.join(real, rest)) ? undefined : `Path "${display}" leads outside the content root (through a symbolic link); refused.`;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return undefined;
      rest = path.join(path.basename(existing), rest);
      existing = parent;
    }
  }
}

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** Read and decode a file (default UTF-8, strict; a byte order mark is dropped). */
export function readDecoded(absolute: string, encodingName?: string): Decoded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, reason: `InputError: [Errno 21] Is a directory: '${displayPath(absolute)}'.` };
    return { ok: false, reason: `InputError: ${(error as Error).message}.` };
  }
  const codec = encodingName ? iconvEncodingName(encodingName) : 'utf8';
  if (!codec) return { ok: false, reason: `LookupError: unknown encoding: ${encodingName}` };
  let text: string;
  if (codec === 'utf8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const bad = findInvalidUtf8(bytes);
      const byte = bytes[bad.position]!.toString(16).padStart(2, '0');
      return { ok: false, reason: `UnicodeDecodeError: 'utf-8' codec can't decode byte 0x${byte} in position ${bad.position}: ${bad.reason}` };
    }
  } else {
    text = iconv.decode(bytes, codec);
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return { ok: true, text };
}

/** The first malformed UTF-8 sequence, described as Python's UnicodeDecodeError does. */
export function findInvalidUtf8(bytes: Uint8Array): { position: number; reason: string } {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return { position: i, reason: 'invalid start byte' };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { position: i, reason: 'unexpected end of data' };
      const next = bytes[i + k]!;
      // The second byte is narrower after E0, ED, F0 and F4 (no overlongs, surrogates or > U+10FFFF).
      let low = 0x80;
      let high = 0xbf;
      if (k === 1 && lead === 0xe0) low = 0xa0;
      if (k === 1 && lead === 0xed) high = 0x9f;
      if (k === 1 && lead === 0xf0) low = 0x90;
      if (k === 1 && lead === 0xf4) high = 0x8f;
      if (next < low || next > high) return { position: i, reason: 'invalid continuation byte' };
    }
    i += length;
  }
  return { position: 0, reason: 'invalid start byte' };
}

/** Python's `seq[start:end]` bounds for a sequence of `length` items. */
export function pySliceBounds(length: number, start: number | undefined, end: number | undefined): [number, number] {
  const clamp = (value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const index = value < 0 ? length + value : value;
    return Math.min(Math.max(index, 0), length);
  };
  const from = clamp(start, 0);
  const to = clamp(end, length);
  return [from, Math.max(from, to)];
}

export interface ClipOptions {
  startLine?: number;
  endLine?: number;
  startAfter?: string;
  endBefore?: string;
}

/** The kept part of a file: its text and where it starts in the (newline-normalized) file. */
export type Clipped = { ok: true; text: string; start: number } | { ok: false; option: 'start-after' | 'end-before' };

/**
 * Clip the file text as docutils does: lines `[start-line:end-line]` (Python
 * slice, 0-based, negative from the end), then everything after the first
 * `start-after` text, then everything before the first `end-before` text.
 * Matches may fall inside lines.
 */
export function clipText(fileText: string, options: ClipOptions): Clipped {
  let text = fileText;
  let start = 0;
  if (options.startLine || options.endLine !== undefined) {
    // Python's readlines(): every line keeps its "\n".
    const lineStarts = [0];
    for (let i = fileText.indexOf('\n'); i >= 0 && i < fileText.length - 1; i = fileText.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const count = fileText === '' ? 0 : lineStarts.length;
    const [from, to] = pySliceBounds(count, options.startLine, options.endLine);
    const begin = from < count ? lineStarts[from]! : fileText.length;
    const finish = to < count ? lineStarts[to]! : fileText.length;
    text = fileText.slice(begin, finish);
    start = begin;
  }
  if (options.startAfter) {
    const index = text.indexOf(options.startAfter);
    if (index < 0) return { ok: false, option: 'start-after' };
    text = text.slice(index + options.startAfter.length);
    start += index + options.startAfter.length;
  }
  if (options.endBefore) {
    const index = text.indexOf(options.endBefore);
    if (index < 0) return { ok: false, option: 'end-before' };
    text = text.slice(0, index);
  }
  return { ok: true, text, start };
}

/** Python's `str.expandtabs(width)`. */
export function expandTabs(value: string, width: number): string {
  if (!value.includes('\t')) return value;
  let out = '';
  let column = 0;
  for (const char of value) {
    if (char === '\t') {
      if (width > 0) {
        const spaces = width - (column % width);
        out += ' '.repeat(spaces);
        column += spaces;
      }
    } else if (char === '\n' || char === '\r') {
      out += char;
      column = 0;
    } else {
      out += char;
      column++;
    }
  }
  return out;
}

/** Python's universal newlines: `\r\n` and `\r` read as `\n`. */
export function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

/**
 * The clipped text as source lines in the included file (docutils'
 * string2lines: \v and \f become spaces, tabs expand, trailing space goes).
 * `original` is the file as read (before newline normalization) so offsets
 * stay exact for CRLF files.
 */
export function includedLines(clipped: { text: string; start: number }, original: string, source: string, tabWidth: number): SourceLine[] {
  // Where each line of the normalized file starts, in normalized and original offsets.
  const normalizedStarts = [0];
  const originalStarts = [0];
  for (let i = 0, n = 0; i < original.length; i++, n++) {
    const char = original[i];
    if (char === '\r' || char === '\n') {
      if (char === '\r' && original[i + 1] === '\n') i++;
      normalizedStarts.push(n + 1);
      originalStarts.push(i + 1);
    }
  }
  const locate = (offset: number) => {
    let low = 0;
    let high = normalizedStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (normalizedStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    const column = offset - normalizedStarts[low]!;
    return { line: low + 1, column: column + 1, offset: originalStarts[low]! + column };
  };
  const lines: SourceLine[] = [];
  const pieces = clipped.text.split('\n');
  if (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  let at = clipped.start;
  for (const piece of pieces) {
    const where = locate(at);
    const text = expandTabs(piece.replace(/[\v\f]/g, ' '), tabWidth).replace(/[\s\x1c-\x1f\x85]+$/u, '');
    lines.push({ text, source, line: where.line, column: where.column, offset: where.offset });
    at += piece.length + 1;
  }
  return lines;
}
