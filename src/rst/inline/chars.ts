// Character classes of the inline-markup recognition rules: what may stand
// before a start-string, after an end-string, and which opener/closer pairs make
// a start-string "quoted". Defined on Unicode general categories, as the
// reStructuredText specification states them (Ps/Pe/Pi/Pf/Pd/Po), not as a copy
// of any generated table. Hand-written: no npm package implements these rules.

/** Python's `str.isspace()` set, which is what docutils' `\s` means. */
export const WHITESPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const WHITESPACE = new RegExp(`^[${WHITESPACE_CLASS}]$`, 'u');
const OPEN_PUNCTUATION = /^[\p{Ps}\p{Pi}\p{Pf}]$/u;
const CLOSE_PUNCTUATION = /^[\p{Pe}\p{Pi}\p{Pf}]$/u;
const DASH_OR_OTHER_PUNCTUATION = /^[\p{Pd}\p{Po}]$/u;
const WORD = /^[\p{L}\p{N}_]$/u;

// Code points whose category moved after the Unicode version the rules were
// settled on: ORNATE LEFT/RIGHT PARENTHESIS swapped Ps/Pe; § and ¶ became Po;
// the low-9 quotes ‚ „ close as well as open.
const EXTRA_OPENERS = new Set([0x22, 0x27, 0x3c, 0xfd3e]);
const NOT_OPENERS = new Set([0xfd3f]);
const EXTRA_CLOSERS = new Set([0x22, 0x27, 0x3e, 0xfd3f, 0x201a, 0x201e]);
const NOT_CLOSERS = new Set([0xfd3e]);
const NOT_DELIMITERS = new Set([0xa7, 0xb6]);

function classify(test: (code: number) => boolean): (code: number) => boolean {
  const ascii = new Uint8Array(128);
  for (let code = 0; code < 128; code++) ascii[code] = test(code) ? 1 : 0;
  const cache = new Map<number, boolean>();
  return (code) => {
    if (code < 0) return false;
    if (code < 128) return ascii[code] === 1;
    let value = cache.get(code);
    if (value === undefined) {
      value = test(code);
      if (cache.size < 4096) cache.set(code, value);
    }
    return value;
  };
}

export const isWhitespace = classify((code) => WHITESPACE.test(String.fromCodePoint(code)));

export const isOpener = classify((code) => {
  if (EXTRA_OPENERS.has(code)) return true;
  if (NOT_OPENERS.has(code)) return false;
  return OPEN_PUNCTUATION.test(String.fromCodePoint(code));
});

export const isCloser = classify((code) => {
  if (EXTRA_CLOSERS.has(code)) return true;
  if (NOT_CLOSERS.has(code)) return false;
  return CLOSE_PUNCTUATION.test(String.fromCodePoint(code));
});

/** Dashes and "other" punctuation; of ASCII only `- / :` count. */
export const isDelimiter = classify((code) => {
  if (code < 128) return code === 0x2d || code === 0x2f || code === 0x3a;
  if (NOT_DELIMITERS.has(code)) return false;
  return DASH_OR_OTHER_PUNCTUATION.test(String.fromCodePoint(code));
});

/** `\ . , ; ! ?` */
export function isClosingDelimiter(code: number): boolean {
  return code === 0x5c || code === 0x2e || code === 0x2c || code === 0x3b || code === 0x21 || code === 0x3f;
}

/** Python's `\w` (letters, digits and numerals of any script, underscore). */
export const isWordChar = classify((code) => WORD.test(String.fromCodePoint(code)));

/** A character of a simple name: `\w` without the underscore. */
export function isNameChar(code: number): boolean {
  return code !== 0x5f && isWordChar(code);
}

/** May this character stand right before a start-string? */
export function isStartPrefix(code: number): boolean {
  return isWhitespace(code) || isOpener(code) || isDelimiter(code);
}

/** May this character stand right after an end-string? (NUL: an escaped character follows.) */
export function isEndSuffix(code: number): boolean {
  return (
    code === 0 || isWhitespace(code) || isClosingDelimiter(code) || isDelimiter(code) || isCloser(code)
  );
}

// Quotes pair in more ways than brackets do: « » and » » (Swedish), „ “ and
// „ ” (German, Polish) … Each key lists the characters that close it.
const QUOTE_CLOSERS: Record<number, string> = {
  0x22: '"',
  0x27: "'",
  0x3c: '>',
  0xab: '\u00bb',
  0xbb: '\u00ab\u00bb',
  0x2018: '\u2019\u201a',
  0x2019: '\u2018\u2019',
  0x201a: '\u201b\u2018\u2019',
  0x201b: '\u201a',
  0x201c: '\u201d\u201e',
  0x201d: '\u201c\u201d',
  0x201e: '\u201f\u201c\u201d',
  0x201f: '\u201e',
  0x2039: '\u203a',
  0x203a: '\u2039\u203a',
  0x2e02: '\u2e03',
  0x2e03: '\u2e02',
  0x2e04: '\u2e05',
  0x2e05: '\u2e04',
  0x2e09: '\u2e0a',
  0x2e0a: '\u2e09',
  0x2e0c: '\u2e0d',
  0x2e0d: '\u2e0c',
  0x2e1c: '\u2e1d',
  0x2e1d: '\u2e1c',
  0x2e20: '\u2e21',
  0x2e21: '\u2e20',
};

/** ASCII characters that may open a pair (quotes and brackets), by code. */
const ASCII_PAIR_OPENERS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  ASCII_PAIR_OPENERS[code] = QUOTE_CLOSERS[code] !== undefined || isOpener(code) ? 1 : 0;
}

/**
 * Do `before` and `after` form an opener/closer pair, as in `(*)` or `"*"`?
 * Brackets close with the next closing bracket code point (`(` `)`, `[` `]`,
 * `｛` `｝`); quotes use the table above.
 */
export function isMatchingPair(before: number, after: number): boolean {
  if (after < 0) return false;
  // Checked before every construct: most start-strings follow a space or a letter.
  if (before >= 0 && before < 128 && ASCII_PAIR_OPENERS[before] === 0) return false;
  const quotes = QUOTE_CLOSERS[before];
  if (quotes !== undefined) return quotes.includes(String.fromCodePoint(after));
  if (!isOpener(before)) return false;
  for (let code = before + 1; code <= before + 2; code++) {
    if (isCloser(code) && !isOpener(code)) return code === after;
  }
  return false;
}

/** The code point that ends at `index` (exclusive), or -1 at the start. */
export function codeBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** The code point that starts at `index`, or -1 past the end. */
export function codeAt(text: string, index: number): number {
  if (index >= text.length) return -1;
  return text.codePointAt(index)!;
}

/** UTF-16 length of a code point. */
export function width(code: number): number {
  return code > 0xffff ? 2 : 1;
}
