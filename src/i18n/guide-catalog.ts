// A guide's translation catalogs: gettext PO files beside the guide,
// `content/<guide>/locales/<lang>.po` (and the template `<guide>.pot`), read and
// written with gettext-parser. An entry's msgid is a segment's source text
// (segments.ts), its msgstr the translation (reStructuredText inline text),
// `#:` where the segment is (file:line), `#, fuzzy` when the source changed
// since it was translated and `#|` the msgid it was translated from.

import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { po, type GetTextTranslation, type GetTextTranslations } from 'gettext-parser';

export interface CatalogEntry {
  msgid: string;
  /** The translation ('' when there is none yet). */
  msgstr: string;
  fuzzy: boolean;
  /** The msgid a fuzzy translation was made for (`#| msgid …`). */
  previous?: string;
  /** Where the segment is: `local.rst:9` … */
  references: string[];
  /** The translator's own comments (`# …`), kept as they are. */
  comments?: string;
  /** Comments for the translator (`#. …`). */
  extracted?: string;
  /** Other flags than fuzzy (`#, python-format` …), kept as they are. */
  flags?: string[];
  /** 1-based line of the msgstr in the PO file (where a problem in the translation is). */
  line?: number;
}

export interface GuideCatalog {
  /** The PO file (may not exist yet). */
  path: string;
  lang: string;
  headers: Record<string, string>;
  /** A comment at the top of the file (the header entry's `# …`). */
  headerComment?: string;
  /** msgid → entry, in file order. */
  entries: Map<string, CatalogEntry>;
  /** Entries of segments no longer in the guide (`#~`), msgid → entry. */
  obsolete: Map<string, CatalogEntry>;
}

/** A PO file gettext-parser refused, with the line it stopped at when it says. */
export class CatalogError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Where a guide's catalogs live: `<guide folder>/locales/`. */
export function localesDirOf(guideFile: string): string {
  return join(dirname(guideFile), 'locales');
}

/** The catalog of `lang` for a guide: `<guide folder>/locales/<lang>.po`. */
export function catalogPath(guideFile: string, lang: string): string {
  return join(localesDirOf(guideFile), `${lang}.po`);
}

/** The template of a guide's catalogs: `<guide folder>/locales/<guide>.pot`. */
export function templatePath(guideFile: string): string {
  return join(localesDirOf(guideFile), `${basename(guideFile, extname(guideFile))}.pot`);
}

/** An empty catalog for `lang` at `path`, with the headers gettext tools expect. */
export function emptyCatalog(path: string, lang: string, project: string): GuideCatalog {
  return {
    path,
    lang,
    headers: {
      'Project-Id-Version': project,
      Language: lang,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
    },
    entries: new Map(),
    obsolete: new Map(),
  };
}

/** Read the catalog at `path` (its language from its `Language` header, else from the file name). */
export function readGuideCatalog(path: string): GuideCatalog {
  return parseCatalog(readFileSync(path, 'utf8'), path);
}

/** A guide's catalog for `lang` when it has one: what the site hands to `renderGuide`'s translation. */
export function guideCatalog(guideFile: string, lang: string): GuideCatalog | undefined {
  const path = catalogPath(guideFile, lang);
  return existsSync(path) ? readGuideCatalog(path) : undefined;
}

