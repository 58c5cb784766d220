// The bibliographic field list: a field list that is the first thing after
// the document title becomes `docinfo`. Known fields get their own elements
//
//   :Author: A. Name          →  <author>A. Name</author>
//   :Authors: A; B            →  <authors><author>A</author><author>B</author></authors>
//   :Dedication: text         →  <topic classes="dedication"><title>Dedication</title>…
//
// and any other field stays a generic field (with its name as a class).
// Field names are read in the document's language (its language module's
// bibliographic_fields, chosen by languageCode), in English, and in the
// `bibliographicLanguages` option's: docutils reads only the language's own,
// but a guide is published in two languages from one text, and its English
// `:Author:` must stay the author on its Chinese page (and `:作者:` on its English one).

import { getLanguage, label, type LanguageModule } from '../languages/index.js';
import { makeId, normalizeName } from '../names.js';
import { element, isElement, isText, listAttribute, text, type RstElement, type RstNode } from '../nodes.js';
import { Level } from '../reporter.js';
import { DECORATIVE, firstChildNotIn, PRE_BIBLIOGRAPHIC, TITULAR } from './tree.js';
import type { Transform } from './types.js';
import type { TransformRun } from './run.js';

/** Field name (lower-cased, English) → what it becomes. */
const BIBLIOGRAPHIC: Record<string, 'text' | 'authors' | 'topic' | 'address'> = {
  author: 'text',
  authors: 'authors',
  organization: 'text',
  address: 'address',
  contact: 'text',
  version: 'text',
  revision: 'text',
  status: 'text',
  date: 'text',
  copyright: 'text',
  dedication: 'topic',
  abstract: 'topic',
};

/** RCS keywords expanded by version control, cleaned as docutils does (`$Date: 2000/12/31 …$` → `2000-12-31`). */
const RCS_KEYWORDS: Array<[RegExp, string]> = [
  [/\$Date: (\d\d\d\d)[-/](\d\d)[-/](\d\d)[ T][\d:]+[^$]* \$/i, '$1-$2-$3'],
  [/\$RCSfile: (.+),v \$/i, '$1'],
  [/\$[a-zA-Z]+: (.+) \$/, '$1'],
];

function cleanRcsKeywords(paragraph: RstElement): void {
  const only = paragraph.children[0];
  if (paragraph.children.length !== 1 || !only || !isText(only)) return;
  for (const [pattern, replacement] of RCS_KEYWORDS) {
    if (pattern.test(only.value)) {
      only.value = only.value.replace(pattern, replacement);
      return;
    }
  }
}

class NotBibliographic extends Error {}

export const docInfo: Transform = {
  name: 'docinfo',
  priority: 340,
  apply(document, run) {
    if (!run.options.docinfoXform) return;
    const root = document.root;
    const index = firstChildNotIn(root, PRE_BIBLIOGRAPHIC);
    if (index === undefined) return;
    const candidate = root.children[index]!;
    if (candidate.type !== 'field_list') return;
    const languages = [document.settings.languageCode, 'en', ...run.options.bibliographicLanguages].map(getLanguage);
    const nodes = extract(candidate as RstElement, run, document.settings.languageCode, languages);
    root.children.splice(index, 1);
    const skip = new Set([...TITULAR, ...DECORATIVE, 'meta']);
    const at = firstChildNotIn(root, skip) ?? root.children.length;
    root.children.splice(at, 0, ...nodes);
  },
};

/** The canonical (English) name of a field named `normalized`, in the first of `languages` that knows it. */
function canonicalField(languages: LanguageModule[], normalized: string): string | undefined {
  for (const language of languages) {
    const canonical = language.bibliographicFields[normalized];
    if (canonical !== undefined) return canonical;
  }
  return undefined;
}

