// The site's languages, and the language a guide is written in, told from its
// own text so that no data file has to say it: a guide whose prose is written
// in Han characters is Chinese; any other guide is in the site's default.

import { LANGUAGES, type Language } from '../i18n/messages.js';

export { LANGUAGES };
export type { Language };

/** The language of a guide whose text gives no sign of another. */
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[A-Za-z]+/g;
/** A section title's under- or overline: one punctuation character repeated. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1+\s*$/;

/**
 * The guide's language from its prose: the lines that start at the margin
 * (indented lines are mostly literal blocks, where captures and scripts live)
 * and are not markup (directives, comments, title adornments). Chinese prose
 * names interfaces and commands in Latin letters, and a guide's headings may be
 * English (the seed's are), so Chinese wins once Han characters number at least
 * a fifth of the Latin words.
 */
export function detectLanguage(text: string): Language {
  let han = 0;
  let latin = 0;
  for (const line of text.split(/\r\n?|\n/)) {
    if (line === '' || /^\s/.test(line) || line.startsWith('..') || ADORNMENT.test(line)) continue;
    han += line.match(HAN)?.length ?? 0;
    latin += line.match(LATIN_WORD)?.length ?? 0;
  }
  return han > 0 && han * 5 >= latin ? 'zh' : DEFAULT_LANGUAGE;
}
