// The translatable segments of a guide's parsed reStructuredText tree, as
// Sphinx's gettext builder finds them: paragraphs (in lists, field bodies,
// table cells, admonitions, block quotes …), titles, captions, terms, rubrics
// and lines of line blocks. A segment's msgid is its source text as the author
// wrote it (sliced from the tree's positions, inline markup and a closing `::`
// kept, a line break made one space, or none between Chinese characters),
// so a translator keeps ``literals`` and `links`_. Never segments: literal and code blocks (captures), comments,
// substitution definitions, raw and math, field names, the fields that hold
// names (author, contact, address, date, version …) and a text with no words
// once its literals, links and names (`br-int`, `qvo7bfa2daa-66`,
// `10.0.1.0/28`) are set aside. Each segment's language is told by its
// script: Han characters make it Chinese, anything else English.
// Hand-written: Sphinx's extractor is Python and works on docutils' rawsource,
// which our tree keeps as positions instead.

import { readFileSync } from 'node:fs';
import { LANGUAGE_MODULES } from '../rst/languages/all.js';
import { normalizeName } from '../rst/names.js';
import { isElement, isText, toText, type Position, type RstElement, type RstNode } from '../rst/nodes.js';

/** The languages a segment can be told to be in. */
export const SEGMENT_LANGUAGES = ['zh', 'en'] as const;
export type SegmentLanguage = (typeof SEGMENT_LANGUAGES)[number];

export interface Segment {
  /** The source text as written, line breaks normalised (the catalog's msgid). */
  msgid: string;
  /** The element whose content the segment is (`paragraph`, `title`, `caption` …). */
  node: RstElement;
  /** The element holding `node` (system messages of a translation go after `node` in it). */
  parent: RstElement;
  /** The language the segment is written in. */
  lang: SegmentLanguage;
  /** The file the text is in: the guide, or a file it includes. */
  file: string;
  /** 1-based line of the segment's first character in `file`. */
  line: number;
  position: Position;
  /** The source ends in `::` (a literal block follows): a translation ends so too, and loses it as docutils' paragraph does. */
  literalNext: boolean;
}

export interface SegmentOptions {
  /** The guide's file name as positions refer to it. */
  file: string;
  /** The guide's text (the tree's offsets index it). */
  text: string;
  /** Files the guide includes (the Document's dependencies): a segment's text may be in one of them. */
  includes?: Iterable<string>;
  /** Read an included file (default: from disk; undefined when it cannot be read). */
  readFile?: (path: string) => string | undefined;
  /** The guide's markup (default rst): a Markdown guide's msgids are Markdown (`code`, [links](url)), and have no `::`. */
  format?: GuideMarkup;
}

/** The markup a guide is written in. */
export type GuideMarkup = 'rst' | 'markdown';

/** Elements whose inline content is one segment. */
const SEGMENT_TYPES = new Set(['paragraph', 'title', 'subtitle', 'caption', 'rubric', 'term', 'line']);

/** Subtrees that are never translated: code, captures, markup, generated or hidden content. */
const SKIPPED = new Set([
  'literal_block',
  'doctest_block',
  'math_block',
  'raw',
  'comment',
  'substitution_definition',
  'system_message',
  'pending',
  'target',
  'field_name',
  'option_group',
  'image',
  'attribution',
  'docinfo',
]);

/** Bibliographic fields whose body is a name, an address, a date or a version, never prose. */
const NAME_FIELDS = new Set(['author', 'authors', 'contact', 'address', 'date', 'version', 'revision']);

/** Han ideographs: a segment with any is Chinese. */
const HAN = /\p{Script=Han}/u;

/** The language a text is written in, told by its script (Han → zh, else en). */
export function detectLanguage(value: string): SegmentLanguage {
  return HAN.test(value) ? 'zh' : 'en';
}

/**
 * Inline constructs that are not words to translate: ``literals``, code-ish
 * roles, substitution and footnote references, embedded and standalone URIs
 * and e-mail addresses.
 */
