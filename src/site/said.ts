// The generated prose of the explain stage (explanations, walks, trace lines,
// findings), said in one language: each is a message (an id and its values)
// that the catalogs of src/i18n/locales word, through `say()`.

import { say } from '../i18n/messages.js';
import type { Explanation, Finding, Walk, WalkStep } from '../topology/model.js';
import type { Language } from './languages.js';

export const explanationText = (e: Explanation, lang: Language): string => say(e.message, lang);
export const walkTitle = (w: Walk, lang: Language): string => say(w.title, lang);
export const stepText = (s: WalkStep, lang: Language): string => say(s.message, lang);
export const traceText = (t: NonNullable<WalkStep['tables']>[number], lang: Language): string => say(t.message, lang);
export const findingText = (f: Finding, lang: Language): string => say(f.message, lang);
