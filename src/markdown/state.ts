// The state shared by the mdast → docutils handlers (as mdast-util-to-hast's
// `state`): the handler table, `one`/`all` to convert children, `element` and
// `text` to make nodes with the position of the mdast node they come from, the
// id and name registry, the link definitions, and the system messages a handler leaves (inline ones
// wait in `pending` until the block that holds them is done, where docutils
// puts them).

import type { Definition, FootnoteDefinition, Nodes, Parents } from 'mdast';
import type { Position as UnistPosition } from 'unist';
import type { LeveledMessage } from '../diagnostics.js';
import { element, text, type Position, type RstElement, type RstNode } from '../rst/nodes.js';
import { NameRegistry } from './names.js';

/** A handler turns one mdast node into docutils nodes (none, one or several). */
export type Handler = (state: State, node: any, parent: Parents | undefined) => RstNode | RstNode[] | undefined;

export type Handlers = Record<string, Handler>;

export interface MarkdownOptions {
  /** The source's name, written as the document's `source` and in messages. */
  sourceName?: string;
  /** Replace or add handlers (by mdast node type). */
  handlers?: Handlers;
}

/**
 * Below this depth a container's children are converted later, each from a
 * fresh stack (a placeholder holds their place): a guide may nest block
 * quotes, lists or emphasis thousands deep, and no handler recursion may
 * overflow the call stack.
 */
const DEFER_DEPTH = 300;
/** The placeholder's type (never left in a finished tree). */
export const DEFERRED = '#deferred';

/** docutils' message levels. */
export const INFO = 1;
export const WARNING = 2;
export const ERROR = 3;
const LEVEL_NAMES = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'SEVERE'];

export class State {
  readonly source: string;
  readonly names: NameRegistry;
  /** Link and image definitions by normalized identifier (the first of each wins, as in CommonMark). */
  readonly definitions = new Map<string, Definition>();
  /** Footnote definitions by identifier (the first of each). */
  readonly footnoteDefinitions = new Map<string, FootnoteDefinition>();
  /** GFM's footnote numbers: the order notes are first called in, then the uncalled ones. */
  readonly footnoteNumbers = new Map<string, number>();
  /** The front matter's title (the document's `title` metadata) and its whole mapping. */
  title: string | undefined;
  frontMatter: Record<string, unknown> | undefined;
  /** Every message made, for the person running the build. */
  readonly messages: LeveledMessage[] = [];
  /** system_message nodes from inline content, placed after the block that holds it. */
  pending: RstElement[] = [];
  /** Subtrees left for later at DEFER_DEPTH: the node, its parent and its placeholder. */
  readonly deferred: { node: Nodes; parent: Parents; placeholder: RstElement }[] = [];
  private depth = 0;
  private readonly lineStarts: number[];

  constructor(
    readonly handlers: Handlers,
    /** The Markdown source. */
    readonly markdown: string,
    options: MarkdownOptions,
  ) {
    this.source = options.sourceName ?? '<string>';
    this.names = new NameRegistry(this);
    this.lineStarts = [0];
    for (let i = 0; i < markdown.length; i++) {
      const c = markdown.charCodeAt(i);
      if (c === 10 || (c === 13 && markdown.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  /** Convert one node with its handler; an unknown type is reported and its text kept. */
  one(node: Nodes, parent: Parents | undefined): RstNode[] {
    const handler = this.handlers[node.type];
    if (!handler) return this.unknown(node);
    this.depth++;
    try {
      const result = handler(this, node, parent);
      return result === undefined ? [] : Array.isArray(result) ? result : [result];
    } finally {
      this.depth--;
    }
  }

  /** Convert every child of `parent`, in order (deep down, a placeholder for each, see DEFER_DEPTH). */
  all(parent: Parents): RstNode[] {
    const out: RstNode[] = [];
    for (const child of parent.children) {
      if (this.depth >= DEFER_DEPTH && child.type !== 'paragraph') {
        const placeholder = element(DEFERRED, {}, [], this.position(child));
        this.deferred.push({ node: child as Nodes, parent, placeholder });
        out.push(placeholder);
      } else {
        out.push(...this.one(child as Nodes, parent));
      }
    }
    return out;
  }

  /** Convert the deferred subtrees (which may defer again), each from a fresh stack, into their placeholders. */
  convertDeferred(): void {
    for (let i = 0; i < this.deferred.length; i++) {
      const { node, parent, placeholder } = this.deferred[i]!;
      placeholder.children = this.one(node, parent);
    }
  }

  /** An element with the position of `from`. */
  element(from: Nodes | undefined, type: string, attributes: RstElement['attributes'] = {}, children: RstNode[] = []): RstElement {
    return element(type, attributes, children, from ? this.position(from) : undefined);
  }

  /** A text node with the position of `from`. */
  text(value: string, from?: Nodes): RstNode {
    return text(value, from ? this.position(from) : undefined);
  }

  /** A copy of the node's position (each tree owns its own objects). */
  position(node: { position?: UnistPosition | undefined }): Position | undefined {
    const p = node.position;
    if (!p) return undefined;
    return { start: { ...p.start, offset: p.start.offset ?? -1 }, end: { ...p.end, offset: p.end.offset ?? -1 } };
  }

  /** The point at a 0-based offset of the source. */
  pointAt(offset: number): Position['start'] {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1, offset };
  }

  /** The point at a 1-based line and column (clamped to the source). */
  pointAtLine(line: number, column: number): Position['start'] {
    const index = Math.max(0, Math.min(line - 1, this.lineStarts.length - 1));
    return { line: index + 1, column, offset: Math.min(this.markdown.length, this.lineStarts[index]! + column - 1) };
  }

  /** The source text of a node, as written. */
  slice(node: Nodes): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : this.markdown.slice(start, end);
  }

  /**
   * A docutils system_message (level, type, source, line) holding the message
   * paragraph and `children` (usually a literal block of the offending text).
   */
  systemMessage(level: number, message: string, at: Nodes | Position | undefined, children: RstNode[] = [], backrefs: string[] = []): RstElement {
    const position = at === undefined ? undefined : 'type' in at ? this.position(at) : at;
    const line = position?.start.line;
    const attributes: RstElement['attributes'] = { level, type: LEVEL_NAMES[level]!, source: this.source };
    if (line !== undefined) attributes.line = line;
    if (backrefs.length > 0) attributes.backrefs = backrefs;
    const node = element('system_message', attributes, [element('paragraph', {}, [text(message, position)], position), ...children], position);
    this.messages.push({ level, message, source: this.source, ...(line !== undefined ? { line, column: position!.start.column } : {}) });
    return node;
  }

  /** The messages inline content left, to place after the block that holds it. */
  takePending(): RstElement[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private unknown(node: Nodes): RstNode[] {
    const value = 'value' in node && typeof node.value === 'string' ? node.value : this.slice(node);
    const block = this.element(node, 'literal_block', { 'xml:space': 'preserve' }, [this.text(value, node)]);
    return [this.systemMessage(WARNING, `Markdown node "${node.type}" is not supported; its text is kept as a literal block.`, node, [block])];
  }
}
