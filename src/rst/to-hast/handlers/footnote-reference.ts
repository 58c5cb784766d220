// A footnote reference is a bracketed link to its footnote, with the id the
// footnote links back to.

import type { Element } from 'hast';
import type { Handler } from '../state.js';

export const footnoteReference: Handler = (state, node) => {
  const refid = node.attributes.refid;
  const bracket = (value: string): Element =>
    state.patch(node, { type: 'element', tagName: 'span', properties: { className: ['fn-bracket'] }, children: [state.patch(node, { type: 'text', value })] });
  const properties = {
    className: [node.type.replace('_', '-'), 'brackets'],
    role: 'doc-noteref',
    ...(typeof refid === 'string' ? { href: `#${refid}` } : {}),
  };
  return state.element(node, 'a', properties, [bracket('['), ...state.all(node), bracket(']')]);
};
