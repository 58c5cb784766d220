// One line of a line block is a `<div class="line">`; an empty line keeps its
// height with a `<br>`. Nested line blocks (indented lines) nest their divs.

import type { Handler } from '../state.js';

export const line: Handler = (state, node) => {
  const children = state.all(node);
  if (children.length === 0) children.push({ type: 'element', tagName: 'br', properties: {}, children: [] });
  return state.element(node, 'div', { className: ['line'] }, children);
};
