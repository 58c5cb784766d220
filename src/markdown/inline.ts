// A few words of Markdown read as inline content: what a translated segment
// of a Markdown guide becomes (the catalog's msgstr is Markdown, as the msgid
// was). The guide's link definitions may be given, so `[text][label]` in a
// translation finds the guide's `[label]: https://…`. A translation that is
// not one paragraph (it starts with `# `, `- `, `1. `…) keeps its words as
// plain text, with a warning.

import type { LeveledMessage } from '../diagnostics.js';
import { isElement, text, type RstNode } from '../rst/nodes.js';
import { parseMdast } from './remark.js';
import { mdastToRst } from './to-rst.js';
import { WARNING } from './state.js';

export interface MarkdownInline {
  /** The inline nodes (positions relative to `text`). */
  nodes: RstNode[];
  /** Problems in the words (lines count from the first line of `text`). */
  messages: LeveledMessage[];
}

export interface MarkdownInlineOptions {
  /** Named in messages. */
  sourceName?: string;
  /** Link definitions the words may refer to, as Markdown lines (`[label]: url`): see `definitionsOf`. */
  definitions?: string;
}

/** `text` as Markdown inline content. */
export function parseMarkdownInline(text_: string, options: MarkdownInlineOptions = {}): MarkdownInline {
  const value = text_.trim();
  const lines = value.split(/\r\n|\r|\n/).length;
  const source = options.sourceName ?? '<string>';
  const markdown = options.definitions ? `${value}\n\n${options.definitions}\n` : value;
  const { tree, messages } = mdastToRst(parseMdast(markdown), markdown, { sourceName: source });
  const own = messages.filter((m) => m.line === undefined || m.line <= lines);
  const blocks = tree.children.filter((c) => !(isElement(c) && (c.type === 'target' || c.type === 'system_message')));
  const only = blocks[0];
  if (blocks.length === 1 && only && isElement(only) && only.type === 'paragraph') return { nodes: only.children, messages: own };
  if (blocks.length === 0) return { nodes: [], messages: own };
  return {
    nodes: [text(value)],
    messages: [...own, { level: WARNING, message: 'the translation is not one paragraph of Markdown (a heading, list or block marker starts it): its words are shown as plain text', source, line: 1 }],
  };
}

/** The link definitions of a Markdown guide (`[label]: url "title"` lines), as written, for `parseMarkdownInline`. */
export function definitionsOf(markdown: string): string {
  const out: string[] = [];
  const stack = [parseMdast(markdown) as { type: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      out.push(markdown.slice(node.position.start.offset, node.position.end.offset).trim());
    }
    for (const child of node.children ?? []) stack.push(child as typeof node);
  }
  return out.join('\n');
}
