// What a docutils language module holds (docutils/languages/<code>.py).

export interface LanguageModule {
  /** Node or field name (`author`, `note`, `contents` …) → the words shown for it. */
  labels: Record<string, string>;
  /** A bibliographic field name as written in this language (lower-cased) → its canonical English name. */
  bibliographicFields: Record<string, string>;
  /** How an `:Authors:` field separates names, tried in order. */
  authorSeparators: string[];
}
