// The words a page shows for the model's generated prose, in the page's
// language: every message of an explanation, walk, walk step, trace line or
// finding is said here (a link's reason goes through `words`), through i18n's
// `say`, and nowhere else in render/. UI labels come from the catalog's UI
// strings (`ui`).

import { translate } from '../i18n/catalog.js';
import { say } from '../i18n/messages.js';
import { isMessage, type Message } from '../message.js';
import type { Explanation, Finding, Walk, WalkStep } from '../topology/model.js';

/** A message of the model said in `lang` (nothing for none). */
export function words(text: Message | undefined, lang: string): string {
  return text && isMessage(text) ? say(text, lang) : '';
}

export const explanationText = (e: Explanation, lang: string): string => words(e.message, lang);
export const walkTitle = (w: Walk, lang: string): string => words(w.title, lang);
/** A walk step's text without the number it gives itself (`3. It enters …`): the page numbers the steps. */
export const stepText = (s: WalkStep, lang: string): string => words(s.message, lang).replace(/^\s*\d+[.、]\s*/, '');
export const traceText = (t: NonNullable<WalkStep['tables']>[number], lang: string): string => words(t.message, lang);
export const findingText = (f: Finding, lang: string): string => words(f.message, lang);

/** A UI label from the catalog (msgid = the English words or a `area:what` id), `{name}` placeholders filled. */
export function ui(msgid: string, lang: string, values: Record<string, string | number> = {}): string {
  return translate(msgid, lang).replace(/\{([A-Za-z_]\w*)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
