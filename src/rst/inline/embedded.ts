// Embedded URIs and aliases in phrase references: `text <uri>`_ and
// `text <alias_>`_. The `<…>` part must close the phrase, be preceded by a
// space or newline (or open it), and hold no unescaped angle brackets.

import { normalizeName } from '../names.js';
import { isWhitespace } from './chars.js';
import { splitEscapedWhitespace, restoreBackslashes, unescape } from './escapes.js';
import { isEmailAddress, startsWithUri } from './uri.js';

export interface Embedded {
  /** Index in the phrase where the `<…>` part starts (its leading spaces included). */
  start: number;
  /** The phrase text before it (still escaped), possibly empty. */
  label: string;
  /** The target: a normalized reference name, or a URI. */
  alias: string;
  isName: boolean;
}

export function parseEmbedded(phrase: string): Embedded | undefined {
  const n = phrase.length;
  // `<x>` at the end: `>` not preceded by a space or an escape.
  if (n < 3 || phrase[n - 1] !== '>') return undefined;
  const beforeClose = phrase.charCodeAt(n - 2);
  if (beforeClose === 0 || isWhitespace(beforeClose)) return undefined;
  // The opening `<` is the last unescaped one, with no unescaped `>` after it.
  let open = -1;
  for (let i = n - 2; i >= 0; i--) {
    const c = phrase[i];
    if ((c === '<' || c === '>') && !(i > 0 && phrase[i - 1] === '\0')) {
      if (c === '>') return undefined;
      open = i;
      break;
    }
  }
  if (open < 0 || open + 1 > n - 2) return undefined;
  if (isWhitespace(phrase.charCodeAt(open + 1))) return undefined;
  let start = open;
  while (start > 0 && (phrase[start - 1] === ' ' || phrase[start - 1] === '\n')) start--;
  if (start === open && open !== 0) return undefined;
  const aliasText = phrase.slice(open + 1, n - 1);
  const label = phrase.slice(0, start);
  const rawAlias = restoreBackslashes(aliasText);
  const underscoreEscaped = rawAlias.endsWith('\\_');
  if (aliasText.endsWith('_') && !(underscoreEscaped || startsWithUri(aliasText))) {
    return { start, label, alias: normalizeName(unescape(aliasText.slice(0, -1))), isName: true };
  }
  // Unescaped whitespace is dropped from URIs; escaped whitespace is kept as one space.
  let alias = splitEscapedWhitespace(aliasText)
    .map((part) => part.replace(/\s+/g, ''))
    .join(' ');
  alias = unescape(alias);
  if (isEmailAddress(alias)) alias = 'mailto:' + alias;
  if (alias.endsWith('\\_')) alias = alias.slice(0, -2) + '_';
  return { start, label, alias, isName: false };
}
