// A code block is docutils' `literal_block`. A fence that names a language is
// marked as docutils' `code` directive marks its block (classes `code <lang>`,
// the language in `data.language`), so the pipeline's shiki step highlights
// it; an unlabelled fence or an indented block is a plain literal block, as
// RST's `::` makes.
//
//   ```console              ← the fence (not part of the block's position)
//   $ ip netns              ← line 1 of the block: position.start
//   qdhcp-…
//   ```
//
// The block's position is that of its text, not of its fences, so output line
// k of a capture is line `start + k - 1` of the guide, as for an RST block.

import type { Code } from 'mdast';
import { element, text, type Position } from '../../rst/nodes.js';
import type { Handler, State } from '../state.js';

export const code: Handler = (state, node: Code) => {
  const language = node.lang ?? undefined;
  const attributes: Record<string, string | string[]> = { 'xml:space': 'preserve' };
  if (language) attributes.classes = ['code', language];
  const position = textPosition(state, node);
  const block = element('literal_block', attributes, [text(node.value, position)], position);
  if (language) block.data = { language, ...(node.meta ? { meta: node.meta } : {}) };
  return block;
};

/** Where the block's text lies: inside the fences, or the indented lines after their indent. */
function textPosition(state: State, node: Code): Position | undefined {
  const whole = state.position(node);
  if (!whole) return undefined;
  const lines = node.value === '' ? [] : node.value.split(/\r\n|\r|\n/);
  if (lines.length === 0) return whole;
  const first = state.markdown.slice(whole.start.offset, whole.start.offset + 3);
  const fenced = first === '```' || first === '~~~';
  const line = fenced ? whole.start.line + 1 : whole.start.line;
  const column = fenced ? whole.start.column : whole.start.column + 4;
  const last = lines[lines.length - 1]!;
  return {
    start: state.pointAtLine(line, column),
    end: state.pointAtLine(line + lines.length - 1, column + last.length),
  };
}
