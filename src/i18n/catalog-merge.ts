// From a guide's segments to its catalogs, as xgettext and msgmerge do:
// the template (.pot) holds every segment; the catalog of a language holds the
// segments written in another language (a Chinese paragraph needs an English
// translation, an English title a Chinese one). Refreshing a catalog keeps
// every translation whose segment is unchanged; a segment that changed gets
// the translation of the most similar old one (edit distance, msgmerge's 0.6
// threshold), marked fuzzy with the old msgid as `#|` (that old entry is then
// not kept as obsolete, as msgmerge does); a segment that is gone
// keeps its translation as obsolete (`#~`), and comes back from there if the
// text does.

import { distance } from 'fastest-levenshtein';
import { dirname, relative, resolve, sep } from 'node:path';
import { emptyCatalog, type CatalogEntry, type GuideCatalog } from './guide-catalog.js';
import type { Segment } from './segments.js';

/** One msgid of a guide with every place it is written. */
export interface WantedEntry {
  msgid: string;
  /** The language the text is written in. */
  lang: string;
  references: string[];
}

/** The guide's segments as catalog entries, one per msgid (first place first), references relative to the guide's folder. */
export function wantedEntries(segments: Segment[], guideFile: string): WantedEntry[] {
  const folder = dirname(resolve(guideFile));
  const byId = new Map<string, WantedEntry>();
  for (const segment of segments) {
    const reference = `${relative(folder, resolve(segment.file)).split(sep).join('/')}:${segment.line}`;
    const entry = byId.get(segment.msgid);
    if (entry) {
      if (!entry.references.includes(reference)) entry.references.push(reference);
    } else byId.set(segment.msgid, { msgid: segment.msgid, lang: segment.lang, references: [reference] });
  }
  return [...byId.values()];
}

/** The entries a catalog for `lang` needs: those written in another language. */
export function neededFor(wanted: WantedEntry[], lang: string): WantedEntry[] {
  return wanted.filter((entry) => entry.lang !== lang);
}

/** The template: every segment, untranslated, with the language it is written in for the translator. */
export function templateCatalog(wanted: WantedEntry[], path: string, project: string): GuideCatalog {
  const catalog = emptyCatalog(path, '', project);
  delete catalog.headers.Language;
  for (const entry of wanted) {
    catalog.entries.set(entry.msgid, { msgid: entry.msgid, msgstr: '', fuzzy: false, references: entry.references, extracted: `written in ${entry.lang}` });
  }
  return catalog;
}

/** Below this similarity a changed segment gets no old translation (msgmerge's FUZZY_THRESHOLD). */
export const FUZZY_THRESHOLD = 0.6;

/** 1 for equal strings, 0 for nothing in common: one minus the edit distance over the longer length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - distance(a, b) / longer;
}

export interface MergeCounts {
  /** Entries with their old translation, unchanged. */
  kept: number;
  /** New segments with no translation. */
  added: number;
  /** Changed segments given a similar old translation, marked fuzzy. */
  fuzzy: number;
  /** Old entries no segment needs any more. */
  obsoleted: number;
}

/** `old` refreshed for the segments `wanted` (already those its language needs), as msgmerge does. */
export function mergeCatalog(old: GuideCatalog, wanted: WantedEntry[]): { catalog: GuideCatalog; counts: MergeCounts } {
  const counts: MergeCounts = { kept: 0, added: 0, fuzzy: 0, obsoleted: 0 };
  const catalog: GuideCatalog = { ...old, headers: { ...old.headers }, entries: new Map(), obsolete: new Map() };
  const wantedIds = new Set(wanted.map((w) => w.msgid));
  // Translations a changed segment may inherit: every old entry that has one.
  const donors = [...old.entries.values(), ...old.obsolete.values()].filter((e) => e.msgstr !== '');
  // An old entry whose translation a changed segment took lives on in it, not as obsolete (msgmerge's `used`).
  const used = new Set<string>();
  for (const want of wanted) {
    const same = old.entries.get(want.msgid) ?? old.obsolete.get(want.msgid);
    if (same) {
      catalog.entries.set(want.msgid, refreshed(same, want));
      counts.kept++;
      continue;
    }
    const donor = mostSimilar(want.msgid, donors);
    if (donor) {
      used.add(donor.msgid);
      catalog.entries.set(want.msgid, {
        msgid: want.msgid,
        msgstr: donor.msgstr,
        fuzzy: true,
        previous: donor.msgid,
        references: want.references,
        ...(donor.comments ? { comments: donor.comments } : {}),
      });
      counts.fuzzy++;
    } else {
      catalog.entries.set(want.msgid, { msgid: want.msgid, msgstr: '', fuzzy: false, references: want.references });
      counts.added++;
    }
  }
  for (const entry of old.entries.values()) {
    if (wantedIds.has(entry.msgid) || used.has(entry.msgid) || entry.msgstr === '') continue;
    catalog.obsolete.set(entry.msgid, { ...withoutPlace(entry), references: [] });
    counts.obsoleted++;
  }
  for (const entry of old.obsolete.values()) {
    if (!wantedIds.has(entry.msgid) && !used.has(entry.msgid) && !catalog.obsolete.has(entry.msgid)) catalog.obsolete.set(entry.msgid, withoutPlace(entry));
  }
  return { catalog, counts };
}

/** An old entry for the same msgid, with today's places; its previous msgid only while it is fuzzy. */
function refreshed(entry: CatalogEntry, want: WantedEntry): CatalogEntry {
  const { previous, line: _line, ...rest } = entry;
  return { ...rest, references: want.references, ...(entry.fuzzy && previous !== undefined ? { previous } : {}) };
}

function withoutPlace(entry: CatalogEntry): CatalogEntry {
  const { line: _line, ...rest } = entry;
  return rest;
}

/** The old entry most like `msgid`, at least FUZZY_THRESHOLD alike. */
function mostSimilar(msgid: string, donors: CatalogEntry[]): CatalogEntry | undefined {
  let best: CatalogEntry | undefined;
  let bestScore = FUZZY_THRESHOLD;
  for (const donor of donors) {
    const shorter = Math.min(donor.msgid.length, msgid.length);
    const longer = Math.max(donor.msgid.length, msgid.length);
    // The edit distance is at least the difference in length: skip those that cannot reach the threshold.
    if (longer > 0 && shorter / longer < bestScore) continue;
    const score = similarity(msgid, donor.msgid);
    if (score >= bestScore && (score > bestScore || !best)) {
      best = donor;
      bestScore = score;
    }
  }
  return best;
}
