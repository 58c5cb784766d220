// Reference names and ids, as docutils' nodes.py makes them: `make_id`,
// `fully_normalize_name`, `whitespace_normalize_name`. Inline parsing
// normalizes a name for every reference, so the common case of a name without
// whitespace takes a fast path (no split/filter/join).

const SPACE = /\s/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * docutils' `make_id`: an identifier usable as an HTML id from any name.
 * (docutils also collapses whitespace first; the `[^a-z0-9]+` step below
 * turns any whitespace run into one hyphen anyway, so that step is left out.)
 */
export function makeId(value: string): string {
  let id = value.toLowerCase();
  if (!ASCII_ONLY.test(id)) {
    id = id
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x00-\x7f]/g, '');
  }
  return id.replace(/[^a-z0-9]+/g, '-').replace(/^[-0-9]+|-+$/g, '');
}

/** docutils' `fully_normalize_name`: case-folded, whitespace collapsed. */
export function normalizeName(value: string): string {
  if (!SPACE.test(value)) return value.toLowerCase();
  return value.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

/** docutils' `whitespace_normalize_name`. */
export function whitespaceNormalizeName(value: string): string {
  if (!SPACE.test(value)) return value;
  return value.split(/\s+/).filter(Boolean).join(' ');
}
