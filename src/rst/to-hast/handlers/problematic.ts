// Problematic text (a reference that could not be resolved …) links to the
// system message that explains it.

import type { Handler } from '../state.js';

export const problematic: Handler = (state, node) => {
  const refid = node.attributes.refid;
  return state.element(node, 'a', { className: ['problematic'], ...(typeof refid === 'string' ? { href: `#${refid}` } : {}) }, state.all(node));
};
