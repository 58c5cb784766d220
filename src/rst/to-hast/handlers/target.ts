// Targets are invisible, except that one which is not a link itself (an
// inline `` _`target` `` or a block target nothing took the id from) leaves a
// `<span class="target" id>` so links to it land in the right place.

import type { Handler } from '../state.js';

export const target: Handler = (state, node) => {
  const { refuri, refid, refname } = node.attributes;
  if (refuri !== undefined || refid !== undefined || refname !== undefined) return state.all(node);
  const ids = node.attributes.ids;
  if (!Array.isArray(ids) || ids.length === 0) return state.all(node);
  return state.element(node, 'span', { className: ['target'] }, state.all(node));
};