function extract(fieldList: RstElement, run: TransformRun, languageCode: string, languages: LanguageModule[]): RstElement[] {
  const language = languages[0]!;
  const docinfo = element('docinfo', {}, [], fieldList.position);
  const topics: Record<string, RstElement | undefined> = {};
  for (const fieldNode of fieldList.children) {
    if (!isElement(fieldNode)) continue;
    const field = fieldNode;
    const nameNode = field.children[0] as RstElement | undefined;
    const body = field.children[1] as RstElement | undefined;
    // docutils reads only the first piece of the name (`:Field *x*:` is "Field "), for the lookup and the class.
    const firstPiece = nameNode?.children[0];
    const name = firstPiece ? textOf(firstPiece) : '';
    const normalized = normalizeName(name);
    const canonical = canonicalField(languages, normalized) ?? normalized;
    try {
      const kind = BIBLIOGRAPHIC[canonical];
      if (field.children.length !== 2 || !kind || !body || !checkNotEmpty(field, body, name, run)) throw new NotBibliographic();
      if (kind === 'text' || kind === 'address') {
        if (!checkSingleParagraph(field, body, name, run)) throw new NotBibliographic();
        const paragraph = body.children[0] as RstElement;
        cleanRcsKeywords(paragraph);
        docinfo.children.push(element(canonical, {}, paragraph.children, field.position));
      } else if (kind === 'authors') {
        docinfo.children.push(extractAuthors(field, body, name, run, language.authorSeparators));
      } else {
        if (topics[canonical]) {
          body.children.push(run.message(Level.WARNING, `There can only be one "${name}" field.`, { base: field }));
          throw new NotBibliographic();
        }
        const title = element('title', {}, [text(label(languageCode, canonical)!, nameNode?.position)], nameNode?.position);
        topics[canonical] = element('topic', { classes: [canonical] }, [title, ...body.children], field.position);
      }
    } catch (error) {
      if (!(error instanceof NotBibliographic)) throw error;
      const last = field.children[field.children.length - 1];
      if (last && isElement(last) && last.children.length === 1 && last.children[0]!.type === 'paragraph') {
        cleanRcsKeywords(last.children[0] as RstElement);
      }
      const classValue = makeId(normalized);
      if (classValue) listAttribute(field, 'classes').push(classValue);
      docinfo.children.push(field);
    }
  }
  const out: RstElement[] = [];
  if (docinfo.children.length > 0) out.push(docinfo);
  for (const name of ['dedication', 'abstract']) if (topics[name]) out.push(topics[name]!);
  return out;
}

function textOf(node: RstNode): string {
  return isText(node) ? node.value : node.children.map(textOf).join('');
}

function checkNotEmpty(field: RstElement, body: RstElement, name: string, run: TransformRun): boolean {
  if (body.children.length > 0) return true;
  body.children.push(run.message(Level.WARNING, `Cannot extract empty bibliographic field "${name}".`, { base: field }));
  return false;
}

function checkSingleParagraph(field: RstElement, body: RstElement, name: string, run: TransformRun): boolean {
  if (body.children.length > 1) {
    body.children.push(run.message(Level.WARNING, `Cannot extract compound bibliographic field "${name}".`, { base: field }));
    return false;
  }
  if (body.children[0]?.type !== 'paragraph') {
    body.children.push(
      run.message(Level.WARNING, `Cannot extract bibliographic field "${name}" containing anything other than a single paragraph.`, { base: field }),
    );
    return false;
  }
  return true;
}

/** `:Authors:` as one paragraph split at `;` (or `,`), several paragraphs, or a bullet list. */
function extractAuthors(field: RstElement, body: RstElement, name: string, run: TransformRun, separators: string[]): RstElement {
  let authors: RstNode[][] | undefined;
  const first = body.children[0];
  if (body.children.length === 1 && first?.type === 'paragraph') {
    const all = textOf(body);
    if (all) {
      let names = [all];
      for (const separator of separators) {
        names = all.split(separator);
        if (names.length > 1) break;
      }
      authors = names.map((n) => n.trim()).filter(Boolean).map((n) => [text(n, first.position)]);
    }
  } else if (body.children.length === 1 && first?.type === 'bullet_list') {
    authors = [];
    for (const item of (first as RstElement).children) {
      if (item.type === 'comment') continue;
      const element = item as RstElement;
      if (element.children.length !== 1 || element.children[0]!.type !== 'paragraph') {
        authors = undefined;
        break;
      }
      authors.push((element.children[0] as RstElement).children);
    }
    if (authors && authors.length === 0) authors = undefined;
  } else if (body.children.length > 1) {
    if (body.children.every((c) => c.type === 'paragraph' || c.type === 'comment')) {
      authors = body.children.filter((c) => c.type !== 'comment').map((c) => (c as RstElement).children);
    }
  }
  const authorNodes = (authors ?? []).filter((a) => a.length > 0).map((a) => element('author', {}, a, field.position));
  if (authorNodes.length === 0) {
    body.children.push(
      run.message(
        Level.WARNING,
        `Bibliographic field "${name}" incompatible with extraction: it must contain either a single paragraph (with authors separated by one of "${separators.join('')}"), multiple paragraphs (one per author), or a bullet list with one paragraph (one author) per item.`,
        { base: field },
      ),
    );
    throw new NotBibliographic();
  }
  return element('authors', {}, authorNodes, field.position);
}
