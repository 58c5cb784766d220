// Admonitions (note, warning, tip …) are `<aside class="admonition note">`
// starting with their label (in the document's language, state.labels) as
// `<p class="admonition-title">`; the generic
// `admonition` directive brings its own title.

import type { Element } from 'hast';
import type { Handler } from '../state.js';

export const admonition: Handler = (state, node) => {
  const children = state.all(node);
  if (node.type === 'admonition') return state.element(node, 'aside', { className: ['admonition'] }, children);
  const label = state.labels[node.type] ?? node.type;
  const heading: Element = state.patch(node, {
    type: 'element',
    tagName: 'p',
    properties: { className: ['admonition-title'] },
    children: [state.patch(node, { type: 'text', value: label })],
  });
  return state.element(node, 'aside', { className: ['admonition', node.type] }, [heading, ...children]);
};
