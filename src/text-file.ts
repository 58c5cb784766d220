// Reading a text file the one way, for every stage: UTF-8 (a byte order mark
// dropped), or UTF-16 when a byte order mark — or the zero bytes every other
// byte of UTF-16 text has — says so, which is decoded as such and reported.
// Bytes that are not valid UTF-8 become U+FFFD and are reported at
// file:line:col with the byte, never passed on silently as mojibake.
// Ground floor: the CLI, the captures stage and the site read files through it.
// Hand-written: TextDecoder decodes; what none does is say where the bad bytes are.

import { readFileSync } from 'node:fs';
import type { Diagnostic } from './diagnostics.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface TextFile {
  text: string;
  encoding: TextEncodingName;
  /** How the bytes were not plain UTF-8: another encoding detected, invalid sequences (first few, with their place). */
  problems: Diagnostic[];
}

/** At most this many invalid sequences are reported one by one; the rest are counted. */
const SHOWN = 3;

/** Decode the bytes of `file` (named in the problems as given). */
export function decodeText(bytes: Uint8Array, file: string): TextFile {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le', file, 'a byte order mark');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be', file, 'a byte order mark');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const guessed = guessUtf16(body);
  if (guessed) return utf16(body, guessed, file, 'no byte order mark, but a zero byte in every other place');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', problems: [] };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', problems: invalidUtf8(body, file) };
  }
}

/** Read and decode a file; `file` names it in the problems (default: the path). */
export function readTextFile(path: string, file = path): TextFile {
  return decodeText(readFileSync(path), file);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string, why: string): TextFile {
  const text = new TextDecoder(encoding).decode(bytes);
  const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
  return {
    text,
    encoding,
    problems: [{ file, line: 1, column: 1, severity: 'warning', message: `the file is ${name} (${why}), read as such; netguide expects UTF-8: save it as UTF-8`, source: 'text-file' }],
  };
}

/**
 * UTF-16 without a byte order mark: in the first 4 KB, most odd bytes (LE) or
 * most even bytes (BE) are zero, and the others mostly are not (ASCII-range text).
 */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return undefined;
}

/** Where the invalid UTF-8 sequences are: line and column (in decoded characters) of each. */
function invalidUtf8(bytes: Uint8Array, file: string): Diagnostic[] {
  const places: { line: number; column: number; byte: number }[] = [];
  let count = 0;
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead === 0x0a) {
      line++;
      column = 1;
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      count++;
      if (places.length < SHOWN) places.push({ line, column, byte: lead });
      column++;
      i++;
      continue;
    }
    column += length === 4 ? 2 : 1; // a 4-byte sequence is a surrogate pair: two UTF-16 columns
    i += length;
  }
  const problems: Diagnostic[] = places.map((p) => ({
    file,
    line: p.line,
    column: p.column,
    severity: 'warning' as const,
    message: `invalid UTF-8 (byte 0x${p.byte.toString(16).padStart(2, '0')}), shown as U+FFFD: is the file in another encoding (Latin-1, GBK, UTF-16)?`,
    source: 'text-file',
  }));
  if (count > SHOWN) problems.push({ ...problems[SHOWN - 1]!, message: `${count - SHOWN} more invalid UTF-8 sequences in the file, each shown as U+FFFD` });
  return problems;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k]!;
    let low = 0x80;
    let high = 0xbf;
    if (k === 1 && lead === 0xe0) low = 0xa0;
    if (k === 1 && lead === 0xed) high = 0x9f;
    if (k === 1 && lead === 0xf0) low = 0x90;
    if (k === 1 && lead === 0xf4) high = 0x8f;
    if (next < low || next > high) return 0;
  }
  return length;
}