export function parseCatalog(text: string, path: string): GuideCatalog {
  let parsed: GetTextTranslations;
  try {
    parsed = po.parse(text, { validation: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    throw new CatalogError(path, message, line ? Number(line) : undefined);
  }
  const lines = msgstrLines(text);
  const header = parsed.translations['']?.[''];
  const headers = { ...parsed.headers };
  const lang = headers.Language || headers.language || basename(path, extname(path));
  const catalog: GuideCatalog = {
    path,
    lang,
    headers,
    ...(header?.comments?.translator ? { headerComment: header.comments.translator } : {}),
    entries: new Map(),
    obsolete: new Map(),
  };
  for (const context of Object.values(parsed.translations)) {
    for (const [msgid, entry] of Object.entries(context)) {
      if (msgid === '') continue;
      catalog.entries.set(msgid, toEntry(entry, lines.get(msgid)));
    }
  }
  for (const context of Object.values(parsed.obsolete ?? {})) {
    for (const [msgid, entry] of Object.entries(context)) if (msgid !== '') catalog.obsolete.set(msgid, toEntry(entry));
  }
  return catalog;
}

function toEntry(entry: GetTextTranslation, line?: number): CatalogEntry {
  const comments = entry.comments ?? {};
  const flags = (comments.flag ?? '').split(/[,\s]+/).filter(Boolean);
  const previous = comments.previous ? previousMsgid(comments.previous) : undefined;
  return {
    msgid: entry.msgid,
    msgstr: entry.msgstr[0] ?? '',
    fuzzy: flags.includes('fuzzy'),
    ...(previous !== undefined ? { previous } : {}),
    references: (comments.reference ?? '').split(/\s+/).filter(Boolean),
    ...(comments.translator ? { comments: comments.translator } : {}),
    ...(comments.extracted ? { extracted: comments.extracted } : {}),
    ...(flags.some((f) => f !== 'fuzzy') ? { flags: flags.filter((f) => f !== 'fuzzy') } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** The PO file's text for a catalog: entries in their order, then the obsolete ones as `#~`. */
export function formatCatalog(catalog: GuideCatalog): string {
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: catalog.headers,
    translations: { '': { '': { msgid: '', msgstr: [''], ...(catalog.headerComment ? { comments: { translator: catalog.headerComment } } : {}) } } },
    obsolete: { '': {} },
  };
  for (const entry of catalog.entries.values()) table.translations['']![entry.msgid] = fromEntry(entry);
  for (const entry of catalog.obsolete.values()) table.obsolete!['']![entry.msgid] = fromEntry(entry);
  return po.compile(table, { foldLength: 79 }).toString('utf8');
}

function fromEntry(entry: CatalogEntry): GetTextTranslation {
  const flags = [...(entry.fuzzy ? ['fuzzy'] : []), ...(entry.flags ?? [])];
  const comments = {
    ...(entry.comments ? { translator: entry.comments } : {}),
    ...(entry.extracted ? { extracted: entry.extracted } : {}),
    ...(entry.references.length > 0 ? { reference: entry.references.join('\n') } : {}),
    ...(flags.length > 0 ? { flag: flags.join(', ') } : {}),
    ...(entry.fuzzy && entry.previous !== undefined ? { previous: `msgid ${poString(entry.previous)}` } : {}),
  };
  return { msgid: entry.msgid, msgstr: [entry.msgstr], ...(Object.keys(comments).length > 0 ? { comments } : {}) };
}

/** Write a catalog (and its folder); returns false when the file already held exactly this. */
export function writeCatalog(catalog: GuideCatalog): boolean {
  return writeIfChanged(catalog.path, formatCatalog(catalog));
}

export function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return true;
}

/** A string as a PO string literal (one line). */
function poString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', '\\': '\\' };

/** The value of PO string literals (`"a" "b"` → `ab`). */
function poValue(literals: string): string {
  let out = '';
  for (const match of literals.matchAll(/"((?:[^"\\]|\\.)*)"/g)) out += match[1]!.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
  return out;
}

/** `#| msgid "…"` (gettext-parser keeps its text after `|`, several lines joined by newlines) → the previous msgid. */
function previousMsgid(comment: string): string | undefined {
  const at = comment.indexOf('msgid ');
  if (at < 0) return undefined;
  const end = comment.search(/\bmsgid_plural\b|\bmsgctxt\b/);
  return poValue(comment.slice(at + 'msgid '.length, end > at ? end : undefined));
}

/**
 * msgid → the 1-based line where its translation starts. gettext-parser keeps
 * no line numbers, and a problem in a translation should point at it; a
 * small scan of the file's `msgid` / `msgstr` keywords finds them.
 */
export function msgstrLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('msgid ')) continue;
    let literals = lines[i]!.slice('msgid '.length);
    let j = i + 1;
    while (j < lines.length && lines[j]!.startsWith('"')) literals += lines[j++];
    while (j < lines.length && !lines[j]!.startsWith('msgstr')) j++;
    if (j >= lines.length) break;
    const first = lines[j]!.replace(/^msgstr(\[0\])?\s*/, '');
    const startsBelow = first === '""' && lines[j + 1]?.startsWith('"');
    out.set(poValue(literals), j + 1 + (startsBelow ? 1 : 0));
    i = j;
  }
  return out;
}
