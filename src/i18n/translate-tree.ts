// A guide in another language: `rstTranslate({ lang, catalog })` is a unified
// plugin run on the parsed rst tree, right after parsing and before the
// transforms, so the table of contents, section numbers and the document
// title show the translated words. Each segment written in another language
// than `lang` gets the catalog's translation, parsed as reStructuredText inline
// text (its links and literals become nodes, registered in the document as
// the parser's are); section ids stay the source's (the parser gave them), so
// one section has one id in every language. A segment whose translation is
// missing or fuzzy stays as written, wrapped in an `inline` with the classes
// `language-<its language>` (the HTML element's `lang`) and `untranslated`;
// `rehypeUntranslated` gives those elements their title ("not yet translated").
// A Markdown guide's tree (its file's name ends in .md) takes its
// translations as Markdown inline text, its link definitions at hand.

import type { Element, Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { Document } from '../rst/document.js';
import { definitionsOf, parseMarkdownInline } from '../markdown/index.js';
import { parseInline } from '../rst/inline/index.js';
import { element, isElement, text, type Position, type RstElement, type RstNode } from '../rst/nodes.js';
import { Level } from '../rst/reporter.js';
import { translate } from './catalog.js';
import type { GuideCatalog } from './guide-catalog.js';
import { markupOf } from './guides.js';
import { segmentsOf, type Segment } from './segments.js';

/** What a page in another language needs: its language and the guide's catalog for it (none: every segment stays as written). */
export interface GuideTranslation {
  lang: string;
  catalog?: GuideCatalog;
}

/** The class of an element whose words are not yet in the page's language. */
export const UNTRANSLATED_CLASS = 'untranslated';

export interface TranslateCounts {
  /** Segments in another language than the page's. */
  needed: number;
  translated: number;
  fuzzy: number;
  missing: number;
}

declare module 'vfile' {
  interface DataMap {
    /** What the translation of the page did (rstTranslate). */
    translation: TranslateCounts & { lang: string };
  }
}

/** unified plugin: `unified().use(rstParse).use(rstTranslate, { lang, catalog }).use(rstTransforms)…`. */
export function rstTranslate(options: GuideTranslation) {
  return function transformer(tree: RstElement, file: VFile): RstElement {
    const document = file.data.rst;
    const text = file.value === undefined || file.value === null ? '' : String(file.value);
    const source = document?.settings.sourceName ?? file.path ?? '<string>';
    const format = markupOf(source);
    const segments = segmentsOf(tree, { file: source, text, includes: document?.dependencies ?? [], format });
    const markdown = format === 'markdown' ? { definitions: definitionsOf(text) } : undefined;
    file.data.translation = { lang: options.lang, ...translateSegments(segments, options, document, markdown) };
    return tree;
  };
}

/** Put each segment in `lang` (or mark it untranslated), in the tree and the document's registries; `markdown`: the translations are Markdown. */
export function translateSegments(segments: Segment[], options: GuideTranslation, document: Document | undefined, markdown?: { definitions: string }): TranslateCounts {
  const counts: TranslateCounts = { needed: 0, translated: 0, fuzzy: 0, missing: 0 };
  for (const segment of segments) {
    if (segment.lang === options.lang) continue;
    counts.needed++;
    const entry = options.catalog?.entries.get(segment.msgid);
    if (entry && entry.msgstr.trim() !== '' && !entry.fuzzy && document) {
      if (markdown) replaceMarkdownContent(segment, entry.msgstr, options.catalog!.path, entry.line, document, markdown.definitions);
      else replaceContent(segment, entry.msgstr, options.catalog!.path, entry.line, document);
      counts.translated++;
    } else {
      if (entry?.fuzzy && entry.msgstr !== '') counts.fuzzy++;
      else counts.missing++;
      markUntranslated(segment);
    }
  }
  if (document) reorderRegistries(document);
  return counts;
}

/** The segment's content as written, in an inline that says its language and that it is not translated. */
function markUntranslated(segment: Segment): void {
  const wrapper = element('inline', { classes: [`language-${segment.lang}`, UNTRANSLATED_CLASS] }, segment.node.children, segment.position);
  segment.node.children = [wrapper];
}

/**
 * The translation as the segment's content. Problems in it (an unclosed
 * `` `` ``, an unknown role) are reported at its line in the catalog; its
 * nodes take the segment's place in the guide, so whatever finds a paragraph
 * by its line still does.
 */
function replaceContent(segment: Segment, msgstr: string, catalogPath: string, line: number | undefined, document: Document): void {
  forget(document, segment.node.children);
  const value = segment.literalNext ? withoutLiteralMarker(msgstr.trim()) : msgstr.trim();
  let offset = 0;
  const lines = value.split('\n').map((text, i) => {
    const at = offset;
    offset += text.length + 1;
    return { text, source: catalogPath, line: (line ?? 1) + i, column: 1, offset: at };
  });
  const before = document.reporter.messages.length;
  const { nodes, messages } = parseInline({ text: lines.map((l) => l.text).join('\n'), lines, document, parent: segment.node });
  for (const reported of document.reporter.messages.slice(before)) {
    reported.source = catalogPath;
    reported.node.attributes.source = catalogPath;
    delete reported.column;
  }
  place(nodes, segment.position, value);
  segment.node.children = nodes;
  if (messages.length > 0) {
    const at = segment.parent.children.indexOf(segment.node);
    segment.parent.children.splice(at + 1, 0, ...messages);
  }
}

/** A Markdown guide's segment in its translation (Markdown inline text); its problems as system messages after it, at the catalog's line. */
function replaceMarkdownContent(segment: Segment, msgstr: string, catalogPath: string, line: number | undefined, document: Document, definitions: string): void {
  forget(document, segment.node.children);
  const value = msgstr.trim();
  const { nodes, messages } = parseMarkdownInline(value, { sourceName: catalogPath, definitions });
  place(nodes, segment.position, value);
  segment.node.children = nodes;
  if (messages.length === 0) return;
  const notes = messages.map((m) => element('system_message', { level: String(m.level), type: LEVEL_NAMES[m.level] ?? 'WARNING', source: catalogPath, line: String((line ?? 1) + (m.line ?? 1) - 1) }, [element('paragraph', {}, [text(m.message)])], segment.position));
  const at = segment.parent.children.indexOf(segment.node);
  segment.parent.children.splice(at + 1, 0, ...notes);
}

const LEVEL_NAMES: Record<number, string> = { 1: 'INFO', 2: 'WARNING', 3: 'ERROR', 4: 'SEVERE' };

/** docutils' paragraph rule for a closing `::`: `text::` → `text:`, `text ::` → `text`. */
function withoutLiteralMarker(value: string): string {
  if (!/(?<!\\)(?:\\\\)*::$/.test(value)) return value;
  if (value.length === 2) return '';
  return /\s/.test(value.charAt(value.length - 3)) ? value.slice(0, -3).trimEnd() : value.slice(0, -1);
}

/**
 * Every node of the translation at the segment's place in the guide; an
 * element keeps the words it was written as (docutils' rawsource), which a
 * transform shows when it cannot resolve it (`Nowhere`_), not the guide's text there.
 */
function place(nodes: RstNode[], position: Position, written: string): void {
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node)) {
      const at = node.position;
      if (at && at.start.offset >= 0 && at.end.offset > at.start.offset) node.data = { ...node.data, rawsource: written.slice(at.start.offset, at.end.offset) };
      stack.push(...node.children);
    }
    node.position = { start: { ...position.start }, end: { ...position.end } };
  }
}

