// Messages said in a language, at the edge (page, CLI, JSON's `text`): the
// catalog's words for the message id, its `{placeholders}` filled with the
// values (names as they are, numbers, other messages said in the same
// language, lists joined as the language joins them), a plural form chosen by
// `count`. A message a catalog lacks is never a blank: it is said in another
// language that has it (or as its id and values), and remembered as missing so
// the build and `netguide i18n status` can report it.
//
// A placeholder in a catalog's text is `{name}`, and may say how its value is
// shown (the only formats; hand-written because Intl has no message format):
//   {name}            the value: a name or number as it is, a message said, a
//                     list joined as the language joins a list (Intl.ListFormat)
//   {name|SEP}        a list joined by SEP, verbatim up to the `}`:
//                     `{ports|, }`, `{ports|、}`, `{steps|；或}`, `{clauses|}`
//   {name:capital}    the value with its first letter upper-case (a clause
//                     that starts a sentence in English)

import { isMessage, type Message, type MessageValue } from '../message.js';
import { catalogOf } from './catalog.js';

/** The languages the site is published in, in the order a fallback tries them. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const missing = new Map<string, Set<string>>();

/** Message ids said in a language whose catalog lacks them, per language, since the last reset. */
export function missingMessages(): ReadonlyMap<string, ReadonlySet<string>> {
  return missing;
}

export function forgetMissingMessages(): void {
  missing.clear();
}

/** `message` in `lang`. */
export function say(message: Message, lang: string): string {
  const forms = catalogOf(lang).get(message.id);
  if (!forms) {
    let seen = missing.get(lang);
    if (!seen) missing.set(lang, (seen = new Set()));
    seen.add(message.id);
    for (const other of LANGUAGES) {
      if (other !== lang && catalogOf(other).has(message.id)) return fill(catalogOf(other).get(message.id)!, message, other);
    }
    return `${message.id}${message.values ? ' ' + JSON.stringify(message.values) : ''}`;
  }
  return fill(forms, message, lang);
}

/** Both languages of a message: the JSON contract's `text: {zh, en}`. */
export function bilingual(message: Message): { zh: string; en: string } {
  return { zh: say(message, 'zh'), en: say(message, 'en') };
}

/** `{name}`, `{name:capital}`, `{name|SEP}`: the placeholder's name, format and list separator. */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::(capital))?(?:\|([^}]*))?\}/g;

/** The placeholder names a catalog text uses (for checking that every language uses the same ones). */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function fill(forms: string[], message: Message, lang: string): string {
  const values = message.values ?? {};
  const form = forms.length > 1 && typeof values.count === 'number' ? forms[pluralIndex(lang, values.count, forms.length)] ?? forms[0]! : forms[0]!;
  return form.replace(PLACEHOLDER, (whole, name: string, format: string | undefined, separator: string | undefined) => {
    if (!(name in values)) return whole;
    const text = valueText(values[name]!, lang, separator);
    return format === 'capital' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  });
}

function valueText(value: MessageValue, lang: string, separator?: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isMessage(value)) return say(value, lang);
  const items = (value as readonly MessageValue[]).map((v) => valueText(v, lang));
  return separator === undefined ? listFormat(lang).format(items) : items.join(separator);
}

const lists = new Map<string, Intl.ListFormat>();
function listFormat(lang: string): Intl.ListFormat {
  let format = lists.get(lang);
  if (!format) lists.set(lang, (format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })));
  return format;
}

/**
 * The gettext plural form for `n`: CLDR's categories (Intl.PluralRules) in the
 * order gettext lists forms for the language (one form for zh; one, other for en).
 */
function pluralIndex(lang: string, n: number, forms: number): number {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const order = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((c) => categories.includes(c as Intl.LDMLPluralRule));
  const index = order.indexOf(new Intl.PluralRules(lang).select(n));
  return Math.min(Math.max(index, 0), forms - 1);
}
