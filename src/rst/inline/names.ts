// Reference names as the document registers them (document.ts's
// normalizeName / whitespaceNormalizeName), with a fast path for the common
// case of a name without whitespace: inline parsing normalizes a name for
// every reference, so this is on the hot path of long paragraphs.

import {
  normalizeName as normalizeSpaced,
  whitespaceNormalizeName as whitespaceNormalizeSpaced,
} from '../document.js';

const SPACE = /\s/;

/** Case-folded, whitespace collapsed. */
export function normalizeName(name: string): string {
  return SPACE.test(name) ? normalizeSpaced(name) : name.toLowerCase();
}

/** Whitespace collapsed, case kept. */
export function whitespaceNormalizeName(name: string): string {
  return SPACE.test(name) ? whitespaceNormalizeSpaced(name) : name;
}
