// State shared by the transforms of one run: the messages they make, the
// reference registries (re-read from the tree, which is the single source of
// truth after earlier transforms moved things), and the raw source text of a
// node for `problematic` replacements.

import type { Document } from '../document.js';
import { normalizeName } from '../names.js';
import { listAttribute, toText, type RstElement, type RstNode } from '../nodes.js';
import type { Level } from '../reporter.js';
import { elements } from './tree.js';
import { transformOptions, type TransformOptions } from './options.js';

export interface TransformMessageOptions {
  /** The node the message is about (its line is used). */
  base?: RstElement;
  line?: number;
  children?: RstNode[];
}

export class TransformRun {
  /** Messages made by transforms, in order; those not placed in the tree go to the end (Messages transform). */
  readonly messages: RstElement[] = [];

  constructor(
    readonly document: Document,
    /** The text the document was parsed from, to recover the raw text of a reference. */
    readonly sourceText?: string,
    readonly options: TransformOptions = transformOptions(),
  ) {
    this.syncIds();
  }

  /**
   * Make sure `document.ids` and `document.nameIds` know every id and name
   * present in the tree. A tree that did not come from our parser (a test
   * tree, a cached tree) has them only as attributes.
   */
  syncIds(): void {
    const { ids, nameIds } = this.document;
    const dupnames = new Set<string>();
    for (const { node } of elements(this.document.root)) {
      for (const id of listOf(node, 'ids')) if (!ids.has(id)) ids.set(id, node);
      const firstId = listOf(node, 'ids')[0];
      for (const name of listOf(node, 'names')) {
        const key = normalizeName(name);
        if (!nameIds.has(key) && firstId) nameIds.set(key, firstId);
      }
      for (const name of listOf(node, 'dupnames')) dupnames.add(normalizeName(name));
    }
    for (const name of dupnames) if (!nameIds.has(name)) nameIds.set(name, null);
  }

  /** refname → nodes that refer by that name (references, footnote/citation references, named indirect targets). */
  refnames(): Map<string, RstElement[]> {
    const map = new Map<string, RstElement[]>();
    for (const { node } of elements(this.document.root)) {
      const refname = node.attributes.refname;
      if (typeof refname !== 'string' || node.type === 'substitution_reference') continue;
      if (node.type === 'target' && listOf(node, 'names').length === 0) continue;
      const key = normalizeName(refname);
      const list = map.get(key);
      if (list) list.push(node);
      else map.set(key, [node]);
    }
    return map;
  }

  /** refid → nodes that refer to that id. */
  refids(): Map<string, RstElement[]> {
    const map = new Map<string, RstElement[]>();
    for (const { node } of elements(this.document.root)) {
      const refid = node.attributes.refid;
      if (typeof refid !== 'string') continue;
      const list = map.get(refid);
      if (list) list.push(node);
      else map.set(refid, [node]);
    }
    return map;
  }

  /** Make a system message for a transform-time problem. */
  message(level: Level, text: string, options: TransformMessageOptions = {}): RstElement {
    const base = options.base;
    const line = options.line ?? base?.position?.start.line;
    const column = base?.position?.start.column;
    const source = typeof base?.data?.source === 'string' ? base.data.source : undefined;
    const node = this.document.reporter.systemMessage(level, text, {
      line,
      column,
      source,
      children: options.children,
    });
    if (base?.position) node.position = base.position;
    this.messages.push(node);
    return node;
  }

  /**
   * The text a node was written as (`name_`, `[#]_`, `|sub|`): docutils'
   * rawsource. Parsers may store it in `data.rawsource`; otherwise it is cut
   * from the source by the node's offsets; the text content is the last resort.
   */
  rawsource(node: RstElement): string {
    const stored = node.data?.rawsource;
    if (typeof stored === 'string') return stored;
    const position = node.position;
    if (
      this.sourceText !== undefined &&
      position &&
      position.start.offset >= 0 &&
      position.end.offset > position.start.offset &&
      node.data?.source === undefined
    ) {
      return this.sourceText.slice(position.start.offset, position.end.offset);
    }
    return toText(node);
  }

  /**
   * docutils' problematic node: the raw text, linked to the message `msg`
   * (which links back). With `reuseNodeId`, a node that already has an id
   * lends it to the backlink (docutils does this for dangling references).
   */
  problematic(node: RstElement, msg: RstElement, reuseNodeId = false): RstElement {
    const raw = this.rawsource(node);
    const msgId = this.document.setId(msg);
    const problematic: RstElement = {
      type: 'problematic',
      attributes: { refid: msgId },
      children: [{ type: 'text', value: raw }],
    };
    if (node.position) problematic.position = node.position;
    const existing = reuseNodeId ? listOf(node, 'ids')[0] : undefined;
    const problematicId = existing ?? this.document.setId(problematic);
    listAttribute(msg, 'backrefs').push(problematicId);
    return problematic;
  }
}

function listOf(node: RstElement, name: string): string[] {
  const value = node.attributes[name];
  return Array.isArray(value) ? value : [];
}
