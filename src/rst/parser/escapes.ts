// Backslash escapes as docutils keeps them while parsing explicit markup:
import { rstrip } from './lines.js';
// `\x` becomes NUL + `x` so patterns can tell escaped characters apart.

export function escapeToNull(text: string): string {
  let out = '';
  let start = 0;
  for (;;) {
    const found = text.indexOf('\\', start);
    if (found < 0) return out + text.slice(start);
    out += text.slice(start, found) + '\x00' + text.slice(found + 1, found + 2);
    start = found + 2;
  }
}

/** docutils' unescape: drop NULs (and escaped whitespace), or restore them as backslashes. */
export function unescape(text: string, restoreBackslashes = false): string {
  if (restoreBackslashes) return text.replace(/\x00/g, '\\');
  return text.split('\x00 ').join('').split('\x00\n').join('').split('\x00').join('');
}

/** Split on escaped whitespace (NUL + space or NUL + newline). */
export function splitEscapedWhitespace(text: string): string[] {
  return text.split('\x00 ').flatMap((part) => part.split('\x00\n'));
}

/** Python's str.split(None, maxsplit). */
export function pySplit(text: string, maxsplit = -1): string[] {
  const out: string[] = [];
  let rest = text.replace(/^\s+/, '');
  while (rest) {
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(rstrip(rest));
      break;
    }
    const m = /\s+/.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}