const NOT_WORDS: RegExp[] = [
  /``[\s\S]+?``/g,
  /:(?:code|literal|file|command|kbd|samp|program|envvar|option|math)(?::[\w-]+)?:`[^`]+`/g,
  /\|[^|\s][^|]*\|_{0,2}/g,
  /\[(?:#[\w-]*|\*|\d+|[\w.-]+)\]_/g,
  /<[^<>\s]+>`_{1,2}/g,
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi,
  /\b(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

/** Markdown's inline constructs that are not words: `code` spans, link and image destinations, autolinks, footnote references. */
const NOT_WORDS_MARKDOWN: RegExp[] = [
  /(`+)[\s\S]+?\1/g,
  /\]\([^)]*\)/g,
  /\[\^[^\]\s]+\]/g,
  /<[a-z][a-z0-9+.-]*:[^<>\s]*>/gi,
  ...NOT_WORDS,
];

/** A token that is a name, not a word: it holds a digit, or a `-`, `_`, `.`, `/`, `:` or `@` between its letters (`br-int`, `eth0`, `10.0.1.0/28`). */
const NAME_TOKEN = /^\W*(?:\S*\d\S*|\S*\w[-_./:@]\w\S*)\W*$/u;

/** Does a msgid hold words to translate, once its literals, links and names are set aside? */
export function hasWords(msgid: string, format: GuideMarkup = 'rst'): boolean {
  let rest = msgid;
  for (const pattern of format === 'markdown' ? NOT_WORDS_MARKDOWN : NOT_WORDS) rest = rest.replace(pattern, ' ');
  return rest.split(/\s+/).some((token) => token !== '' && !NAME_TOKEN.test(token) && /\p{L}/u.test(token));
}

/** The segments of a parsed (untransformed) guide, in document order. */
export function segmentsOf(tree: RstElement, options: SegmentOptions): Segment[] {
  const files = new SourceFiles(options);
  const nameFields = NAME_FIELD_NAMES;
  const out: Segment[] = [];
  // Explicit stack of [node, parent, innermost table, innermost table entry]: deep trees are fine.
  type Frame = [RstElement, RstElement, RstElement | undefined, Cell | undefined];
  const stack: Frame[] = [];
  const push = (node: RstElement, table: RstElement | undefined, cell: Cell | undefined) => {
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (isElement(child)) stack.push([child, node, table, cell]);
    }
  };
  push(tree, undefined, undefined);
  while (stack.length > 0) {
    const [node, parent, table, cell] = stack.pop()!;
    if (SKIPPED.has(node.type)) continue;
    if (node.type === 'field' && isNameField(node, nameFields)) continue;
    if (SEGMENT_TYPES.has(node.type)) {
      const segment = makeSegment(node, parent, cell, files, options.file, options.format ?? 'rst');
      if (segment) out.push(segment);
      continue;
    }
    if (node.type === 'table') push(node, node, undefined);
    else push(node, table, node.type === 'entry' && table ? cellOf(node, parent, table) : cell);
  }
  return out;
}

/**
 * The name fields as any docutils language writes them (`Author`, `作者` …):
 * the same whatever language the guide is parsed in, so extraction and
 * translation find the same segments.
 */
const NAME_FIELD_NAMES: ReadonlySet<string> = new Set(
  Object.values(LANGUAGE_MODULES).flatMap((language) =>
    Object.entries(language.bibliographicFields).filter(([, canonical]) => NAME_FIELDS.has(canonical)).map(([name]) => name)),
);

function isNameField(field: RstElement, names: ReadonlySet<string>): boolean {
  const name = field.children.find((c) => c.type === 'field_name');
  return name !== undefined && names.has(normalizeName(toText(name)));
}

/** A table cell: where its lines start and end (a grid table's `|`, a simple table's column). */
interface Cell {
  /** 1-based column of the cell's content. */
  column: number;
  /** Where the table starts: its first character tells a grid (`+`) from a simple (`=`) table. */
  table: Position['start'];
  kind?: 'grid' | 'simple' | 'other';
  /** The column's width in a simple table (undefined for its last column: it runs to the line's end). */
  width?: number;
}

function cellOf(entry: RstElement, row: RstElement, table: RstElement): Cell | undefined {
  const start = entry.position?.start;
  if (!start || !table.position) return undefined;
  const tgroup = table.children.find((c) => c.type === 'tgroup') as RstElement | undefined;
  const widths = (tgroup?.children ?? []).filter((c) => c.type === 'colspec').map((c) => Number((c as RstElement).attributes.colwidth));
  let index = 0;
  for (const sibling of row.children) {
    if (sibling === entry) break;
    if (isElement(sibling)) index += 1 + Number(sibling.attributes.morecols ?? 0);
  }
  const last = index + Number(entry.attributes.morecols ?? 0);
  const width = last < widths.length - 1 ? widths.slice(index, last + 1).reduce((a, b) => a + b + 1, -1) : undefined;
  return { column: start.column, table: table.position.start, ...(width !== undefined && Number.isFinite(width) ? { width } : {}) };
}

function makeSegment(node: RstElement, parent: RstElement, cell: Cell | undefined, files: SourceFiles, mainFile: string, format: GuideMarkup): Segment | undefined {
  const position = node.position;
  if (!position || position.start.offset < 0) return undefined;
  const plain = collapse(toText(node));
  if (plain === '') return undefined;
  const file = files.fileOf(node) ?? mainFile;
  const text = files.text(file);
  let msgid: string | undefined;
  if (text !== undefined) {
    if (cell && format === 'markdown') cell = undefined;
    if (cell) {
      const first = text.charAt(cell.table.offset);
      cell = first === '+' ? { ...cell, kind: 'grid' } : first === '=' ? { ...cell, kind: 'simple' } : undefined;
    }
    // a Markdown heading's or table cell's span holds its `#`s or pipes: its words are its content's span
    const sliced = sliceSource(text, files.lineStarts(file), format === 'markdown' ? contentSpan(node) ?? position : position, cell);
    if (sliced !== undefined && lettersWithin(plain, sliced)) msgid = sliced;
  }
  if (msgid === undefined) {
    // Text the author did not write there (a generated contents title) is no segment;
    // text whose source cannot be sliced (a csv-table cell) is its plain text.
    if (node.type === 'title' && parent.type === 'topic') return undefined;
    msgid = plain;
  }
  if (!hasWords(msgid, format)) return undefined;
  return {
    msgid,
    node,
    parent,
    lang: detectLanguage(msgid),
    file,
    line: position.start.line,
    position,
    literalNext: format === 'rst' && node.type === 'paragraph' && /(?<!\\)(?:\\\\)*::$/.test(msgid),
  };
}

/** From the start of an element's first child to the end of its last (undefined when they have no place). */
function contentSpan(node: RstElement): Position | undefined {
  const first = node.children[0]?.position;
  const last = node.children[node.children.length - 1]?.position;
  if (!first || !last || first.start.offset < 0 || last.end.offset < first.start.offset) return undefined;
  return { start: first.start, end: last.end };
}

/** Whitespace runs (line breaks and indentation among them) as one space, trimmed. */
function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Every letter and digit of `plain`, in order, is in `source` (it is the text written there). */
function lettersWithin(plain: string, source: string): boolean {
  const wanted = plain.match(/[\p{L}\p{N}]/gu) ?? [];
  let at = 0;
  for (const char of wanted) {
    at = source.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}

/**
 * The source text between a node's start and end, line by line: the first
 * line from the start column, the others from their indentation (a cell's
 * from its column, to its `|` or its column's width), the last to the end
 * column; one space between lines.
 */
function sliceSource(text: string, starts: number[], position: Position, cell: Cell | undefined): string | undefined {
  const { start, end } = position;
  if (end.line < start.line || start.line < 1 || end.line > starts.length) return undefined;
  const pieces: string[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const lineText = lineAt(text, starts, line);
    let from: number;
    if (line === start.line) from = start.column - 1;
    else if (cell) from = cell.column - 1;
    else from = lineText.length - lineText.trimStart().length;
    let to: number;
    if (line === end.line) to = end.column - 1;
    else if (cell?.kind === 'grid') {
      const border = lineText.indexOf('|', from);
      to = border < 0 ? lineText.length : border;
    } else if (cell?.kind === 'simple' && cell.width !== undefined) to = Math.min(lineText.length, cell.column - 1 + cell.width);
    else to = lineText.length;
    if (from > lineText.length || to < from) return undefined;
    const piece = lineText.slice(from, to).trim();
    if (piece !== '') pieces.push(piece);
  }
  return joinLines(pieces);
}

/** Chinese and Japanese characters and their punctuation: no space is written between them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** Lines joined by one space, or by nothing where both sides are Chinese or Japanese (a line break there is no space). */
function joinLines(pieces: string[]): string {
  let out = pieces[0] ?? '';
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const unspaced = UNSPACED.test(out.slice(-1)) && UNSPACED.test(piece.charAt(0));
    out += (unspaced ? '' : ' ') + piece;
  }
  return out;
}

function lineAt(text: string, starts: number[], line: number): string {
  const from = starts[line - 1]!;
  const next = line < starts.length ? starts[line]! : text.length;
  return text.slice(from, next).replace(/\r?\n$|\r$/, '');
}

/** Where each line of `text` starts (offsets), for `\n`, `\r\n` and `\r` line ends. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  const pattern = /\r\n|\r|\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * The guide and the files it includes, read once each. A node's positions do
 * not name their file: the file is the one whose text at the node's first
 * text offsets is that text (the guide first).
 */
class SourceFiles {
  private readonly texts = new Map<string, string | undefined>();
  private readonly starts = new Map<string, number[]>();
  private readonly order: string[];
  private readonly read: (path: string) => string | undefined;

  constructor(options: SegmentOptions) {
    this.read = options.readFile ?? readQuietly;
    this.texts.set(options.file, options.text);
    this.order = [options.file, ...[...(options.includes ?? [])].filter((f) => f !== options.file)];
  }

  text(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.read(file));
    return this.texts.get(file);
  }

  lineStarts(file: string): number[] {
    let starts = this.starts.get(file);
    if (!starts) this.starts.set(file, (starts = lineStartsOf(this.text(file) ?? '')));
    return starts;
  }

  fileOf(node: RstElement): string | undefined {
    const probe = firstText(node);
    if (!probe) return this.order[0];
    for (const file of this.order) {
      const text = this.text(file);
      if (text !== undefined && matchesAt(text, probe)) return file;
    }
    return undefined;
  }

}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first text under `node` with a place and letters, as a probe of which file it is in. */
function firstText(node: RstNode): { value: string; offset: number } | undefined {
  const stack: RstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (isText(current)) {
      const first = current.value.split('\n')[0]!;
      if (/[\p{L}\p{N}]/u.test(first) && current.position && current.position.start.offset >= 0) return { value: first, offset: current.position.start.offset };
      continue;
    }
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return undefined;
}

/** The letters and digits of the probe are those of the text at its offset (backslash escapes aside). */
function matchesAt(text: string, probe: { value: string; offset: number }): boolean {
  const wanted = (probe.value.match(/[\p{L}\p{N}]/gu) ?? []).slice(0, 24).join('');
  const window = text.slice(probe.offset, probe.offset + probe.value.length * 2 + 8);
  const found = (window.match(/[\p{L}\p{N}]/gu) ?? []).join('');
  return found.startsWith(wanted);
}