/**
 * The replaced content leaves the document's registries (its targets' ids and
 * names, its references waiting to be resolved), so a translation that keeps
 * a link or a target is no duplicate of its source.
 */
function forget(document: Document, nodes: RstNode[]): void {
  const gone = new Set<RstElement>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    gone.add(node);
    stack.push(...node.children);
  }
  if (gone.size === 0) return;
  for (const [id, node] of [...document.ids]) {
    if (!gone.has(node)) continue;
    document.ids.delete(id);
    for (const [name, nameId] of [...document.nameIds]) {
      if (nameId === id) {
        document.nameIds.delete(name);
        document.nameTypes.delete(name);
      }
    }
  }
  for (const map of [document.refnames, document.refids, document.footnoteRefs, document.citationRefs]) {
    for (const [key, list] of [...map]) {
      const kept = list.filter((n) => !gone.has(n));
      if (kept.length === 0) map.delete(key);
      else if (kept.length !== list.length) map.set(key, kept);
    }
  }
  for (const list of [document.indirectTargets, document.anonymousTargets, document.anonymousRefs, document.autofootnotes, document.autofootnoteRefs, document.symbolFootnotes, document.symbolFootnoteRefs, document.footnotes, document.citations]) {
    for (let i = list.length - 1; i >= 0; i--) if (gone.has(list[i]!)) list.splice(i, 1);
  }
}

/**
 * References a translation added were registered after the rest of the
 * document; anonymous references and auto-numbered footnote references pair
 * up in document order, so those lists go back into tree order.
 */
function reorderRegistries(document: Document): void {
  const order = new Map<RstElement, number>();
  const stack: RstElement[] = [document.root];
  let n = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.set(node, n++);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (isElement(child)) stack.push(child);
    }
  }
  const byOrder = (a: RstElement, b: RstElement) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity);
  for (const list of [document.anonymousRefs, document.autofootnoteRefs, document.symbolFootnoteRefs, document.anonymousTargets, document.autofootnotes, document.symbolFootnotes]) {
    list.sort(byOrder);
  }
}

/**
 * rehype plugin: elements marked untranslated get a title in the page's
 * language ("not yet translated"), the quiet mark a reader can hover.
 */
export function rehypeUntranslated(options: { lang: string }) {
  const title = translate('guide:untranslated', options.lang);
  return function transformer(tree: HastRoot): void {
    const stack: Array<HastRoot | Element> = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const classes = child.properties.className;
        if (Array.isArray(classes) && classes.includes(UNTRANSLATED_CLASS) && child.properties.title === undefined) child.properties.title = title;
        stack.push(child);
      }
    }
  };
}

/** Problems in a translation as reStructuredText (or, `markdown`, Markdown) inline text, checked without a guide: level and message. */
export function translationProblems(msgstr: string, document: Document, markdown = false): { level: Level; message: string }[] {
  if (markdown) return parseMarkdownInline(msgstr, { sourceName: document.settings.sourceName }).messages.filter((m) => m.level >= Level.WARNING).map((m) => ({ level: m.level as Level, message: m.message }));
  const before = document.reporter.messages.length;
  const parent = element('paragraph');
  const lines = msgstr.split('\n').map((text, i) => ({ text, source: document.settings.sourceName, line: 1 + i, column: 1, offset: 0 }));
  parseInline({ text: msgstr, lines, document, parent });
  return document.reporter.messages.slice(before).filter((m) => m.level >= Level.WARNING).map((m) => ({ level: m.level, message: m.message }));
}
