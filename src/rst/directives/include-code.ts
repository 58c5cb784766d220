// `include` with `:code: [language]`: the included lines become a code block,
// as docutils hands them to its CodeBlock directive (classes `code <language>`,
// the `source` attribute naming the included file, optional line numbers).

import { element, text, type RstNode } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';
import { addName, assertHasContent, classesOf } from './helpers.js';
import { numberedLines, numberLinesStart } from './number-lines.js';
import type { DirectiveCall } from './types.js';

export function codeBlockFromInclude(call: DirectiveCall, lines: SourceLine[], source: string): RstNode[] {
  const language = String(call.options.code ?? '').trim();
  const content = { ...call, content: lines };
  assertHasContent(content);
  const classes = ['code', ...(language ? [language] : []), ...classesOf(call)];
  const value = lines.map((line) => line.text).join('\n');
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const block = element('literal_block', { classes, source, 'xml:space': 'preserve' }, [], {
    start: { line: first.line, column: first.column, offset: first.offset },
    end: { line: last.line, column: last.column + last.text.length, offset: last.offset + last.text.length },
  });
  addName(call, block);
  if ('number-lines' in call.options) {
    const start = numberLinesStart(call);
    block.children.push(...numberedLines(value, start, start + lines.length));
  } else {
    block.children.push(text(value));
  }
  return [block];
}
