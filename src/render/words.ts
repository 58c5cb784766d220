// The words a page shows for the model's generated prose, in the page's
// language: every text of an explanation, walk, walk step, trace line or
// finding is read here (a link's reason goes through `words`), and nowhere
// else in render/, so the switch of
// those fields from `Bilingual` to `Message` (said by i18n's `say`) is one edit
// in this file. UI labels come from the catalog's UI strings (`ui`).

import { translate } from '../i18n/catalog.js';
import { say } from '../i18n/messages.js';
import { isMessage, type Message } from '../message.js';
import type { Bilingual, Explanation, Finding, Walk, WalkStep } from '../topology/model.js';

/** A text of the model in `lang`: a Message said there, or the Bilingual pair's side (the other side if it is blank). */
export function words(text: Bilingual | Message | undefined, lang: string): string {
  if (!text) return '';
  if (isMessage(text)) return say(text, lang);
  return (lang === 'zh' || lang === 'en' ? text[lang] : '') || text.zh || text.en;
}

export const explanationText = (e: Explanation, lang: string): string => words(e.text, lang);
export const walkTitle = (w: Walk, lang: string): string => words(w.title, lang);
/** A walk step's text without the number it gives itself (`3. It enters …`): the page numbers the steps. */
export const stepText = (s: WalkStep, lang: string): string => words(s.text, lang).replace(/^\s*\d+[.、]\s*/, '');
export const traceText = (t: NonNullable<WalkStep['tables']>[number], lang: string): string => words(t.text, lang);
export const findingText = (f: Finding, lang: string): string => words(f.message, lang);

/** A UI label from the catalog (msgid = the English words or a `area:what` id), `{name}` placeholders filled. */
export function ui(msgid: string, lang: string, values: Record<string, string | number> = {}): string {
  return translate(msgid, lang).replace(/\{([A-Za-z_]\w*)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
