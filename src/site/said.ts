// The generated prose of the explain stage (explanations, walks, trace lines,
// findings), read in one language through this one function: when those texts
// become messages (`message: Message`, said with `say()` from
// src/i18n/messages.ts), the site changes here and at the field names below.

import type { Explanation, Finding, Walk, WalkStep } from '../topology/model.js';
import type { Language } from './languages.js';

type Bilingual = Explanation['text'];

/** A generated text in `lang` (the other language when a text lacks it). */
export function said(text: Bilingual, lang: Language): string {
  return text[lang] || text.zh || text.en;
}

export const explanationText = (e: Explanation, lang: Language): string => said(e.text, lang);
export const walkTitle = (w: Walk, lang: Language): string => said(w.title, lang);
export const stepText = (s: WalkStep, lang: Language): string => said(s.text, lang);
export const traceText = (t: NonNullable<WalkStep['tables']>[number], lang: Language): string => said(t.text, lang);
export const findingText = (f: Finding, lang: Language): string => said(f.message, lang);
