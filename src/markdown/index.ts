// The Markdown reader: a guide written in Markdown (CommonMark with GFM tables,
// task lists, strikethrough, autolinks and footnotes, and YAML front matter),
// read by remark and turned into the same document tree the RST reader makes
// (docutils' node vocabulary, src/rst/nodes.ts, positions on every node), so
// that captures, claims, translation segments, the HTML step and shiki work on
// it unchanged.
//
//   parseMarkdown(text, options)   → { tree, messages }
//   unified().use(markdownParse)   the same as a unified parser plugin; its
//                                  messages become vfile messages at their place

import type { Processor } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { SEVERITIES } from '../diagnostics.js';
import { parseMdast } from './remark.js';
import { mdastToRst, type MarkdownTree } from './to-rst.js';
import type { MarkdownOptions } from './state.js';

export type { MarkdownOptions } from './state.js';
export type { MarkdownTree } from './to-rst.js';
export { mdastToRst } from './to-rst.js';
export { parseMdast } from './remark.js';

/** Read `text` into a docutils document tree. */
export function parseMarkdown(text: string, options: MarkdownOptions = {}): MarkdownTree {
  return mdastToRst(parseMdast(text), text, options);
}

export interface MarkdownParseOptions extends MarkdownOptions {
  /** Messages below this docutils level stay in the tree only (default 2, WARNING, as for RST). */
  reportLevel?: number;
}

/** unified parser plugin: `unified().use(markdownParse, options)` gives the docutils tree. */
export function markdownParse(this: Processor, options: MarkdownParseOptions = {}): void {
  const parser = (text: string, file: VFile): Node => {
    const sourceName = options.sourceName ?? file.path ?? '<string>';
    const { tree, messages } = parseMarkdown(text, { ...options, sourceName });
    for (const reported of messages) {
      if (reported.level < (options.reportLevel ?? 2)) continue;
      const place = reported.line !== undefined ? { line: reported.line, column: reported.column ?? 1 } : undefined;
      const message = file.message(reported.message, { place, source: 'markdown', ruleId: SEVERITIES[reported.level] });
      message.fatal = reported.level >= 3 ? true : reported.level === 2 ? false : undefined;
    }
    return tree as unknown as Node;
  };
  (this as unknown as { parser: typeof parser }).parser = parser;
}
export { parseMarkdownInline, definitionsOf, type MarkdownInline } from './inline.js';
