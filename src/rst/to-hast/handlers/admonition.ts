// Admonitions (note, warning, tip …) are `<aside class="admonition note">`
// starting with their label as `<p class="admonition-title">`; the generic
// `admonition` directive brings its own title.

import type { Element } from 'hast';
import type { Handler } from '../state.js';

export const ADMONITION_LABELS: Record<string, string> = {
  attention: 'Attention!',
  caution: 'Caution!',
  danger: '!DANGER!',
  error: 'Error',
  hint: 'Hint',
  important: 'Important',
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
};

export const admonition: Handler = (state, node) => {
  const children = state.all(node);
  if (node.type === 'admonition') return state.element(node, 'aside', { className: ['admonition'] }, children);
  const label = state.labels[node.type] ?? ADMONITION_LABELS[node.type] ?? node.type;
  const heading: Element = state.patch(node, {
    type: 'element',
    tagName: 'p',
    properties: { className: ['admonition-title'] },
    children: [state.patch(node, { type: 'text', value: label })],
  });
  return state.element(node, 'aside', { className: ['admonition', node.type] }, [heading, ...children]);
};
