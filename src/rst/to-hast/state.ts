// The state shared by all rst → hast handlers (the mdast-util-to-hast
// pattern): `state.all(node)` converts children, `state.patch(from, to)` keeps
// the source position on every hast node. Deep trees do not overflow the
// stack: past a nesting limit, `all` leaves a placeholder and the subtree is
// converted later from a fresh stack (see index.ts).

import type { Element, ElementContent, Properties, Text } from 'hast';
import { isElement, type RstElement, type RstNode } from '../nodes.js';

export type Handler = (state: State, node: RstElement, parent: RstElement | undefined) => ElementContent | ElementContent[] | undefined;

export interface ToHastOptions {
  /** Pass `raw` nodes with format html through (as hast `raw`); off by default. */
  allowRaw?: boolean;
  /** Extra or replacement handlers by rst node type. */
  handlers?: Record<string, Handler>;
  /**
   * The document's language (docutils' language_code): admonition titles and
   * docinfo labels come from its language module (src/rst/languages). English by default.
   */
  languageCode?: string;
  /** Label texts that replace the language module's (admonitions, docinfo fields). */
  labels?: Record<string, string>;
  /**
   * What to show instead of `image` nodes whose file is missing (found by
   * rstRehype's image check): the site puts the topology diagram it drew there.
   */
  imageReplacements?: Map<RstElement, ElementContent>;
}

/** What a handler may need to know about where it is. */
export interface Context {
  /** Section nesting: 0 at document level. */
  sectionDepth: number;
  /** Heading offset: 1 when the document has a title (its sections start at h2). */
  headingOffset: number;
  /** Inside a table head (cells are <th>). */
  inHead?: boolean;
  /** Per column of the table group being converted: is it a stub (row-header) column? */
  stubs?: boolean[];
  /** Items of the list being converted hold their paragraph text directly. */
  compact?: boolean;
}

export interface Deferred {
  node: RstElement;
  placeholder: Element;
  context: Context;
}

/** Nesting of `all` calls after which a subtree is deferred to a fresh stack. */
const MAX_DEPTH = 400;

export class State {
  context: Context = { sectionDepth: 0, headingOffset: 0 };
  readonly deferred: Deferred[] = [];
  /** Problems met while converting (unknown node types …), for the caller to report. */
  readonly warnings: Array<{ message: string; node: RstNode; ruleId?: string }> = [];
  private depth = 0;

  constructor(
    readonly handlers: Record<string, Handler>,
    readonly options: ToHastOptions,
    readonly labels: Record<string, string>,
  ) {}

  /** Convert one node. */
  one(node: RstNode, parent: RstElement | undefined): ElementContent[] {
    // Generated text (a label, a number) may have no place of its own: it takes its parent's.
    if (!isElement(node)) return [this.patch(node.position || !parent ? node : parent, { type: 'text', value: node.value } as Text)];
    const handler = this.handlers[node.type];
    if (!handler) {
      this.warnings.push({ message: `No HTML rendering for <${node.type}>; its content is shown as is.`, node });
      return this.all(node);
    }
    const result = handler(this, node, parent);
    if (result === undefined) return [];
    const list = Array.isArray(result) ? result : [result];
    // Nodes made by transforms (a contents list, a messages section) may have no place: use the parent's.
    if (!node.position && parent?.position) for (const made of list) if (!made.position) made.position = structuredClone(parent.position);
    return list;
  }

  /** Convert the children of `node`. */
  all(node: RstElement): ElementContent[] {
    if (this.depth >= MAX_DEPTH) {
      const placeholder: Element = { type: 'element', tagName: 'template', properties: { dataDeferred: '' }, children: [] };
      this.deferred.push({ node, placeholder, context: { ...this.context } });
      return [placeholder];
    }
    this.depth++;
    try {
      const out: ElementContent[] = [];
      for (const child of node.children) out.push(...this.one(child, node));
      return out;
    } finally {
      this.depth--;
    }
  }

  /** Copy the source position of `from` onto `to`. */
  patch<T extends ElementContent>(from: RstNode, to: T): T {
    if (from.position) to.position = structuredClone(from.position);
    return to;
  }

  /**
   * An element with the rst node's position, its first id and its classes; a
   * class `language-xx` is the element's `lang` instead, as docutils' HTML
   * writers make it (a passage in another language than the page's).
   */
  element(from: RstElement, tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
    const props: Properties = { ...properties };
    const ids = from.attributes.ids;
    if (Array.isArray(ids) && ids.length > 0 && props.id === undefined) props.id = ids[0]!;
    const classes = from.attributes.classes;
    if (Array.isArray(classes) && classes.length > 0) {
      const existing = Array.isArray(props.className) ? (props.className as string[]) : [];
      const added: string[] = [];
      for (const c of classes) {
        if (c.startsWith('language-') && c.length > 'language-'.length) {
          if (props.lang === undefined) props.lang = c.slice('language-'.length);
        } else if (!existing.includes(c) && !added.includes(c)) added.push(c);
      }
      if (existing.length > 0 || added.length > 0) props.className = [...existing, ...added];
    }
    const made: Element = { type: 'element', tagName, properties: props, children: [...this.extraIds(from), ...children] };
    return this.patch(from, made);
  }

  /** Empty anchors for every id after the first (docutils writes them the same way). */
  extraIds(from: RstElement): Element[] {
    const ids = from.attributes.ids;
    if (!Array.isArray(ids) || ids.length < 2) return [];
    return ids.slice(1).map((id) => this.patch(from, { type: 'element', tagName: 'span', properties: { id }, children: [] } as Element));
  }

  /** Run `fn` with a modified context. */
  within<T>(change: Partial<Context>, fn: () => T): T {
    const saved = this.context;
    this.context = { ...saved, ...change };
    try {
      return fn();
    } finally {
      this.context = saved;
    }
  }
}

export function text(value: string): Text {
  return { type: 'text', value };
}
