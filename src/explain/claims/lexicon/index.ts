// The claim language modules, by language; a sentence's language is told by
// whether it holds Han characters.

import type { Lexicon } from './lexicon.js';
import { zh } from './zh.js';
import { en } from './en.js';

export type { Lexicon } from './lexicon.js';
export const LEXICONS: Record<'zh' | 'en', Lexicon> = { zh, en };

export function languageOf(text: string): 'zh' | 'en' {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
